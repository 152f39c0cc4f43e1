#include "engine/resampler.hpp"

#include <algorithm>
#include <cmath>

#include "dsp/math_constants.hpp"

namespace stretchcore::engine {

namespace {
constexpr int kResolution = 512;  // table points per zero crossing
constexpr int kPhases = 256;      // bank rows per input sample
// Kaiser shape: about 85 dB of stop-band rejection.
constexpr double kKaiserBeta = 8.5;
// Cutoff just below Nyquist of the slower side; the stretcher has already removed the
// spectrum above it, so the transition band has next to nothing to fold back.
constexpr double kCutoff = 0.96;

double bessel_i0(double x) {
    double sum = 1.0;
    double term = 1.0;
    for (int k = 1; k < 64; ++k) {
        const double half = x / (2.0 * k);
        term *= half * half;
        sum += term;
        if (term < sum * 1e-17) break;
    }
    return sum;
}

int half_width_for(int zero_crossings, double scale) {
    return static_cast<int>(std::ceil(zero_crossings / scale)) + 1;
}

// Taps stored per bank row: 2 * half_width rounded up to whole blocks of dsp::kDotLanes, the
// extra ones zero, so that a read never takes the kernel's scalar tail.
int row_taps_for(int half_width) {
    return (2 * half_width + dsp::kDotLanes - 1) / dsp::kDotLanes * dsp::kDotLanes;
}
}  // namespace

void Resampler::configure(int zero_crossings, double max_step, dsp::Isa isa) {
    kernels_ = &dsp::kernels_for(isa);
    zero_crossings_ = zero_crossings;
    const auto points = static_cast<std::size_t>(zero_crossings * kResolution + 2);
    table_.assign(points, 0.0f);
    const double norm = bessel_i0(kKaiserBeta);
    for (std::size_t i = 0; i < points; ++i) {
        const double x = static_cast<double>(i) / kResolution;
        const double r = x / zero_crossings;
        if (r >= 1.0) continue;
        const double window = bessel_i0(kKaiserBeta * std::sqrt(1.0 - r * r)) / norm;
        const double sinc = x == 0.0 ? 1.0 : std::sin(dsp::kPi * x) / (dsp::kPi * x);
        table_[i] = static_cast<float>(sinc * window);
    }
    max_half_width_ = half_width_for(zero_crossings, kCutoff * std::min(1.0, 1.0 / max_step));
    bank_.assign(static_cast<std::size_t>((kPhases + 1) * row_taps_for(max_half_width_)), 0.0f);
    taps_.assign(static_cast<std::size_t>(row_taps_for(max_half_width_)), 0.0f);
    set_step(1.0);
}

void Resampler::set_step(double step) noexcept {
    scale_ = kCutoff * std::min(1.0, 1.0 / step);
    half_width_ = std::min(half_width_for(zero_crossings_, scale_), max_half_width_);
    const int taps = 2 * half_width_;
    row_taps_ = row_taps_for(half_width_);
    const auto gain = static_cast<float>(scale_);
    // Row r holds the weights for a read at fraction r / kPhases past sample
    // (half_width_ - 1) of the row: tap j sits at distance (j - half_width_ + 1 - fraction).
    for (int row = 0; row <= kPhases; ++row) {
        const double fraction = static_cast<double>(row) / kPhases;
        float* out = bank_.data() + static_cast<std::ptrdiff_t>(row) * row_taps_;
        for (int j = 0; j < taps; ++j) {
            const double distance = static_cast<double>(j - half_width_ + 1) - fraction;
            out[j] = gain * table_at(distance * scale_);
        }
        for (int j = taps; j < row_taps_; ++j) out[j] = 0.0f;
    }
}

float Resampler::table_at(double x) const noexcept {
    const double scaled = std::fabs(x) * kResolution;
    const auto index = static_cast<std::size_t>(scaled);
    if (index + 1 >= table_.size()) return 0.0f;
    const auto frac = static_cast<float>(scaled - static_cast<double>(index));
    return table_[index] + frac * (table_[index + 1] - table_[index]);
}

void Resampler::read(const float* data, std::size_t stride, int channels, double position, float* frame) noexcept {
    // The weights for a read at `position` blend the two bank rows around its fraction; they
    // apply to the samples from `first` on.
    const double whole = std::floor(position);
    const double phase = (position - whole) * kPhases;
    const int row = std::min(static_cast<int>(phase), kPhases - 1);
    const auto blend = static_cast<float>(phase - row);
    const float* lo = bank_.data() + static_cast<std::ptrdiff_t>(row) * row_taps_;
    const std::ptrdiff_t first = static_cast<std::ptrdiff_t>(whole) - half_width_ + 1;
    kernels_->resample(lo, lo + row_taps_, blend, row_taps_, taps_.data(), data, stride, first, channels, frame);
}

}  // namespace stretchcore::engine
