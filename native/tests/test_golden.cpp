// Golden-output test: renders a fixed set of signals through the C ABI and compares a hash of
// every output sample's bits with a recorded value. Restructuring the engine must leave every
// hash unchanged; any change to the sound, however small, shows up here.
//
// The hashes hold on every platform the core is built for (x86-64 with g++ or clang, its
// portable and AVX2 kernels; AArch64 NEON and portable; Windows x64): the build turns FMA
// contraction off and the core computes its sines, cosines and exponentials itself
// (dsp/portable_math.hpp), so no C library's last-bit rounding reaches the output. A compiler
// that contracts a * b + c into FMA or -ffast-math would give other, equally valid, hashes.
//
// When the output changes on purpose, regenerate the table: run
//   STRETCH_GOLDEN_PRINT=1 stretch_tests --gtest_filter='Golden/*'
// and put each printed hash in place of its case's expected value in kCases below.
#include <gtest/gtest.h>
#include <stretch/stretch.h>

#include <cinttypes>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <ostream>
#include <string>
#include <vector>

#include "support/signals.hpp"

namespace {

using namespace stretch_test;

enum class Signal { Tone, Chord, Clicks, Noise, Music, Antiphase, Mixed, Surround, NonFinite };

enum class Mode {
    Render,         // one stretch_render call
    Blocks,         // stretch_process in fixed input blocks, then stretch_flush of the tail
    UnevenBlocks,   // stretch_process in irregular blocks (including empty and one-frame calls)
    TransposeSweep, // fixed blocks, the transposition changing between calls
    ResetReuse,     // half a stream, stretch_reset, then the whole input as a new stream
    StatedUneven,   // the ratio stated (stretch_set_time_ratio), then UnevenBlocks
    StatedSweep     // the ratio stated, then TransposeSweep
};

struct Case {
    const char* name;
    Signal signal;
    int channels;
    double sample_rate;
    stretch_preset preset;
    double ratio;  // output frames / input frames
    double semitones;
    bool formants;
    Mode mode;
    std::uint64_t expected;
};

constexpr stretch_preset kDefault = STRETCH_PRESET_DEFAULT;
constexpr stretch_preset kCheaper = STRETCH_PRESET_CHEAPER;

// clang-format off
const Case kCases[] = {
    {"tone_mono_default_r1_t0", Signal::Tone, 1, 44100.0, kDefault, 1.0, 0.0, false, Mode::Render, 0x935fa230a3169f36ULL},
    {"tone_mono_default_r1p5_t0", Signal::Tone, 1, 44100.0, kDefault, 1.5, 0.0, false, Mode::Render, 0x1b9a76c12d3186e7ULL},
    {"tone_mono_default_r0p5_t0", Signal::Tone, 1, 44100.0, kDefault, 0.5, 0.0, false, Mode::Render, 0xec367e37b4481b70ULL},
    {"tone_mono_default_r1_tp7", Signal::Tone, 1, 44100.0, kDefault, 1.0, 7.0, false, Mode::Render, 0x10c1ed07cdf92fd0ULL},
    {"tone_mono_default_r1_tm12", Signal::Tone, 1, 44100.0, kDefault, 1.0, -12.0, false, Mode::Render, 0x768eaf4ee32816feULL},
    {"tone_mono_default_r1p25_tp5_formants", Signal::Tone, 1, 44100.0, kDefault, 1.25, 5.0, true, Mode::Render, 0x193e953cfb48b750ULL},
    {"tone_mono_cheaper_r0p8_tm3_formants", Signal::Tone, 1, 44100.0, kCheaper, 0.8, -3.0, true, Mode::Render, 0x8c1a9d490b9b4948ULL},
    {"chord_mono_cheaper_r2_t0", Signal::Chord, 1, 44100.0, kCheaper, 2.0, 0.0, false, Mode::Render, 0x1ba6fbad4e915250ULL},
    {"chord_mono_default_r4_tp12", Signal::Chord, 1, 44100.0, kDefault, 4.0, 12.0, false, Mode::Render, 0x35bade4575959578ULL},
    {"chord_mono_default_r0p25_tm24", Signal::Chord, 1, 44100.0, kDefault, 0.25, -24.0, false, Mode::Render, 0x4af97fc15b10bf97ULL},
    {"chord_mono_default_r1p1_tp24_formants", Signal::Chord, 1, 44100.0, kDefault, 1.1, 24.0, true, Mode::Render, 0xda82ce6595ea3e3bULL},
    {"clicks_mono_default_r1p5_t0", Signal::Clicks, 1, 44100.0, kDefault, 1.5, 0.0, false, Mode::Render, 0x5be33022854faa32ULL},
    {"clicks_mono_default_r0p4_t0", Signal::Clicks, 1, 44100.0, kDefault, 0.4, 0.0, false, Mode::Render, 0x51f835f02e952f36ULL},
    {"clicks_mono_cheaper_r1p1_tp4", Signal::Clicks, 1, 44100.0, kCheaper, 1.1, 4.0, false, Mode::Render, 0xd60c1a46843b865dULL},
    {"noise_mono_default_r1p3_tm2", Signal::Noise, 1, 44100.0, kDefault, 1.3, -2.0, false, Mode::Render, 0xe4902a3d4af5dfcdULL},
    {"noise_mono_cheaper_r0p7_tp9_formants", Signal::Noise, 1, 44100.0, kCheaper, 0.7, 9.0, true, Mode::Render, 0x0b4b4a8892a925c3ULL},
    {"music_stereo_default_r1_t0", Signal::Music, 2, 44100.0, kDefault, 1.0, 0.0, false, Mode::Render, 0x07540229bf895904ULL},
    {"music_stereo_default_r1p2_tp3_formants", Signal::Music, 2, 44100.0, kDefault, 1.2, 3.0, true, Mode::Render, 0xd1019585d7477bbfULL},
    {"music_stereo_cheaper_r0p75_tm5", Signal::Music, 2, 44100.0, kCheaper, 0.75, -5.0, false, Mode::Render, 0xee7fa69c2c1bd945ULL},
    {"music_stereo_default_r2p5_tp12", Signal::Music, 2, 44100.0, kDefault, 2.5, 12.0, false, Mode::Render, 0x48b872140ec2a2a9ULL},
    {"music_stereo_default_48k_r1p1_t0", Signal::Music, 2, 48000.0, kDefault, 1.1, 0.0, false, Mode::Render, 0x7155c1dba332fcf6ULL},
    {"music_stereo_cheaper_96k_r0p9_tp2", Signal::Music, 2, 96000.0, kCheaper, 0.9, 2.0, false, Mode::Render, 0xb20a56577f3188d4ULL},
    {"music_stereo_default_8k_r1p7_tm4_formants", Signal::Music, 2, 8000.0, kDefault, 1.7, -4.0, true, Mode::Render, 0xb9dc9e56cf98e1bbULL},
    {"antiphase_stereo_default_r1p4_t0", Signal::Antiphase, 2, 44100.0, kDefault, 1.4, 0.0, false, Mode::Render, 0x3296969483063fceULL},
    {"antiphase_stereo_cheaper_r0p6_tp6", Signal::Antiphase, 2, 44100.0, kCheaper, 0.6, 6.0, false, Mode::Render, 0xe924b3b199df858bULL},
    {"mixed_stereo_cheaper_r0p9_tp2", Signal::Mixed, 2, 44100.0, kCheaper, 0.9, 2.0, false, Mode::Render, 0x2b58135a28be9062ULL},
    {"surround_6ch_default_r1p15_tm1_formants", Signal::Surround, 6, 44100.0, kDefault, 1.15, -1.0, true, Mode::Render, 0xc3b5e1c714c99bc3ULL},
    {"nonfinite_stereo_default_r1p2_t0", Signal::NonFinite, 2, 44100.0, kDefault, 1.2, 0.0, false, Mode::Render, 0x10572c58045538cfULL},
    {"music_stereo_default_r1_t0_blocks", Signal::Music, 2, 44100.0, kDefault, 1.0, 0.0, false, Mode::Blocks, 0x5d3fd3de7e72a4f6ULL},
    {"music_stereo_default_r1p25_tp3_formants_blocks", Signal::Music, 2, 44100.0, kDefault, 1.25, 3.0, true, Mode::Blocks, 0xb31716c6173b6f9fULL},
    {"tone_mono_cheaper_r0p8_t0_blocks", Signal::Tone, 1, 44100.0, kCheaper, 0.8, 0.0, false, Mode::Blocks, 0xaa1a22a50631bd4aULL},
    {"clicks_mono_default_r1p5_t0_uneven", Signal::Clicks, 1, 44100.0, kDefault, 1.5, 0.0, false, Mode::UnevenBlocks, 0x7301fe9709f4826dULL},
    {"music_stereo_cheaper_r0p6_tm7_uneven", Signal::Music, 2, 44100.0, kCheaper, 0.6, -7.0, false, Mode::UnevenBlocks, 0xa186b4a6d462300dULL},
    {"music_stereo_default_r2_tp5_formants_uneven", Signal::Music, 2, 44100.0, kDefault, 2.0, 5.0, true, Mode::UnevenBlocks, 0x55017699c13e6e3fULL},
    {"music_stereo_default_r1p1_sweep", Signal::Music, 2, 44100.0, kDefault, 1.1, 0.0, false, Mode::TransposeSweep, 0xb649c172bec21b8fULL},
    {"chord_mono_cheaper_r0p9_sweep_formants", Signal::Chord, 1, 44100.0, kCheaper, 0.9, 0.0, true, Mode::TransposeSweep, 0x34910023f5333fe0ULL},
    {"music_stereo_default_r1p3_tm2_reuse", Signal::Music, 2, 44100.0, kDefault, 1.3, -2.0, false, Mode::ResetReuse, 0xe196829682ff2b6aULL},
    {"music_stereo_default_r0p8_tp4_stated_uneven", Signal::Music, 2, 44100.0, kDefault, 0.8, 4.0, false, Mode::StatedUneven, 0x2b78edd75504c367ULL},
    {"chord_mono_cheaper_r1p2_stated_sweep_formants", Signal::Chord, 1, 44100.0, kCheaper, 1.2, 0.0, true, Mode::StatedSweep, 0x38d664ffddbc48bdULL},
};
// clang-format on

constexpr double kSeconds = 0.75;

std::vector<float> make_signal(Signal signal, int channels, double fs) {
    const auto frames = static_cast<std::size_t>(std::llround(kSeconds * fs));
    Tone vibrato;
    vibrato.f0_hz = 220.0;
    vibrato.harmonics = 12;
    vibrato.amplitude = 0.3;
    vibrato.vibrato_rate_hz = 5.0;
    vibrato.vibrato_depth_cents = 30.0;
    const auto chord_of = [&](double root) {
        std::vector<Tone> notes(3);
        const double ratios[] = {1.0, 1.25, 1.5};
        for (std::size_t i = 0; i < notes.size(); ++i) {
            notes[i].f0_hz = root * ratios[i];
            notes[i].harmonics = 6;
            notes[i].amplitude = 0.15;
        }
        return chord(notes, fs, frames);
    };
    const auto clicks = [&] { return click_train(frames, 1000, static_cast<std::size_t>(fs * 0.11), 0.8f); };
    std::vector<float> mono;
    switch (signal) {
        case Signal::Tone: mono = tone(vibrato, fs, frames); break;
        case Signal::Chord: mono = chord_of(261.63); break;
        case Signal::Clicks: mono = clicks(); break;
        case Signal::Noise: mono = white_noise(frames, 0.3f, 0x1234abcdULL); break;
        case Signal::Music: return music_like(fs, kSeconds);
        case Signal::Antiphase: {
            // Right is the left inverted plus a little noise: the channel sum nearly cancels.
            std::vector<float> left = chord_of(196.0);
            std::vector<float> right = white_noise(frames, 0.01f, 77);
            for (std::size_t i = 0; i < frames; ++i) right[i] -= left[i];
            return interleave({left, right});
        }
        case Signal::Mixed: {
            std::vector<float> right = white_noise(frames, 0.1f, 99);
            const std::vector<float> c = clicks();
            for (std::size_t i = 0; i < frames; ++i) right[i] += c[i];
            return interleave({tone(vibrato, fs, frames), right});
        }
        case Signal::Surround: {
            std::vector<std::vector<float>> all;
            for (int c = 0; c < channels; ++c) {
                Tone t = vibrato;
                t.f0_hz = 110.0 * (1.0 + 0.25 * c);
                t.delay_s = 0.0002 * c;
                all.push_back(tone(t, fs, frames));
            }
            return interleave(all);
        }
        case Signal::NonFinite: {
            std::vector<float> x = music_like(fs, kSeconds);
            for (std::size_t i = 3; i < x.size(); i += 4099) {
                x[i] = (i / 4099) % 3 == 0   ? std::numeric_limits<float>::quiet_NaN()
                       : (i / 4099) % 3 == 1 ? std::numeric_limits<float>::infinity()
                                             : -std::numeric_limits<float>::infinity();
            }
            return x;
        }
    }
    return duplicate_channels(mono, channels);
}

// FNV-1a (64 bits) over the bit patterns of the samples, lowest byte first.
class Fnv1a {
public:
    void add(const float* data, std::size_t count) {
        for (std::size_t i = 0; i < count; ++i) {
            std::uint32_t bits = 0;
            std::memcpy(&bits, &data[i], sizeof bits);
            for (int b = 0; b < 4; ++b) {
                hash_ ^= (bits >> (8 * b)) & 0xffu;
                hash_ *= 0x100000001b3ULL;
            }
        }
    }
    std::uint64_t value() const { return hash_; }

private:
    std::uint64_t hash_ = 0xcbf29ce484222325ULL;
};

class Stream {
public:
    Stream(const Case& c) : case_(c) {
        status_ = stretch_create(c.channels, c.sample_rate, c.preset, &ptr_);
        if (status_ == STRETCH_OK) status_ = stretch_set_transpose_semitones(ptr_, c.semitones);
        if (status_ == STRETCH_OK) status_ = stretch_set_formant_preservation(ptr_, c.formants ? 1 : 0);
    }
    ~Stream() { stretch_destroy(ptr_); }
    Stream(const Stream&) = delete;
    Stream& operator=(const Stream&) = delete;

    stretch_status status() const { return status_; }
    stretch_t* get() const { return ptr_; }
    std::size_t channels() const { return static_cast<std::size_t>(case_.channels); }

    // Feeds input frames [from, to) in one call; output so far follows round(ratio x input so far).
    void process(const std::vector<float>& input, std::size_t from, std::size_t to, Fnv1a& hash) {
        in_total_ += to - from;
        const auto target = static_cast<std::size_t>(std::llround(static_cast<double>(in_total_) * case_.ratio));
        const std::size_t n_out = target - out_total_;
        out_total_ = target;
        block_.assign(n_out * channels(), 0.0f);
        const float* in = to > from ? input.data() + from * channels() : nullptr;
        ASSERT_EQ(stretch_process(ptr_, in, static_cast<int>((to - from) * channels()),
                                  n_out > 0 ? block_.data() : nullptr, static_cast<int>(n_out * channels())),
                  STRETCH_OK);
        hash.add(block_.data(), block_.size());
    }

    void flush(Fnv1a& hash) {
        const int tail = stretch_tail_frames(ptr_);
        ASSERT_GT(tail, 0);
        block_.assign(static_cast<std::size_t>(tail) * channels(), 0.0f);
        ASSERT_EQ(stretch_flush(ptr_, block_.data(), static_cast<int>(block_.size())), STRETCH_OK);
        hash.add(block_.data(), block_.size());
    }

    void restart() {
        ASSERT_EQ(stretch_reset(ptr_), STRETCH_OK);
        in_total_ = 0;
        out_total_ = 0;
    }

private:
    const Case& case_;
    stretch_t* ptr_ = nullptr;
    stretch_status status_ = STRETCH_ERROR_INTERNAL;
    std::size_t in_total_ = 0;
    std::size_t out_total_ = 0;
    std::vector<float> block_;
};

std::uint64_t run(const Case& c) {
    const std::vector<float> input = make_signal(c.signal, c.channels, c.sample_rate);
    const auto nc = static_cast<std::size_t>(c.channels);
    const std::size_t frames = input.size() / nc;
    Fnv1a hash;
    Stream s(c);
    EXPECT_EQ(s.status(), STRETCH_OK);
    if (s.status() != STRETCH_OK) return 0;

    if (c.mode == Mode::StatedUneven || c.mode == Mode::StatedSweep) {
        EXPECT_EQ(stretch_set_time_ratio(s.get(), c.ratio), STRETCH_OK);
    }
    switch (c.mode) {
        case Mode::Render: {
            const auto out_frames = static_cast<std::size_t>(std::llround(static_cast<double>(frames) * c.ratio));
            std::vector<float> out(out_frames * nc);
            EXPECT_EQ(stretch_render(s.get(), input.data(), static_cast<int>(input.size()), out.data(),
                                     static_cast<int>(out.size())),
                      STRETCH_OK);
            hash.add(out.data(), out.size());
            break;
        }
        case Mode::Blocks:
            for (std::size_t pos = 0; pos < frames; pos += 700) s.process(input, pos, std::min(frames, pos + 700), hash);
            s.flush(hash);
            break;
        case Mode::UnevenBlocks:
        case Mode::StatedUneven: {
            const std::size_t sizes[] = {1, 0, 517, 64, 1023, 3, 2048, 0, 300, 1500, 7, 129};
            std::size_t pos = 0;
            for (std::size_t i = 0; pos < frames; ++i) {
                const std::size_t end = std::min(frames, pos + sizes[i % std::size(sizes)]);
                s.process(input, pos, end, hash);
                pos = end;
            }
            s.flush(hash);
            break;
        }
        case Mode::TransposeSweep:
        case Mode::StatedSweep: {
            const double steps[] = {0.0, 5.0, -3.0, 12.0, -7.5, 2.0};
            std::size_t i = 0;
            for (std::size_t pos = 0; pos < frames; pos += 2048, ++i) {
                EXPECT_EQ(stretch_set_transpose_semitones(s.get(), steps[(i / 2) % std::size(steps)]), STRETCH_OK);
                s.process(input, pos, std::min(frames, pos + 2048), hash);
            }
            s.flush(hash);
            break;
        }
        case Mode::ResetReuse: {
            for (std::size_t pos = 0; pos < frames / 2; pos += 1024) s.process(input, pos, std::min(frames / 2, pos + 1024), hash);
            s.restart();
            for (std::size_t pos = 0; pos < frames; pos += 1024) s.process(input, pos, std::min(frames, pos + 1024), hash);
            s.flush(hash);
            break;
        }
    }
    return hash.value();
}

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

class Golden : public ::testing::TestWithParam<Case> {};

TEST_P(Golden, OutputMatchesRecordedHash) {
    const Case& c = GetParam();
    const std::uint64_t actual = run(c);
    if (std::getenv("STRETCH_GOLDEN_PRINT") != nullptr) {
        std::printf("GOLDEN %s 0x%016" PRIx64 "ULL\n", c.name, actual);
    }
    char text[32];
    std::snprintf(text, sizeof text, "0x%016" PRIx64, actual);
    EXPECT_EQ(actual, c.expected) << c.name << " now hashes to " << text
                                  << "; see the top of test_golden.cpp if the output changed on purpose";
}

INSTANTIATE_TEST_SUITE_P(Golden, Golden, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case>& param) { return std::string(param.param.name); });

}  // namespace
