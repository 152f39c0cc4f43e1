// The real, per-bin gain a frame gets before synthesis: the formant correction (when formant
// preservation is on and the pitch moves) and, when transposing up, a band limit that removes
// everything the resampler would move above the output's Nyquist frequency.
#pragma once

#include <vector>

#include "dsp/fft.hpp"
#include "engine/formant_envelope.hpp"

namespace stretchcore::engine {

class SpectralGain {
public:
    /// Takes the memory for frames of `size` samples at the given sample rate.
    void configure(int size, double sample_rate);

    /// Computes the gain for a frame with the given power spectrum, transposition factor and
    /// formant setting. `fft` has the configured size.
    void update(const float* power, double factor, bool formants, dsp::RealFft& fft) noexcept;

    /// Per-bin gain of the last update.
    const float* gain() const noexcept { return gain_.data(); }

private:
    std::vector<float> gain_;
    FormantEnvelope formants_;
};

}  // namespace stretchcore::engine
