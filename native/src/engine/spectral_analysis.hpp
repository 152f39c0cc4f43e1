// Analysis of one frame: each channel's spectrum, Hann-windowed in the frequency domain, and
// the reference spectrum that drives the phase of every channel, with reassignment estimates
// of the frequency of its peaks.
//
// A stereo pair's reference is x + w y, with w steering y towards x's phase by the pair's
// coherence and mean phase difference per bin, smoothed over frames (kernels.hpp,
// steering_weight): content that differs in sign between the channels — wide or anti-phase
// recordings — drives the phases as much as the content they share, where a plain sum would
// cancel it and leave its peaks to the phases of whatever is in the middle. The same statistics
// give each bin's minor part (what the pair's principal direction leaves out), which
// restore_decorrelated() raises in phase-locked frames.
//
// The window is applied as 0.5 X[k] - 0.25 (X[k-1] + X[k+1]), so the unwindowed spectrum X is
// at hand too: the spectrum under the derivative of the Hann window comes from it for free,
// and with it each peak's instantaneous frequency (reassignment), which needs no previous
// frame and so holds for any analysis hop.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "dsp/fft.hpp"
#include "dsp/isa.hpp"
#include "dsp/kernels.hpp"
#include "engine/input_fifo.hpp"

namespace stretchcore::engine {

class SpectralAnalysis {
public:
    /// Takes the memory for frames of `size` samples (an FFT size) and `channels` channels;
    /// `restore_decorrelated` turns restore_decorrelated() on.
    void configure(int channels, int size, dsp::Isa isa = dsp::select_isa(), bool restore_decorrelated = false);
    /// Forgets the statistics of the frames analysed so far (a new stream).
    void reset() noexcept;

    /// Analyses the frame of input positions [position, position + size); `fft` has the
    /// configured size.
    void analyse(const InputFifo& input, std::int64_t position, dsp::RealFft& fft) noexcept;
    /// Whether the next frames are analysed with the compact window (Hann squared, 0.7 of Hann's
    /// length between its half-power points) instead of Hann: a voice's harmonics glide less within
    /// it. Its product with the Hann synthesis window overlap-adds to kCompactScale less than
    /// Hann x Hann at 4 frames per sample (1.25 against 1.5), which kCompactScale makes up.
    void set_compact(bool compact) noexcept { compact_ = compact; }
    bool compact() const noexcept { return compact_; }
    static constexpr float kCompactScale = 1.2f;

    /// For a channel pair configured so (nothing otherwise): raises each bin's minor part, the
    /// content that the pair's principal direction leaves out, which the shared rotation does not
    /// track and which the overlap-add of phase-locked frames therefore loses more of than the
    /// rest (kernels.hpp, widen_pair). For frames whose phases were locked, after lock().
    void restore_decorrelated() noexcept;

    int bins() const noexcept { return bins_; }
    /// Radians per sample between neighbouring bins.
    double bin_width() const noexcept { return bin_width_; }

    /// Channel c's windowed spectrum (bins() floats after channel c - 1's).
    const float* windowed_re(int channel) const noexcept { return win_re_.data() + offset(channel); }
    const float* windowed_im(int channel) const noexcept { return win_im_.data() + offset(channel); }
    /// The same, to shape before synthesis (after the frame's phases are locked).
    float* windowed_re(int channel) noexcept { return win_re_.data() + offset(channel); }
    float* windowed_im(int channel) noexcept { return win_im_.data() + offset(channel); }

    /// The reference spectrum: the sum of the channels' windowed spectra (for two channels, the
    /// steered sum), or, in a bin where they cancel, the loudest channel's. Its power is
    /// precomputed.
    const float* reference_re() const noexcept { return ref_re_.data(); }
    const float* reference_im() const noexcept { return ref_im_.data(); }
    const float* power() const noexcept { return power_.data(); }

    /// Deviation of bin k's instantaneous frequency from the bin centre, in radians per
    /// sample, within two bin widths either way. Meant for peaks: power()[k] must be
    /// non-zero and 1 <= k < bins() - 1.
    double frequency_deviation(std::size_t k) const noexcept;

    /// Scratch memory for synthesis, valid until the next analyse(): a frame of size floats and
    /// two spectra of bins() floats. It is the unwindowed spectrum of channel 0 and the frame
    /// read buffer, which nothing reads once the frame's phases are locked.
    float* scratch_frame() noexcept { return frame_.data(); }
    float* scratch_re() noexcept { return raw_re_.data(); }
    float* scratch_im() noexcept { return raw_im_.data(); }

private:
    static void compact_spectrum(const float* xr, const float* xi, float* wr, float* wi, std::size_t bins) noexcept;
    std::size_t offset(int channel) const noexcept {
        return static_cast<std::size_t>(channel) * static_cast<std::size_t>(bins_);
    }

    const dsp::Kernels* kernels_ = nullptr;
    int channels_ = 0;
    int size_ = 0;
    int bins_ = 0;
    bool restore_decorrelated_ = false;
    bool compact_ = false;  // in the padding before bin_width_: no instance grows
    double bin_width_ = 0.0;
    std::vector<float> frame_;               // one channel's input samples
    std::vector<float> raw_re_, raw_im_;     // channels x bins, unwindowed
    std::vector<float> win_re_, win_im_;     // channels x bins, windowed
    std::vector<float> ref_re_, ref_im_;     // bins
    std::vector<float> power_;               // bins, |reference|^2
    std::vector<std::int8_t> reference_channel_;  // bins: -1 for the sum, else the channel used
    // Two channels only, per bin: the smoothed y conj(x) and powers the steering weight comes from.
    std::vector<float> cross_re_, cross_im_, power_x_, power_y_;
};

}  // namespace stretchcore::engine
