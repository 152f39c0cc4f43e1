// The frame length each preset picks at the common sample rates: near the preset's duration, the
// cheaper preset's frame the shorter one, and an FFT size that stays on the fast passes.

#include <gtest/gtest.h>

#include "engine/stretcher.hpp"

namespace {

using stretchcore::engine::Preset;
using stretchcore::engine::Stretcher;

constexpr double kRates[] = {8000.0, 11025.0, 16000.0, 22050.0, 32000.0, 44100.0,
                             48000.0, 88200.0, 96000.0, 176400.0, 192000.0};

int odd_factors(int n) {
    int count = 0;
    for (const int p : {3, 5}) {
        for (; n % p == 0; n /= p) ++count;
    }
    return count;
}

TEST(Frames, EveryRateGetsAFastFftSize) {
    for (const double rate : kRates) {
        for (const Preset preset : {Preset::Default, Preset::Cheaper}) {
            const int size = Stretcher(2, rate, preset).frame_size();
            SCOPED_TRACE(::testing::Message() << rate << " Hz, " << (preset == Preset::Default ? "default" : "cheaper")
                                              << ", " << size << " samples");
            EXPECT_EQ(size % 8, 0);
            // Beyond two radix-3/5 passes the FFT costs more than a larger power-of-two one
            // (the cheaper preset's 6480 = 2^4 3^4 5 at 96 kHz cost more than the default's 8192).
            EXPECT_LE(odd_factors(size), 2);
        }
    }
}

TEST(Frames, CheaperFramesAreShorterAndNearTheirDuration) {
    for (const double rate : kRates) {
        SCOPED_TRACE(::testing::Message() << rate << " Hz");
        const double standard = Stretcher(2, rate, Preset::Default).frame_size() / rate;
        const double cheaper = Stretcher(2, rate, Preset::Cheaper).frame_size() / rate;
        EXPECT_LT(cheaper, standard);
        EXPECT_NEAR(standard, 0.087, 0.087 * 0.1);
        EXPECT_NEAR(cheaper, 0.070, 0.070 * 0.1);
    }
}

}  // namespace
