// The input the analysis frames are read from: one planar buffer per channel holding a sliding
// range [base, end) of the stream's absolute frame positions. Frames are appended at the end
// and dropped from the front only when room is needed, so a frame read never depends on how
// the caller cut the input into blocks.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace stretchcore::engine {

class InputFifo {
public:
    /// Takes the memory for `capacity` frames of each channel.
    void configure(int channels, std::ptrdiff_t capacity);
    /// Empties the FIFO; the next frame appended is stream position 0. The buffers keep their
    /// old samples: nothing outside [base, end) is ever read.
    void reset() noexcept;

    std::int64_t base() const noexcept { return base_; }
    std::int64_t end() const noexcept { return end_; }

    /// Makes room to append `frames` frames, dropping at most the frames before `keep_from`.
    void make_room(std::ptrdiff_t frames, std::int64_t keep_from) noexcept;
    /// Where frame end() + i of channel c goes; valid for i below the room just made.
    float* write_position(int channel) noexcept {
        return data_.data() + static_cast<std::size_t>(channel) * capacity_ + static_cast<std::size_t>(end_ - base_);
    }
    /// Makes `frames` frames written through write_position part of the FIFO.
    void commit(std::ptrdiff_t frames) noexcept { end_ += frames; }

    /// Copies channel c's frames [position, position + length) to out; frames outside
    /// [base, end) read as silence.
    void read(int channel, std::int64_t position, std::ptrdiff_t length, float* out) const noexcept;
    /// Channel c's frames [position, position + length) in place when the FIFO holds all of
    /// them (no copy), else nullptr. Valid until the next make_room.
    const float* span(int channel, std::int64_t position, std::ptrdiff_t length) const noexcept {
        if (position < base_ || position + length > end_) return nullptr;
        return data_.data() + static_cast<std::size_t>(channel) * capacity_ + static_cast<std::size_t>(position - base_);
    }

private:
    std::vector<float> data_;   // channels x capacity_
    std::size_t capacity_ = 0;  // frames per channel
    int channels_ = 0;
    std::int64_t base_ = 0;  // stream position of each channel's first slot
    std::int64_t end_ = 0;   // stream position one past the last frame held
};

}  // namespace stretchcore::engine
