#include "engine/spectral_gain.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>

#include "dsp/math_constants.hpp"
#include "dsp/portable_math.hpp"

namespace stretchcore::engine {

namespace {
// Width of the raised-cosine taper below the band limit, in bins.
constexpr double kTaper = 6.0;
// Formant corrections per frame, and the distance between their times, as a fraction of the
// frame.
constexpr int kCorrections = 3;
constexpr double kSpacing = 0.12;
}  // namespace

int SpectralGain::passes(double factor, bool formants) noexcept {
    return formants && factor != 1.0 ? kCorrections : 1;
}

int SpectralGain::centre(int pass, int passes) const noexcept {
    const double from_middle = (pass - 0.5 * (passes - 1)) * kSpacing * size();
    return size() / 2 + static_cast<int>(std::lround(from_middle));
}

GainFade SpectralGain::fade(int pass, int passes) const noexcept {
    GainFade fade;
    fade.rise_from = pass > 0 ? centre(pass - 1, passes) : 0;
    fade.rise_to = pass > 0 ? centre(pass, passes) : 0;
    fade.fall_from = pass + 1 < passes ? centre(pass, passes) : size();
    fade.fall_to = pass + 1 < passes ? centre(pass + 1, passes) : size();
    return fade;
}

float SpectralGain::gain_at(float bin) const noexcept {
    // Linear between the two bins around it.
    const std::size_t bins = gain_.size();
    const float f = std::clamp(bin, 0.0f, static_cast<float>(bins - 1));
    const auto below = std::min(static_cast<std::size_t>(f), bins - 2);
    const float t = f - static_cast<float>(below);
    return gain_[below] + t * (gain_[below + 1] - gain_[below]);
}

void SpectralGain::configure(int channels, int size, double sample_rate) {
    gain_.resize(static_cast<std::size_t>(size / 2 + 1));
    plain_factor_ = 0.0;
    formants_.configure(channels, size, sample_rate);
}

void SpectralGain::update(const InputFifo& input, std::int64_t position, double factor, bool formants,
                          const PhaseLocker& locker, dsp::RealFft& fft, int pass) noexcept {
    const std::size_t bins = gain_.size();
    const bool correcting = formants && factor != 1.0;
    // Without the correction the gain depends on the factor alone: the last frame's still holds.
    if (!correcting && factor == plain_factor_) return;
    plain_factor_ = correcting ? 0.0 : factor;
    if (correcting) {
        formants_.correction(input, position, centre(pass, passes(factor, formants)), factor, fft, gain_.data());
        // A gain that changes across a partial's main lobe tilts the lobe and moves its centre,
        // detuning the partial; one gain for each peak's region (the bins that turn with it)
        // scales the partial without skewing it, as in the region-wise peak processing of
        // Laroche and Dolson (1999).
        const std::vector<int>& ends = locker.region_ends();
        const std::vector<float>& where = locker.peak_frequencies();
        // Each peak's gain is read before the region below it is filled: a peak's frequency
        // may lie in its neighbour's region.
        float next = where.empty() ? 1.0f : gain_at(where[0]);
        std::size_t start = 0;
        for (std::size_t p = 0; p < where.size(); ++p) {
            const float g = next;
            if (p + 1 < where.size()) next = gain_at(where[p + 1]);
            const auto end = static_cast<std::size_t>(ends[p]);
            std::fill(gain_.begin() + static_cast<std::ptrdiff_t>(start), gain_.begin() + static_cast<std::ptrdiff_t>(end), g);
            start = end;
        }
    } else {
        std::fill(gain_.begin(), gain_.end(), 1.0f);
    }
    if (factor > 1.0) {
        // Transposing up: nothing above the output's Nyquist frequency may survive.
        const double cutoff = static_cast<double>(bins - 1) / factor;
        for (std::size_t k = 0; k < bins; ++k) {
            const double kk = static_cast<double>(k);
            if (kk >= cutoff) {
                gain_[k] = 0.0f;
            } else if (kk > cutoff - kTaper) {
                gain_[k] *= static_cast<float>(0.5 - 0.5 * dsp::portable_sin_cos(dsp::kPi * (cutoff - kk) / kTaper).cos);
            }
        }
    }
}

}  // namespace stretchcore::engine
