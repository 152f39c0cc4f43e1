#include "engine/transient_detector.hpp"

#include <algorithm>
#include <cmath>

namespace stretchcore::engine {

namespace {
// A block must be this much louder (about 9 dB) than the recent average to be an onset.
constexpr double kRiseFactor = 8.0;
// Below this block energy nothing counts, so dither and denormals never trigger.
constexpr double kEnergyFloor = 1e-9;
}  // namespace

void TransientDetector::configure(int channels, double sample_rate) noexcept {
    channels_ = channels;
    block_ = std::max(16, static_cast<int>(std::lround(sample_rate * 0.0015)));
    refractory_ = static_cast<int>(std::lround(sample_rate * 0.05));
    reset();
}

void TransientDetector::reset() noexcept {
    previous_.fill(0.0f);
    block_energy_ = 0.0;
    sharpest_value_ = 0.0;
    sharpest_position_ = 0;
    in_block_ = 0;
    history_.fill(0.0);
    history_next_ = 0;
    last_onset_ = INT64_MIN / 2;
    head_ = 0;
    count_ = 0;
}

void TransientDetector::push(const float* frame, std::int64_t position) noexcept {
    double difference_energy = 0.0;
    for (int c = 0; c < channels_; ++c) {
        const auto channel = static_cast<std::size_t>(c);
        const double d = static_cast<double>(frame[c]) - static_cast<double>(previous_[channel]);
        previous_[channel] = frame[c];
        difference_energy += d * d;
    }
    block_energy_ += difference_energy;
    if (difference_energy > sharpest_value_) {
        sharpest_value_ = difference_energy;
        sharpest_position_ = position;
    }
    if (++in_block_ < block_) return;

    double background = 0.0;
    for (double e : history_) background += e;
    background /= kHistory;

    const bool loud = block_energy_ > kEnergyFloor * block_;
    const bool rising = block_energy_ > kRiseFactor * background;
    const bool rested = sharpest_position_ - last_onset_ >= refractory_;
    if (loud && rising && rested && count_ < kQueue) {
        onsets_[static_cast<std::size_t>((head_ + count_) % kQueue)] = sharpest_position_;
        ++count_;
        last_onset_ = sharpest_position_;
    }

    history_[static_cast<std::size_t>(history_next_)] = block_energy_;
    history_next_ = (history_next_ + 1) % kHistory;
    block_energy_ = 0.0;
    sharpest_value_ = 0.0;
    in_block_ = 0;
}

void TransientDetector::pop() noexcept {
    if (count_ == 0) return;
    head_ = (head_ + 1) % kQueue;
    --count_;
}

}  // namespace stretchcore::engine
