#include "engine/pitch_map.hpp"

#include <algorithm>
#include <cmath>

namespace stretchcore::engine {

namespace {
constexpr int kTaps = 6;
constexpr int kBefore = kTaps / 2 - 1;  // taps before the bin below the read position

/// Lagrange weights of the kTaps bins around a position t (0 <= t < 1) past bin kBefore.
void weights_at(double t, float* weight) noexcept {
    for (int m = 0; m < kTaps; ++m) {
        double c = 1.0;
        for (int q = 0; q < kTaps; ++q) {
            if (q != m) c *= (t - (q - kBefore)) / static_cast<double>(m - q);
        }
        weight[m] = static_cast<float>(c);
    }
}

/// Adds to output bin d the centred spectrum `from` (`kept` bins) interpolated with `weight` over
/// the kTaps bins from `below` on (bins outside the spectrum count as silent).
void add_read(const float* from_re, const float* from_im, std::ptrdiff_t kept, std::ptrdiff_t below,
              const float* weight, std::ptrdiff_t d, float* re, float* im) noexcept {
    float sum_re = 0.0f;
    float sum_im = 0.0f;
    for (int m = 0; m < kTaps; ++m) {
        const std::ptrdiff_t b = below + m;
        if (b < 0 || b >= kept) continue;
        sum_re += weight[m] * from_re[b];
        sum_im += weight[m] * from_im[b];
    }
    const float sign = (d & 1) != 0 ? -1.0f : 1.0f;
    re[d] += sign * sum_re;
    im[d] += sign * sum_im;
}
}  // namespace

void transpose_spectrum(float* re, float* im, std::size_t bin_count, double factor, const int* region_ends,
                        const float* peaks, std::size_t count, float* scratch) noexcept {
    const auto bins = static_cast<std::ptrdiff_t>(bin_count);
    // The centred spectrum goes to the scratch (a frame holds 2 (bins - 1) floats: the Nyquist
    // bin, silent after the band limit when going up and read from nowhere going down, is left
    // out) and the output starts silent.
    const std::ptrdiff_t kept = bins - 1;
    float* from_re = scratch;
    float* from_im = scratch + kept;
    for (std::ptrdiff_t k = 0; k < kept; ++k) {
        const float sign = (k & 1) != 0 ? -1.0f : 1.0f;
        from_re[k] = sign * re[k];
        from_im[k] = sign * im[k];
    }
    std::fill(re, re + bins, 0.0f);
    std::fill(im, im + bins, 0.0f);
    if (count == 0) {
        // A frame that keeps its own phases has no peak regions: bin d reads d / factor, which
        // moves every partial where it belongs (its lobe widened or narrowed by the factor).
        for (std::ptrdiff_t d = 0; d < bins; ++d) {
            const double at = static_cast<double>(d) / factor;
            const double whole = std::floor(at);
            float weight[kTaps];
            weights_at(at - whole, weight);
            add_read(from_re, from_im, kept, static_cast<std::ptrdiff_t>(whole) - kBefore, weight, d, re, im);
        }
        return;
    }
    for (std::size_t r = 0; r < count; ++r) {
        const double move = static_cast<double>(peaks[r]) * (factor - 1.0);
        const double start = r == 0 ? 0.0 : static_cast<double>(region_ends[r - 1]);
        const auto first = std::max<std::ptrdiff_t>(0, static_cast<std::ptrdiff_t>(std::ceil(start + move)));
        const auto end = std::min<std::ptrdiff_t>(
            bins, static_cast<std::ptrdiff_t>(std::ceil(static_cast<double>(region_ends[r]) + move)));
        if (first >= end) continue;
        // Output bin d reads input position d - move: the same fraction t past a whole bin for
        // the whole region, so one set of weights serves it.
        const double whole = std::floor(-move);
        const double t = -move - whole;
        const auto shift = static_cast<std::ptrdiff_t>(whole);
        float weight[kTaps];
        weights_at(t, weight);
        for (std::ptrdiff_t d = first; d < end; ++d) add_read(from_re, from_im, kept, d + shift - kBefore, weight, d, re, im);
    }
}

}  // namespace stretchcore::engine
