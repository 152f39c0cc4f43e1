#include "engine/formant_envelope.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "dsp/math_constants.hpp"
#include "dsp/portable_math.hpp"

namespace stretchcore::engine {

namespace {
// Length of the window the output's envelope is measured on, in seconds. With three corrections
// a frame (SpectralGain) 30 ms follows the voices' formants better than 35 or 46 ms (envelope
// distance 0.04-0.3 dB lower on the real-material voices, docs/benchmarks.md).
constexpr double kWindow = 0.030;
// The true envelope's iteration: it stops once no bin stands more than 1 dB (natural log of the
// magnitude ratio) above the envelope, or after 6 passes. Each pass after the first is
// over-relaxed by 2, as Roebel and Rodet accelerate it (DAFx 2005): 6 such passes score as
// 12 plain ones on the real-material voices (within 0.01 dB) for half their instructions, and 4
// lose 0.06-0.09 dB on the female voice (docs/benchmarks.md).
constexpr float kTolerance = 0.1151f;
constexpr int kMostIterations = 6;
constexpr float kRelaxation = 2.0f;
// The log spectrum is floored 120 dB below the loudest bin: deeper valleys are rounding, and the
// iteration would spend passes lifting the envelope out of them.
constexpr float kFloor = 13.82f;
// Lifter length (quefrency), in seconds: below the period of a speaking voice's fundamental
// (under 500 Hz). On the real-material voices 2 ms keeps the formant peaks sharper than 1.5 ms
// and lowers the envelope distance by 0.1-0.3 dB.
constexpr double kLifter = 0.002;
// The correction raises a bin by at most 35 dB (natural log of the magnitude ratio), so a valley
// is never lifted into audible noise...
constexpr float kMostBoost = 4.03f;
// ... and lowers it by at most 80 dB: enough to take content moved past a band edge (a voice
// recorded at 16 kHz ends at 8 kHz) back below the edge's floor.
constexpr float kMostCut = 9.21f;
// The correction fades out above 10 kHz, where the envelope is mostly noise and sibilance.
constexpr double kTopHz = 10000.0;

// Natural log of a positive normal float, within 2e-5 of the exact value: the exponent's bits
// and a series in t = (m - 1) / (m + 1) for the mantissa m in [1, 2). A fraction of the library
// call's instructions, and the same bits on every platform (no library call to differ).
inline float log_positive(float x) noexcept {
    std::uint32_t bits = 0;
    std::memcpy(&bits, &x, sizeof bits);
    const auto exponent = static_cast<float>(static_cast<int>(bits >> 23) - 127);
    bits = (bits & 0x007fffffu) | 0x3f800000u;
    float m = 0.0f;
    std::memcpy(&m, &bits, sizeof m);
    const float t = (m - 1.0f) / (m + 1.0f);
    const float t2 = t * t;
    const float series = t * (2.0f + t2 * (0.6666667f + t2 * (0.4f + t2 * 0.2857143f)));
    return exponent * 0.6931472f + series;
}
}  // namespace

void FormantEnvelope::configure(int channels, int size, double sample_rate) {
    channels_ = channels;
    size_ = size;
    sample_rate_ = sample_rate;
    cutoff_ = std::min(size / 4, static_cast<int>(std::lround(sample_rate * kLifter)));
    top_ = std::min(size / 2, static_cast<int>(std::lround(kTopHz * size / sample_rate)));
    const auto bins = static_cast<std::size_t>(size / 2 + 1);
    envelope_.resize(bins);
    samples_.resize(static_cast<std::size_t>(size));
    spare_.resize(bins * 2);
}

int FormantEnvelope::window_length(double seconds) const noexcept {
    return std::max(2, std::min(size_, 2 * static_cast<int>(std::lround(sample_rate_ * seconds / 2.0))));
}

void FormantEnvelope::measure(const InputFifo& input, std::int64_t position, int centre, int length,
                              dsp::RealFft& fft, float* envelope) noexcept {
    const std::size_t bins = envelope_.size();
    const auto count = static_cast<std::size_t>(length);
    // The window stays inside the frame, which is all the input is sure to hold.
    const std::int64_t start = position + std::clamp(centre - length / 2, 0, size_ - length);
    // Hann window 0.5 - 0.5 cos(2 pi i / length), the cosine carried by a rotation one step a
    // sample: storing the windows would cost every instance their length.
    const dsp::SinCos step = dsp::portable_sin_cos(dsp::kTwoPi / length);
    const double step_cos = step.cos;
    const double step_sin = step.sin;
    // `envelope` sums the channels' power first; it receives the envelope at the end.
    std::fill(envelope, envelope + bins, 0.0f);
    for (int c = 0; c < channels_; ++c) {
        input.read(c, start, static_cast<std::ptrdiff_t>(length), samples_.data());
        double cosine = 1.0;
        double sine = 0.0;
        for (std::size_t i = 0; i < count; ++i) {
            samples_[i] *= static_cast<float>(0.5 - 0.5 * cosine);
            const double next = cosine * step_cos - sine * step_sin;
            sine = sine * step_cos + cosine * step_sin;
            cosine = next;
        }
        std::fill(samples_.begin() + static_cast<std::ptrdiff_t>(count), samples_.end(), 0.0f);
        fft.forward(samples_.data(), spare_.data(), spare_.data() + bins);
        for (std::size_t k = 0; k < bins; ++k) {
            envelope[k] += spare_[k] * spare_[k] + spare_[bins + k] * spare_[bins + k];
        }
    }
    // The log magnitude, floored kFloor below the frame's loudest bin (deeper is numerical noise,
    // and each decade of depth costs the iteration below more passes), is the first target.
    float* target = spare_.data();
    float* imaginary = spare_.data() + bins;
    float loudest = -1e30f;
    for (std::size_t k = 0; k < bins; ++k) {
        target[k] = 0.5f * log_positive(envelope[k] + 1e-20f);
        loudest = std::max(loudest, target[k]);
    }
    for (std::size_t k = 0; k < bins; ++k) target[k] = std::max(target[k], loudest - kFloor);
    // True envelope (Roebel and Rodet, DAFx 2005): smooth the target cepstrally, raise the target
    // to the envelope wherever the envelope is higher, and again, until no bin of the target
    // stands more than kTolerance above the envelope. The envelope then rests on the harmonic
    // peaks instead of the mean of peaks and valleys, whose depth depends on the harmonics'
    // spacing, which the transposition changes.
    smooth(target, 1.0f, imaginary, fft, envelope);
    for (int pass = 1;; ++pass) {
        float above = 0.0f;
        for (std::size_t k = 0; k < bins; ++k) {
            above = std::max(above, target[k] - envelope[k]);
            target[k] = std::max(target[k], envelope[k]);
        }
        if (above <= kTolerance || pass == kMostIterations) break;
        smooth(target, kRelaxation, imaginary, fft, envelope);
    }
}

void FormantEnvelope::smooth(float* target, float relaxation, float* imaginary, dsp::RealFft& fft,
                             float* envelope) noexcept {
    // Cepstrum of the log magnitude, cut off at the lifter, back to a smooth log magnitude.
    const std::size_t bins = envelope_.size();
    // Over-relaxation: smoothing is linear and the last envelope is smooth already, so smoothing
    // envelope + relaxation x (target - envelope) moves the envelope `relaxation` times as far
    // towards the target's smoothing as one plain pass would.
    if (relaxation != 1.0f) {
        for (std::size_t k = 0; k < bins; ++k) target[k] = envelope[k] + relaxation * (target[k] - envelope[k]);
    }
    std::fill(imaginary, imaginary + bins, 0.0f);
    fft.inverse(target, imaginary, samples_.data());
    // The target is kept for the next pass: undo the relaxation before the envelope is replaced.
    if (relaxation != 1.0f) {
        const float inverse_relaxation = 1.0f / relaxation;
        for (std::size_t k = 0; k < bins; ++k) {
            target[k] = envelope[k] + (target[k] - envelope[k]) * inverse_relaxation;
        }
    }
    const float scale = 1.0f / static_cast<float>(size_);
    const auto cutoff = static_cast<std::size_t>(cutoff_);
    const auto size = static_cast<std::size_t>(size_);
    for (std::size_t n = 0; n <= cutoff; ++n) samples_[n] *= scale;
    std::fill(samples_.begin() + static_cast<std::ptrdiff_t>(cutoff + 1),
              samples_.begin() + static_cast<std::ptrdiff_t>(size - cutoff), 0.0f);
    for (std::size_t n = size - cutoff; n < size; ++n) samples_[n] *= scale;
    fft.forward(samples_.data(), envelope, imaginary);
}

void FormantEnvelope::correction(const InputFifo& input, std::int64_t position, int centre, double factor,
                                 dsp::RealFft& fft, float* gain) noexcept {
    // The envelope the output must have: the input's on a 30 ms window.
    measure(input, position, centre, window_length(kWindow), fft, envelope_.data());
    // The envelope the output would have without correction: the resampler shortens time by
    // `factor`, so 30 ms of output hold 30 ms x factor of the stretched signal (with true
    // envelopes, one window for both scores within 0.1 dB of it on the real-material voices,
    // docs/benchmarks.md). Written to `gain`, which it becomes below.
    measure(input, position, centre, window_length(kWindow * factor), fft, gain);
    // Bin k will sound at k x factor: give it the envelope's value there.
    const std::size_t bins = envelope_.size();
    const double top = static_cast<double>(bins - 1);
    for (std::size_t k = 0; k < bins; ++k) {
        const double source = std::min(static_cast<double>(k) * factor, top);
        const auto lo = static_cast<std::size_t>(source);
        const std::size_t hi = std::min(lo + 1, bins - 1);
        const auto frac = static_cast<float>(source - static_cast<double>(lo));
        const float target = envelope_[lo] + frac * (envelope_[hi] - envelope_[lo]);
        const float correction = std::clamp(target - gain[k], -kMostCut, kMostBoost);
        // Bins that will sound above 10 kHz keep their level.
        const bool above = static_cast<double>(k) * factor > static_cast<double>(top_);
        gain[k] = above ? 1.0f : static_cast<float>(dsp::portable_exp(static_cast<double>(correction)));
    }
}

}  // namespace stretchcore::engine
