// The kernel that restores the minor part of a channel pair (dsp/kernels.hpp, widen_pair), on
// bins whose answer is known: content the pair shares, at any level and phase difference, is
// left as it is; of content the pair does not share, only the part orthogonal to the pair's
// principal direction is raised; statistics at the engine's largest levels stay finite. Every
// build available here gives the same bits.
#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <cstring>
#include <vector>

#include "dsp/isa.hpp"
#include "dsp/kernels.hpp"

namespace {

using stretchcore::dsp::Isa;
using stretchcore::dsp::isa_available;
using stretchcore::dsp::kernels_for;

constexpr float kBoost = 0.05f;

struct Pair {
    std::vector<float> xr, xi, yr, yi;  // the bins' spectra
    std::vector<float> ar, ai, px, py;  // their statistics
    void add(float x_re, float x_im, float y_re, float y_im, float a_re, float a_im, float p_x, float p_y) {
        xr.push_back(x_re), xi.push_back(x_im), yr.push_back(y_re), yi.push_back(y_im);
        ar.push_back(a_re), ai.push_back(a_im), px.push_back(p_x), py.push_back(p_y);
    }
    void widen(Isa isa) {
        kernels_for(isa).widen_pair(xr.data(), xi.data(), yr.data(), yi.data(), ar.data(), ai.data(), px.data(),
                                    py.data(), kBoost, xr.size());
    }
};

// y = c x in every frame: cross = c |x|^2, power_y = |c|^2 |x|^2.
void add_shared(Pair& p, float x_re, float x_im, float c_re, float c_im) {
    const float power = x_re * x_re + x_im * x_im;
    const float y_re = c_re * x_re - c_im * x_im, y_im = c_re * x_im + c_im * x_re;
    p.add(x_re, x_im, y_re, y_im, c_re * power, c_im * power, power, (c_re * c_re + c_im * c_im) * power);
}

TEST(StereoPair, SharedContentIsLeftAsItIs) {
    Pair p;
    add_shared(p, 1.0f, 0.0f, 1.0f, 0.0f);                // the same in both channels
    add_shared(p, 0.3f, -2.0f, -1.0f, 0.0f);              // anti-phase
    add_shared(p, 1.5f, 0.5f, 0.5f * 0.6f, 0.5f * 0.8f);  // 6 dB quieter, turned by 53 degrees
    add_shared(p, 3e13f, 1e13f, 0.0f, 0.7f);              // at the engine's largest spectra
    const Pair before = p;
    p.widen(Isa::Portable);
    for (std::size_t k = 0; k < p.xr.size(); ++k) {
        const float scale = std::hypot(before.xr[k], before.xi[k]) + std::hypot(before.yr[k], before.yi[k]);
        EXPECT_NEAR(p.xr[k], before.xr[k], 1e-5f * scale) << "bin " << k;
        EXPECT_NEAR(p.xi[k], before.xi[k], 1e-5f * scale) << "bin " << k;
        EXPECT_NEAR(p.yr[k], before.yr[k], 1e-5f * scale) << "bin " << k;
        EXPECT_NEAR(p.yi[k], before.yi[k], 1e-5f * scale) << "bin " << k;
    }
}

TEST(StereoPair, OnlyThePartOffThePrincipalDirectionIsRaised) {
    Pair p;
    // Equal powers, cross 0.6: principal direction (1, 1), minor (1, -1). z = (1, 0) splits into
    // (0.5, 0.5) + (0.5, -0.5); the second part is raised by kBoost.
    p.add(1.0f, 0.0f, 0.0f, 0.0f, 0.6f, 0.0f, 1.0f, 1.0f);
    // Unrelated channels of different power: the principal direction is x alone, so y is the
    // minor part and x stays.
    p.add(0.0f, 2.0f, 0.0f, -1.0f, 0.0f, 0.0f, 4.0f, 1.0f);
    // No statistics yet (a new stream), and a covariance without a principal direction: left.
    p.add(1.0f, 1.0f, 2.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f);
    p.add(1.0f, 1.0f, 2.0f, 0.0f, 0.0f, 0.0f, 1.0f, 1.0f);
    p.widen(Isa::Portable);
    EXPECT_FLOAT_EQ(p.xr[0], 1.0f + 0.5f * kBoost);
    EXPECT_FLOAT_EQ(p.yr[0], -0.5f * kBoost);
    EXPECT_FLOAT_EQ(p.xi[0], 0.0f);
    EXPECT_FLOAT_EQ(p.yi[0], 0.0f);
    EXPECT_FLOAT_EQ(p.xi[1], 2.0f);
    EXPECT_FLOAT_EQ(p.yi[1], -(1.0f + kBoost));
    EXPECT_FLOAT_EQ(p.xr[2], 1.0f);
    EXPECT_FLOAT_EQ(p.yr[2], 2.0f);
    EXPECT_FLOAT_EQ(p.xr[3], 1.0f);
    EXPECT_FLOAT_EQ(p.yr[3], 2.0f);
}

TEST(StereoPair, EveryBuildGivesTheSameBits) {
    // Bins of all kinds, more than any vector width, so that the vector loops and their tails run.
    // Statistics as the engine keeps them: |cross|^2 <= power_x power_y, powers up to 1e27.
    Pair base;
    for (int k = 0; k < 37; ++k) {
        const float t = static_cast<float>(k);
        const float level = k % 5 == 0 ? 3e13f : 1.0f;
        const float px = level * level * (1.0f + t), py = (k % 7 == 0) ? 0.0f : level * level * 2.0f;
        const float coherence = 0.5f + 0.5f * std::sin(0.9f * t);
        const float cross = coherence * std::sqrt(px) * std::sqrt(py);
        base.add(level * std::sin(t), level * std::cos(1.7f * t), level * 0.5f * std::cos(t),
                 level * std::sin(0.3f * t), cross * std::cos(2.1f * t), cross * std::sin(2.1f * t), px, py);
    }
    Pair portable = base;
    portable.widen(Isa::Portable);
    for (float v : portable.xr) ASSERT_TRUE(std::isfinite(v));
    for (float v : portable.yi) ASSERT_TRUE(std::isfinite(v));
    for (Isa isa : {Isa::Avx2, Isa::Neon}) {
        if (!isa_available(isa)) continue;
        Pair wide = base;
        wide.widen(isa);
        for (const auto member : {&Pair::xr, &Pair::xi, &Pair::yr, &Pair::yi}) {
            const std::vector<float>& a = portable.*member;
            const std::vector<float>& b = wide.*member;
            EXPECT_EQ(std::memcmp(a.data(), b.data(), a.size() * sizeof(float)), 0);
        }
    }
}

}  // namespace
