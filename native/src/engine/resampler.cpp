#include "engine/resampler.hpp"

#include <algorithm>
#include <cmath>

#include "dsp/math_constants.hpp"
#include "dsp/portable_math.hpp"

namespace stretchcore::engine {

namespace {
constexpr int kResolution = 512;  // table points per zero crossing
constexpr int kPhases = 256;      // bank rows per input sample
// Kaiser shape: about 85 dB of stop-band rejection.
constexpr double kKaiserBeta = 8.5;
// Cutoff just below Nyquist of the slower side; the stretcher has already removed the
// spectrum above it, so the transition band has next to nothing to fold back.
constexpr double kCutoff = 0.96;
// The passband correction stops where the kernel keeps less than this much of a frequency: no
// bin is raised by more than 6 dB, and the cutoff itself stays where it is.
constexpr double kLeastCorrected = 0.5;
// The correction is laid out at kCorrectionPoints + 1 frequencies (the instance's memory has no
// room for one value per bin) over the band where the kernel's response falls from within
// kFlat of 1 to a half, found on kSearchSteps frequencies from 0.3 to 1.3 of the cutoff.
constexpr int kCorrectionPoints = 32;
constexpr int kSearchSteps = 200;
constexpr double kFlat = 1e-3;

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

void Resampler::configure(int zero_crossings, double max_step, dsp::Isa isa, int frame_size) {
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
        const double sinc = x == 0.0 ? 1.0 : dsp::portable_sin_cos(dsp::kPi * x).sin / (dsp::kPi * x);
        table_[i] = static_cast<float>(sinc * window);
    }
    max_half_width_ = half_width_for(zero_crossings, kCutoff * std::min(1.0, 1.0 / max_step));
    bank_.assign(static_cast<std::size_t>((kPhases + 1) * row_taps_for(max_half_width_)), 0.0f);
    taps_.assign(static_cast<std::size_t>(row_taps_for(max_half_width_)), 0.0f);
    frame_size_ = frame_size;
    correction_.assign(frame_size > 0 ? std::size_t{kCorrectionPoints + 1} : 0, 1.0f);
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
    step_ = step;
    update_correction();
}

double Resampler::response(double f) const noexcept {
    // The kernel read on the sample grid (fraction 0) is symmetric: its response at f cycles per
    // sample is h(0) + 2 sum_d h(d) cos(2 pi f d), h(d) = scale kernel(d scale) (in taps_, the
    // read's scratch, by update_correction); the cosines come from the recurrence
    // cos((d + 1) t) = 2 cos(t) cos(d t) - cos((d - 1) t).
    const float* h = taps_.data();
    const double c1 = dsp::portable_sin_cos(dsp::kTwoPi * f).cos;
    double before = 1.0, here = c1;  // cos(0 t), cos(1 t)
    double sum = static_cast<double>(h[0]);
    for (int d = 1; d < half_width_; ++d) {
        sum += 2.0 * static_cast<double>(h[d]) * here;
        const double next = 2.0 * c1 * here - before;
        before = here;
        here = next;
    }
    return sum;
}

void Resampler::update_correction() noexcept {
    if (correction_.empty()) return;
    float* h = taps_.data();
    for (int d = 0; d < half_width_; ++d) h[d] = static_cast<float>(scale_) * table_at(d * scale_);
    // The band to lay out: from the last frequency still flat to the last one kept at half.
    const double cutoff = 0.5 * scale_;
    const double search_from = 0.3 * cutoff;
    const double search_step = (std::min(1.3 * cutoff, 0.5) - search_from) / kSearchSteps;
    correction_from_ = search_from;
    correction_to_ = search_from;
    bool flat = true;
    for (int i = 0; i <= kSearchSteps; ++i) {
        const double f = search_from + search_step * i;
        const double r = response(f);
        flat = flat && std::fabs(r - 1.0) <= kFlat;
        if (flat) correction_from_ = f;
        if (r >= kLeastCorrected) correction_to_ = f;
    }
    for (int i = 0; i <= kCorrectionPoints; ++i) {
        const double f = correction_from_ + (correction_to_ - correction_from_) * i / kCorrectionPoints;
        const double r = response(f);
        correction_[static_cast<std::size_t>(i)] = r >= kLeastCorrected ? static_cast<float>(1.0 / r) : 1.0f;
    }
    const int bins = frame_size_ / 2 + 1;
    if (correction_to_ <= correction_from_) {  // nothing falls within the search: nothing to correct
        first_corrected_ = end_corrected_ = 0;
        return;
    }
    first_corrected_ = std::min(bins, static_cast<int>(std::ceil(correction_from_ * frame_size_)));
    end_corrected_ = std::min(bins, static_cast<int>(std::floor(correction_to_ * frame_size_)) + 1);
    const double per_bin = kCorrectionPoints / ((correction_to_ - correction_from_) * frame_size_);
    points_per_bin_ = static_cast<float>(per_bin);
    first_point_ = static_cast<float>(std::max(0.0, (first_corrected_ - correction_from_ * frame_size_) * per_bin));
}

void Resampler::correct(float* re, float* im, std::size_t stride, int channels) const noexcept {
    if (!corrects()) return;
    // Between two points the gain is linear in the bin: one interval of bins at a time, so that
    // the loops over bins need no table look-up and vectorise.
    int k = first_corrected_;
    for (int point = 0; point < kCorrectionPoints && k < end_corrected_; ++point) {
        // The bins up to the next point (the last interval takes the rest).
        int end = end_corrected_;
        if (point + 1 < kCorrectionPoints) {
            const float reach = (static_cast<float>(point + 1) - first_point_) / points_per_bin_;
            end = std::min(end, first_corrected_ + std::max(0, static_cast<int>(std::ceil(reach))));
        }
        const float lo = correction_[static_cast<std::size_t>(point)];
        const float rise = correction_[static_cast<std::size_t>(point) + 1] - lo;
        const float offset = first_point_ - static_cast<float>(point);
        for (int c = 0; c < channels; ++c) {
            float* r = re + static_cast<std::size_t>(c) * stride;
            float* m = im + static_cast<std::size_t>(c) * stride;
            for (int b = k; b < end; ++b) {
                const float gain =
                    lo + (offset + static_cast<float>(b - first_corrected_) * points_per_bin_) * rise;
                r[b] *= gain;
                m[b] *= gain;
            }
        }
        k = std::max(k, end);
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
