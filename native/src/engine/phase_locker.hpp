// Phase advance with identity phase locking (Laroche and Dolson 1999): each spectral peak's
// synthesis phase moves on from the previous frame's by its frequency times the synthesis hop, and
// every bin of the peak's region (up to the quietest bin between it and the next peak) turns by
// the same rotation as its peak, so partials keep their shape. The frequency is the one the
// peak's phase measured over the analysis hop (the phase vocoder's), on the turn its in-frame
// estimate predicts (the mean of its estimates in this frame and in the previous frame's peak it
// came from, so that a gliding partial stays on pitch). The rotation comes from the reference
// spectrum and is applied to every channel alike, which keeps the stereo image.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "engine/spectral_analysis.hpp"

namespace stretchcore::engine {

class PhaseLocker {
public:
    /// Takes the memory for `bins` bins (frames of 2 (bins - 1) samples); the synthesis hop is `hop`.
    void configure(int bins, int hop);
    /// Forgets the previous frame: the next frame keeps its own phases.
    void reset() noexcept;
    /// Peaks' phases advance at their frequency times `factor`: the frequency-domain
    /// transposition (pitch_map.hpp) moves them there; 1 when the resampler transposes.
    void set_shift(float factor) noexcept { shift_ = factor; }
    float shift() const noexcept { return shift_; }

    /// Computes the rotation taking the analysed frame's phases to its synthesis phases. With
    /// `keep_phases` the frame keeps its own phases: a phase reset, for frames around onsets and
    /// at the start, and the exact identity. Such a frame read at an integer position that belongs
    /// `advance` samples (|advance| < 1) later is shifted by that fraction: bin k turns by
    /// 2 pi k advance / N. (Hann x Hann shifted against each other still overlap-adds to a constant,
    /// to within 1 - cos(2 pi advance / N), so a run of such frames gives the input shifted.)
    /// `input_hop`: input samples since the previous frame was read, for the glide measure.
    /// With `onset` (FramePlanner::Plan::onset) a frame to keep its phases keeps them only in the
    /// regions whose peak rose by 6 dB since the previous frame, and leaves the glide as it was.
    void lock(const SpectralAnalysis& analysis, bool keep_phases, double advance, std::int64_t input_hop,
              bool onset = false) noexcept;

    /// How far the partials move in frequency over one frame length of input, in bins: the
    /// power-weighted mean move of the peaks tracked from the previous frame, scaled from the
    /// input hop to the frame length; 0 until a frame tracked any. A voice's harmonics glide by
    /// about a bin (median 0.97-1.15 on the speech set), steady notes by a tenth to a third of one
    /// (0.09-0.36 on the music). Set by every locked frame that tracked a peak; a frame that kept
    /// its own phases, found no peak (silence) or tracked none (the first after either) leaves it
    /// as it was, so a voice's onset after a pause is judged by how its harmonics glided before
    /// it (tempo round trip of the recorded voice 0.226 -> 0.199, of the male formant-synthesis
    /// voice 0.207 -> 0.191, when such frames set it to 0).
    double glide() const noexcept { return static_cast<double>(glide_); }

    /// Per-bin rotation (a unit phasor) of the last frame locked.
    const float* rotation_re() const noexcept { return rot_re_.data(); }
    const float* rotation_im() const noexcept { return rot_im_.data(); }

    /// For each peak of the last frame locked (ascending), the end (exclusive) of the region of
    /// bins that turn with it; the first region starts at bin 0, each next one where the
    /// previous ended. Empty for a frame that kept its phases.
    const std::vector<int>& region_ends() const noexcept { return region_ends_; }
    /// Per peak, its estimated frequency in bins (the peak bin plus the frequency deviation).
    const std::vector<float>& peak_frequencies() const noexcept { return peak_frequencies_; }

private:
    void find_peaks(const float* power) noexcept;
    void rotate_regions(const SpectralAnalysis& analysis, std::int64_t input_hop) noexcept;
    void remember_phases(const SpectralAnalysis& analysis) noexcept;
    void keep_rising_regions(const float* power) noexcept;
    /// The frequency (radians per sample) bin k's phase moved at since the previous frame, given
    /// its in-frame `estimate` and its unit phasor in this frame; the estimate where no turn can
    /// be told.
    double frequency_over_hop(double estimate, double unit_re, double unit_im, std::size_t k,
                              std::int64_t input_hop) const noexcept;

    int hop_ = 0;
    float glide_ = 0.0f;  // glide(); next to hop_, in what was padding
    std::vector<int> peaks_;              // bins, ascending
    std::vector<int> region_ends_;        // per peak, the end of its region
    std::vector<float> peak_frequencies_; // per peak, its frequency in bins
    std::vector<float> last_peak_frequencies_;  // the previous frame's, for tracking peaks
    std::vector<float> rot_re_, rot_im_;  // per-bin rotation (the previous frame's until overwritten)
    std::vector<float> last_re_, last_im_;  // previous frame's reference spectrum
    int size_ = 0;                          // frame length, for the fractional shift
    float shift_ = 1.0f;                    // frequency factor of the phase advance
};

}  // namespace stretchcore::engine
