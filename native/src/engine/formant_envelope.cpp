#include "engine/formant_envelope.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace stretchcore::engine {

namespace {
// Lifter length (quefrency), in seconds: below the period of any voice's fundamental.
constexpr double kLifter = 0.0015;
// The correction is limited to +-35 dB (natural log of the magnitude ratio)...
constexpr float kLimit = 4.03f;
// ... and fades out above 10 kHz, where the envelope is mostly noise and sibilance.
constexpr double kTopHz = 10000.0;
}  // namespace

void FormantEnvelope::configure(int size, double sample_rate) {
    size_ = size;
    cutoff_ = std::min(size / 4, static_cast<int>(std::lround(sample_rate * kLifter)));
    top_ = std::min(size / 2, static_cast<int>(std::lround(kTopHz * size / sample_rate)));
    const auto bins = static_cast<std::size_t>(size / 2 + 1);
    envelope_.resize(bins);
    cepstrum_.resize(static_cast<std::size_t>(size));
    spare_.resize(bins * 2);
}

void FormantEnvelope::correction(const float* power, double factor, dsp::RealFft& fft, float* gain) noexcept {
    const std::size_t bins = envelope_.size();
    for (std::size_t k = 0; k < bins; ++k) {
        spare_[k] = 0.5f * std::log(power[k] + 1e-20f);
        spare_[bins + k] = 0.0f;
    }
    fft.inverse(spare_.data(), spare_.data() + bins, cepstrum_.data());
    const float scale = 1.0f / static_cast<float>(size_);
    for (int n = 0; n < size_; ++n) {
        const bool keep = n <= cutoff_ || n >= size_ - cutoff_;
        const auto i = static_cast<std::size_t>(n);
        cepstrum_[i] = keep ? cepstrum_[i] * scale : 0.0f;
    }
    fft.forward(cepstrum_.data(), envelope_.data(), spare_.data());
    // Bin k will sound at k x factor: give it the envelope's value there.
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
