// The real, per-bin gain a frame gets before synthesis: the formant correction (when formant
// preservation is on and the pitch moves) and, when transposing up, a band limit that removes
// everything the resampler would move above the output's Nyquist frequency.
#pragma once

#include <cstdint>
#include <vector>

#include "dsp/fft.hpp"
#include "engine/formant_envelope.hpp"
#include "engine/input_fifo.hpp"
#include "engine/phase_locker.hpp"

namespace stretchcore::engine {

class SpectralGain {
public:
    /// Takes the memory for frames of `size` samples of `channels` channels at the given sample rate.
    void configure(int channels, int size, double sample_rate);

    /// Computes the gain for the frame of input positions [position, position + size), the
    /// transposition factor and the formant setting. `fft` has the configured size; `locker` has
    /// locked the same frame (its peak regions get one formant gain each).
    void update(const InputFifo& input, std::int64_t position, double factor, bool formants,
                const PhaseLocker& locker, dsp::RealFft& fft) noexcept;

    /// Per-bin gain of the last update.
    const float* gain() const noexcept { return gain_.data(); }

private:
    /// The gain at a fractional bin.
    float gain_at(float bin) const noexcept;

    std::vector<float> gain_;
    FormantEnvelope formants_;
};

}  // namespace stretchcore::engine
