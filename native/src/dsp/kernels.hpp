// The hot loops of the engine, built once per instruction set (kernels_portable.cpp,
// kernels_avx2.cpp, kernels_neon.cpp) from the same source (fft_kernels.inc,
// engine_kernels.inc). Every build performs the same float operations in the same order —
// no fused multiply-add (-ffp-contract=off), sums in a fixed lane order — so they differ in
// speed only, never in output. isa.hpp chooses one table per instance.
#pragma once

#include <cstddef>
#include <cmath>
#include <cstdint>

#include "dsp/fft_plan.hpp"
#include "dsp/isa.hpp"

namespace stretchcore::dsp {

using KernelFftForward = void (*)(const FftView& plan, const float* input, float* re, float* im) noexcept;
using KernelFftInverse = void (*)(const FftView& plan, const float* re, const float* im, float* output) noexcept;

/// The weight w of the second channel of a pair in its reference spectrum x + w y, from the
/// smoothed cross spectrum a = E[y conj(x)] and powers px = E|x|^2, py = E|y|^2 (SteeringWeight
/// below says how). Inline, so that every build and the scalar callers compute the same bits.
struct SteeringWeight {
    float re;
    float im;
};
inline SteeringWeight steering_weight(float a_re, float a_im, float px, float py) noexcept {
    // w = 1 - g + g e^{-i theta}, with g e^{i theta} = a / sqrt(px py): the coherence g (0..1)
    // turns the plain sum (g = 0, channels unrelated) into the sum with y aligned to x by their
    // mean phase difference theta (g = 1), so content that is anti-phase between the channels
    // adds up instead of cancelling. The square roots are taken one by one and the ratio is
    // formed before it is squared: no intermediate leaves the float range.
    const float d = std::sqrt(px) * std::sqrt(py);
    const bool usable = d > 1e-30f;
    const float inverse = 1.0f / (usable ? d : 1.0f);
    const float u = usable ? a_re * inverse : 0.0f;
    const float v = usable ? a_im * inverse : 0.0f;
    const float g = std::sqrt(u * u + v * v);
    return {1.0f + (u - g), -v};
}

struct Kernels {
    Isa isa;

    KernelFftForward fft_forward;
    KernelFftInverse fft_inverse;

    /// Band-limited read (Resampler::read): weights[j] = lo[j] + blend (hi[j] - lo[j]) for
    /// j < taps, then frame[c] = sum_j weights[j] data[c * stride + first + j], summed in
    /// kDotLanes interleaved partial sums combined as dot_lanes_sum() says.
    void (*resample)(const float* lo, const float* hi, float blend, int taps, float* weights, const float* data,
                     std::size_t stride, std::ptrdiff_t first, int channels, float* frame) noexcept;

    /// The Hann window applied to a spectrum of `bins` bins (bins >= 3):
    /// w[k] = 0.5 x[k] - 0.25 (x[k - 1] + x[k + 1]), the edges folded over, imaginary edges 0.
    void (*hann_spectrum)(const float* x_re, const float* x_im, float* w_re, float* w_im,
                          std::size_t bins) noexcept;
    /// sum[k] += x[k] and the same for the imaginary parts, k < n.
    void (*accumulate)(float* sum_re, float* sum_im, const float* x_re, const float* x_im, std::size_t n) noexcept;
    /// power[k] = re[k]^2 + im[k]^2.
    void (*power)(const float* re, const float* im, float* power, std::size_t n) noexcept;
    /// The reference spectrum of a channel pair x, y: for each bin, the smoothed statistics
    /// cross = decay cross + y conj(x), power_x = decay power_x + |x|^2, power_y likewise, are
    /// updated, and ref = x + w y with w = steering_weight(cross, power_x, power_y).
    void (*steer_pair)(const float* x_re, const float* x_im, const float* y_re, const float* y_im, float decay,
                       float* cross_re, float* cross_im, float* power_x, float* power_y, float* ref_re,
                       float* ref_im, std::size_t bins) noexcept;
    /// The minor part of a channel pair z = (x, y) raised by `boost`, bin by bin: z += boost m, m
    /// the projection of z on the minor eigenvector of the smoothed covariance
    /// [[power_x, conj(cross)], [cross, power_y]] (cross = E[y conj(x)]), i.e. the content the
    /// pair's principal direction leaves out. Bins whose covariance is a multiple of the
    /// identity (no principal direction) are left as they are.
    void (*widen_pair)(float* x_re, float* x_im, float* y_re, float* y_im, const float* cross_re, const float* cross_im,
                       const float* power_x, const float* power_y, float boost, std::size_t bins) noexcept;
    /// For each bin k < bins of `channels` spectra (channel c at re + c * stride): where
    /// power[k] < cancellation x the channels' summed power, the loudest channel (the first
    /// of equals) replaces ref[k] and power[k], and channel[k] names it.
    void (*pick_loudest)(const float* re, const float* im, std::size_t stride, int channels, std::size_t bins,
                         float cancellation, float* ref_re, float* ref_im, float* power,
                         std::int8_t* channel) noexcept;

    /// y = x * rotation * gain, bin by bin.
    void (*rotate_and_scale)(const float* x_re, const float* x_im, const float* rot_re, const float* rot_im,
                             const float* gain, float* y_re, float* y_im, std::size_t bins) noexcept;
    /// target[n] += frame[n] * window[n].
    void (*window_add)(float* target, const float* frame, const float* window, std::size_t n) noexcept;
};

/// Partial sums of a dot product: lane l takes the terms j = l (mod kDotLanes).
constexpr int kDotLanes = 8;

/// The table for `isa`, which must be available (isa_available).
const Kernels& kernels_for(Isa isa) noexcept;

}  // namespace stretchcore::dsp
