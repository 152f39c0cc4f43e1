// Time alignment of stretch_render: content lands at its mapped time (input time x output/input
// length), at several time ratios and transpositions, next to onsets as well as on its own.
//
// Clicks are onsets: the planner places them exactly. Swells of a steady tone (a Gaussian
// envelope over a quiet bed) are not: they rise far slower than the onset detector's 9 dB in
// 24 ms, so they go through the phase vocoder and their placement checks the timeline itself
// (frame positions, the output delay, the resampler's read position). One swell sits away from
// the clicks, the others shortly after one, where the read position returns from the click's
// region to the time map.
#include <gtest/gtest.h>
#include <stretch/stretch.h>

#include <cmath>
#include <cstddef>
#include <iostream>
#include <vector>

#include "dsp/math_constants.hpp"
#include "support/analysis.hpp"

namespace {

using stretchcore::dsp::kPi;
using stretch_test::all_finite;

constexpr double kFs = 44100.0;
constexpr double kBurstSigma = 0.06;  // seconds
constexpr double kBed = 0.05;         // the tone's level between swells, against 1 at a swell's top
constexpr double kBurstToleranceMs = 0.1;
constexpr double kClickToleranceMs = 0.5;

struct Material {
    std::vector<float> samples;
    std::vector<double> clicks;  // input frames
    std::vector<double> bursts;  // input frames, centres
};

// 3 s mono: a 220 Hz harmonic tone swelling 300 ms after clicks at 0.4 and 1.4 s, and at 2.5 s,
// away from them.
Material material() {
    Material m;
    const auto n = static_cast<std::size_t>(3.0 * kFs);
    m.samples.assign(n, 0.0f);
    m.clicks = {0.4 * kFs, 1.4 * kFs};
    m.bursts = {0.7 * kFs, 1.7 * kFs, 2.5 * kFs};
    const double sigma = kBurstSigma * kFs;
    for (std::size_t i = 0; i < n; ++i) {
        const double t = static_cast<double>(i);
        double envelope = kBed;
        for (double centre : m.bursts) envelope += std::exp(-0.5 * (t - centre) * (t - centre) / (sigma * sigma));
        double v = 0.0;
        for (int h = 1; h <= 6; ++h) v += std::sin(2.0 * kPi * 220.0 * h * t / kFs) / h;
        m.samples[i] = static_cast<float>(0.2 * envelope * v);
    }
    for (double c : m.clicks) m.samples[static_cast<std::size_t>(c)] += 0.5f;
    return m;
}

std::vector<float> render(const std::vector<float>& input, std::size_t out_frames, double semitones) {
    stretch_t* s = nullptr;
    std::vector<float> out(out_frames);
    EXPECT_EQ(stretch_create(1, kFs, STRETCH_PRESET_DEFAULT, &s), STRETCH_OK);
    EXPECT_EQ(stretch_set_transpose_semitones(s, semitones), STRETCH_OK);
    EXPECT_EQ(stretch_render(s, input.data(), static_cast<int>(input.size()), out.data(), static_cast<int>(out.size())),
              STRETCH_OK);
    stretch_destroy(s);
    return out;
}

// Centroid of y's energy above the bed's within `reach` frames of `expected`, minus `expected`,
// in ms; the bed's power is that of the stretch just beyond the reach, either side.
double centroid_offset_ms(const std::vector<float>& y, double expected, double reach) {
    double bed = 0.0, count = 0.0;
    for (double side : {-1.0, 1.0}) {
        for (auto i = static_cast<std::ptrdiff_t>(expected + side * reach);
             i != static_cast<std::ptrdiff_t>(expected + side * 1.2 * reach); i += static_cast<std::ptrdiff_t>(side)) {
            if (i < 0 || i >= static_cast<std::ptrdiff_t>(y.size())) continue;
            const auto v = static_cast<double>(y[static_cast<std::size_t>(i)]);
            bed += v * v;
            count += 1.0;
        }
    }
    bed /= count;
    double weighted = 0.0, total = 0.0;
    for (auto i = static_cast<std::ptrdiff_t>(expected - reach); i <= static_cast<std::ptrdiff_t>(expected + reach); ++i) {
        if (i < 0 || i >= static_cast<std::ptrdiff_t>(y.size())) continue;
        const auto v = static_cast<double>(y[static_cast<std::size_t>(i)]);
        const double p = v * v - bed;
        weighted += p * static_cast<double>(i);
        total += p;
    }
    return total > 0.0 ? (weighted / total - expected) / kFs * 1e3 : 1e9;
}

// Position of the largest |y| within `reach` frames of `expected`, minus `expected`, in ms.
double peak_offset_ms(const std::vector<float>& y, double expected, double reach) {
    double best = -1.0;
    std::ptrdiff_t at = 0;
    for (auto i = static_cast<std::ptrdiff_t>(expected - reach); i <= static_cast<std::ptrdiff_t>(expected + reach); ++i) {
        if (i < 0 || i >= static_cast<std::ptrdiff_t>(y.size())) continue;
        const double a = std::fabs(static_cast<double>(y[static_cast<std::size_t>(i)]));
        if (a > best) {
            best = a;
            at = i;
        }
    }
    return (static_cast<double>(at) - expected) / kFs * 1e3;
}

struct AlignmentCase {
    double ratio;  // output length / input length
    double semitones;
};

void PrintTo(const AlignmentCase& c, std::ostream* os) { *os << "ratio " << c.ratio << ", " << c.semitones << " st"; }

class Alignment : public ::testing::TestWithParam<AlignmentCase> {};

TEST_P(Alignment, BurstsAndClicksLandAtTheirMappedTime) {
    const AlignmentCase c = GetParam();
    const Material m = material();
    const auto out_frames = static_cast<std::size_t>(std::llround(static_cast<double>(m.samples.size()) * c.ratio));
    const std::vector<float> y = render(m.samples, out_frames, c.semitones);
    ASSERT_TRUE(all_finite(y.data(), y.size()));
    const double r = static_cast<double>(out_frames) / static_cast<double>(m.samples.size());

    // A swell's energy lies within 3.3 sigma of its centre; the nearest click is 5 sigma away.
    const double burst_reach = 3.3 * kBurstSigma * kFs * r;
    for (double b : m.bursts) {
        const double offset = centroid_offset_ms(y, b * r, burst_reach);
        std::cout << "[ align    ] ratio " << c.ratio << ", " << c.semitones << " st: burst at " << b / kFs
                  << " s lands " << offset << " ms from its mapped time\n";
        EXPECT_LE(std::fabs(offset), kBurstToleranceMs) << "burst at " << b / kFs << " s";
    }
    for (double k : m.clicks) {
        const double offset = peak_offset_ms(y, k * r, 0.005 * kFs * r);
        EXPECT_LE(std::fabs(offset), kClickToleranceMs) << "click at " << k / kFs << " s";
    }
}

INSTANTIATE_TEST_SUITE_P(RatiosAndTranspositions, Alignment,
                         ::testing::Values(AlignmentCase{1.5, 0.0}, AlignmentCase{0.8, 0.0}, AlignmentCase{1.0, 4.0},
                                           AlignmentCase{1.0, -5.0}));

}  // namespace
