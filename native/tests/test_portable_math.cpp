// The core's own sine, cosine, arctangent and exponential (dsp/portable_math.hpp) against the C library's:
// they must agree to within a couple of ulps over the ranges the engine calls them on.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>

#include "dsp/math_constants.hpp"
#include "dsp/portable_math.hpp"

namespace {

using stretchcore::dsp::portable_atan2;
using stretchcore::dsp::portable_exp;
using stretchcore::dsp::portable_exp2;
using stretchcore::dsp::portable_sin_cos;

// Distance in units in the last place of the reference, with a floor of one ulp of 1 for values
// near zero (sin pi is not 0 in doubles, and its library value is itself a rounding away).
double ulps(double value, double reference) {
    const double scale = std::max(std::fabs(reference), 1.0);
    return std::fabs(value - reference) / (scale * 0x1p-52);
}

TEST(PortableMath, SineAndCosineMatchTheLibrary) {
    std::mt19937_64 random(7);
    // The phase advance's range, the tables' (fractions of a turn), and angles of a long table;
    // up to the argument reduction's limit where the library is itself exact enough to judge by
    // (the Windows runtime's sin is 9 ulps from glibc's at 1.5e6).
#ifdef _WIN32
    const double spans[] = {stretchcore::dsp::kTwoPi, 1.0, 100.0, 1e5};
#else
    const double spans[] = {stretchcore::dsp::kTwoPi, 1.0, 100.0, 1e5, 1.5e6};
#endif
    for (const double span : spans) {
        std::uniform_real_distribution<double> angle(-span, span);
        double worst = 0.0;
        for (int i = 0; i < 20000; ++i) {
            const double x = angle(random);
            const auto [s, c] = portable_sin_cos(x);
            worst = std::max({worst, ulps(s, std::sin(x)), ulps(c, std::cos(x))});
        }
        EXPECT_LT(worst, 2.0) << "angles within " << span;
    }
    // Exact points stay exact.
    EXPECT_EQ(portable_sin_cos(0.0).sin, 0.0);
    EXPECT_EQ(portable_sin_cos(0.0).cos, 1.0);
}

TEST(PortableMath, QuadrantsHaveTheirSigns) {
    for (int quadrant = -8; quadrant < 8; ++quadrant) {
        const double x = (quadrant + 0.5) * stretchcore::dsp::kPi / 2.0;
        const auto [s, c] = portable_sin_cos(x);
        EXPECT_EQ(std::signbit(s), std::signbit(std::sin(x))) << x;
        EXPECT_EQ(std::signbit(c), std::signbit(std::cos(x))) << x;
        EXPECT_NEAR(s * s + c * c, 1.0, 1e-15);
    }
}

TEST(PortableMath, ArctangentMatchesTheLibraryInEveryOctant) {
    std::mt19937_64 random(5);
    // Unit phasors' products, as the phase locker measures them, and points of any scale.
    std::uniform_real_distribution<double> angle(-stretchcore::dsp::kPi, stretchcore::dsp::kPi);
    std::uniform_real_distribution<double> exponent(-30.0, 30.0);
    double worst = 0.0;
    for (int i = 0; i < 40000; ++i) {
        const double a = angle(random);
        const double r = i % 2 == 0 ? 1.0 : std::exp2(exponent(random));
        const double y = r * std::sin(a);
        const double x = r * std::cos(a);
        worst = std::max(worst, std::fabs(portable_atan2(y, x) - std::atan2(y, x)));
    }
    EXPECT_LT(worst, 1e-11);
    // Axes, diagonals and the signs of zero.
    for (const double y : {-1.0, -0.0, 0.0, 1.0}) {
        for (const double x : {-1.0, 1.0}) {
            EXPECT_NEAR(portable_atan2(y, x), std::atan2(y, x), 1e-11) << y << ", " << x;
            EXPECT_EQ(std::signbit(portable_atan2(y, x)), std::signbit(std::atan2(y, x))) << y << ", " << x;
        }
    }
    EXPECT_NEAR(portable_atan2(1.0, 0.0), stretchcore::dsp::kPi / 2.0, 1e-11);
    EXPECT_NEAR(portable_atan2(-1.0, 0.0), -stretchcore::dsp::kPi / 2.0, 1e-11);
    EXPECT_EQ(portable_atan2(0.0, 0.0), 0.0);
    EXPECT_TRUE(std::isnan(portable_atan2(std::numeric_limits<double>::quiet_NaN(), 1.0)));
}

TEST(PortableMath, ExponentialMatchesTheLibrary) {
    std::mt19937_64 random(11);
    std::uniform_real_distribution<double> argument(-700.0, 700.0);
    std::uniform_real_distribution<double> gain(-9.3, 4.1);  // the formant correction's range
    double worst = 0.0;
    for (int i = 0; i < 40000; ++i) {
        const double x = i % 2 == 0 ? argument(random) : gain(random);
        const double reference = std::exp(x);
        worst = std::max(worst, std::fabs(portable_exp(x) - reference) / (reference * 0x1p-52));
    }
    EXPECT_LT(worst, 2.0);
    EXPECT_EQ(portable_exp(0.0), 1.0);
    EXPECT_EQ(static_cast<float>(portable_exp(static_cast<double>(std::log(2.0f)))), 2.0f);
}

TEST(PortableMath, PowerOfTwoIsExactAtWholeOctaves) {
    // Transpositions are set in semitones: a whole number of octaves must be an exact ratio, and
    // every semitone step within two ulps of the library's 2^x.
    for (int octaves = -8; octaves <= 8; ++octaves) {
        EXPECT_EQ(portable_exp2(octaves), std::ldexp(1.0, octaves)) << octaves;
    }
    double worst = 0.0;
    for (int cents = -6000; cents <= 6000; ++cents) {
        const double x = cents / 1200.0;
        const double reference = std::exp2(x);
        worst = std::max(worst, std::fabs(portable_exp2(x) - reference) / (reference * 0x1p-52));
    }
    EXPECT_LT(worst, 2.0);
}

TEST(PortableMath, ArgumentsOutsideTheRangeGiveNoUndefinedBehaviour) {
    // The quadrant and the power of two are converted to integers: arguments no reduction can
    // handle must not reach those conversions (the sanitizer build checks float-to-int casts).
    const double inf = std::numeric_limits<double>::infinity();
    const double nan = std::numeric_limits<double>::quiet_NaN();
    for (const double x : {inf, -inf, nan, 0x1p52, -0x1p60, 1e300}) {
        const auto [s, c] = portable_sin_cos(x);
        EXPECT_TRUE(std::isnan(s) && std::isnan(c)) << x;
    }
    EXPECT_EQ(portable_exp(-inf), 0.0);
    EXPECT_EQ(portable_exp(-1e6), 0.0);
    EXPECT_EQ(portable_exp(inf), inf);
    EXPECT_EQ(portable_exp(1e6), inf);
    EXPECT_TRUE(std::isnan(portable_exp(nan)));
    EXPECT_NEAR(portable_exp(709.0) / std::exp(709.0), 1.0, 1e-15);
    EXPECT_EQ(portable_exp2(-inf), 0.0);
    EXPECT_EQ(portable_exp2(2000.0), inf);
    EXPECT_TRUE(std::isnan(portable_exp2(nan)));
    EXPECT_EQ(portable_exp2(-1000.5), 0.0);
}

}  // namespace
