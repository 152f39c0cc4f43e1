// The real, per-bin gain a frame gets before synthesis: the formant correction (when formant
// preservation is on and the pitch moves) and, when transposing up, a band limit that removes
// everything the resampler would move above the output's Nyquist frequency.
//
// The formant correction varies in time across the frame: a voice's formants move within the
// 116 ms of a frame, and one gain for all of it gives the content at the frame's ends the
// envelope of its middle. The frame is synthesised once per correction, each measured at its own
// time in the frame and weighted by a fade that is 1 there and falls linearly to 0 at the
// neighbouring corrections' times (the weights sum to 1 at every sample); overlap-add is linear,
// so the passes add into the stretched signal one after the other and need no buffer of their own.
#pragma once

#include <cstdint>
#include <vector>

#include "dsp/fft.hpp"
#include "engine/formant_envelope.hpp"
#include "engine/input_fifo.hpp"
#include "engine/phase_locker.hpp"

namespace stretchcore::engine {

/// A gain's weight over a frame's samples: 0 before rise_from, rising linearly to 1 at rise_to,
/// 1 until fall_from, falling linearly to 0 at fall_to.
struct GainFade {
    int rise_from = 0;
    int rise_to = 0;
    int fall_from = 0;
    int fall_to = 0;
};

class SpectralGain {
public:
    /// Takes the memory for frames of `size` samples of `channels` channels at the given sample rate.
    void configure(int channels, int size, double sample_rate);

    /// How many gains a frame is synthesised with: one per formant correction when the correction
    /// is on (`formants` and a factor other than 1), else one.
    static int passes(double factor, bool formants) noexcept;

    /// Computes the gain of pass `pass` (of passes(factor, formants)) for the frame of input
    /// positions [position, position + size), the transposition factor and the formant setting.
    /// `fft` has the configured size; `locker` has locked the same frame (its peak regions get one
    /// formant gain each).
    void update(const InputFifo& input, std::int64_t position, double factor, bool formants,
                const PhaseLocker& locker, dsp::RealFft& fft, int pass = 0) noexcept;

    /// Per-bin gain of the last update.
    const float* gain() const noexcept { return gain_.data(); }

    /// The weight of pass `pass`'s gain over the frame, of `passes` passes.
    GainFade fade(int pass, int passes) const noexcept;

private:
    /// The frame sample pass `pass` of `passes` measures its correction at.
    int centre(int pass, int passes) const noexcept;
    /// The gain at a fractional bin.
    float gain_at(float bin) const noexcept;
    /// The frame's length (frames are even, so the bins give it back).
    int size() const noexcept { return 2 * (static_cast<int>(gain_.size()) - 1); }

    std::vector<float> gain_;
    // The factor gain_ holds the plain gain (no formant correction) of, or 0 when it holds a correction.
    double plain_factor_ = 0.0;
    FormantEnvelope formants_;
};

}  // namespace stretchcore::engine
