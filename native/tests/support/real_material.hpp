// The real-material quality set (native/quality/make_material.py) and its metrics: formant
// envelope distance and residual shift, inter-channel coherence per third-octave band, spectral
// convergence, YIN fundamental tracks and a reference resampler for varispeed SNR.
//
// Each metric is defined here once; test_real_material.cpp (a bounded slice in ctest) and the
// stretch_quality tool (the whole table, docs/benchmarks.md) both use them.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace stretch_test {

/// A clip of the set: interleaved float samples at 44.1 kHz.
struct Clip {
    std::string name;
    int channels = 0;
    double sample_rate = 0.0;
    std::vector<float> samples;
    std::size_t frames() const { return samples.size() / static_cast<std::size_t>(channels); }
    bool is_speech() const { return name.rfind("speech", 0) == 0; }
};

/// Reads a 32-bit float WAV file; speech recorded at another rate is resampled to 44.1 kHz with
/// reference_resample. Throws std::runtime_error on a file it cannot read.
Clip load_clip(const std::string& path);

/// The clips of a folder written by make_material.py, by name; empty when it holds none.
std::vector<Clip> load_material(const std::string& folder);

/// Reads x (one channel) at positions i x step, i = 0 .. out_frames - 1: a Kaiser-windowed sinc
/// (64 zero crossings, beta 12, cutoff 0.97 of the lower Nyquist frequency) evaluated in double
/// precision at every output position, the quality of a long polyphase filter.
std::vector<float> reference_resample(const std::vector<float>& x, double step, std::size_t out_frames);
/// reference_resample of every channel of an interleaved buffer; the result is interleaved too.
std::vector<float> reference_resample(const std::vector<float>& interleaved, int channels, double step,
                                      std::size_t out_frames);

/// Spectral envelope comparison over 300 Hz..7.5 kHz of frames within 30 dB of the loudest (46 ms
/// Hann frames): the true envelope (iterated cepstral smoothing, 1.5 ms lifter, that rests on the
/// harmonic peaks) of input and output, after removing the mean level difference. A mean-log
/// cepstral envelope would depend on the harmonics' spacing, which a transposition changes: it
/// scored an exact formant-preserving transposition of a synthetic voice at 2.4-4.5 dB.
struct FormantMeasure {
    double distance_db = 0.0;  ///< RMS envelope difference, averaged over frames
    double shift_st = 0.0;     ///< warp of the input envelope that best matches the output, in semitones
};
FormantMeasure formant_measure(const std::vector<float>& input, const std::vector<float>& output, double fs);

/// Magnitude-squared coherence of two channels per third-octave band (63 Hz to 16 kHz): sums of
/// L R*, |L|^2 and |R|^2 over the band's bins and all 4096-sample frames. Band edges are scaled by
/// `factor` (a transposed signal's bands move with it). Bands quieter than 50 dB below the loudest
/// are reported as -1.
std::vector<double> band_coherence(const std::vector<float>& stereo, double fs, double factor);
/// Centre of band_coherence's band `index` at factor 1, in Hz: 1 kHz x 2^((index - 13) / 3).
double coherence_band_centre(std::size_t index);
/// coherence(output) - coherence(input) per band of band_coherence, 0 where either is not measured;
/// an output transposed by `factor` is first read back to the input's pitch by reference_resample.
std::vector<double> coherence_change(const std::vector<float>& input, const std::vector<float>& output, double fs,
                                     double factor);
/// Largest |coherence_change| over the bands.
double coherence_error(const std::vector<float>& input, const std::vector<float>& output, double fs, double factor);

/// Spectral convergence || |Y| - |X| ||_F / || |X| ||_F over a 2048-sample Hann STFT (hop 512), the
/// first and last 0.15 s left out.
double spectral_convergence(const float* test, const float* reference, std::size_t n, double fs);

/// YIN fundamental per 2048-sample frame (hop 256): 0 where the frame is unvoiced (CMND minimum
/// above 0.15, or 40 dB below the loudest frame). Search range 60..600 Hz.
std::vector<double> yin_track(const std::vector<float>& x, double fs);
/// Median |cents(out / (in x 2^(semitones / 12)))| over frames voiced in both tracks.
double f0_error_cents(const std::vector<float>& input, const std::vector<float>& output, double fs, double semitones);

/// SNR of `test` against `reference` in 0.5 s segments (first and last 0.1 s left out, segments
/// 40 dB quieter than the loudest skipped): {minimum, median} in dB.
struct SegmentSnr {
    double min_db = 0.0;
    double median_db = 0.0;
};
SegmentSnr segment_snr(const std::vector<float>& test, const std::vector<float>& reference, int channels, double fs);

}  // namespace stretch_test
