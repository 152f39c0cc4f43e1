// Formant preservation. The resampler moves every frequency by the transposition factor, the
// spectral envelope (formants) included; this unit measures the envelope at a given time in a
// frame and gives each bin k the gain T(k x factor) / S(k), which puts the envelope back where it
// was once the resampler has moved it.
//
// Both envelopes are true envelopes (Roebel and Rodet, "Efficient spectral envelope estimation
// and its application to pitch shifting and envelope preservation", DAFx 2005): cepstral
// smoothing (the cepstrum cut off at 2 ms of quefrency, below the period of a speaking voice's
// fundamental, so the harmonics drop out) iterated until the envelope rests on the harmonic
// peaks, so that it does not depend on how far apart the harmonics are, which the transposition
// changes. Each is measured on a Hann window at a given time in the frame (SpectralGain asks for
// three a frame): the frame itself is some 87 ms long, over which a voice's formants move; the
// short window follows them (one vowel at a time) and still holds several periods of the lowest
// voice. T, the envelope to keep, is measured on 30 ms; S, the envelope the output would have
// without correction, on 30 ms x factor, which is what 30 ms of output hold of the stretched
// signal (see correction). The correction raises a bin by at most 35 dB, lowers it by at most
// 80 dB and stops at 10 kHz.
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
    /// frame of input positions [position, position + size), with its windows centred `centre`
    /// samples into the frame (as near as they fit in it). `fft` has the configured size.
    void correction(const InputFifo& input, std::int64_t position, int centre, double factor, dsp::RealFft& fft,
                    float* gain) noexcept;

private:
    /// Samples of a window `seconds` long (even, at most the frame).
    int window_length(double seconds) const noexcept;
    /// The log envelope (natural log of the magnitude) of a Hann window of `length` samples
    /// centred `centre` samples into the frame, into `envelope` (size / 2 + 1 values; not spare_).
    void measure(const InputFifo& input, std::int64_t position, int centre, int length, dsp::RealFft& fft,
                 float* envelope) noexcept;

    /// Cepstral smoothing of the target log magnitude (bins values), cut off at the lifter, into
    /// envelope; with a relaxation other than 1, of envelope + relaxation x (target - envelope),
    /// envelope being the last pass's. The target is left as it was; imaginary (bins values) is
    /// scratch.
    void smooth(float* target, float relaxation, float* imaginary, dsp::RealFft& fft, float* envelope) noexcept;

    int channels_ = 0;
    int size_ = 0;
    double sample_rate_ = 0.0;
    int cutoff_ = 0;  // lifter length, in samples of quefrency
    int top_ = 0;     // highest bin corrected (10 kHz)
    std::vector<float> envelope_;  // bins: the power summed over channels, then the log envelope
    std::vector<float> samples_;   // size: the windowed middle, zero-padded; then the cepstrum
    std::vector<float> spare_;     // 2 x bins: a spectrum
};

}  // namespace stretchcore::engine
