// The resampler's passband at a transposition: a tone high in the spectrum must come out as loud as
// it went in. The resampler's kernel (a Kaiser-windowed sinc, 12 or 8 zero crossings) rolls off over
// several kHz below its cutoff; the stretcher scales each frame's spectrum by the inverse of that
// roll-off before the read (Resampler::correct). Without it a 16 kHz tone read at +3 st lost
// 0.85 dB (default preset) and 1.86 dB (cheaper), and the top third octave of a stereo recording
// changed its coherence (docs/benchmarks.md, "Resampler passband and the top band's coherence");
// with it, every level below is within 0.004 dB.
#include <gtest/gtest.h>
#include <stretch/stretch.h>

#include <cmath>
#include <cstddef>
#include <iostream>
#include <vector>

#include "dsp/math_constants.hpp"
#include "support/analysis.hpp"

namespace {

using namespace stretch_test;

constexpr double kFs = 44100.0;

// Level of a tone at `hz` after varispeed by 2^(3/12) (tempo and pitch together, so the engine
// only resamples), in dB against the input, over the middle half of the output.
double level_change_db(stretch_preset preset, double hz) {
    const auto frames = static_cast<std::size_t>(2.0 * kFs);
    std::vector<float> input(frames);
    for (std::size_t i = 0; i < frames; ++i)
        input[i] = static_cast<float>(0.25 * std::sin(stretchcore::dsp::kTwoPi * hz * static_cast<double>(i) / kFs));
    const double factor = std::exp2(3.0 / 12.0);
    const auto out_frames = static_cast<std::size_t>(std::llround(static_cast<double>(frames) / factor));
    std::vector<float> output(out_frames);
    stretch_t* s = nullptr;
    EXPECT_EQ(stretch_create(1, kFs, preset, &s), STRETCH_OK);
    EXPECT_EQ(stretch_set_transpose_semitones(s, 3.0), STRETCH_OK);
    EXPECT_EQ(stretch_render(s, input.data(), static_cast<int>(frames), output.data(), static_cast<int>(out_frames)),
              STRETCH_OK);
    stretch_destroy(s);
    const double in = rms(input.data() + frames / 4, frames / 2);
    const double out = rms(output.data() + out_frames / 4, out_frames / 2);
    return db_amplitude(out / in);
}

TEST(Passband, TransposedToneKeepsItsLevelUpToTheCutoff) {
    for (stretch_preset preset : {STRETCH_PRESET_DEFAULT, STRETCH_PRESET_CHEAPER}) {
        for (double hz : {1000.0, 12000.0, 16000.0}) {
            const double change = level_change_db(preset, hz);
            std::cout << "[ passband ] " << (preset == STRETCH_PRESET_DEFAULT ? "default" : "cheaper") << ", " << hz
                      << " Hz at +3 st: " << change << " dB\n";
            EXPECT_LE(std::fabs(change), 0.02) << hz << " Hz";
        }
    }
}

}  // namespace
