#include "engine/spectral_analysis.hpp"

#include <algorithm>

#include "dsp/math_constants.hpp"

namespace stretchcore::engine {

namespace {
// A bin whose channels cancel in the sum takes its phase from its loudest channel instead.
constexpr float kCancellation = 0.1f;
// Weight of the previous frames' statistics in the steering of a pair: about two frames' memory,
// long enough to keep the weight steady from frame to frame, short enough to follow the music.
constexpr float kSteeringDecay = 0.5f;
// How much the minor part of a pair is raised in a phase-locked frame (+0.67 dB): about what that
// part loses against the principal part in the overlap-add (docs/benchmarks.md, "Decorrelated part
// of a stereo pair"; 0.03-0.15 measured, 0.05 best for both stereo clips; since the phase advance
// is measured over the hop, 0.08: strings 0.0208 -> 0.0161, the band 0.0062 -> 0.0065).
constexpr float kDecorrelatedBoost = 0.08f;
}  // namespace

void SpectralAnalysis::configure(int channels, int size, dsp::Isa isa, bool restore_decorrelated) {
    kernels_ = &dsp::kernels_for(isa);
    restore_decorrelated_ = restore_decorrelated;
    channels_ = channels;
    size_ = size;
    bins_ = size / 2 + 1;
    bin_width_ = dsp::kTwoPi / size;
    const auto bins = static_cast<std::size_t>(bins_);
    const auto per_channel = static_cast<std::size_t>(channels) * bins;
    frame_.resize(static_cast<std::size_t>(size));
    for (auto* v : {&raw_re_, &raw_im_, &win_re_, &win_im_}) v->resize(per_channel);
    for (auto* v : {&ref_re_, &ref_im_, &power_}) v->resize(bins);
    reference_channel_.resize(bins);
    const std::size_t pair_bins = channels == 2 ? bins : 0;
    for (auto* v : {&cross_re_, &cross_im_, &power_x_, &power_y_}) v->resize(pair_bins);
    reset();
}

void SpectralAnalysis::reset() noexcept {
    for (auto* v : {&cross_re_, &cross_im_, &power_x_, &power_y_}) std::fill(v->begin(), v->end(), 0.0f);
}

void SpectralAnalysis::analyse(const InputFifo& input, std::int64_t position, dsp::RealFft& fft) noexcept {
    const auto bins = static_cast<std::size_t>(bins_);
    for (int c = 0; c < channels_; ++c) {
        const float* samples = input.span(c, position, size_);
        if (samples == nullptr) {  // part of the frame lies outside the input held: silence there
            input.read(c, position, size_, frame_.data());
            samples = frame_.data();
        }
        float* xr = raw_re_.data() + offset(c);
        float* xi = raw_im_.data() + offset(c);
        float* wr = win_re_.data() + offset(c);
        float* wi = win_im_.data() + offset(c);
        fft.forward(samples, xr, xi);
        if (compact_) {
            compact_spectrum(xr, xi, wr, wi, bins);
        } else {
            kernels_->hann_spectrum(xr, xi, wr, wi, bins);
        }
    }

    // One reference spectrum drives the phase of every channel, so the stereo image holds.
    std::fill(reference_channel_.begin(), reference_channel_.end(), static_cast<std::int8_t>(channels_ == 1 ? 0 : -1));
    if (channels_ == 2) {
        kernels_->steer_pair(win_re_.data(), win_im_.data(), win_re_.data() + offset(1), win_im_.data() + offset(1),
                             kSteeringDecay, cross_re_.data(), cross_im_.data(), power_x_.data(), power_y_.data(),
                             ref_re_.data(), ref_im_.data(), bins);
    } else {
        std::copy(win_re_.begin(), win_re_.begin() + static_cast<std::ptrdiff_t>(bins), ref_re_.begin());
        std::copy(win_im_.begin(), win_im_.begin() + static_cast<std::ptrdiff_t>(bins), ref_im_.begin());
        for (int c = 1; c < channels_; ++c) {
            kernels_->accumulate(ref_re_.data(), ref_im_.data(), win_re_.data() + offset(c),
                                 win_im_.data() + offset(c), bins);
        }
    }
    kernels_->power(ref_re_.data(), ref_im_.data(), power_.data(), bins);
    if (channels_ == 1) return;
    kernels_->pick_loudest(win_re_.data(), win_im_.data(), bins, channels_, bins, kCancellation, ref_re_.data(),
                           ref_im_.data(), power_.data(), reference_channel_.data());
}

void SpectralAnalysis::compact_spectrum(const float* xr, const float* xi, float* wr, float* wi,
                                        std::size_t bins) noexcept {
    // Hann squared, sin^4(pi n / N) = 3/8 - cos(2 pi n / N) / 2 + cos(4 pi n / N) / 8: five taps on the
    // unwindowed spectrum, whose bins below 0 and above N / 2 are the conjugates of those inside.
    const auto last = static_cast<std::ptrdiff_t>(bins) - 1;
    const auto re = [&](std::ptrdiff_t k) { return xr[k < 0 ? -k : (k > last ? 2 * last - k : k)]; };
    const auto im = [&](std::ptrdiff_t k) { return k < 0 || k > last ? -xi[k < 0 ? -k : 2 * last - k] : xi[k]; };
    for (std::ptrdiff_t k = 0; k <= last; ++k) {
        wr[k] = kCompactScale * (0.375f * re(k) - 0.25f * (re(k - 1) + re(k + 1)) + 0.0625f * (re(k - 2) + re(k + 2)));
        wi[k] = kCompactScale * (0.375f * im(k) - 0.25f * (im(k - 1) + im(k + 1)) + 0.0625f * (im(k - 2) + im(k + 2)));
    }
}

void SpectralAnalysis::restore_decorrelated() noexcept {
    if (channels_ != 2 || !restore_decorrelated_) return;
    kernels_->widen_pair(win_re_.data(), win_im_.data(), win_re_.data() + offset(1), win_im_.data() + offset(1),
                         cross_re_.data(), cross_im_.data(), power_x_.data(), power_y_.data(), kDecorrelatedBoost,
                         static_cast<std::size_t>(bins_));
}

double SpectralAnalysis::frequency_deviation(std::size_t k) const noexcept {
    // The derivative of the Hann window is (pi / N) sin(2 pi n / N): in the frequency domain,
    // (pi / 2N) i (X[k+1] - X[k-1]), taken from the channels the reference bin came from, with
    // the weights of the reference.
    const auto derivative_scale = static_cast<float>(dsp::kPi / (2.0 * size_));
    float below_re = 0.0f, below_im = 0.0f, above_re = 0.0f, above_im = 0.0f;
    const int source = reference_channel_[k];
    const int first = source < 0 ? 0 : source;
    const int end = source < 0 ? channels_ : source + 1;
    for (int c = first; c < end; ++c) {
        const float br = raw_re_[offset(c) + k - 1], bi = raw_im_[offset(c) + k - 1];
        const float ar = raw_re_[offset(c) + k + 1], ai = raw_im_[offset(c) + k + 1];
        if (c == 1 && source < 0 && channels_ == 2) {
            const dsp::SteeringWeight w = dsp::steering_weight(cross_re_[k], cross_im_[k], power_x_[k], power_y_[k]);
            below_re += w.re * br - w.im * bi;
            below_im += w.re * bi + w.im * br;
            above_re += w.re * ar - w.im * ai;
            above_im += w.re * ai + w.im * ar;
        } else {
            below_re += br;
            below_im += bi;
            above_re += ar;
            above_im += ai;
        }
    }
    float d_re = derivative_scale * (below_im - above_im);
    float d_im = -derivative_scale * (below_re - above_re);
    if (compact_) {
        // Hann squared's derivative is (pi / N) (sin(2 pi n / N) - sin(4 pi n / N) / 2): the term
        // above less (pi / 4N) i (X[k+2] - X[k-2]), all times the compact window's scale. A
        // single channel only (Stretcher), so the bins two away come from it. (Peaks lie two bins
        // or more inside the spectrum.)
        const float b2r = raw_re_[k - 2], b2i = raw_im_[k - 2];
        const float a2r = raw_re_[k + 2], a2i = raw_im_[k + 2];
        d_re = kCompactScale * (d_re - 0.5f * derivative_scale * (b2i - a2i));
        d_im = kCompactScale * (d_im + 0.5f * derivative_scale * (b2r - a2r));
    }
    const auto w_re = static_cast<double>(ref_re_[k]);
    const auto w_im = static_cast<double>(ref_im_[k]);
    const auto power = static_cast<double>(power_[k]);
    // Reassignment: the frequency offset is -Im(X_derivative / X_window).
    const double deviation = -(static_cast<double>(d_im) * w_re - static_cast<double>(d_re) * w_im) / power;
    return std::clamp(deviation, -2.0 * bin_width_, 2.0 * bin_width_);
}

}  // namespace stretchcore::engine
