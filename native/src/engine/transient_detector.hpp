// Finds onsets (clicks, drum hits, note attacks) in the input, sample by sample, so the
// result does not depend on how the input was cut into blocks.
//
// It watches the energy of the first difference (a cheap high-pass) summed over channels,
// in blocks of about 1.5 ms; a block far louder than the few blocks before it is an onset,
// placed at its sharpest sample.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include <stretch/stretch.h>

namespace stretchcore::engine {

class TransientDetector {
public:
    void configure(int channels, double sample_rate) noexcept;
    void reset() noexcept;

    /// Frames of input past an onset that must be pushed before it is reported.
    int reporting_delay() const noexcept { return block_; }

    /// Feeds one frame (channels samples) at absolute input position `position`.
    void push(const float* frame, std::int64_t position) noexcept;

    /// Oldest onset not yet taken, or -1.
    std::int64_t peek() const noexcept { return count_ > 0 ? onsets_[static_cast<std::size_t>(head_)] : -1; }
    void pop() noexcept;

private:
    static constexpr int kHistory = 16;
    static constexpr int kQueue = 64;

    int channels_ = 1;
    int block_ = 64;
    int refractory_ = 2205;
    std::array<float, STRETCH_MAX_CHANNELS> previous_{};
    double block_energy_ = 0.0;
    double sharpest_value_ = 0.0;
    std::int64_t sharpest_position_ = 0;
    int in_block_ = 0;
    std::array<double, kHistory> history_{};
    int history_next_ = 0;
    std::int64_t last_onset_ = INT64_MIN / 2;
    std::array<std::int64_t, kQueue> onsets_{};
    int head_ = 0;
    int count_ = 0;
};

}  // namespace stretchcore::engine
