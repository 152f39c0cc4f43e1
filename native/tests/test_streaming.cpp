// Streaming tests: stretch_process in blocks against one call and against stretch_render,
// determinism, flush and latency.
//
// With a stated time ratio (stretch_set_time_ratio) the time map is fixed by it, so any cut of
// the stream into calls gives stretch_render's output bit for bit. Without one, the map follows
// each call's counts: block-wise output is bit-identical to one call only when every block has
// exactly the call's time ratio; uneven blocks (as a host with fixed input blocks produces) must
// stay close instead.
#include <gtest/gtest.h>
#include <stretch/stretch.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <iostream>
#include <limits>
#include <ostream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "support/analysis.hpp"
#include "support/signals.hpp"

namespace {

using namespace stretch_test;

constexpr double kFs = 44100.0;
constexpr int kStereo = 2;
// 81920 frames: a multiple of every block size below (and of 5, for the 4/5 ratio).
constexpr std::size_t kFrames = 81920;

int to_int(std::size_t n) { return static_cast<int>(n); }

class Instance {
public:
    explicit Instance(int channels, double semitones, stretch_preset preset = STRETCH_PRESET_DEFAULT) {
        status_ = stretch_create(channels, kFs, preset, &ptr_);
        if (status_ == STRETCH_OK) status_ = stretch_set_transpose_semitones(ptr_, semitones);
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

std::vector<float> music(std::size_t frames) { return music_like(kFs, static_cast<double>(frames) / kFs); }

// Processes the whole of `input` in blocks of in_block frames, each producing
// out_block * (its input frames) / in_block output frames (the last block may be shorter; its
// counts must still be in the exact ratio). Reports a failure and returns {} on error.
std::vector<float> process_in_blocks(stretch_t* inst, const std::vector<float>& input, int channels,
                                     std::size_t in_block, std::size_t out_block) {
    const auto nc = static_cast<std::size_t>(channels);
    const std::size_t frames = input.size() / nc;
    std::vector<float> out;
    std::vector<float> block;
    for (std::size_t pos = 0; pos < frames; pos += in_block) {
        const std::size_t n_in = std::min(in_block, frames - pos);
        if ((n_in * out_block) % in_block != 0) {
            ADD_FAILURE() << "test setup: a partial block breaks the ratio";
            return {};
        }
        const std::size_t n_out = n_in * out_block / in_block;
        block.assign(n_out * nc, std::numeric_limits<float>::quiet_NaN());
        const stretch_status s =
            stretch_process(inst, input.data() + pos * nc, to_int(n_in * nc), block.data(), to_int(n_out * nc));
        if (s != STRETCH_OK) {
            ADD_FAILURE() << "stretch_process at frame " << pos << ": " << stretch_status_message(s);
            return {};
        }
        out.insert(out.end(), block.begin(), block.end());
    }
    return out;
}

std::size_t first_difference(const std::vector<float>& a, const std::vector<float>& b) {
    const std::size_t n = std::min(a.size(), b.size());
    for (std::size_t i = 0; i < n; ++i)
        if (std::memcmp(&a[i], &b[i], sizeof(float)) != 0) return i;
    return n;
}

void check_blocks_match_one_call(double semitones, std::size_t in_num, std::size_t out_num,
                                 const std::vector<std::size_t>& in_blocks) {
    const std::vector<float> input = music(kFrames);
    std::vector<float> reference;
    {
        Instance inst(kStereo, semitones);
        ASSERT_EQ(inst.status(), STRETCH_OK);
        reference = process_in_blocks(inst.get(), input, kStereo, kFrames, kFrames * out_num / in_num);
        ASSERT_EQ(reference.size(), kFrames * out_num / in_num * kStereo);
        ASSERT_TRUE(all_finite(reference.data(), reference.size()));
        ASSERT_GT(rms(reference), 0.01) << "the stream produced (nearly) silence";
    }
    for (std::size_t in_block : in_blocks) {
        const std::size_t out_block = in_block * out_num / in_num;
        SCOPED_TRACE("input blocks of " + std::to_string(in_block) + " frames, output blocks of " +
                     std::to_string(out_block));
        Instance inst(kStereo, semitones);
        ASSERT_EQ(inst.status(), STRETCH_OK);
        const std::vector<float> out = process_in_blocks(inst.get(), input, kStereo, in_block, out_block);
        ASSERT_EQ(out.size(), reference.size());
        EXPECT_TRUE(bit_identical(out, reference))
            << "first difference at sample " << first_difference(out, reference) << " (SNR "
            << snr_db(out.data(), reference.data(), out.size()) << " dB)";
    }
}

TEST(Streaming, TempoOneBlocksAreBitIdenticalToOneCall) { check_blocks_match_one_call(3.0, 1, 1, {1, 17, 512, 4096}); }

TEST(Streaming, TempoFourFifthsBlocksAreBitIdenticalToOneCall) {
    // Tempo 1.25: every block has exactly 4 output frames per 5 input frames.
    check_blocks_match_one_call(3.0, 5, 4, {5, 85, 2560, 20480});
}

// Input blocks alternating 1000 and 1001 frames; each output block is what rounding the
// cumulative count gives (round(total_in * 4/5) - total_out so far), so per-block ratios
// wander around 4/5. The result must stay within 40 dB SNR of one call (a check of the time
// map's interpolation). A tonal signal, so transient detection does not come into it.
TEST(Streaming, UnevenBlocksStayCloseToOneCall) {
    const double semitones = 3.0;
    std::vector<Tone> notes;
    for (double f : {311.13, 440.0, 493.88}) {
        Tone t;
        t.f0_hz = f;
        t.harmonics = 6;
        t.amplitude = 0.1;
        t.vibrato_rate_hz = 5.5;
        t.vibrato_depth_cents = 25.0;
        notes.push_back(t);
    }
    const std::vector<float> left = chord(notes, kFs, kFrames);
    for (Tone& t : notes) t.delay_s = 0.3e-3;
    const std::vector<float> right = chord(notes, kFs, kFrames);
    const std::vector<float> input = interleave({left, right});
    const std::size_t out_frames = kFrames * 4 / 5;

    std::vector<float> reference;
    {
        Instance inst(kStereo, semitones);
        ASSERT_EQ(inst.status(), STRETCH_OK);
        reference = process_in_blocks(inst.get(), input, kStereo, kFrames, out_frames);
        ASSERT_EQ(reference.size(), out_frames * kStereo);
    }
    Instance inst(kStereo, semitones);
    ASSERT_EQ(inst.status(), STRETCH_OK);
    std::vector<float> out;
    std::vector<float> block;
    std::size_t in_pos = 0;
    std::size_t out_pos = 0;
    for (int i = 0; in_pos < kFrames; ++i) {
        const std::size_t n_in = std::min<std::size_t>(i % 2 == 0 ? 1000 : 1001, kFrames - in_pos);
        const auto total_out = static_cast<std::size_t>(std::llround(static_cast<double>(in_pos + n_in) * 0.8));
        const std::size_t n_out = total_out - out_pos;
        block.assign(n_out * kStereo, 0.0f);
        ASSERT_EQ(stretch_process(inst.get(), input.data() + in_pos * kStereo, to_int(n_in * kStereo), block.data(),
                                  to_int(n_out * kStereo)),
                  STRETCH_OK)
            << "block " << i;
        out.insert(out.end(), block.begin(), block.end());
        in_pos += n_in;
        out_pos += n_out;
    }
    ASSERT_EQ(out.size(), reference.size());
    const double snr = snr_db(out.data(), reference.data(), out.size());
    std::cout << "[ stream   ] uneven 1000/1001-frame blocks vs one call: SNR " << snr << " dB\n";
    RecordProperty("snr_db", std::to_string(snr));
    EXPECT_GE(snr, 40.0);
}

// ---------------------------------------------------------------------------------------------
// A stated ratio: streams cut at random into calls of 1 to 65,536 frames equal one render.

struct SweepCase {
    const char* name;
    int channels;
    double tempo;
    double semitones;
    bool formants;
    stretch_preset preset;
};

void PrintTo(const SweepCase& c, std::ostream* os) { *os << c.name; }

// Block sizes log-uniform over 1..65536 (every order of magnitude equally often), with the ends
// of the range drawn on purpose now and then.
std::size_t random_block(std::mt19937_64& rng) {
    const std::uint64_t pick = rng() % 16;
    if (pick == 0) return 1;
    if (pick == 1) return 65536;
    const double u = std::uniform_real_distribution<double>(0.0, std::log(65536.0))(rng);
    return static_cast<std::size_t>(std::exp(u));
}

// Streams `input` with the whole's ratio stated, in calls of random size whose output follows the
// running total round(input so far x ratio); drops the stream delay and flushes it at the end.
std::vector<float> stream_like_render(stretch_t* inst, const std::vector<float>& input, int channels,
                                      std::size_t out_frames, std::uint64_t seed, std::size_t& calls) {
    const auto nc = static_cast<std::size_t>(channels);
    const std::size_t frames = input.size() / nc;
    const double ratio = static_cast<double>(out_frames) / static_cast<double>(frames);
    EXPECT_EQ(stretch_set_time_ratio(inst, ratio), STRETCH_OK);
    const auto delay = static_cast<std::size_t>(
        std::llround(stretch_output_latency(inst) + stretch_input_latency(inst) * ratio));
    std::vector<float> out;
    std::vector<float> block;
    std::mt19937_64 rng(seed);
    std::size_t in_pos = 0;
    std::size_t out_pos = 0;
    calls = 0;
    while (in_pos < frames) {
        const std::size_t n_in = std::min(random_block(rng), frames - in_pos);
        const auto total = static_cast<std::size_t>(std::llround(static_cast<double>(in_pos + n_in) * ratio));
        block.assign((total - out_pos) * nc, std::numeric_limits<float>::quiet_NaN());
        const stretch_status s = stretch_process(inst, input.data() + in_pos * nc, to_int(n_in * nc), block.data(),
                                                 to_int(block.size()));
        if (s != STRETCH_OK) {
            ADD_FAILURE() << "stretch_process at frame " << in_pos << ": " << stretch_status_message(s);
            return {};
        }
        out.insert(out.end(), block.begin(), block.end());
        in_pos += n_in;
        out_pos = total;
        ++calls;
    }
    block.assign(delay * nc, std::numeric_limits<float>::quiet_NaN());
    EXPECT_EQ(stretch_flush(inst, block.data(), to_int(block.size())), STRETCH_OK);
    out.insert(out.end(), block.begin(), block.end());
    if (out.size() < (delay + out_frames) * nc) {
        ADD_FAILURE() << "the stream is shorter than its delay and the render";
        return {};
    }
    return std::vector<float>(out.begin() + static_cast<std::ptrdiff_t>(delay * nc),
                              out.begin() + static_cast<std::ptrdiff_t>((delay + out_frames) * nc));
}

class BlockSweep : public ::testing::TestWithParam<SweepCase> {};

TEST_P(BlockSweep, AnyCutOfTheStreamEqualsOneRender) {
    const SweepCase c = GetParam();
    // Music with drums (onsets, phase resets) over 3 s; an odd length, so the ratio is not round.
    std::vector<float> input = music_like(kFs, 3.0, 0x5eed0001ULL);
    input.resize((input.size() / kStereo - 7) * kStereo);
    if (c.channels == 1) input = extract_channel(input, kStereo, 0);
    const std::size_t frames = input.size() / static_cast<std::size_t>(c.channels);
    const auto out_frames = static_cast<std::size_t>(std::llround(static_cast<double>(frames) / c.tempo));

    Instance inst(c.channels, c.semitones, c.preset);
    ASSERT_EQ(inst.status(), STRETCH_OK);
    ASSERT_EQ(stretch_set_formant_preservation(inst.get(), c.formants ? 1 : 0), STRETCH_OK);
    std::vector<float> reference(out_frames * static_cast<std::size_t>(c.channels));
    ASSERT_EQ(stretch_render(inst.get(), input.data(), to_int(input.size()), reference.data(), to_int(reference.size())),
              STRETCH_OK);
    ASSERT_GT(rms(reference), 0.01);
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        SCOPED_TRACE("block sequence " + std::to_string(seed));
        std::size_t calls = 0;
        const std::vector<float> out = stream_like_render(inst.get(), input, c.channels, out_frames, seed, calls);
        ASSERT_EQ(out.size(), reference.size());
        EXPECT_TRUE(bit_identical(out, reference))
            << calls << " calls; first difference at sample " << first_difference(out, reference) << " (SNR "
            << snr_db(out.data(), reference.data(), out.size()) << " dB)";
        ASSERT_EQ(stretch_reset(inst.get()), STRETCH_OK);
    }
}

INSTANTIATE_TEST_SUITE_P(
    , BlockSweep,
    ::testing::Values(SweepCase{"varispeed_125_stereo", kStereo, 1.25, 12.0 * std::log2(1.25), false, STRETCH_PRESET_DEFAULT},
                      SweepCase{"tempo_08_stereo", kStereo, 0.8, 0.0, false, STRETCH_PRESET_DEFAULT},
                      SweepCase{"tempo_15_down5_formants_mono", 1, 1.5, -5.0, true, STRETCH_PRESET_DEFAULT},
                      SweepCase{"tempo_37_up7_cheaper_stereo", kStereo, 3.7, 7.0, false, STRETCH_PRESET_CHEAPER},
                      SweepCase{"tempo_027_down12_mono", 1, 0.27, -12.0, false, STRETCH_PRESET_DEFAULT},
                      SweepCase{"tempo_398_up24_stereo", kStereo, 3.98, 24.0, false, STRETCH_PRESET_DEFAULT},
                      SweepCase{"tempo_025_down24_cheaper_mono", 1, 0.25, -24.0, false, STRETCH_PRESET_CHEAPER}),
    [](const ::testing::TestParamInfo<SweepCase>& param_info) { return std::string(param_info.param.name); });

// A stated ratio is checked like the other parameters; 0 hands the map back to the calls.
TEST(Streaming, StatedRatioIsChecked) {
    Instance inst(kStereo, 0.0);
    ASSERT_EQ(inst.status(), STRETCH_OK);
    EXPECT_EQ(stretch_set_time_ratio(nullptr, 1.0), STRETCH_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(stretch_set_time_ratio(inst.get(), std::numeric_limits<double>::quiet_NaN()),
              STRETCH_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(stretch_set_time_ratio(inst.get(), std::numeric_limits<double>::infinity()),
              STRETCH_ERROR_INVALID_ARGUMENT);
    EXPECT_EQ(stretch_set_time_ratio(inst.get(), 0.2), STRETCH_ERROR_OUT_OF_RANGE);
    EXPECT_EQ(stretch_set_time_ratio(inst.get(), -1.0), STRETCH_ERROR_OUT_OF_RANGE);
    EXPECT_EQ(stretch_set_time_ratio(inst.get(), 4.5), STRETCH_ERROR_OUT_OF_RANGE);
    EXPECT_EQ(stretch_set_time_ratio(inst.get(), STRETCH_MIN_TIME_RATIO), STRETCH_OK);
    EXPECT_EQ(stretch_set_time_ratio(inst.get(), STRETCH_MAX_TIME_RATIO), STRETCH_OK);
    EXPECT_EQ(stretch_set_time_ratio(inst.get(), 0.0), STRETCH_OK);
}

TEST(Streaming, DeterministicAcrossInstancesAndThreads) {
    const std::vector<float> input = music(kFrames);
    const auto run_stream = [&input](std::vector<float>& out) {
        Instance inst(kStereo, 3.0);
        if (inst.status() != STRETCH_OK) return;
        out = process_in_blocks(inst.get(), input, kStereo, 640, 512);
    };
    const auto run_render = [&input](std::vector<float>& out) {
        Instance inst(kStereo, 3.0);
        if (inst.status() != STRETCH_OK) return;
        std::vector<float> y(input.size() * 4 / 5);
        if (stretch_render(inst.get(), input.data(), to_int(input.size()), y.data(), to_int(y.size())) == STRETCH_OK)
            out = std::move(y);
    };
    std::vector<float> a, b, c, ra, rb, rc;
    run_stream(a);
    run_stream(b);
    std::thread t1([&] { run_stream(c); });
    t1.join();
    run_render(ra);
    run_render(rb);
    std::thread t2([&] { run_render(rc); });
    t2.join();
    ASSERT_EQ(a.size(), kFrames * 4 / 5 * kStereo);
    ASSERT_EQ(ra.size(), kFrames * 4 / 5 * kStereo);
    EXPECT_TRUE(bit_identical(a, b)) << "process: two instances differ";
    EXPECT_TRUE(bit_identical(a, c)) << "process: another thread differs";
    EXPECT_TRUE(bit_identical(ra, rb)) << "render: two instances differ";
    EXPECT_TRUE(bit_identical(ra, rc)) << "render: another thread differs";
}

// A tone that stops abruptly at full level: the flushed tail (stretch_tail_frames) must carry
// it (at least -6 dB of the tone's level: the tail stands for the last input frames), it is at
// least the stream's total delay long, and flushing beyond it gives silence.
TEST(Streaming, FlushReturnsTheTailThenSilence) {
    Instance inst(kStereo, 3.0);
    ASSERT_EQ(inst.status(), STRETCH_OK);
    const int in_latency = stretch_input_latency(inst.get());
    const int out_latency = stretch_output_latency(inst.get());
    ASSERT_GT(in_latency, 0);
    ASSERT_GT(out_latency, 0);
    const std::size_t frames = 66150;  // 1.5 s, a multiple of 5
    Tone t;
    t.f0_hz = 440.0;
    const std::vector<float> mono = tone(t, kFs, frames);
    const std::vector<float> input = duplicate_channels(mono, kStereo);
    const std::vector<float> body = process_in_blocks(inst.get(), input, kStereo, 2560, 2048);
    ASSERT_EQ(body.size(), frames * 4 / 5 * kStereo);

    const int reported_tail = stretch_tail_frames(inst.get());
    ASSERT_GE(static_cast<double>(reported_tail), std::ceil(in_latency * 0.8 + out_latency));
    const auto tail_frames = static_cast<std::size_t>(reported_tail);
    std::vector<float> tail(tail_frames * kStereo, std::numeric_limits<float>::quiet_NaN());
    ASSERT_EQ(stretch_flush(inst.get(), tail.data(), to_int(tail.size())), STRETCH_OK);
    ASSERT_TRUE(all_finite(tail.data(), tail.size()));
    const double level = db_amplitude(rms(tail) / rms(mono));
    std::cout << "[ stream   ] latencies in " << in_latency << ", out " << out_latency << " frames; tail of "
              << tail_frames << " frames at " << level << " dB of the tone\n";
    EXPECT_GE(level, -6.0) << "the flushed tail should carry the end of the tone";

    std::vector<float> after(8192 * kStereo, std::numeric_limits<float>::quiet_NaN());
    ASSERT_EQ(stretch_flush(inst.get(), after.data(), to_int(after.size())), STRETCH_OK);
    ASSERT_TRUE(all_finite(after.data(), after.size()));
    const double residue = peak_abs(after.data(), after.size());
    if (residue > 1e-6) {
        // Diagnostics: how long the output keeps ringing past the reported tail, and how loud.
        std::size_t last = 0;
        for (std::size_t i = 0; i < after.size(); ++i)
            if (std::abs(after[i]) > 1e-6f) last = i / kStereo + 1;
        const std::size_t first_10ms = std::min<std::size_t>(441, after.size() / kStereo) * kStereo;
        ADD_FAILURE() << "after the tail the output should be silent: it rings for another " << last << " frames ("
                      << 1e3 * static_cast<double>(last) / kFs << " ms), peak "
                      << db_amplitude(residue / peak_abs(mono.data(), mono.size()))
                      << " dB of the tone's peak, first 10 ms at "
                      << db_amplitude(rms(after.data(), first_10ms) / rms(mono)) << " dB of the tone's RMS";
    }
}

// The total delay of a stream, in output frames, is output_latency + input_latency x ratio.
// A click at 0.5 s must come out there, within +-1 frame (peak of |x|, parabolically refined).
// Mono, both presets, tempo 1.25 / +3 semitones and tempo 0.8 / no transposition.
struct LatencyCase {
    stretch_preset preset;
    double semitones;
    std::size_t in_block, out_block;
};

void PrintTo(const LatencyCase& c, std::ostream* os) {
    *os << "preset " << static_cast<int>(c.preset) << ", " << c.semitones << " semitones, blocks " << c.in_block
        << " -> " << c.out_block;
}

void check_click_delay(const LatencyCase& lc) {
    Instance inst(1, lc.semitones, lc.preset);
    ASSERT_EQ(inst.status(), STRETCH_OK);
    const int in_latency = stretch_input_latency(inst.get());
    const int out_latency = stretch_output_latency(inst.get());
    ASSERT_GT(in_latency, 0);
    ASSERT_GT(out_latency, 0);
    const double ratio = static_cast<double>(lc.out_block) / static_cast<double>(lc.in_block);
    const std::size_t frames = 66560;  // a multiple of 2560 and 2048
    const std::size_t click_at = 22050;
    std::vector<float> input(frames, 0.0f);
    input[click_at] = 0.5f;
    std::vector<float> out = process_in_blocks(inst.get(), input, 1, lc.in_block, lc.out_block);
    ASSERT_EQ(out.size(), frames * lc.out_block / lc.in_block);
    std::vector<float> tail(static_cast<std::size_t>(std::ceil(in_latency * ratio + out_latency)) + 2048, 0.0f);
    ASSERT_EQ(stretch_flush(inst.get(), tail.data(), to_int(tail.size())), STRETCH_OK);
    out.insert(out.end(), tail.begin(), tail.end());

    std::size_t p = 0;
    for (std::size_t i = 0; i < out.size(); ++i)
        if (std::abs(out[i]) > std::abs(out[p])) p = i;
    ASSERT_GT(std::abs(out[p]), 0.01f) << "the click did not come out";
    double position = static_cast<double>(p);
    if (p > 0 && p + 1 < out.size()) {
        const auto a = static_cast<double>(std::abs(out[p - 1]));
        const auto b = static_cast<double>(std::abs(out[p]));
        const auto c = static_cast<double>(std::abs(out[p + 1]));
        const double denom = a - 2.0 * b + c;
        if (denom < 0.0) position += std::clamp(0.5 * (a - c) / denom, -0.5, 0.5);
    }
    const double delay = out_latency + in_latency * ratio;
    const double expected = static_cast<double>(click_at) * ratio + delay;
    std::cout << "[ latency  ] preset " << lc.preset << ", " << lc.semitones << " st, ratio " << ratio
              << ": input latency " << in_latency << ", output latency " << out_latency << " -> delay " << delay
              << " frames; click expected at " << expected << ", found at " << position << "\n";
    EXPECT_NEAR(position, expected, 1.0);
}

TEST(Streaming, ClickComesOutAtTheReportedDelay) {
    for (const LatencyCase& lc :
         {LatencyCase{STRETCH_PRESET_DEFAULT, 3.0, 2560, 2048}, LatencyCase{STRETCH_PRESET_DEFAULT, 0.0, 2048, 2560},
          LatencyCase{STRETCH_PRESET_CHEAPER, 3.0, 2560, 2048}, LatencyCase{STRETCH_PRESET_CHEAPER, 0.0, 2048, 2560}}) {
        SCOPED_TRACE(::testing::PrintToString(lc));
        check_click_delay(lc);
    }
}

}  // namespace
