// RealFft against a double-precision DFT, plus the properties the phase vocoder relies on:
// round trip, linearity, exact DC and Nyquist, determinism, and the size rules.
#include "dsp/fft.hpp"
#include "dsp/math_constants.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <complex>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <random>
#include <stdexcept>
#include <utility>
#include <vector>

namespace {

using stretchcore::dsp::RealFft;
using Spectrum = std::vector<std::complex<double>>;

using stretchcore::dsp::kTwoPi;

// Sizes covering every stage kind: radix 2, 3, 4, 5 and 8, first and later stages, strides of
// exactly four, multiples of four and others (half sizes without a factor of four, odd half sizes),
// which take the scalar code paths.
const std::vector<int> kSizes = {16,   18,   20,   30,   36,   40,   48,   50,   60,   64,
                                 80,   90,   96,   120,  128,  250,  256,  360,  512,  750,
                                 1024, 1536, 2048, 2560, 3072, 4096, 5120, 6144, 7680, 11250};

std::vector<float> random_signal(int size, std::uint32_t seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
    std::vector<float> x(static_cast<std::size_t>(size));
    for (float& v : x) v = dist(rng);
    return x;
}

// cos and sin of 2 pi j / n for j < n, so the reference DFT reduces its angles exactly.
struct UnitCircle {
    std::vector<double> c, s;
    explicit UnitCircle(std::size_t n) : c(n), s(n) {
        for (std::size_t j = 0; j < n; ++j) {
            const double angle = kTwoPi * static_cast<double>(j) / static_cast<double>(n);
            c[j] = std::cos(angle);
            s[j] = std::sin(angle);
        }
    }
};

// X[k] = sum_n x[n] e^{-2 pi i k n / N}, k = 0 .. N/2, in double precision.
Spectrum naive_forward(const std::vector<float>& x) {
    const std::size_t n = x.size();
    const UnitCircle unit(n);
    Spectrum out(n / 2 + 1);
    for (std::size_t k = 0; k <= n / 2; ++k) {
        double re = 0.0, im = 0.0;
        for (std::size_t t = 0; t < n; ++t) {
            const std::size_t j = (k * t) % n;
            re += static_cast<double>(x[t]) * unit.c[j];
            im -= static_cast<double>(x[t]) * unit.s[j];
        }
        out[k] = {re, im};
    }
    return out;
}

// x[t] = sum over the full Hermitian spectrum of X[k] e^{+2 pi i k t / N}; im[0] and im[N/2]
// are treated as zero.
std::vector<double> naive_inverse(const std::vector<float>& re, const std::vector<float>& im) {
    const std::size_t n = (re.size() - 1) * 2;
    const UnitCircle unit(n);
    std::vector<double> out(n);
    for (std::size_t t = 0; t < n; ++t) {
        double acc = static_cast<double>(re[0]);
        acc += static_cast<double>(re[n / 2]) * ((t % 2 == 0) ? 1.0 : -1.0);
        for (std::size_t k = 1; k < n / 2; ++k) {
            const std::size_t j = (k * t) % n;
            acc += 2.0 * (static_cast<double>(re[k]) * unit.c[j] -
                          static_cast<double>(im[k]) * unit.s[j]);
        }
        out[t] = acc;
    }
    return out;
}

struct Transformed {
    std::vector<float> re, im;
};

Transformed forward(RealFft& fft, const std::vector<float>& x) {
    const std::size_t bins = x.size() / 2 + 1;
    Transformed out{std::vector<float>(bins), std::vector<float>(bins)};
    fft.forward(x.data(), out.re.data(), out.im.data());
    return out;
}

// sqrt(sum |a - b|^2 / sum |b|^2)
double relative_rms_error(const Transformed& got, const Spectrum& want) {
    double err = 0.0, ref = 0.0;
    for (std::size_t k = 0; k < want.size(); ++k) {
        const std::complex<double> g(static_cast<double>(got.re[k]), static_cast<double>(got.im[k]));
        err += std::norm(g - want[k]);
        ref += std::norm(want[k]);
    }
    return std::sqrt(err / ref);
}

double relative_rms_error(const std::vector<float>& got, const std::vector<double>& want,
                          double got_scale = 1.0) {
    double err = 0.0, ref = 0.0;
    for (std::size_t i = 0; i < want.size(); ++i) {
        const double d = static_cast<double>(got[i]) * got_scale - want[i];
        err += d * d;
        ref += want[i] * want[i];
    }
    return std::sqrt(err / ref);
}

// The transform stays near 1.5e-7 relative RMS error up to N = 22500 (float rounding grows
// with log N); this leaves a margin of about 2.5x.
constexpr double kRelTolerance = 4e-7;

TEST(RealFft, ForwardMatchesDoublePrecisionDft) {
    for (int size : kSizes) {
        SCOPED_TRACE(size);
        RealFft fft(size);
        const auto x = random_signal(size, 1000u + static_cast<std::uint32_t>(size));
        const auto got = forward(fft, x);
        const auto want = naive_forward(x);
        EXPECT_LT(relative_rms_error(got, want), kRelTolerance);

        // Every bin, not just the average: no bin may be off by more than a small multiple of
        // float rounding at the spectrum's scale.
        double scale = 0.0;
        for (const auto& w : want) scale = std::max(scale, std::abs(w));
        for (std::size_t k = 0; k < want.size(); ++k) {
            ASSERT_NEAR(got.re[k], want[k].real(), 5e-7 * scale) << "bin " << k;
            ASSERT_NEAR(got.im[k], want[k].imag(), 5e-7 * scale) << "bin " << k;
        }
        EXPECT_EQ(got.im[0], 0.0f);
        EXPECT_EQ(got.im[static_cast<std::size_t>(size / 2)], 0.0f);
    }
}

TEST(RealFft, InverseMatchesDoublePrecisionInverseDft) {
    for (int size : kSizes) {
        SCOPED_TRACE(size);
        RealFft fft(size);
        const std::size_t bins = static_cast<std::size_t>(size / 2 + 1);
        auto re = random_signal(static_cast<int>(bins), 7u + static_cast<std::uint32_t>(size));
        auto im = random_signal(static_cast<int>(bins), 9u + static_cast<std::uint32_t>(size));
        // Imaginary parts of DC and Nyquist are ignored: garbage there must not matter.
        im[0] = 123.0f;
        im[bins - 1] = -77.0f;
        std::vector<float> out(static_cast<std::size_t>(size));
        fft.inverse(re.data(), im.data(), out.data());
        EXPECT_LT(relative_rms_error(out, naive_inverse(re, im)), kRelTolerance);
    }
}

TEST(RealFft, InverseIgnoresImaginaryPartOfDcAndNyquist) {
    RealFft fft(96);
    auto re = random_signal(49, 3u);
    auto im = random_signal(49, 4u);
    std::vector<float> a(96), b(96);
    im[0] = 0.0f;
    im[48] = 0.0f;
    fft.inverse(re.data(), im.data(), a.data());
    im[0] = 5.0f;
    im[48] = -3.0f;
    fft.inverse(re.data(), im.data(), b.data());
    EXPECT_EQ(a, b);
}

TEST(RealFft, RoundTripReturnsSizeTimesInput) {
    for (int size : kSizes) {
        SCOPED_TRACE(size);
        RealFft fft(size);
        const auto x = random_signal(size, 55u + static_cast<std::uint32_t>(size));
        const auto spectrum = forward(fft, x);
        std::vector<float> back(x.size());
        fft.inverse(spectrum.re.data(), spectrum.im.data(), back.data());

        double err = 0.0, ref = 0.0;
        const double inv_n = 1.0 / static_cast<double>(size);
        for (std::size_t i = 0; i < x.size(); ++i) {
            const double d = static_cast<double>(back[i]) * inv_n - static_cast<double>(x[i]);
            err += d * d;
            ref += static_cast<double>(x[i]) * static_cast<double>(x[i]);
        }
        const double rel = std::sqrt(err / ref);
        EXPECT_LT(rel, 5e-7);
        // The pass-through needs at least 100 dB; demand far more from the transform alone.
        EXPECT_GT(-20.0 * std::log10(rel), 126.0);
    }
}

TEST(RealFft, IsLinear) {
    for (int size : {60, 1024, 3072, 5120}) {
        SCOPED_TRACE(size);
        RealFft fft(size);
        const auto x = random_signal(size, 11u);
        const auto y = random_signal(size, 12u);
        const float a = 0.75f, b = -2.5f;
        std::vector<float> mix(x.size());
        for (std::size_t i = 0; i < x.size(); ++i) mix[i] = a * x[i] + b * y[i];

        const auto fx = forward(fft, x);
        const auto fy = forward(fft, y);
        const auto fmix = forward(fft, mix);
        Spectrum combined(fx.re.size());
        for (std::size_t k = 0; k < combined.size(); ++k) {
            const std::complex<double> x_k(static_cast<double>(fx.re[k]), static_cast<double>(fx.im[k]));
            const std::complex<double> y_k(static_cast<double>(fy.re[k]), static_cast<double>(fy.im[k]));
            combined[k] = static_cast<double>(a) * x_k + static_cast<double>(b) * y_k;
        }
        EXPECT_LT(relative_rms_error(fmix, combined), kRelTolerance);
    }
}

TEST(RealFft, ImpulseGivesLinearPhase) {
    for (int size : {16, 48, 80, 1536, 4096, 5120}) {
        for (int delay : {0, 1, 7, size / 2 - 1, size / 2, size - 1}) {
            SCOPED_TRACE(testing::Message() << "size " << size << " delay " << delay);
            RealFft fft(size);
            std::vector<float> x(static_cast<std::size_t>(size), 0.0f);
            x[static_cast<std::size_t>(delay)] = 1.0f;
            const auto got = forward(fft, x);
            for (std::size_t k = 0; k < got.re.size(); ++k) {
                const double angle = -kTwoPi *
                                     static_cast<double>((k * static_cast<std::size_t>(delay)) %
                                                         static_cast<std::size_t>(size)) /
                                     size;
                ASSERT_NEAR(got.re[k], std::cos(angle), 2e-6) << "bin " << k;
                ASSERT_NEAR(got.im[k], std::sin(angle), 2e-6) << "bin " << k;
            }
        }
    }
}

TEST(RealFft, PureTonesLandInTheirBin) {
    for (int size : {48, 1024, 3072, 5120}) {
        RealFft fft(size);
        const std::size_t n = static_cast<std::size_t>(size);
        for (std::size_t bin : {std::size_t{1}, std::size_t{5}, n / 3, n / 2 - 1}) {
            SCOPED_TRACE(testing::Message() << "size " << size << " bin " << bin);
            const UnitCircle unit(n);
            std::vector<float> cosine(n), sine(n);
            for (std::size_t t = 0; t < n; ++t) {
                cosine[t] = static_cast<float>(unit.c[(bin * t) % n]);
                sine[t] = static_cast<float>(unit.s[(bin * t) % n]);
            }
            const auto fc = forward(fft, cosine);
            const auto fs = forward(fft, sine);
            const double half = size / 2.0;
            const double tol = 2e-6 * half;
            for (std::size_t k = 0; k <= n / 2; ++k) {
                const double want_c = k == bin ? half : 0.0;
                const double want_s = k == bin ? -half : 0.0;
                ASSERT_NEAR(fc.re[k], want_c, tol) << "bin " << k;
                ASSERT_NEAR(fc.im[k], 0.0, tol) << "bin " << k;
                ASSERT_NEAR(fs.re[k], 0.0, tol) << "bin " << k;
                ASSERT_NEAR(fs.im[k], want_s, tol) << "bin " << k;
            }
        }
    }
}

TEST(RealFft, DcAndNyquistAreExact) {
    for (int size : {16, 30, 96, 4096}) {
        SCOPED_TRACE(size);
        RealFft fft(size);
        const std::size_t n = static_cast<std::size_t>(size);
        std::vector<float> dc(n, 1.0f), alternating(n);
        for (std::size_t t = 0; t < n; ++t) alternating[t] = t % 2 == 0 ? 1.0f : -1.0f;
        const auto fdc = forward(fft, dc);
        const auto falt = forward(fft, alternating);
        EXPECT_EQ(fdc.re[0], static_cast<float>(size));
        EXPECT_EQ(fdc.re[n / 2], 0.0f);
        EXPECT_EQ(falt.re[n / 2], static_cast<float>(size));
        EXPECT_EQ(falt.re[0], 0.0f);
    }
}

TEST(RealFft, IsDeterministicAndKeepsNoSharedState) {
    RealFft a(5120), b(5120), other(3072);
    const auto x = random_signal(5120, 77u);
    const auto y = random_signal(3072, 78u);
    const auto first = forward(a, x);
    const auto other_first = forward(other, y);
    // Interleave use of the instances; results must be bit-identical every time.
    for (int round = 0; round < 3; ++round) {
        const auto again = forward(a, x);
        const auto from_b = forward(b, x);
        const auto other_again = forward(other, y);
        EXPECT_EQ(again.re, first.re);
        EXPECT_EQ(again.im, first.im);
        EXPECT_EQ(from_b.re, first.re);
        EXPECT_EQ(from_b.im, first.im);
        EXPECT_EQ(other_again.re, other_first.re);
        EXPECT_EQ(other_again.im, other_first.im);
    }
}

TEST(RealFft, MovedInstanceKeepsWorking) {
    RealFft original(1536);
    const auto x = random_signal(1536, 5u);
    const auto want = forward(original, x);

    RealFft moved(std::move(original));
    EXPECT_EQ(moved.size(), 1536);
    const auto got = forward(moved, x);
    EXPECT_EQ(got.re, want.re);
    EXPECT_EQ(got.im, want.im);

    RealFft assigned(16);
    assigned = std::move(moved);
    EXPECT_EQ(assigned.size(), 1536);
    const auto again = forward(assigned, x);
    EXPECT_EQ(again.re, want.re);
    EXPECT_EQ(again.im, want.im);
}

TEST(RealFft, ReportsItsSize) {
    for (int size : kSizes) {
        EXPECT_EQ(RealFft(size).size(), size);
    }
}

TEST(RealFft, RejectsUnsupportedSizes) {
    for (int size : {std::numeric_limits<int>::min(),
                     -16,
                     -1,
                     0,
                     1,
                     2,
                     8,
                     10,
                     12,
                     14,
                     15,
                     17,
                     22,
                     45,
                     75,
                     81,
                     112,
                     1022,
                     1025,
                     4097,
                     2 * 7 * 512,
                     2 * 11 * 1024}) {
        SCOPED_TRACE(size);
        EXPECT_THROW(RealFft{size}, std::invalid_argument);
    }
}

TEST(RealFft, IsSupportedSize) {
    for (int size : {16, 18, 20, 24, 30, 48, 60, 80, 96, 120, 1000, 1024, 1536, 2560, 3072, 4096,
                     5120, 22500, 1 << 30}) {
        EXPECT_TRUE(RealFft::is_supported_size(size)) << size;
    }
    for (int size : {-16, 0, 8, 12, 14, 15, 17, 21, 22, 25, 45, 1022, 1025, 22528,
                     std::numeric_limits<int>::max()}) {
        EXPECT_FALSE(RealFft::is_supported_size(size)) << size;
    }
}

bool is_even_5_smooth(std::int64_t v) {
    if (v < 16 || v % 2 != 0) return false;
    for (std::int64_t f : {2, 3, 5}) {
        while (v % f == 0) v /= f;
    }
    return v == 1;
}

TEST(RealFft, NextSupportedSize) {
    EXPECT_EQ(RealFft::next_supported_size(-5), 16);
    EXPECT_EQ(RealFft::next_supported_size(0), 16);
    EXPECT_EQ(RealFft::next_supported_size(16), 16);
    EXPECT_EQ(RealFft::next_supported_size(17), 18);
    EXPECT_EQ(RealFft::next_supported_size(1000), 1000);
    EXPECT_EQ(RealFft::next_supported_size(1001), 1024);
    EXPECT_EQ(RealFft::next_supported_size(4097), 4320);
    EXPECT_EQ(RealFft::next_supported_size(5000), 5000);
    EXPECT_EQ(RealFft::next_supported_size(5001), 5120);
    EXPECT_EQ(RealFft::next_supported_size(22528), 23040);

    // Against a brute-force scan, and consistent with is_supported_size.
    int expected = 0;
    for (int size = 25000; size >= 16; --size) {
        if (is_even_5_smooth(size)) expected = size;
        ASSERT_EQ(RealFft::next_supported_size(size), expected) << size;
        ASSERT_EQ(RealFft::is_supported_size(size), is_even_5_smooth(size)) << size;
    }

    // At the top of the int range: the largest supported size maps to itself, beyond it there
    // is no answer (0).
    std::int64_t largest = 0;
    const std::int64_t limit = std::numeric_limits<int>::max();
    for (std::int64_t p5 = 1; p5 <= limit; p5 *= 5) {
        for (std::int64_t p35 = p5; p35 <= limit; p35 *= 3) {
            for (std::int64_t v = 2 * p35; v <= limit; v *= 2) largest = std::max(largest, v);
        }
    }
    const int top = static_cast<int>(largest);
    EXPECT_EQ(RealFft::next_supported_size(top), top);
    EXPECT_EQ(RealFft::next_supported_size(top - 1), top);
    EXPECT_EQ(RealFft::next_supported_size(top + 1), 0);
    EXPECT_EQ(RealFft::next_supported_size(std::numeric_limits<int>::max()), 0);
    const int mid = RealFft::next_supported_size(std::numeric_limits<int>::max() / 2);
    EXPECT_GE(mid, std::numeric_limits<int>::max() / 2);
    EXPECT_TRUE(RealFft::is_supported_size(mid));
}

}  // namespace
