#include "engine/formant_envelope.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>

#include "dsp/math_constants.hpp"

namespace stretchcore::engine {

namespace {
// Length of the window the envelope is measured on, in seconds.
constexpr double kWindow = 0.046;
// Lifter length (quefrency), in seconds: below the period of a speaking voice's fundamental
// (under 500 Hz). On the real-material voices 2 ms keeps the formant peaks sharper than 1.5 ms
// and lowers the envelope distance by 0.1-0.3 dB.
constexpr double kLifter = 0.002;
// The correction is limited to +-35 dB (natural log of the magnitude ratio)...
constexpr float kLimit = 4.03f;
// ... and fades out above 10 kHz, where the envelope is mostly noise and sibilance.
constexpr double kTopHz = 10000.0;
}  // namespace

void FormantEnvelope::configure(int channels, int size, double sample_rate) {
    channels_ = channels;
    size_ = size;
    cutoff_ = std::min(size / 4, static_cast<int>(std::lround(sample_rate * kLifter)));
    top_ = std::min(size / 2, static_cast<int>(std::lround(kTopHz * size / sample_rate)));
    const int length = std::min(size, 2 * static_cast<int>(std::lround(sample_rate * kWindow / 2.0)));
    // The window is made as it is applied (see measure): storing it would cost every instance its length.
    window_length_ = length;
    window_step_cos_ = std::cos(dsp::kTwoPi / length);
    window_step_sin_ = std::sin(dsp::kTwoPi / length);
    const auto bins = static_cast<std::size_t>(size / 2 + 1);
    envelope_.resize(bins);
    samples_.resize(static_cast<std::size_t>(size));
    spare_.resize(bins * 2);
}

void FormantEnvelope::measure(const InputFifo& input, std::int64_t position, dsp::RealFft& fft) noexcept {
    const std::size_t bins = envelope_.size();
    const auto length = static_cast<std::size_t>(window_length_);
    const std::int64_t start = position + (size_ - static_cast<std::int64_t>(length)) / 2;
    // envelope_ sums the channels' power first; it receives the envelope at the end.
    std::fill(envelope_.begin(), envelope_.end(), 0.0f);
    for (int c = 0; c < channels_; ++c) {
        input.read(c, start, static_cast<std::ptrdiff_t>(length), samples_.data());
        // Hann window 0.5 - 0.5 cos(2 pi i / length), the cosine carried by a rotation one step a sample.
        double cosine = 1.0;
        double sine = 0.0;
        for (std::size_t i = 0; i < length; ++i) {
            samples_[i] *= static_cast<float>(0.5 - 0.5 * cosine);
            const double next = cosine * window_step_cos_ - sine * window_step_sin_;
            sine = sine * window_step_cos_ + cosine * window_step_sin_;
            cosine = next;
        }
        std::fill(samples_.begin() + static_cast<std::ptrdiff_t>(length), samples_.end(), 0.0f);
        fft.forward(samples_.data(), spare_.data(), spare_.data() + bins);
        for (std::size_t k = 0; k < bins; ++k) {
            envelope_[k] += spare_[k] * spare_[k] + spare_[bins + k] * spare_[bins + k];
        }
    }
    // Cepstrum of the log magnitude, cut off at the lifter, back to a smooth log magnitude.
    for (std::size_t k = 0; k < bins; ++k) {
        spare_[k] = 0.5f * std::log(envelope_[k] + 1e-20f);
        spare_[bins + k] = 0.0f;
    }
    fft.inverse(spare_.data(), spare_.data() + bins, samples_.data());
    const float scale = 1.0f / static_cast<float>(size_);
    for (int n = 0; n < size_; ++n) {
        const bool keep = n <= cutoff_ || n >= size_ - cutoff_;
        const auto i = static_cast<std::size_t>(n);
        samples_[i] = keep ? samples_[i] * scale : 0.0f;
    }
    fft.forward(samples_.data(), envelope_.data(), spare_.data());
}

void FormantEnvelope::correction(const InputFifo& input, std::int64_t position, double factor, dsp::RealFft& fft,
                                 float* gain) noexcept {
    measure(input, position, fft);
    // Bin k will sound at k x factor: give it the envelope's value there.
    const std::size_t bins = envelope_.size();
    const double top = static_cast<double>(bins - 1);
    for (std::size_t k = 0; k < bins; ++k) {
        const double source = std::min(static_cast<double>(k) * factor, top);
        const auto lo = static_cast<std::size_t>(source);
        const std::size_t hi = std::min(lo + 1, bins - 1);
        const auto frac = static_cast<float>(source - static_cast<double>(lo));
        const float target = envelope_[lo] + frac * (envelope_[hi] - envelope_[lo]);
        const float correction = std::clamp(target - envelope_[k], -kLimit, kLimit);
        // Bins that will sound above 10 kHz keep their level.
        const bool above = static_cast<double>(k) * factor > static_cast<double>(top_);
        gain[k] = above ? 1.0f : std::exp(correction);
    }
}

}  // namespace stretchcore::engine
