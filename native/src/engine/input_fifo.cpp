#include "engine/input_fifo.hpp"

#include <algorithm>
#include <cstring>

namespace stretchcore::engine {

void InputFifo::configure(int channels, std::ptrdiff_t capacity) {
    channels_ = channels;
    capacity_ = static_cast<std::size_t>(capacity);
    data_.resize(static_cast<std::size_t>(channels) * capacity_);
    reset();
}

void InputFifo::reset() noexcept {
    base_ = 0;
    end_ = 0;
}

void InputFifo::make_room(std::ptrdiff_t frames, std::int64_t keep_from) noexcept {
    const auto capacity = static_cast<std::int64_t>(capacity_);
    const std::int64_t used = end_ - base_;
    if (used + frames <= capacity) return;
    keep_from = std::min(keep_from, end_);
    keep_from = std::max(keep_from, end_ + frames - capacity);
    keep_from = std::max(keep_from, base_);
    const std::int64_t shift = keep_from - base_;
    if (shift <= 0) return;
    const auto keep = static_cast<std::size_t>(used - shift);
    for (int c = 0; c < channels_; ++c) {
        float* data = data_.data() + static_cast<std::size_t>(c) * capacity_;
        std::memmove(data, data + shift, keep * sizeof(float));
    }
    base_ = keep_from;
}

void InputFifo::read(int channel, std::int64_t position, std::ptrdiff_t length, float* out) const noexcept {
    const std::int64_t first = std::max(position, base_) - position;
    const std::int64_t last = std::min<std::int64_t>(position + length, end_) - position;
    std::fill(out, out + length, 0.0f);
    if (last > first) {
        const float* source = data_.data() + static_cast<std::size_t>(channel) * capacity_ +
                              static_cast<std::size_t>(position - base_ + first);
        std::memcpy(out + first, source, static_cast<std::size_t>(last - first) * sizeof(float));
    }
}

}  // namespace stretchcore::engine
