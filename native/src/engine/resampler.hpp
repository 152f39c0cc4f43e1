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
    /// frame_size: with a frame size > 0, set_step also lays out the passband correction for
    /// the bins of frames of that many samples (correct()).
    void configure(int zero_crossings, double max_step, dsp::Isa isa = dsp::select_isa(), int frame_size = 0);

    /// Lays out the kernel bank for reading with the given step (input samples per output
    /// sample), step <= max_step. Bounded work, no allocation.
    void set_step(double step) noexcept;
    /// The step the kernel bank is laid out for.
    double step() const noexcept { return step_; }

    /// Whether correct() changes anything: with a frame size, at any step but 1 (reads on the
    /// sample grid at step 1 need no kernel).
    bool corrects() const noexcept { return frame_size_ > 0 && step_ != 1.0; }
    /// Scales the bins of a spectrum of the configured frame size by the inverse of the kernel's
    /// response at their frequencies, where the kernel keeps at least half of it (no bin is raised
    /// by more than 6 dB; the cutoff stays where it is). A spectrum read through the kernel after
    /// that has a flat passband: the kernel's transition band, several kHz wide, otherwise tilts
    /// the top of a transposed signal (and with it, how much each bin weighs in a band measure,
    /// such as a third octave's coherence). The response is laid out by set_step over the band
    /// where it falls, and read between its points linearly.
    /// `channels` spectra, the next `stride` floats after the previous.
    void correct(float* re, float* im, std::size_t stride, int channels) const noexcept;

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
    void update_correction() noexcept;
    double response(double f) const noexcept;

    std::vector<float> table_;  // kernel(x) for x = 0, 1/kResolution, ... zero_crossings
    std::vector<float> bank_;   // (kPhases + 1) rows of 2 * half_width_ taps
    std::vector<float> taps_;   // the weights of one read
    // The inverse response at kCorrectionPoints + 1 frequencies from correction_from_ to
    // correction_to_ (cycles per sample), and the bins of the frame it covers.
    std::vector<float> correction_;
    double correction_from_ = 0.0;
    double correction_to_ = 0.0;
    int frame_size_ = 0;
    int first_corrected_ = 0;
    int end_corrected_ = 0;
    float first_point_ = 0.0f;     // where bin first_corrected_ falls among the points
    float points_per_bin_ = 0.0f;
    double step_ = 1.0;
    const dsp::Kernels* kernels_ = nullptr;
    int zero_crossings_ = 16;
    double scale_ = 1.0;  // cutoff as a fraction of the input Nyquist frequency
    int half_width_ = 16;
    int row_taps_ = 32;  // taps per bank row: 2 * half_width_ padded with zeros
    int max_half_width_ = 16;
};

}  // namespace stretchcore::engine
