// Numbers never go wrong: any finite input gives finite output (samples beyond the headroom
// limit act exactly like the limit), non-finite input is silence in every entry point, enum
// arguments are checked whatever int arrives, and the tail is finite and complete after any
// call sequence.
#include <gtest/gtest.h>
#include <stretch/stretch.h>

#include <cfloat>
#include <climits>
#include <cmath>
#include <cstddef>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "support/analysis.hpp"
#include "support/signals.hpp"

namespace {

using namespace stretch_test;

constexpr double kFs = 44100.0;
constexpr int kStereo = 2;
// The headroom limit the header documents: 2^32.
constexpr float kLimit = 4294967296.0f;

int to_int(std::size_t n) { return static_cast<int>(n); }

struct Deleter {
    void operator()(stretch_t* s) const { stretch_destroy(s); }
};

stretch_t* make(int channels, double semitones, bool formants, stretch_preset preset = STRETCH_PRESET_DEFAULT) {
    stretch_t* s = nullptr;
    EXPECT_EQ(stretch_create(channels, kFs, preset, &s), STRETCH_OK);
    EXPECT_EQ(stretch_set_transpose_semitones(s, semitones), STRETCH_OK);
    EXPECT_EQ(stretch_set_formant_preservation(s, formants ? 1 : 0), STRETCH_OK);
    return s;
}

// A stereo signal built from `value`: a square wave, a sine, a lone spike on silence, or
// noise, so the analysis sees broadband, tonal, impulsive and dense spectra at that level.
std::vector<float> shaped(int shape, float value, std::size_t frames) {
    std::vector<float> x(frames * kStereo, 0.0f);
    const std::vector<float> noise = white_noise(frames * kStereo, 1.0f, 7);
    for (std::size_t i = 0; i < frames; ++i) {
        for (std::size_t c = 0; c < kStereo; ++c) {
            float v = 0.0f;
            switch (shape) {
                case 0:
                    v = (i / 50) % 2 == 0 ? value : -value;
                    break;
                case 1:
                    v = value * std::sin(0.03f * static_cast<float>(i + 40 * c));
                    break;
                case 2:
                    v = i == frames / 3 ? value : 0.0f;
                    break;
                default:
                    v = noise[i * kStereo + c] >= 0.0f ? value : -value;
                    break;
            }
            x[i * kStereo + c] = v;
        }
    }
    return x;
}

// Streams `input` in blocks at time ratio 4/5, then flushes the whole tail.
std::vector<float> stream_and_flush(stretch_t* s, const std::vector<float>& input) {
    std::vector<float> out;
    const std::size_t block_in = 1000 * kStereo, block_out = 800 * kStereo;
    for (std::size_t at = 0; at + block_in <= input.size(); at += block_in) {
        std::vector<float> block(block_out, std::numeric_limits<float>::quiet_NaN());
        EXPECT_EQ(stretch_process(s, input.data() + at, to_int(block_in), block.data(), to_int(block_out)), STRETCH_OK);
        out.insert(out.end(), block.begin(), block.end());
    }
    std::vector<float> tail(static_cast<std::size_t>(stretch_tail_frames(s)) * kStereo,
                            std::numeric_limits<float>::quiet_NaN());
    EXPECT_EQ(stretch_flush(s, tail.data(), to_int(tail.size())), STRETCH_OK);
    out.insert(out.end(), tail.begin(), tail.end());
    return out;
}

std::vector<float> render(stretch_t* s, const std::vector<float>& input, double ratio) {
    const auto frames = static_cast<std::size_t>(static_cast<double>(input.size() / kStereo) * ratio);
    std::vector<float> out(frames * kStereo, std::numeric_limits<float>::quiet_NaN());
    EXPECT_EQ(stretch_render(s, input.data(), to_int(input.size()), out.data(), to_int(out.size())), STRETCH_OK);
    return out;
}

std::vector<float> clipped(std::vector<float> x) {
    for (float& v : x) v = std::fmax(-kLimit, std::fmin(kLimit, v));
    return x;
}

// =============================================================================================
// Huge finite input

TEST(Robustness, HugeFiniteInputGivesFiniteOutputInEveryEntryPoint) {
    // Past the +-2^32 clip every value gives the clipped input's output (SamplesBeyondTheLimit...
    // below, FLT_MAX included): one just past it, one where output once overflowed, the negative end.
    const float values[] = {1e10f, 1e36f, -FLT_MAX};
    struct Setting {
        double semitones;
        bool formants;
    };
    const Setting settings[] = {{0.0, false}, {7.0, true}, {-12.0, true}};
    for (float value : values) {
        for (int shape = 0; shape < 4; ++shape) {
            const std::vector<float> input = shaped(shape, value, 12000);
            for (const Setting& setting : settings) {
                SCOPED_TRACE("value " + std::to_string(value) + ", shape " + std::to_string(shape) + ", semitones " +
                             std::to_string(setting.semitones));
                std::unique_ptr<stretch_t, Deleter> s(make(kStereo, setting.semitones, setting.formants));
                const std::vector<float> streamed = stream_and_flush(s.get(), input);
                EXPECT_TRUE(all_finite(streamed.data(), streamed.size())) << "process and flush";
                const std::vector<float> rendered = render(s.get(), input, 1.5);
                EXPECT_TRUE(all_finite(rendered.data(), rendered.size())) << "render";
            }
        }
    }
}

TEST(Robustness, SamplesBeyondTheLimitActLikeTheLimit) {
    // Documented: finite samples beyond +-2^32 are clipped to it. The output is bit for bit the
    // output for the clipped input, so the clip is all that happens.
    for (float value : {8e9f, 1e30f, FLT_MAX}) {
        for (int shape : {0, 1, 3}) {
            SCOPED_TRACE("value " + std::to_string(value) + ", shape " + std::to_string(shape));
            const std::vector<float> input = shaped(shape, value, 9000);
            const std::vector<float> at_limit = clipped(input);
            std::unique_ptr<stretch_t, Deleter> a(make(kStereo, 3.0, true));
            std::unique_ptr<stretch_t, Deleter> b(make(kStereo, 3.0, true));
            EXPECT_TRUE(bit_identical(stream_and_flush(a.get(), input), stream_and_flush(b.get(), at_limit)));
            EXPECT_TRUE(bit_identical(render(a.get(), input, 0.7), render(b.get(), at_limit, 0.7)));
        }
    }
}

TEST(Robustness, OutputAtTheLimitKeepsItsLevel) {
    // At the limit the engine still stretches: a sine of amplitude 2^32 comes out at about the
    // same level, as one of amplitude 1 does.
    const std::vector<float> loud = shaped(1, kLimit, 20000);
    std::unique_ptr<stretch_t, Deleter> s(make(kStereo, 0.0, false));
    const std::vector<float> out = render(s.get(), loud, 1.25);
    ASSERT_TRUE(all_finite(out.data(), out.size()));
    const double level = rms(out) / rms(loud);
    EXPECT_GT(level, 0.8);
    EXPECT_LT(level, 1.25);
}

// =============================================================================================
// Non-finite input in every entry point

TEST(Robustness, FlushAfterNonFiniteInputMatchesFlushAfterSilence) {
    const std::vector<float> music = music_like(kFs, 0.5);
    for (float bad : {std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::infinity(),
                      -std::numeric_limits<float>::infinity()}) {
        // Music, then a block of nothing but the bad value (or zeros), then the whole tail.
        std::vector<float> poisoned = music;
        std::vector<float> silenced = music;
        poisoned.insert(poisoned.end(), 3000 * kStereo, bad);
        silenced.insert(silenced.end(), 3000 * kStereo, 0.0f);
        std::unique_ptr<stretch_t, Deleter> a(make(kStereo, -5.0, true));
        std::unique_ptr<stretch_t, Deleter> b(make(kStereo, -5.0, true));
        const std::vector<float> out_a = stream_and_flush(a.get(), poisoned);
        EXPECT_TRUE(all_finite(out_a.data(), out_a.size()));
        EXPECT_TRUE(bit_identical(out_a, stream_and_flush(b.get(), silenced))) << "bad value " << bad;
    }
}

TEST(Robustness, InputOfOnlyNonFiniteValuesIsSilence) {
    const std::vector<float> nan(6000 * kStereo, std::numeric_limits<float>::quiet_NaN());
    std::unique_ptr<stretch_t, Deleter> s(make(kStereo, 4.0, true));
    const std::vector<float> streamed = stream_and_flush(s.get(), nan);
    EXPECT_EQ(peak_abs(streamed.data(), streamed.size()), 0.0);
    const std::vector<float> rendered = render(s.get(), nan, 2.0);
    EXPECT_EQ(peak_abs(rendered.data(), rendered.size()), 0.0);
}

// =============================================================================================
// Enum arguments and status codes

TEST(Robustness, StatusMessageNamesEveryIntOutsideTheEnum) {
    // A C or managed caller can pass any int; the values the enum's type cannot hold are the
    // undefined case a switch on the enum would hit.
    for (int code : {8, -9, 100, -100, 1000, INT_MAX, INT_MIN, INT_MIN + 1}) {
        const char* m = stretch_status_message(static_cast<stretch_status>(code));
        ASSERT_NE(m, nullptr);
        EXPECT_STREQ(m, "unknown status") << "code " << code;
    }
}

TEST(Robustness, CreateRejectsEveryPresetOutsideTheEnum) {
    for (int value : {2, 3, -1, 255, 1 << 16, INT_MAX, INT_MIN}) {
        int dummy = 0;
        stretch_t* const sentinel = reinterpret_cast<stretch_t*>(&dummy);
        stretch_t* out = sentinel;
        EXPECT_EQ(stretch_create(2, kFs, static_cast<stretch_preset>(value), &out), STRETCH_ERROR_INVALID_ARGUMENT)
            << "preset " << value;
        EXPECT_EQ(out, nullptr);
        if (out != sentinel) stretch_destroy(out);
    }
}

// =============================================================================================
// The tail after any call sequence

// After `prepare`, the reported tail is positive, at most ten seconds, and complete: flushing it
// and then more gives silence.
void expect_complete_tail(const char* name, stretch_preset preset, double factor,
                          const std::function<void(stretch_t*)>& prepare) {
    SCOPED_TRACE(name);
    stretch_t* raw = nullptr;
    ASSERT_EQ(stretch_create(kStereo, kFs, preset, &raw), STRETCH_OK);
    std::unique_ptr<stretch_t, Deleter> s(raw);
    ASSERT_EQ(stretch_set_transpose_factor(raw, factor), STRETCH_OK);
    prepare(raw);
    const int tail = stretch_tail_frames(raw);
    ASSERT_GT(tail, 0);
    ASSERT_LT(tail, static_cast<int>(10 * kFs));
    std::vector<float> body(static_cast<std::size_t>(tail) * kStereo, std::numeric_limits<float>::quiet_NaN());
    ASSERT_EQ(stretch_flush(raw, body.data(), to_int(body.size())), STRETCH_OK);
    ASSERT_TRUE(all_finite(body.data(), body.size()));
    EXPECT_GT(stretch_tail_frames(raw), 0) << "the tail stays a positive count after a flush";
    std::vector<float> after(4096 * kStereo, std::numeric_limits<float>::quiet_NaN());
    ASSERT_EQ(stretch_flush(raw, after.data(), to_int(after.size())), STRETCH_OK);
    EXPECT_LT(peak_abs(after.data(), after.size()), 1e-6) << "output past the tail must be silence";
}

TEST(Robustness, TailIsFiniteAndCompleteAfterEveryCallSequence) {
    const std::vector<float> music = music_like(kFs, 0.5);
    const int n = to_int(music.size() / kStereo);  // frames
    const auto feed = [&music](stretch_t* s, int out_frames) {
        std::vector<float> out(static_cast<std::size_t>(out_frames) * kStereo);
        ASSERT_EQ(stretch_process(s, music.data(), to_int(music.size()), out.data(), to_int(out.size())), STRETCH_OK);
    };
    for (stretch_preset preset : {STRETCH_PRESET_DEFAULT, STRETCH_PRESET_CHEAPER}) {
        for (double factor : {STRETCH_MIN_TRANSPOSE_FACTOR, 1.0, STRETCH_MAX_TRANSPOSE_FACTOR}) {
            expect_complete_tail("fresh", preset, factor, [](stretch_t*) {});
            expect_complete_tail("largest ratio", preset, factor, [&](stretch_t* s) { feed(s, n * 4); });
            expect_complete_tail("smallest ratio", preset, factor, [&](stretch_t* s) { feed(s, (n + 3) / 4); });
            expect_complete_tail("input with no output", preset, factor, [&](stretch_t* s) {
                // Short calls: a call of 1024 frames or more must state a ratio within 1/4..4.
                for (int i = 0; i < 20; ++i) {
                    ASSERT_EQ(stretch_process(s, music.data() + i * 2000, 2000, nullptr, 0), STRETCH_OK);
                }
            });
            expect_complete_tail("output with no input", preset, factor, [&](stretch_t* s) {
                feed(s, n);
                std::vector<float> out(2 * 700);
                for (int i = 0; i < 50; ++i) ASSERT_EQ(stretch_process(s, nullptr, 0, out.data(), 2 * 700), STRETCH_OK);
            });
            expect_complete_tail("empty calls", preset, factor, [](stretch_t* s) {
                for (int i = 0; i < 5; ++i) ASSERT_EQ(stretch_process(s, nullptr, 0, nullptr, 0), STRETCH_OK);
            });
            expect_complete_tail("flush, then more input", preset, factor, [&](stretch_t* s) {
                feed(s, n);
                std::vector<float> out(2 * 3000);
                ASSERT_EQ(stretch_flush(s, out.data(), to_int(out.size())), STRETCH_OK);
                feed(s, n / 2);
            });
            expect_complete_tail("transposition changed mid-stream", preset, factor, [&](stretch_t* s) {
                feed(s, n);
                ASSERT_EQ(stretch_set_transpose_factor(s, 1.0 / factor), STRETCH_OK);
                feed(s, n * 2);
            });
            expect_complete_tail("render, then stream", preset, factor, [&](stretch_t* s) {
                std::vector<float> out(music.size() * 3);
                ASSERT_EQ(stretch_render(s, music.data(), to_int(music.size()), out.data(), to_int(out.size())),
                          STRETCH_OK);
                feed(s, n / 2);
            });
            expect_complete_tail("reset", preset, factor, [&](stretch_t* s) {
                feed(s, n * 3);
                ASSERT_EQ(stretch_reset(s), STRETCH_OK);
            });
        }
    }
}

}  // namespace
