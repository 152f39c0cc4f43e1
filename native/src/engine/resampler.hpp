// Band-limited reading of a signal at fractional positions and any step: a Kaiser-windowed
// sinc whose cutoff follows the step, so reading faster than one sample per sample
// (transposing up) filters out what would alias. For the current step the kernel is laid
// out as a bank of fractional phases; a read blends the two nearest phases, a loop the
// compiler vectorises.
#pragma once

#include <cstddef>
#include <vector>

#include "dsp/isa.hpp"
#include "dsp/kernels.hpp"

namespace stretchcore::engine {

class Resampler {
public:
    /// Samples past the kernel a read touches (with weight zero): the taps are padded to
    /// whole blocks of dsp::kDotLanes.
    static constexpr int kReadPastEnd = dsp::kDotLanes;

    /// zero_crossings: half-width of the kernel in zero crossings of the sinc (quality).
    /// max_step: the largest step that will be used (sets the widest kernel). Allocates.
    void configure(int zero_crossings, double max_step, dsp::Isa isa = dsp::select_isa());

    /// Lays out the kernel bank for reading with the given step (input samples per output
    /// sample), step <= max_step. Bounded work, no allocation.
    void set_step(double step) noexcept;

    /// Half-width of the kernel in input samples at the current step.
    int half_width() const noexcept { return half_width_; }
    /// Half-width at the largest step: the most look-ahead reading ever needs.
    int max_half_width() const noexcept { return max_half_width_; }

    /// Reads `channels` planar channels, `stride` samples apart from data, at `position`
    /// (in samples from data) into frame[0 .. channels - 1]. The samples
    /// position - half_width() .. position + half_width() + kReadPastEnd must exist and be
    /// finite (those past position + half_width() + 1 get weight zero). Never allocates.
    void read(const float* data, std::size_t stride, int channels, double position, float* frame) noexcept;

private:
    float table_at(double x) const noexcept;

    std::vector<float> table_;  // kernel(x) for x = 0, 1/kResolution, ... zero_crossings
    std::vector<float> bank_;   // (kPhases + 1) rows of 2 * half_width_ taps
    std::vector<float> taps_;   // the weights of one read
    const dsp::Kernels* kernels_ = nullptr;
    int zero_crossings_ = 16;
    double scale_ = 1.0;  // cutoff as a fraction of the input Nyquist frequency
    int half_width_ = 16;
    int row_taps_ = 32;  // taps per bank row: 2 * half_width_ padded with zeros
    int max_half_width_ = 16;
};

}  // namespace stretchcore::engine
