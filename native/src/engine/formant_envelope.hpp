// Formant preservation. The resampler moves every frequency by the transposition factor, the
// spectral envelope (formants) included; this unit measures the envelope of a frame and gives
// each bin the gain E(k x factor) / E(k), which puts the envelope back where it was once the
// resampler has moved it.
//
// The envelope is the cepstrally smoothed log magnitude: the cepstrum is cut off at about
// 1.5 ms (quefrency), below the period of any voice's fundamental, so the harmonics drop out
// and the envelope remains.
#pragma once

#include <vector>

#include "dsp/fft.hpp"

namespace stretchcore::engine {

class FormantEnvelope {
public:
    /// Takes the memory for frames of `size` samples at the given sample rate.
    void configure(int size, double sample_rate);

    /// Writes to gain (bins values) the correction for transposing by `factor`, from the
    /// frame's power spectrum. `fft` has the configured size.
    void correction(const float* power, double factor, dsp::RealFft& fft, float* gain) noexcept;

private:
    int size_ = 0;
    int cutoff_ = 0;  // lifter length, in samples of quefrency
    int top_ = 0;     // highest bin corrected (10 kHz)
    std::vector<float> envelope_;  // bins, natural log of the magnitude envelope
    std::vector<float> cepstrum_;  // size
    std::vector<float> spare_;     // 2 x bins: log spectrum in, imaginary part out
};

}  // namespace stretchcore::engine
