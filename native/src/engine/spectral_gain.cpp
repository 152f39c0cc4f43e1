#include "engine/spectral_gain.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>

#include "dsp/math_constants.hpp"

namespace stretchcore::engine {

namespace {
// Width of the raised-cosine taper below the band limit, in bins.
constexpr double kTaper = 6.0;
}  // namespace

void SpectralGain::configure(int channels, int size, double sample_rate) {
    gain_.resize(static_cast<std::size_t>(size / 2 + 1));
    formants_.configure(channels, size, sample_rate);
}

void SpectralGain::update(const InputFifo& input, std::int64_t position, double factor, bool formants,
                          dsp::RealFft& fft) noexcept {
    const std::size_t bins = gain_.size();
    if (formants && factor != 1.0) {
        formants_.correction(input, position, factor, fft, gain_.data());
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
                gain_[k] *= static_cast<float>(0.5 - 0.5 * std::cos(dsp::kPi * (cutoff - kk) / kTaper));
            }
        }
    }
}

}  // namespace stretchcore::engine
