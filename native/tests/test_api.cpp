// API contract tests: every bad input gets its documented status and never a crash; the
// status strings; non-finite input; every supported channel count, rate and preset.
#include <gtest/gtest.h>
#include <stretch/stretch.h>

#include <cmath>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <set>
#include <string>
#include <vector>

#include "support/analysis.hpp"
#include "support/signals.hpp"

namespace {

using namespace stretch_test;

constexpr double kFs = 44100.0;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

int to_int(std::size_t n) { return static_cast<int>(n); }

class Instance {
public:
    explicit Instance(int channels = 2, double rate = kFs, stretch_preset preset = STRETCH_PRESET_DEFAULT) {
        status_ = stretch_create(channels, rate, preset, &ptr_);
    }
    ~Instance() { stretch_destroy(ptr_); }
    Instance(const Instance&) = delete;
    Instance& operator=(const Instance&) = delete;
    stretch_t* get() const { return ptr_; }
    stretch_status status() const { return status_; }

private:
    stretch_t* ptr_ = nullptr;
    stretch_status status_ = STRETCH_ERROR_INTERNAL;
};

// A preset value outside the enumeration, as a C or managed caller can pass it. (volatile so
// the compiler cannot reason about the value.)
stretch_preset unknown_preset() {
    volatile int value = 7;
    return static_cast<stretch_preset>(value);
}

// Calls stretch_create expecting `expected`, and checks *out is set to NULL on failure.
void expect_create_fails(int channels, double rate, stretch_preset preset, stretch_status expected) {
    int dummy = 0;
    stretch_t* const sentinel = reinterpret_cast<stretch_t*>(&dummy);  // any non-NULL value
    stretch_t* out = sentinel;
    EXPECT_EQ(stretch_create(channels, rate, preset, &out), expected)
        << "channels " << channels << ", rate " << rate << ", preset " << static_cast<int>(preset);
    EXPECT_EQ(out, nullptr) << "out must be NULL after a failed create";
    if (out != sentinel) stretch_destroy(out);
}

// =============================================================================================
// NULL instance

TEST(Api, NullInstanceIsRejectedEverywhere) {
    float buffer[4] = {0.0f, 0.0f, 0.0f, 0.0f};
    EXPECT_EQ(stretch_set_transpose_semitones(nullptr, 0.0), STRETCH_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(stretch_set_transpose_factor(nullptr, 1.0), STRETCH_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(stretch_set_formant_preservation(nullptr, 1), STRETCH_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(stretch_channels(nullptr), STRETCH_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(stretch_input_latency(nullptr), STRETCH_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(stretch_output_latency(nullptr), STRETCH_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(stretch_reset(nullptr), STRETCH_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(stretch_process(nullptr, buffer, 2, buffer, 2), STRETCH_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(stretch_process(nullptr, nullptr, 0, nullptr, 0), STRETCH_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(stretch_flush(nullptr, buffer, 2), STRETCH_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(stretch_render(nullptr, buffer, 2, buffer, 2), STRETCH_ERROR_INVALID_ARGUMENT);
    stretch_destroy(nullptr);  // accepted, no effect
}

// =============================================================================================
// create

TEST(Api, CreateRejectsNullOut) {
    EXPECT_EQ(stretch_create(2, kFs, STRETCH_PRESET_DEFAULT, nullptr), STRETCH_ERROR_INVALID_ARGUMENT);
}

TEST(Api, CreateRejectsBadChannelCounts) {
    for (int channels : {0, 9, -1})
        expect_create_fails(channels, kFs, STRETCH_PRESET_DEFAULT, STRETCH_ERROR_OUT_OF_RANGE);
}

TEST(Api, CreateRejectsBadSampleRates) {
    expect_create_fails(2, 7999.0, STRETCH_PRESET_DEFAULT, STRETCH_ERROR_OUT_OF_RANGE);
    expect_create_fails(2, 192001.0, STRETCH_PRESET_DEFAULT, STRETCH_ERROR_OUT_OF_RANGE);
    expect_create_fails(2, kNaN, STRETCH_PRESET_DEFAULT, STRETCH_ERROR_INVALID_ARGUMENT);
    expect_create_fails(2, kInf, STRETCH_PRESET_DEFAULT, STRETCH_ERROR_INVALID_ARGUMENT);
    expect_create_fails(2, -kInf, STRETCH_PRESET_DEFAULT, STRETCH_ERROR_INVALID_ARGUMENT);
}

TEST(Api, CreateRejectsUnknownPreset) {
    // The header documents STRETCH_ERROR_INVALID_ARGUMENT for an unknown preset. The call runs
    // in a child process so that an engine which mishandles the value (a crash, or an
    // UndefinedBehaviorSanitizer report from loading it as a stretch_preset) fails this test alone.
    GTEST_FLAG_SET(death_test_style, "threadsafe");
    EXPECT_EXIT(
        {
            int dummy = 0;
            stretch_t* const sentinel = reinterpret_cast<stretch_t*>(&dummy);
            stretch_t* out = sentinel;
            const stretch_status s = stretch_create(2, kFs, unknown_preset(), &out);
            const bool status_ok = s == STRETCH_ERROR_INVALID_ARGUMENT;
            std::fprintf(stderr, "status %d (%s), out %s\n", static_cast<int>(s), stretch_status_message(s),
                         out == nullptr ? "NULL" : "not NULL");
            std::_Exit(status_ok && out == nullptr ? 0 : 1);
        },
        ::testing::ExitedWithCode(0), "");
}

TEST(Api, CreateReportsItsConfiguration) {
    for (int channels = 1; channels <= STRETCH_MAX_CHANNELS; ++channels) {
        Instance inst(channels);
        ASSERT_EQ(inst.status(), STRETCH_OK);
        EXPECT_EQ(stretch_channels(inst.get()), channels);
    }
    const char* version = stretch_version();
    ASSERT_NE(version, nullptr);
    int major = -1, minor = -1, patch = -1;
    char extra = 0;
    EXPECT_EQ(std::sscanf(version, "%d.%d.%d%c", &major, &minor, &patch, &extra), 3) << version;
    EXPECT_EQ(major, STRETCH_VERSION_MAJOR);
    EXPECT_EQ(minor, STRETCH_VERSION_MINOR);
    EXPECT_EQ(patch, STRETCH_VERSION_PATCH);
}

// =============================================================================================
// Transposition and formants

TEST(Api, TranspositionRangeIsChecked) {
    Instance inst;
    ASSERT_EQ(inst.status(), STRETCH_OK);
    stretch_t* s = inst.get();
    EXPECT_EQ(stretch_set_transpose_semitones(s, 24.01), STRETCH_ERROR_OUT_OF_RANGE);
    EXPECT_EQ(stretch_set_transpose_semitones(s, -24.01), STRETCH_ERROR_OUT_OF_RANGE);
    EXPECT_EQ(stretch_set_transpose_semitones(s, kNaN), STRETCH_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(stretch_set_transpose_semitones(s, kInf), STRETCH_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(stretch_set_transpose_semitones(s, -kInf), STRETCH_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(stretch_set_transpose_semitones(s, 24.0), STRETCH_OK);
    EXPECT_EQ(stretch_set_transpose_semitones(s, -24.0), STRETCH_OK);
    EXPECT_EQ(stretch_set_transpose_semitones(s, 0.0), STRETCH_OK);

    EXPECT_EQ(stretch_set_transpose_factor(s, 0.0), STRETCH_ERROR_OUT_OF_RANGE);
    EXPECT_EQ(stretch_set_transpose_factor(s, -1.0), STRETCH_ERROR_OUT_OF_RANGE);
    EXPECT_EQ(stretch_set_transpose_factor(s, 4.01), STRETCH_ERROR_OUT_OF_RANGE);
    EXPECT_EQ(stretch_set_transpose_factor(s, 0.249), STRETCH_ERROR_OUT_OF_RANGE);
    EXPECT_EQ(stretch_set_transpose_factor(s, kNaN), STRETCH_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(stretch_set_transpose_factor(s, kInf), STRETCH_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(stretch_set_transpose_factor(s, 0.25), STRETCH_OK);
    EXPECT_EQ(stretch_set_transpose_factor(s, 4.0), STRETCH_OK);
    EXPECT_EQ(stretch_set_transpose_factor(s, 1.0), STRETCH_OK);

    EXPECT_EQ(stretch_set_formant_preservation(s, 1), STRETCH_OK);
    EXPECT_EQ(stretch_set_formant_preservation(s, 0), STRETCH_OK);
    EXPECT_EQ(stretch_set_formant_preservation(s, -5), STRETCH_OK);  // any non-zero is "on"
}

TEST(Api, TransposeFactorAndSemitonesAgree) {
    // An octave as factor 2 and as +12 semitones must give the same output.
    const std::vector<float> input = duplicate_channels(tone(Tone{}, kFs, 22050), 2);
    std::vector<float> a(input.size()), b(input.size());
    {
        Instance inst;
        ASSERT_EQ(inst.status(), STRETCH_OK);
        ASSERT_EQ(stretch_set_transpose_factor(inst.get(), 2.0), STRETCH_OK);
        ASSERT_EQ(stretch_render(inst.get(), input.data(), to_int(input.size()), a.data(), to_int(a.size())),
                  STRETCH_OK);
    }
    {
        Instance inst;
        ASSERT_EQ(inst.status(), STRETCH_OK);
        ASSERT_EQ(stretch_set_transpose_semitones(inst.get(), 12.0), STRETCH_OK);
        ASSERT_EQ(stretch_render(inst.get(), input.data(), to_int(input.size()), b.data(), to_int(b.size())),
                  STRETCH_OK);
    }
    EXPECT_GE(snr_db(a.data(), b.data(), a.size()), 100.0);
}

// =============================================================================================
// Buffers and lengths

TEST(Api, NullBuffersAndNegativeLengths) {
    Instance inst;
    ASSERT_EQ(inst.status(), STRETCH_OK);
    stretch_t* s = inst.get();
    std::vector<float> buf(4096, 0.0f);
    float* p = buf.data();
    // NULL with a non-zero length.
    EXPECT_EQ(stretch_process(s, nullptr, 2, p, 2), STRETCH_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(stretch_process(s, p, 2, nullptr, 2), STRETCH_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(stretch_flush(s, nullptr, 2), STRETCH_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(stretch_render(s, nullptr, 2048, p, 2048), STRETCH_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(stretch_render(s, p, 2048, nullptr, 2048), STRETCH_ERROR_INVALID_ARGUMENT);
    // Negative lengths.
    EXPECT_EQ(stretch_process(s, p, -2, p, 2), STRETCH_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(stretch_process(s, p, 2, p, -2), STRETCH_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(stretch_flush(s, p, -2), STRETCH_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(stretch_render(s, p, -2048, p, 2048), STRETCH_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(stretch_render(s, p, 2048, p, -2048), STRETCH_ERROR_INVALID_ARGUMENT);
    // NULL is allowed with zero lengths.
    EXPECT_EQ(stretch_process(s, nullptr, 0, nullptr, 0), STRETCH_OK);
    EXPECT_EQ(stretch_process(s, nullptr, 0, p, 0), STRETCH_OK);
    EXPECT_EQ(stretch_flush(s, nullptr, 0), STRETCH_OK);
    // The instance still works after all that.
    EXPECT_EQ(stretch_process(s, p, 2048, p + 2048, 2048), STRETCH_OK);
    EXPECT_TRUE(all_finite(p + 2048, 2048));
}

TEST(Api, LengthsMustBeWholeFrames) {
    Instance inst(3);
    ASSERT_EQ(inst.status(), STRETCH_OK);
    stretch_t* s = inst.get();
    std::vector<float> in(3 * 2048, 0.0f);
    std::vector<float> out(3 * 2048, 0.0f);
    EXPECT_EQ(stretch_process(s, in.data(), 3 * 100 + 1, out.data(), 300), STRETCH_ERROR_BAD_LENGTH);
    EXPECT_EQ(stretch_process(s, in.data(), 300, out.data(), 3 * 100 + 2), STRETCH_ERROR_BAD_LENGTH);
    EXPECT_EQ(stretch_flush(s, out.data(), 4), STRETCH_ERROR_BAD_LENGTH);
    EXPECT_EQ(stretch_render(s, in.data(), 3 * 2000 + 1, out.data(), 3 * 2000), STRETCH_ERROR_BAD_LENGTH);
    EXPECT_EQ(stretch_render(s, in.data(), 3 * 2000, out.data(), 3 * 2000 - 1), STRETCH_ERROR_BAD_LENGTH);
    EXPECT_EQ(stretch_process(s, in.data(), 300, out.data(), 300), STRETCH_OK);
}

TEST(Api, RenderRatioMustBeWithinAQuarterAndFour) {
    Instance inst(1);
    ASSERT_EQ(inst.status(), STRETCH_OK);
    stretch_t* s = inst.get();
    std::vector<float> in(4000, 0.1f);
    std::vector<float> out(16004, 0.0f);
    EXPECT_EQ(stretch_render(s, in.data(), 4000, out.data(), 16001), STRETCH_ERROR_OUT_OF_RANGE);
    EXPECT_EQ(stretch_render(s, in.data(), 4000, out.data(), 999), STRETCH_ERROR_OUT_OF_RANGE);
    EXPECT_EQ(stretch_render(s, in.data(), 4000, out.data(), 0), STRETCH_ERROR_OUT_OF_RANGE);
    // No input at all cannot be stretched to anything.
    EXPECT_EQ(stretch_render(s, nullptr, 0, out.data(), 100), STRETCH_ERROR_OUT_OF_RANGE);
    EXPECT_EQ(stretch_render(s, in.data(), 0, out.data(), 100), STRETCH_ERROR_OUT_OF_RANGE);
    // 0 -> 0 has no defined ratio: either "nothing to do" or out of range, but never a crash.
    const stretch_status empty = stretch_render(s, nullptr, 0, nullptr, 0);
    EXPECT_TRUE(empty == STRETCH_OK || empty == STRETCH_ERROR_OUT_OF_RANGE) << stretch_status_message(empty);
    // The limits themselves are fine.
    EXPECT_EQ(stretch_render(s, in.data(), 4000, out.data(), 16000), STRETCH_OK);
    EXPECT_EQ(stretch_render(s, in.data(), 4000, out.data(), 1000), STRETCH_OK);
    EXPECT_TRUE(all_finite(out.data(), 16000));
}

TEST(Api, ProcessChecksTheRatioOfLongBlocks) {
    Instance inst(2);
    ASSERT_EQ(inst.status(), STRETCH_OK);
    stretch_t* s = inst.get();
    const std::size_t big = STRETCH_RATIO_CHECK_FRAMES;
    std::vector<float> in(2 * 5 * big, 0.1f);
    std::vector<float> out(2 * 5 * big, 0.0f);
    // Ratio above 4 and below 1/4 with both sides at least STRETCH_RATIO_CHECK_FRAMES frames.
    EXPECT_EQ(stretch_process(s, in.data(), to_int(2 * big), out.data(), to_int(2 * (4 * big + 8))),
              STRETCH_ERROR_OUT_OF_RANGE);
    EXPECT_EQ(stretch_process(s, in.data(), to_int(2 * (4 * big + 8)), out.data(), to_int(2 * big)),
              STRETCH_ERROR_OUT_OF_RANGE);
    // In range.
    EXPECT_EQ(stretch_process(s, in.data(), to_int(2 * big), out.data(), to_int(2 * 4 * big)), STRETCH_OK);
    EXPECT_EQ(stretch_process(s, in.data(), to_int(2 * 4 * big), out.data(), to_int(2 * big)), STRETCH_OK);
    // Short calls may split the ratio unevenly (block-wise rounding).
    EXPECT_EQ(stretch_process(s, in.data(), 2 * 1, out.data(), 2 * 5), STRETCH_OK);
    EXPECT_EQ(stretch_process(s, in.data(), 2 * 5, out.data(), 2 * 1), STRETCH_OK);
    EXPECT_EQ(stretch_process(s, in.data(), 2 * 3, out.data(), 0), STRETCH_OK);
    EXPECT_EQ(stretch_process(s, in.data(), 0, out.data(), 2 * 3), STRETCH_OK);
    EXPECT_TRUE(all_finite(out.data(), out.size()));
}

TEST(Api, LargestCountsAreCheckedWithoutOverflow) {
    // Counts near INT_MAX samples: the checks work in frames and reject them before any sample
    // is touched, so a small buffer is enough (AddressSanitizer would see a read past it).
    Instance inst(STRETCH_MAX_CHANNELS);
    ASSERT_EQ(inst.status(), STRETCH_OK);
    stretch_t* s = inst.get();
    constexpr int kMax = std::numeric_limits<int>::max();
    constexpr int kWholeFrames = kMax - kMax % STRETCH_MAX_CHANNELS;
    std::vector<float> small(STRETCH_MAX_CHANNELS, 0.0f);
    EXPECT_EQ(stretch_render(s, small.data(), kWholeFrames, small.data(), STRETCH_MAX_CHANNELS),
              STRETCH_ERROR_OUT_OF_RANGE);
    EXPECT_EQ(stretch_render(s, small.data(), STRETCH_MAX_CHANNELS, small.data(), kWholeFrames),
              STRETCH_ERROR_OUT_OF_RANGE);
    EXPECT_EQ(stretch_process(s, small.data(), kWholeFrames, small.data(), STRETCH_MAX_CHANNELS),
              STRETCH_ERROR_OUT_OF_RANGE);
    EXPECT_EQ(stretch_process(s, small.data(), STRETCH_MAX_CHANNELS, small.data(), kWholeFrames),
              STRETCH_ERROR_OUT_OF_RANGE);
    EXPECT_EQ(stretch_process(s, small.data(), kMax, small.data(), 0), STRETCH_ERROR_BAD_LENGTH);
    EXPECT_EQ(stretch_flush(s, small.data(), kMax), STRETCH_ERROR_BAD_LENGTH);
}

TEST(Api, TailStaysFiniteWhenShortCallsStarveTheInput) {
    // Short calls may produce output with no input at all; the tail must stay a sensible count.
    Instance inst(2);
    ASSERT_EQ(inst.status(), STRETCH_OK);
    stretch_t* s = inst.get();
    std::vector<float> in(2 * 512, 0.1f);
    std::vector<float> out(2 * 1000, 0.0f);
    EXPECT_EQ(stretch_process(s, in.data(), to_int(in.size()), out.data(), 2 * 512), STRETCH_OK);
    for (int i = 0; i < 100; ++i) EXPECT_EQ(stretch_process(s, nullptr, 0, out.data(), to_int(out.size())), STRETCH_OK);
    const int tail = stretch_tail_frames(s);
    EXPECT_GT(tail, 0);
    // No more than the tail at the largest time ratio, at the lowest transposition.
    EXPECT_LT(tail, static_cast<int>(10 * kFs));
    std::vector<float> rest(2 * static_cast<std::size_t>(tail > 0 ? tail : 0), 1.0f);
    EXPECT_EQ(stretch_flush(s, rest.data(), to_int(rest.size())), STRETCH_OK);
    EXPECT_TRUE(all_finite(rest.data(), rest.size()));
}

// =============================================================================================
// Status messages

TEST(Api, StatusMessagesAreDistinctAndUnknownCodesAreNamed) {
    const stretch_status all[] = {STRETCH_OK,
                                  STRETCH_ERROR_INVALID_ARGUMENT,
                                  STRETCH_ERROR_BAD_LENGTH,
                                  STRETCH_ERROR_OUT_OF_RANGE,
                                  STRETCH_ERROR_BAD_STATE,
                                  STRETCH_ERROR_OUT_OF_MEMORY,
                                  STRETCH_ERROR_INTERNAL};
    std::set<std::string> seen;
    for (stretch_status s : all) {
        const char* m = stretch_status_message(s);
        ASSERT_NE(m, nullptr) << "status " << s;
        EXPECT_GT(std::strlen(m), 0u) << "status " << s;
        EXPECT_STRNE(m, "unknown status") << "status " << s;
        EXPECT_TRUE(seen.insert(m).second) << "duplicate message \"" << m << "\" for status " << s;
    }
    // Codes that are valid values of the enum's type but name no status.
    for (int code : {1, 7, -7, -8}) {
        const char* m = stretch_status_message(static_cast<stretch_status>(code));
        ASSERT_NE(m, nullptr);
        EXPECT_STREQ(m, "unknown status") << "code " << code;
    }
}

// =============================================================================================
// Non-finite input

std::vector<float> poisoned(const std::vector<float>& x) {
    std::vector<float> y = x;
    const float bad[] = {std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::infinity(),
                         -std::numeric_limits<float>::infinity(), std::numeric_limits<float>::signaling_NaN()};
    for (std::size_t i = 101, k = 0; i < y.size(); i += 977, ++k) y[i] = bad[k % 4];
    return y;
}

std::vector<float> zeroed_where_poisoned(const std::vector<float>& x) {
    std::vector<float> y = x;
    for (std::size_t i = 101; i < y.size(); i += 977) y[i] = 0.0f;
    return y;
}

TEST(Api, NonFiniteInputIsSilenceAndResetForgetsIt) {
    const std::vector<float> clean = music_like(kFs, 1.0);
    const std::vector<float> bad = poisoned(clean);
    const std::size_t n_in = clean.size();
    const std::size_t n_out = n_in * 4 / 5;
    std::vector<float> out_bad(n_out), out_after_reset(n_out), out_fresh(n_out), out_zeroed(n_out);

    Instance used;
    ASSERT_EQ(used.status(), STRETCH_OK);
    ASSERT_EQ(stretch_set_transpose_semitones(used.get(), 3.0), STRETCH_OK);
    ASSERT_EQ(stretch_process(used.get(), bad.data(), to_int(n_in), out_bad.data(), to_int(n_out)), STRETCH_OK);
    EXPECT_TRUE(all_finite(out_bad.data(), n_out)) << "non-finite input must be treated as silence";
    ASSERT_EQ(stretch_reset(used.get()), STRETCH_OK);
    ASSERT_EQ(stretch_process(used.get(), clean.data(), to_int(n_in), out_after_reset.data(), to_int(n_out)),
              STRETCH_OK);

    Instance fresh;
    ASSERT_EQ(fresh.status(), STRETCH_OK);
    ASSERT_EQ(stretch_set_transpose_semitones(fresh.get(), 3.0), STRETCH_OK);
    ASSERT_EQ(stretch_process(fresh.get(), clean.data(), to_int(n_in), out_fresh.data(), to_int(n_out)), STRETCH_OK);
    EXPECT_TRUE(all_finite(out_after_reset.data(), n_out));
    EXPECT_EQ(std::memcmp(out_after_reset.data(), out_fresh.data(), n_out * sizeof(float)), 0)
        << "after stretch_reset the output must equal a fresh instance's";

    // "Treated as silence": the same as zeros in those places.
    ASSERT_EQ(stretch_reset(fresh.get()), STRETCH_OK);
    const std::vector<float> zeroed = zeroed_where_poisoned(clean);
    ASSERT_EQ(stretch_process(fresh.get(), zeroed.data(), to_int(n_in), out_zeroed.data(), to_int(n_out)), STRETCH_OK);
    EXPECT_EQ(std::memcmp(out_bad.data(), out_zeroed.data(), n_out * sizeof(float)), 0)
        << "non-finite samples must act exactly like zeros";
}

TEST(Api, RenderWithNonFiniteInputThenCleanMatchesFresh) {
    const std::vector<float> clean = music_like(kFs, 1.0);
    const std::vector<float> bad = poisoned(clean);
    const std::size_t n = clean.size();
    std::vector<float> a(n), b(n), c(n), zero_out(n);
    Instance used;
    ASSERT_EQ(used.status(), STRETCH_OK);
    ASSERT_EQ(stretch_set_transpose_semitones(used.get(), 3.0), STRETCH_OK);
    ASSERT_EQ(stretch_render(used.get(), bad.data(), to_int(n), a.data(), to_int(n)), STRETCH_OK);
    EXPECT_TRUE(all_finite(a.data(), n));
    // render resets by itself: the poisoned call must leave no trace.
    ASSERT_EQ(stretch_render(used.get(), clean.data(), to_int(n), b.data(), to_int(n)), STRETCH_OK);
    Instance fresh;
    ASSERT_EQ(fresh.status(), STRETCH_OK);
    ASSERT_EQ(stretch_set_transpose_semitones(fresh.get(), 3.0), STRETCH_OK);
    ASSERT_EQ(stretch_render(fresh.get(), clean.data(), to_int(n), c.data(), to_int(n)), STRETCH_OK);
    EXPECT_EQ(std::memcmp(b.data(), c.data(), n * sizeof(float)), 0);
    const std::vector<float> zeroed = zeroed_where_poisoned(clean);
    ASSERT_EQ(stretch_render(fresh.get(), zeroed.data(), to_int(n), zero_out.data(), to_int(n)), STRETCH_OK);
    EXPECT_EQ(std::memcmp(a.data(), zero_out.data(), n * sizeof(float)), 0);
}

// =============================================================================================
// Every channel count, rate and preset

TEST(Api, EveryChannelCountRateAndPresetWorks) {
    for (double rate : {8000.0, 44100.0, 48000.0, 96000.0, 192000.0}) {
        // 150 ms of a tone per channel, each channel at its own pitch; +3 semitones, tempo 1.25.
        const auto in_frames = static_cast<std::size_t>(rate * 0.15);
        const auto out_frames = static_cast<std::size_t>(static_cast<double>(in_frames) / 1.25);
        std::vector<std::vector<float>> tones;
        for (int c = 0; c < STRETCH_MAX_CHANNELS; ++c) {
            Tone t;
            t.f0_hz = 220.0 * (1.0 + 0.1 * c);
            tones.push_back(tone(t, rate, in_frames));
        }
        for (stretch_preset preset : {STRETCH_PRESET_DEFAULT, STRETCH_PRESET_CHEAPER}) {
            for (int channels = 1; channels <= STRETCH_MAX_CHANNELS; ++channels) {
                SCOPED_TRACE(std::to_string(channels) + " channels at " + std::to_string(static_cast<int>(rate)) +
                             " Hz, preset " + std::to_string(static_cast<int>(preset)));
                const auto nc = static_cast<std::size_t>(channels);
                const std::vector<std::vector<float>> parts(tones.begin(), tones.begin() + channels);
                const std::vector<float> input = interleave(parts);
                Instance inst(channels, rate, preset);
                ASSERT_EQ(inst.status(), STRETCH_OK);
                EXPECT_EQ(stretch_channels(inst.get()), channels);
                EXPECT_GT(stretch_input_latency(inst.get()), 0);
                EXPECT_GT(stretch_output_latency(inst.get()), 0);
                ASSERT_EQ(stretch_set_transpose_semitones(inst.get(), 3.0), STRETCH_OK);
                const float guard_value = 777.0f;
                std::vector<float> out(out_frames * nc + 16, guard_value);
                std::fill(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(out_frames * nc),
                          std::numeric_limits<float>::quiet_NaN());
                ASSERT_EQ(
                    stretch_render(inst.get(), input.data(), to_int(input.size()), out.data(), to_int(out_frames * nc)),
                    STRETCH_OK);
                EXPECT_TRUE(all_finite(out.data(), out_frames * nc));
                for (std::size_t i = out_frames * nc; i < out.size(); ++i) ASSERT_EQ(out[i], guard_value);
                // Not silent: the tone comes through on every channel.
                out.resize(out_frames * nc);
                const auto chans = deinterleave(out, channels);
                for (std::size_t c = 0; c < nc; ++c) EXPECT_GT(rms(chans[c]), 0.3 * rms(parts[c])) << "channel " << c;
            }
        }
    }
}

}  // namespace
