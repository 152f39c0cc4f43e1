// The default preset's compact analysis window (SpectralAnalysis::set_compact), taken by a single
// channel whose partials glide: the windows every sample got are summed beside the stretched
// signal and divided out (OverlapAdd::normalise), so switching between Hann and the compact
// window leaves no ripple in the level.
#include <gtest/gtest.h>
#include <stretch/stretch.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <iostream>
#include <vector>

#include "dsp/math_constants.hpp"

namespace {

constexpr double kFs = 44100.0;

// A sine of constant amplitude whose frequency glides from `from` to `to` Hz over `glide_s`, then
// holds `to` for `hold_s`, then glides back: the frames switch to the compact window and back.
std::vector<float> glide_hold_glide(double from, double to, double glide_s, double hold_s) {
    const auto glide = static_cast<std::size_t>(glide_s * kFs);
    const auto hold = static_cast<std::size_t>(hold_s * kFs);
    std::vector<float> x(2 * glide + hold);
    double phase = 0.0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        double f = to;
        if (i < glide) f = from + (to - from) * static_cast<double>(i) / static_cast<double>(glide);
        if (i >= glide + hold)
            f = to + (from - to) * static_cast<double>(i - glide - hold) / static_cast<double>(glide);
        x[i] = static_cast<float>(0.5 * std::sin(phase));
        phase += stretchcore::dsp::kTwoPi * f / kFs;
    }
    return x;
}

// Level in dB of each 10 ms block of x[from, to).
std::vector<double> block_levels(const std::vector<float>& x, std::size_t from, std::size_t to) {
    const auto block = static_cast<std::size_t>(0.01 * kFs);
    std::vector<double> levels;
    for (std::size_t start = from; start + block <= to; start += block) {
        double sum = 0.0;
        for (std::size_t i = start; i < start + block; ++i)
            sum += static_cast<double>(x[i]) * static_cast<double>(x[i]);
        levels.push_back(10.0 * std::log10(sum / static_cast<double>(block) + 1e-30));
    }
    return levels;
}

TEST(CompactWindow, SwitchingWindowsLeavesTheLevelFlat) {
    const std::vector<float> input = glide_hold_glide(300.0, 900.0, 1.0, 1.0);
    for (const double tempo : {0.8, 1.25}) {
        const auto out_frames = static_cast<std::size_t>(std::llround(static_cast<double>(input.size()) / tempo));
        std::vector<float> out(out_frames);
        stretch_t* s = nullptr;
        ASSERT_EQ(stretch_create(1, kFs, STRETCH_PRESET_DEFAULT, &s), STRETCH_OK);
        ASSERT_EQ(
            stretch_render(s, input.data(), static_cast<int>(input.size()), out.data(), static_cast<int>(out.size())),
            STRETCH_OK);
        stretch_destroy(s);
        const auto edge = static_cast<std::size_t>(0.15 * kFs);
        const std::vector<double> levels = block_levels(out, edge, out.size() - edge);
        const auto [low, high] = std::minmax_element(levels.begin(), levels.end());
        std::cout << "[ compact  ] tempo " << tempo << ": level from " << *low << " to " << *high << " dB\n";
        // A sine of amplitude 0.5: -9.03 dB.
        EXPECT_GT(*low, -9.03 - 0.5) << "tempo " << tempo;
        EXPECT_LT(*high, -9.03 + 0.5) << "tempo " << tempo;
    }
}

}  // namespace
