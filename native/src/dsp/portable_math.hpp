#pragma once

// Sine, cosine, arctangent and exponentials written out in IEEE arithmetic. Each platform's C
// library rounds these its own way in the last bit (glibc, the Windows runtime, Apple's), and one
// such bit in a phase advance or a formant gain was enough to make an output differ between
// platforms. Built with -ffp-contract=off, as the whole core is, these give the same bits
// everywhere, within about an ulp of the correctly rounded value (the arctangent within 1e-11).

#include <cmath>
#include <cstdint>
#include <limits>

#include "dsp/math_constants.hpp"

namespace stretchcore::dsp {

struct SinCos {
    double sin;
    double cos;
};

namespace portable_detail {
// pi/2 split in three (33 + 33 + 53 bits): n * kHalfPi1 and n * kHalfPi2 are exact for |n| < 2^20,
// so the reduced argument keeps its precision for |x| up to about 1.6e6.
inline constexpr double kHalfPi1 = 0x1.921fb544p+0;
inline constexpr double kHalfPi2 = 0x1.0b4611a6p-34;
inline constexpr double kHalfPi3 = 0x1.3198a2e037073p-69;
inline constexpr double kTwoOverPi = 0x1.45f306dc9c883p-1;

// Taylor series on |r| <= pi/4, in z = r^2: the first left-out term is below 2^-55 of the value.
inline double sin_reduced(double r) noexcept {
    const double z = r * r;
    const double tail =
        -1.0 / 6.0 +
        z * (1.0 / 120.0 +
             z * (-1.0 / 5040.0 +
                  z * (1.0 / 362880.0 +
                       z * (-1.0 / 39916800.0 +
                            z * (1.0 / 6227020800.0 + z * (-1.0 / 1307674368000.0 + z * (1.0 / 355687428096000.0)))))));
    return r + r * z * tail;
}

inline double cos_reduced(double r) noexcept {
    const double z = r * r;
    const double tail =
        1.0 / 24.0 +
        z * (-1.0 / 720.0 +
             z * (1.0 / 40320.0 +
                  z * (-1.0 / 3628800.0 +
                       z * (1.0 / 479001600.0 +
                            z * (-1.0 / 87178291200.0 + z * (1.0 / 20922789888000.0 + z * (-1.0 / 6402373705728000.0)))))));
    return (1.0 - 0.5 * z) + z * z * tail;
}
}  // namespace portable_detail

// sin x and cos x for |x| up to about 1.6e6 (beyond it still the same bits everywhere, less accurate).
// Not a number for an infinite or NaN x, and for |x| >= 2^52, where a double holds no fraction of a turn.
inline SinCos portable_sin_cos(double x) noexcept {
    using namespace portable_detail;
    if (!(std::fabs(x) < 0x1p52)) {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        return {nan, nan};
    }
    const double n = std::floor(x * kTwoOverPi + 0.5);
    const double r = ((x - n * kHalfPi1) - n * kHalfPi2) - n * kHalfPi3;
    const double s = sin_reduced(r);
    const double c = cos_reduced(r);
    switch (static_cast<std::int64_t>(n) & 3) {
        case 0:
            return {s, c};
        case 1:
            return {c, -s};
        case 2:
            return {-s, -c};
        default:
            return {-c, s};
    }
}

// The angle of (x, y) in [-pi, pi], within 1e-11 of the library's atan2 (the phase locker's use
// needs far less), with the sign of y (-0 included); 0 for (0, 0), NaN when either is NaN or both
// are infinite.
inline double portable_atan2(double y, double x) noexcept {
    constexpr double kTanEighthPi = 0x1.a827999fcef32p-2;  // tan(pi / 8)
    const double ax = std::fabs(x);
    const double ay = std::fabs(y);
    if (x != x || y != y) return x + y;
    if (ax == 0.0 && ay == 0.0) return 0.0;
    // The octant's ratio in [0, 1], then, past tan(pi/8), atan t = pi/4 + atan((t - 1) / (t + 1)),
    // so that the polynomial runs on |t| <= tan(pi/8).
    const bool steep = ay > ax;
    double t = steep ? ax / ay : ay / ax;
    double base = 0.0;
    if (t > kTanEighthPi) {
        t = (t - 1.0) / (t + 1.0);
        base = kPi / 4.0;
    }
    // atan t / t as a polynomial in z = t^2 on [0, tan^2(pi/8)]: a least-squares fit on Chebyshev
    // nodes, 8e-12 from atan at worst (the Taylor series needs 19 terms for as much).
    const double z = t * t;
    const double series =
        0x1.ffffffffd2240p-1 +
        z * (-0x1.5555548641cdfp-2 +
             z * (0x1.9999007671c9fp-3 +
                  z * (-0x1.247cebdee8734p-3 +
                       z * (0x1.c43ddaafbe389p-4 + z * (-0x1.5a7c3c464cae3p-4 + z * 0x1.8216e217d7065p-5)))));
    double angle = base + t * series;
    if (steep) angle = kPi / 2.0 - angle;
    if (x < 0.0) angle = kPi - angle;
    return std::signbit(y) ? -angle : angle;
}

// e^x for |x| < 700, within about an ulp; 0 below -745, infinity above 709.8 and for +infinity, NaN for NaN.
inline double portable_exp(double x) noexcept {
    if (!(x > -745.2)) return x != x ? x : 0.0;
    if (!(x < 709.8)) return x != x ? x : std::numeric_limits<double>::infinity();
    constexpr double kLog2e = 0x1.71547652b82fep+0;
    // ln 2 split in two (33 + 53 bits): k * kLn2High is exact for |k| < 2^20.
    constexpr double kLn2High = 0x1.62e42feep-1;
    constexpr double kLn2Low = 0x1.a39ef35793c76p-33;
    const double k = std::floor(x * kLog2e + 0.5);
    const double r = (x - k * kLn2High) - k * kLn2Low;  // |r| <= ln2 / 2
    // Taylor series to r^13, nested as 1 + r (1 + r/2 (1 + r/3 (...))): the first left-out term is
    // below 2^-58 of the value.
    double p = 1.0;
    for (int n = 13; n >= 1; --n) {
        p = 1.0 + r * p / static_cast<double>(n);
    }
    return std::ldexp(p, static_cast<int>(k));
}

// 2^x for |x| < 1000, exact at integers (a whole number of octaves is an exact ratio); 0 or infinity
// beyond, NaN for NaN.
inline double portable_exp2(double x) noexcept {
    constexpr double kLn2 = 0x1.62e42fefa39efp-1;
    if (!(std::fabs(x) < 1000.0)) return x != x ? x : (x < 0.0 ? 0.0 : std::numeric_limits<double>::infinity());
    const double whole = std::floor(x);
    return std::ldexp(portable_exp((x - whole) * kLn2), static_cast<int>(whole));
}

}  // namespace stretchcore::dsp
