// Formant preservation. The resampler moves every frequency by the transposition factor, the
// spectral envelope (formants) included; this unit measures the envelope around the middle of a
// frame and gives each bin the gain E(k x factor) / E(k), which puts the envelope back where it
// was once the resampler has moved it.
//
// The envelope is the cepstrally smoothed log magnitude (the cepstrum cut off at 2 ms of
// quefrency, below the period of a speaking voice's fundamental, so the harmonics drop out) of a 46 ms
// Hann window centred in the frame: the frame itself is some 116 ms long, over which a voice's
// formants move; the short window follows them (one vowel at a time) and still holds several
// periods of the lowest voice. The correction is limited to +-35 dB and stops at 10 kHz.
#pragma once

#include <cstdint>
#include <vector>

#include "dsp/fft.hpp"
#include "engine/input_fifo.hpp"

namespace stretchcore::engine {

class FormantEnvelope {
public:
    /// Takes the memory for frames of `size` samples of `channels` channels at the given sample rate.
    void configure(int channels, int size, double sample_rate);

    /// Writes to gain (size / 2 + 1 values) the correction for transposing by `factor`, from the
    /// frame of input positions [position, position + size). `fft` has the configured size.
    void correction(const InputFifo& input, std::int64_t position, double factor, dsp::RealFft& fft,
                    float* gain) noexcept;

private:
    /// The log envelope (natural log of the magnitude) of the frame's middle, into envelope_.
    void measure(const InputFifo& input, std::int64_t position, dsp::RealFft& fft) noexcept;

    int channels_ = 0;
    int size_ = 0;
    int cutoff_ = 0;  // lifter length, in samples of quefrency
    int top_ = 0;     // highest bin corrected (10 kHz)
    int window_length_ = 0;        // the short Hann window's length
    double window_step_cos_ = 1.0;  // cos and sin of one step of its cosine
    double window_step_sin_ = 0.0;
    std::vector<float> envelope_;  // bins: the power summed over channels, then the log envelope
    std::vector<float> samples_;   // size: the windowed middle, zero-padded; then the cepstrum
    std::vector<float> spare_;     // 2 x bins: a spectrum
};

}  // namespace stretchcore::engine
