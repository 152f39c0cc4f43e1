// Synthesis: turns each frame's spectrum by the phase locker's rotation, scales it by the
// spectral gain, moves it in frequency when the frequency domain transposes, and overlap-adds
// the Hann-windowed inverse transform into the stretched signal, one planar buffer per channel
// with absolute stretch positions. The resampler reads the output from there.
//
// Analysis and synthesis windows are both Hann; their product overlap-adds to a constant at
// the configured hop, which is folded into the synthesis scale with the FFT's factor N. Where
// frames may also be analysed with the compact window (Hann squared: the default preset, one
// channel), the sums differ where the two kinds meet, so each sample is divided by its own.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "dsp/fft.hpp"
#include "dsp/isa.hpp"
#include "dsp/kernels.hpp"
#include "engine/phase_locker.hpp"
#include "engine/spectral_analysis.hpp"
#include "engine/spectral_gain.hpp"

namespace stretchcore::engine {

class OverlapAdd {
public:
    /// Takes the memory for frames of `size` samples at hop `hop`, and for `capacity` samples
    /// of stretched signal per channel.
    /// With `compact_frames`, frames may also come analysed with the compact window
    /// (SpectralAnalysis): what such frames add to the sum of windows each sample got is then kept
    /// beside the signal, and each sample they reach divided by its sum once no frame can reach it
    /// any more.
    void configure(int channels, int size, int hop, std::ptrdiff_t capacity, dsp::Isa isa = dsp::select_isa(),
                   bool compact_frames = false);
    /// Starts an empty stretched signal at stretch position `start`. The buffers keep their old
    /// samples: a slot is zeroed when the first frame reaches it.
    void reset(std::int64_t start) noexcept;

    /// Adds the frame analysed in `analysis`, rotated, scaled by `gain`, transposed in the
    /// frequency domain by the locker's shift() (when it is not 1) and weighted by `fade`,
    /// at stretch positions [position, position + size). When the buffer is full, drops the
    /// samples before `keep_from` (which nothing will read again) to make room. Works in the
    /// analysis's scratch memory, so the frame's phases must be locked already.
    /// `first_pass`: the frame's first synthesis (its windows are counted once).
    void add(std::int64_t position, SpectralAnalysis& analysis, const PhaseLocker& phases, const float* gain,
             const GainFade& fade, dsp::RealFft& fft, std::int64_t keep_from, bool first_pass = true) noexcept;

    /// With compact frames, divides the samples at stretch positions [from, until) that a compact
    /// frame reached by the windows they got: call it once for each, when every frame that reaches
    /// them has been added (a frame at `position` completes [position, position + hop)). Other
    /// samples, and every sample without compact frames, stay as they are.
    void normalise(std::int64_t from, std::int64_t until) noexcept;

    /// Whether it was configured for compact frames (the default preset, one channel).
    bool takes_compact_frames() const noexcept { return !norm_.empty(); }

    /// Stretch position of slot 0 of every channel.
    std::int64_t base() const noexcept { return base_; }
    /// Samples between one channel's slot 0 and the next channel's.
    std::size_t stride() const noexcept { return capacity_; }
    /// Slot 0 of channel 0; channel c starts stride() samples after channel c - 1.
    const float* data() const noexcept { return data_.data(); }

private:
    /// Weights the frame's samples on the fade's ramps (the rest keep their values).
    static void apply_ramps(const GainFade& fade, float* frame) noexcept;
    void make_room(std::int64_t frame_end, std::int64_t keep_from) noexcept;
    /// Zeroes the excess slots the frame reaches first and adds what a compact frame gives each of
    /// its samples beyond a Hann-analysed one (slots as add() computes them).
    void count_windows(std::size_t offset, std::size_t fresh_from, std::size_t frame_end, bool compact) noexcept;

    const dsp::Kernels* kernels_ = nullptr;
    int channels_ = 0;
    int size_ = 0;
    std::vector<float> window_;            // size: Hann / (window overlap sum x N)
    std::size_t bins_ = 0;
    std::vector<float> data_;              // channels x capacity_
    std::size_t capacity_ = 0;
    std::int64_t base_ = 0;
    std::int64_t end_ = 0;  // slots from here on are stale until a frame zeroes them
    // With compact frames only: what one compact frame adds beyond a Hann frame to each of its
    // samples' sum of windows (size_), then what compact frames added to each stretched sample's
    // sum (capacity_). One vector: the cheaper preset's instance has no room for a second one's
    // header.
    std::vector<float> norm_;
};

}  // namespace stretchcore::engine
