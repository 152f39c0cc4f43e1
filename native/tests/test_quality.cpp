// Quality tests of the stretcher through its C API, in offline whole-buffer mode
// (stretch_render: output time-aligned with the input's start and exactly as long as asked).
//
// Unless a test says otherwise: 44.1 kHz stereo, default preset, tempo 1.25 (output frames =
// input frames / 1.25) and +3 semitones. The measuring tools are in tests/support and are
// themselves checked by test_support.cpp.
#include <gtest/gtest.h>
#include <stretch/stretch.h>

#include <algorithm>
#include <cmath>
#include <complex>
#include <cstddef>
#include <cstdint>
#include <iostream>
#include <limits>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "support/analysis.hpp"
#include "support/real_material.hpp"
#include "support/signals.hpp"

namespace {

using namespace stretch_test;

constexpr double kFs = 44100.0;
constexpr int kStereo = 2;
constexpr double kTempo = 1.25;
constexpr double kSemitones = 3.0;

std::size_t frames_of(double seconds) { return static_cast<std::size_t>(std::llround(seconds * kFs)); }

int to_int(std::size_t n) { return static_cast<int>(n); }

// Owns one instance.
class Instance {
public:
    explicit Instance(int channels, stretch_preset preset = STRETCH_PRESET_DEFAULT, double rate = kFs) {
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

struct RenderSettings {
    double semitones = kSemitones;
    bool formants = false;
    stretch_preset preset = STRETCH_PRESET_DEFAULT;
};

// Renders interleaved `input` into exactly out_frames frames. Reports a test failure and
// returns an empty vector when any call fails.
std::vector<float> render(const std::vector<float>& input, int channels, std::size_t out_frames,
                          const RenderSettings& settings = RenderSettings{}) {
    Instance inst(channels, settings.preset);
    if (inst.status() != STRETCH_OK) {
        ADD_FAILURE() << "stretch_create: " << stretch_status_message(inst.status());
        return {};
    }
    stretch_status s = stretch_set_transpose_semitones(inst.get(), settings.semitones);
    if (s == STRETCH_OK) s = stretch_set_formant_preservation(inst.get(), settings.formants ? 1 : 0);
    if (s != STRETCH_OK) {
        ADD_FAILURE() << "configuration: " << stretch_status_message(s);
        return {};
    }
    const std::size_t nc = static_cast<std::size_t>(channels);
    std::vector<float> out(out_frames * nc, std::numeric_limits<float>::quiet_NaN());
    s = stretch_render(inst.get(), input.data(), to_int(input.size()), out.data(), to_int(out.size()));
    if (s != STRETCH_OK) {
        ADD_FAILURE() << "stretch_render: " << stretch_status_message(s);
        return {};
    }
    if (!all_finite(out.data(), out.size())) {
        ADD_FAILURE() << "stretch_render left non-finite samples in its output";
        return {};
    }
    return out;
}

// The steady middle of a mono signal: everything but `edge_s` at each end.
std::vector<float> middle(const std::vector<float>& x, double edge_s) {
    const std::size_t edge = frames_of(edge_s);
    if (x.size() <= 2 * edge) return {};
    return std::vector<float>(x.begin() + static_cast<std::ptrdiff_t>(edge),
                              x.end() - static_cast<std::ptrdiff_t>(edge));
}

std::string fmt(double v, int precision = 3) {
    std::ostringstream s;
    s.setf(std::ios::fixed);
    s.precision(precision);
    s << v;
    return s.str();
}

// =============================================================================================
// Pitch: harmonic tones land on f0 * 2^(s/12), steadily.

struct PitchCase {
    double f0;
    double semitones;
};

void PrintTo(const PitchCase& c, std::ostream* os) { *os << c.f0 << " Hz, " << c.semitones << " semitones"; }

class Pitch : public ::testing::TestWithParam<PitchCase> {};

TEST_P(Pitch, HarmonicToneLandsOnTarget) {
    const PitchCase pc = GetParam();
    const std::size_t in_frames = frames_of(3.0);
    const auto out_frames = static_cast<std::size_t>(static_cast<double>(in_frames) / kTempo);
    Tone t;
    t.f0_hz = pc.f0;
    t.harmonics = 8;
    t.amplitude = 0.25;
    const std::vector<float> input = duplicate_channels(tone(t, kFs, in_frames), kStereo);
    RenderSettings settings;
    settings.semitones = pc.semitones;
    const std::vector<float> out = render(input, kStereo, out_frames, settings);
    ASSERT_EQ(out.size(), out_frames * kStereo);

    const double target = pc.f0 * std::exp2(pc.semitones / 12.0);
    for (int channel = 0; channel < kStereo; ++channel) {
        const std::vector<float> steady = middle(extract_channel(out, kStereo, channel), 0.2);
        const PitchEstimate whole = estimate_f0(steady.data(), steady.size(), kFs, target);
        ASSERT_TRUE(whole.valid) << "no pitch found in channel " << channel;
        const double error = cents(whole.f0_hz, target);
        EXPECT_LE(std::abs(error), 2.0) << "channel " << channel;
        if (channel != 0) continue;  // both channels carry the same tone: track the first only

        const std::vector<double> track = track_f0(steady.data(), steady.size(), kFs, target, 4096, 2048);
        ASSERT_FALSE(track.empty());
        for (double f : track) ASSERT_GT(f, 0.0) << "a frame without a pitch";
        const double spread = std_cents(track);
        double worst_frame = 0.0;
        for (double f : track) worst_frame = std::max(worst_frame, std::abs(cents(f, target)));
        std::cout << "[ pitch    ] f0 " << pc.f0 << " Hz " << (pc.semitones > 0 ? "+" : "") << pc.semitones
                  << " st: error " << fmt(error) << " cents, frame std " << fmt(spread) << " cents, worst frame "
                  << fmt(worst_frame) << " cents\n";
        RecordProperty("cents_error", fmt(error, 4));
        RecordProperty("frame_std_cents", fmt(spread, 4));
        EXPECT_LE(spread, 0.2);
    }
}

std::vector<PitchCase> pitch_cases() {
    std::vector<PitchCase> cases;
    for (double f0 : {110.0, 220.0, 440.0, 880.0})
        for (double s : {3.0, -5.0, 12.0}) cases.push_back({f0, s});
    return cases;
}

INSTANTIATE_TEST_SUITE_P(, Pitch, ::testing::ValuesIn(pitch_cases()),
                         [](const ::testing::TestParamInfo<PitchCase>& param_info) {
                             const PitchCase& c = param_info.param;
                             return "f" + std::to_string(static_cast<int>(c.f0)) + (c.semitones < 0 ? "_down" : "_up") +
                                    std::to_string(static_cast<int>(std::abs(c.semitones)));
                         });

// =============================================================================================
// Duration: exact lengths, and clicks that land where the time map puts them.

TEST(Duration, RenderWritesExactlyTheRequestedLength) {
    const float guard_value = 12345.0f;
    const std::size_t guard = 64;
    for (std::size_t in_frames :
         {std::size_t{66150}, std::size_t{44101}, std::size_t{12345}, std::size_t{1001}, std::size_t{3}}) {
        Tone t;
        t.f0_hz = 440.0;
        const std::vector<float> mono = tone(t, kFs, in_frames);
        const std::vector<float> input = duplicate_channels(mono, kStereo);
        for (double ratio : {0.25, 0.8, 1.0, 1.25, 2.0, 4.0}) {
            const double in_d = static_cast<double>(in_frames);
            const auto lo = static_cast<std::int64_t>(std::ceil(in_d * STRETCH_MIN_TIME_RATIO));
            const auto hi = static_cast<std::int64_t>(std::floor(in_d * STRETCH_MAX_TIME_RATIO));
            const auto out_frames =
                static_cast<std::size_t>(std::clamp(static_cast<std::int64_t>(std::llround(in_d * ratio)), lo, hi));
            SCOPED_TRACE("input " + std::to_string(in_frames) + " frames, ratio " + fmt(ratio, 2) + ", output " +
                         std::to_string(out_frames) + " frames");

            Instance inst(kStereo);
            ASSERT_EQ(inst.status(), STRETCH_OK);
            ASSERT_EQ(stretch_set_transpose_semitones(inst.get(), kSemitones), STRETCH_OK);
            std::vector<float> out(out_frames * kStereo + guard, guard_value);
            std::fill(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(out_frames * kStereo),
                      std::numeric_limits<float>::quiet_NaN());
            ASSERT_EQ(stretch_render(inst.get(), input.data(), to_int(input.size()), out.data(),
                                     to_int(out_frames * kStereo)),
                      STRETCH_OK);
            // Every requested sample written (no NaN left), nothing past the end touched.
            EXPECT_TRUE(all_finite(out.data(), out_frames * kStereo));
            for (std::size_t i = out_frames * kStereo; i < out.size(); ++i)
                ASSERT_EQ(out[i], guard_value) << "wrote past the end at sample " << i;

            // The tone fills the whole output at its level: check each stretch of the middle.
            const std::vector<float> left(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(out_frames * kStereo));
            const std::vector<float> steady = middle(extract_channel(left, kStereo, 0), 0.1);
            if (steady.size() >= 4096) {
                const std::size_t parts = std::min<std::size_t>(4, steady.size() / 4096);
                const std::size_t len = steady.size() / parts;
                const double expected = rms(mono);
                for (std::size_t p = 0; p < parts; ++p) {
                    const double level = db_amplitude(rms(steady.data() + p * len, len) / expected);
                    EXPECT_LE(std::abs(level), 1.5) << "part " << p << " of the output is " << fmt(level) << " dB off";
                }
            }
        }
    }
}

// Clicks every 250 ms over 4 s on both channels; every click must land within 1 ms of its
// mapped time (input time x output/input length), keep >= 95 % of its energy within +-2 ms and
// have a pre-echo below -30 dB.
void check_click_train(double tempo, double semitones) {
    const std::size_t in_frames = frames_of(4.0);
    const auto out_frames = static_cast<std::size_t>(std::llround(static_cast<double>(in_frames) / tempo));
    const std::size_t spacing = frames_of(0.25);
    const std::vector<float> mono = click_train(in_frames, spacing, spacing, 0.5f);
    const std::vector<float> input = duplicate_channels(mono, kStereo);
    RenderSettings settings;
    settings.semitones = semitones;
    const std::vector<float> out = render(input, kStereo, out_frames, settings);
    ASSERT_EQ(out.size(), out_frames * kStereo);

    const double ratio = static_cast<double>(out_frames) / static_cast<double>(in_frames);
    std::vector<double> expected;
    for (std::size_t p : click_positions(in_frames, spacing, spacing))
        expected.push_back(static_cast<double>(p) * ratio);
    for (int channel = 0; channel < kStereo; ++channel) {
        const std::vector<float> y = extract_channel(out, kStereo, channel);
        const auto clicks = analyse_clicks(y.data(), y.size(), kFs, expected, static_cast<double>(spacing) * ratio);
        double worst_offset = 0.0;
        double worst_fraction = 1.0;
        double worst_pre = -300.0;
        for (const ClickMeasure& c : clicks) {
            worst_offset = std::max(worst_offset, std::abs(c.offset_ms));
            worst_fraction = std::min(worst_fraction, c.energy_fraction);
            worst_pre = std::max(worst_pre, c.pre_echo_db);
            EXPECT_LE(std::abs(c.offset_ms), 1.0) << "channel " << channel << ", click expected at " << c.expected;
            EXPECT_GE(c.energy_fraction, 0.95) << "channel " << channel << ", click expected at " << c.expected;
            EXPECT_LE(c.pre_echo_db, -30.0) << "channel " << channel << ", click expected at " << c.expected;
        }
        std::cout << "[ clicks   ] tempo " << tempo << ", " << semitones << " st, channel " << channel << ": "
                  << clicks.size() << " clicks, worst offset " << fmt(worst_offset) << " ms, worst energy within 2 ms "
                  << fmt(100.0 * worst_fraction, 1) << " %, worst pre-echo " << fmt(worst_pre, 1) << " dB\n";
    }
}

TEST(Duration, ClickTrainAtTempo125Up3) { check_click_train(1.25, 3.0); }

TEST(Duration, ClickTrainAtTempo08NoTransposition) { check_click_train(0.8, 0.0); }

// =============================================================================================
// Fidelity: closeness to the ideal signal, synthesised directly at the target pitch and length.

TEST(Fidelity, SteadyToneIsCloseToIdeal) {
    const std::size_t in_frames = frames_of(3.0);
    const auto out_frames = static_cast<std::size_t>(static_cast<double>(in_frames) / kTempo);
    Tone t;
    t.f0_hz = 440.0;
    t.harmonics = 8;
    t.amplitude = 0.25;
    const std::vector<float> input = duplicate_channels(tone(t, kFs, in_frames), kStereo);
    const std::vector<float> out = render(input, kStereo, out_frames);
    ASSERT_EQ(out.size(), out_frames * kStereo);
    t.f0_hz *= std::exp2(kSemitones / 12.0);
    const std::vector<float> ideal = tone(t, kFs, out_frames);
    for (int channel = 0; channel < kStereo; ++channel) {
        const std::vector<float> y = extract_channel(out, kStereo, channel);
        const double lsd = log_spectral_distance_db(y.data(), ideal.data(), out_frames, kFs);
        std::cout << "[ fidelity ] steady 440 Hz tone, channel " << channel << ": LSD " << fmt(lsd) << " dB\n";
        if (channel == 0) RecordProperty("lsd_db", fmt(lsd, 4));
        EXPECT_GE(lsd, 0.0);
        EXPECT_LE(lsd, 1.0) << "channel " << channel;
    }
}

// Three notes whose first six harmonics never come within 50 Hz of each other (so power
// spectra do not depend on the notes' relative phases), with one shared vibrato. In the ideal
// the vibrato rate is scaled by the tempo and its depth in cents is unchanged.
TEST(Fidelity, VibratoChordIsCloseToIdeal) {
    const std::size_t in_frames = frames_of(3.0);
    const auto out_frames = static_cast<std::size_t>(static_cast<double>(in_frames) / kTempo);
    const auto notes = [](double factor, double rate) {
        std::vector<Tone> chord_notes;
        for (double f : {311.13, 440.0, 493.88}) {
            Tone t;
            t.f0_hz = f * factor;
            t.harmonics = 6;
            t.amplitude = 0.1;
            t.vibrato_rate_hz = rate;
            t.vibrato_depth_cents = 25.0;
            chord_notes.push_back(t);
        }
        return chord_notes;
    };
    const std::vector<float> input = duplicate_channels(chord(notes(1.0, 5.5), kFs, in_frames), kStereo);
    const std::vector<float> out = render(input, kStereo, out_frames);
    ASSERT_EQ(out.size(), out_frames * kStereo);
    const std::vector<float> ideal = chord(notes(std::exp2(kSemitones / 12.0), 5.5 * kTempo), kFs, out_frames);
    for (int channel = 0; channel < kStereo; ++channel) {
        const std::vector<float> y = extract_channel(out, kStereo, channel);
        const double lsd = log_spectral_distance_db(y.data(), ideal.data(), out_frames, kFs);
        std::cout << "[ fidelity ] vibrato chord, channel " << channel << ": LSD " << fmt(lsd) << " dB\n";
        if (channel == 0) RecordProperty("lsd_db", fmt(lsd, 4));
        EXPECT_GE(lsd, 0.0);
        EXPECT_LE(lsd, 2.0) << "channel " << channel;
    }
}

// Left: a tone. Right: the same tone 6 dB down and 0.25 ms late. After stretching, at the four
// strongest harmonics the level difference stays -6 dB (+-0.5 dB) and each partial keeps the
// phase difference it had in the input (within 5 degrees): one phase advance drives every
// channel, so the mix stays mono-compatible. (Transposition moves every frequency by the
// factor, so the equivalent inter-channel delay scales by 1 / factor.)
TEST(Fidelity, StereoImageSurvives) {
    const std::size_t in_frames = frames_of(3.0);
    const auto out_frames = static_cast<std::size_t>(static_cast<double>(in_frames) / kTempo);
    const double delay = 0.25e-3;
    Tone t;
    t.f0_hz = 440.0;
    t.harmonics = 8;
    t.amplitude = 0.25;
    const std::vector<float> left = tone(t, kFs, in_frames);
    t.amplitude *= 0.5;
    t.delay_s = delay;
    const std::vector<float> right = tone(t, kFs, in_frames);
    const std::vector<float> out = render(interleave({left, right}), kStereo, out_frames);
    ASSERT_EQ(out.size(), out_frames * kStereo);

    const std::vector<float> l = middle(extract_channel(out, kStereo, 0), 0.2);
    const std::vector<float> r = middle(extract_channel(out, kStereo, 1), 0.2);
    const double factor = std::exp2(kSemitones / 12.0);
    const PitchEstimate e = estimate_f0(l.data(), l.size(), kFs, 440.0 * factor);
    ASSERT_TRUE(e.valid);
    const std::vector<double> window = blackman_harris_window(l.size());
    for (int h = 1; h <= 4; ++h) {
        const double f = e.f0_hz * h;
        const std::complex<double> cl = complex_amplitude(l.data(), l.size(), kFs, f, window);
        const std::complex<double> cr = complex_amplitude(r.data(), r.size(), kFs, f, window);
        const double ild = db_amplitude(std::abs(cr) / std::abs(cl));
        const double ipd = std::arg(cr / cl);
        // The source partial sat at f / factor in the input, delayed by `delay` on the right.
        const double expected = -2.0 * kPi * f / factor * delay;
        const double ipd_error = wrap_pi(ipd - expected) * 180.0 / kPi;
        std::cout << "[ stereo   ] harmonic " << h << " (" << fmt(f, 1) << " Hz): level difference " << fmt(ild)
                  << " dB, phase difference " << fmt(wrap_pi(ipd) * 180.0 / kPi, 2) << " deg, input's "
                  << fmt(wrap_pi(expected) * 180.0 / kPi, 2) << " deg (error " << fmt(ipd_error, 2) << " deg)\n";
        EXPECT_NEAR(ild, db_amplitude(0.5), 0.5) << "harmonic " << h;
        EXPECT_LE(std::abs(ipd_error), 5.0) << "harmonic " << h;
    }
}

// =============================================================================================
// Identity: time ratio 1 and no transposition give the input back.

void check_identity(const std::vector<float>& input, int channels, const char* what) {
    const std::size_t frames = input.size() / static_cast<std::size_t>(channels);
    RenderSettings settings;
    settings.semitones = 0.0;
    const std::vector<float> out = render(input, channels, frames, settings);
    ASSERT_EQ(out.size(), input.size());
    const double snr = snr_db(out.data(), input.data(), input.size());
    std::cout << "[ identity ] " << what << ": SNR " << fmt(snr, 1) << " dB\n";
    EXPECT_GE(snr, 100.0) << what;
    if (!(snr >= 100.0)) {
        const LagSnr best = snr_best_lag(out.data(), input.data(), input.size(), channels, 256);
        ADD_FAILURE() << what << ": best lag " << best.lag_frames << " frames gives " << fmt(best.snr_db, 1) << " dB";
    }
}

TEST(Identity, MusicStereo) { check_identity(music_like(kFs, 3.0), kStereo, "music-like stereo"); }

TEST(Identity, MusicMono) { check_identity(extract_channel(music_like(kFs, 3.0), kStereo, 0), 1, "music-like mono"); }

TEST(Identity, NoiseStereo) {
    check_identity(interleave({white_noise(frames_of(2.0), 0.5f, 21), white_noise(frames_of(2.0), 0.5f, 22)}), kStereo,
                   "noise stereo");
}

TEST(Identity, NoiseMono) { check_identity(white_noise(frames_of(2.0), 0.5f, 23), 1, "noise mono"); }

// =============================================================================================
// Formants: with preservation on, the harmonics of a transposed tone follow the original
// spectral envelope.

// Two resonances (700 and 1200 Hz) over a floor 30 dB down.
double formant_envelope(double f) {
    const auto peak = [f](double centre, double width) {
        return std::exp(-0.5 * ((f - centre) / width) * ((f - centre) / width));
    };
    return 0.03 + peak(700.0, 150.0) + 0.7 * peak(1200.0, 180.0);
}

// Mean absolute error in dB, after removing the mean offset, between the output's harmonic
// amplitudes and the original envelope at the output harmonics within 100..2000 Hz.
double formant_error_db(const std::vector<float>& out, double expected_f0, double amplitude, const char* what) {
    const std::vector<float> steady = middle(extract_channel(out, kStereo, 0), 0.2);
    const PitchEstimate e = estimate_f0(steady.data(), steady.size(), kFs, expected_f0);
    if (!e.valid) {
        ADD_FAILURE() << what << ": no pitch found";
        return 0.0;
    }
    const std::vector<double> window = flat_top_window(steady.size());
    std::vector<double> diff;
    std::ostringstream detail;
    for (int h = 1; e.f0_hz * h <= 2000.0; ++h) {
        const double f = e.f0_hz * h;
        if (f < 100.0) continue;
        const double measured = std::abs(complex_amplitude(steady.data(), steady.size(), kFs, f, window));
        const double d = db_amplitude(measured / (amplitude * formant_envelope(f)));
        diff.push_back(d);
        detail << " " << fmt(d, 1);
    }
    if (diff.empty()) {
        ADD_FAILURE() << what << ": no harmonics in range";
        return 0.0;
    }
    double mean = 0.0;
    for (double d : diff) mean += d;
    mean /= static_cast<double>(diff.size());
    double err = 0.0;
    for (double d : diff) err += std::abs(d - mean);
    err /= static_cast<double>(diff.size());
    std::cout << "[ formants ] " << what << ": mean abs error " << fmt(err, 2) << " dB (offset " << fmt(mean, 2)
              << " dB; per harmonic:" << detail.str() << ")\n";
    return err;
}

TEST(Formants, EnvelopeStaysWhileThePitchMoves) {
    const std::size_t in_frames = frames_of(3.0);
    const auto out_frames = static_cast<std::size_t>(static_cast<double>(in_frames) / kTempo);
    const double semitones = 5.0;
    Tone t;
    t.f0_hz = 110.0;
    t.harmonics = 45;
    t.amplitude = 0.1;
    t.envelope = formant_envelope;
    const std::vector<float> input = duplicate_channels(tone(t, kFs, in_frames), kStereo);
    RenderSettings settings;
    settings.semitones = semitones;
    settings.formants = true;
    const std::vector<float> with = render(input, kStereo, out_frames, settings);
    settings.formants = false;
    const std::vector<float> without = render(input, kStereo, out_frames, settings);
    ASSERT_EQ(with.size(), out_frames * kStereo);
    ASSERT_EQ(without.size(), out_frames * kStereo);
    const double target = 110.0 * std::exp2(semitones / 12.0);
    const double err_with = formant_error_db(with, target, t.amplitude, "preservation on");
    const double err_without = formant_error_db(without, target, t.amplitude, "preservation off");
    RecordProperty("error_with_db", fmt(err_with, 3));
    RecordProperty("error_without_db", fmt(err_without, 3));
    // 0.42 dB with true envelopes in the correction; 1.95 dB with mean-log cepstral envelopes,
    // which sat between the harmonics and sank further between the output's wider-spaced ones.
    EXPECT_LE(err_with, 1.0);
    EXPECT_GE(err_without, 6.0) << "without preservation the envelope should move with the pitch";
    EXPECT_LE(err_with + 3.0, err_without) << "formant preservation should clearly improve the envelope";
}

// A voice-like source-filter signal: harmonics of f0 up to 8 kHz under a fixed first resonance
// (500 Hz) and a second that sweeps 1.0-2.2 kHz and back twice a second, over a floor 34 dB down.
// The resonances are Gaussian, `first_width` and `second_width` Hz wide (standard deviation); a
// speaking voice's are narrower than the defaults (3 dB bandwidths of 50-150 Hz: widths of 30-90).
// The same call with f0 moved is the exact formant-preserving transposition of it.
std::vector<float> moving_formant_voice(double f0, std::size_t frames, double first_width = 120.0,
                                        double second_width = 200.0) {
    std::vector<float> x(frames);
    const int harmonics = static_cast<int>(8000.0 / f0);
    std::vector<double> phase(static_cast<std::size_t>(harmonics) + 1);
    for (int h = 1; h <= harmonics; ++h) phase[static_cast<std::size_t>(h)] = 0.7 * h * h;
    for (std::size_t i = 0; i < frames; ++i) {
        const double t = static_cast<double>(i) / kFs;
        const double f2 = 1600.0 - 600.0 * std::cos(kTwoPi * 2.0 * t);
        double v = 0.0;
        for (int h = 1; h <= harmonics; ++h) {
            const double f = h * f0;
            const auto peak = [f](double centre, double width) {
                return std::exp(-0.5 * ((f - centre) / width) * ((f - centre) / width));
            };
            v += (0.02 + peak(500.0, first_width) + 0.8 * peak(f2, second_width)) *
                 std::sin(kTwoPi * f * t + phase[static_cast<std::size_t>(h)]);
        }
        x[i] = static_cast<float>(0.05 * v);
    }
    return x;
}

TEST(Formants, FollowsAMovingFormant) {
    // The real-material formant metric (true-envelope distance, support/real_material.hpp) on a
    // 120 Hz voice whose second formant moves faster than an 87 ms frame can hold still.
    const std::size_t frames = frames_of(2.0);
    const std::vector<float> input = moving_formant_voice(120.0, frames);
    RenderSettings settings;
    settings.semitones = 4.0;
    settings.formants = true;
    const std::vector<float> out = render(input, 1, frames, settings);
    ASSERT_EQ(out.size(), frames);
    const FormantMeasure m = formant_measure(input, out, kFs);
    // The exact transposition keeps the envelope exactly, so the metric must find next to nothing
    // to blame on it: 0.68 dB and -0.13 st. The former metric (mean-log cepstral envelopes over
    // 0-8 kHz), whose envelope sank with the valleys between wider-spaced harmonics, scored it
    // 5.02 dB, worse than the engine.
    const FormantMeasure exact = formant_measure(input, moving_formant_voice(120.0 * std::exp2(4.0 / 12.0), frames), kFs);
    std::cout << "[ formants ] moving formant, +4 st: envelope distance " << fmt(m.distance_db, 2) << " dB, shift "
              << fmt(m.shift_st, 2) << " st; the exact transposition " << fmt(exact.distance_db, 2) << " dB, "
              << fmt(exact.shift_st, 2) << " st\n";
    EXPECT_LE(exact.distance_db, 0.8);
    EXPECT_LE(std::fabs(exact.shift_st), 0.15);
    // 0.55 dB and -0.04 st with true envelopes in the correction; 1.13 dB and -0.05 st with
    // mean-log cepstral envelopes.
    EXPECT_LE(m.distance_db, 0.8);
    EXPECT_LE(std::fabs(m.shift_st), 0.1);
}

TEST(Formants, TheMetricCannotHoldAHighVoiceToTheTarget) {
    // The envelope of a voice is known only where its harmonics sample it. Transposed up, a voice's
    // harmonics sample it more sparsely, and a resonance narrower than their spacing falls between
    // them: the exact formant-preserving transposition of a 200 Hz voice with speech-like
    // resonances (3 dB bandwidths of 100 and 170 Hz) then differs from its input by 2.09 dB and
    // -0.26 st on the real-material metric, beyond the targets of 1.7 dB and 0.1 st, and more than
    // the engine's output does (1.35 dB, +0.12 st). At 120 Hz the metric holds the exact answer
    // within 0.78 dB. The real-material voices near 200 Hz (the female formant-synthesis voice and
    // the recorded one) are therefore measured against a target no transposition can reach there
    // (docs/benchmarks.md, "What the formant distance can tell").
    const std::size_t frames = frames_of(2.0);
    const double factor = std::exp2(4.0 / 12.0);
    const auto measure = [&](double f0) {
        const std::vector<float> input = moving_formant_voice(f0, frames, 60.0, 100.0);
        RenderSettings settings;
        settings.semitones = 4.0;
        settings.formants = true;
        const std::vector<float> out = render(input, 1, frames, settings);
        const FormantMeasure exact = formant_measure(input, moving_formant_voice(f0 * factor, frames, 60.0, 100.0), kFs);
        const FormantMeasure engine = formant_measure(input, out, kFs);
        std::cout << "[ formants ] " << fmt(f0, 0) << " Hz voice, +4 st: the exact transposition " << fmt(exact.distance_db, 2)
                  << " dB, " << fmt(exact.shift_st, 2) << " st; the engine " << fmt(engine.distance_db, 2) << " dB, "
                  << fmt(engine.shift_st, 2) << " st\n";
        return std::make_pair(exact, engine);
    };
    const auto [low_exact, low_engine] = measure(120.0);
    EXPECT_LE(low_exact.distance_db, 1.0);
    EXPECT_LE(low_engine.distance_db, 1.7);  // 1.52
    EXPECT_LE(std::fabs(low_engine.shift_st), 0.1);
    const auto [high_exact, high_engine] = measure(200.0);
    EXPECT_GT(high_exact.distance_db, 1.7);
    EXPECT_GT(std::fabs(high_exact.shift_st), 0.1);
    EXPECT_LE(high_engine.distance_db, high_exact.distance_db);
    EXPECT_LE(std::fabs(high_engine.shift_st), 0.15);
}

// =============================================================================================
// Aliasing: an octave up, partials pushed past Nyquist must vanish, not fold back.

// f0 = fs / 41 puts every alias of an octave-up partial (fs - 2 h f0 = (41 - 2h) f0) on an odd
// multiple of f0, halfway between the legitimate output partials (even multiples). The input's
// 20 harmonics reach 21.5 kHz; after the shift only 10 of them belong below Nyquist.
TEST(Aliasing, OctaveUpLeavesNoAliases) {
    const std::size_t in_frames = frames_of(3.0);
    const auto out_frames = static_cast<std::size_t>(static_cast<double>(in_frames) / kTempo);
    const double f0 = kFs / 41.0;
    Tone t;
    t.f0_hz = f0;
    t.harmonics = 20;
    t.amplitude = 0.1;
    const std::vector<float> input = duplicate_channels(tone(t, kFs, in_frames), kStereo);
    RenderSettings settings;
    settings.semitones = 12.0;
    const std::vector<float> out = render(input, kStereo, out_frames, settings);
    ASSERT_EQ(out.size(), out_frames * kStereo);
    std::vector<double> partials;
    for (int h = 1; 2.0 * f0 * h < 0.5 * kFs; ++h) partials.push_back(2.0 * f0 * h);
    for (int channel = 0; channel < kStereo; ++channel) {
        const std::vector<float> steady = middle(extract_channel(out, kStereo, channel), 0.2);
        const double spurious = spurious_energy_db(steady.data(), steady.size(), kFs, partials, 0.5 * f0, 0.5 * f0);
        std::cout << "[ aliasing ] channel " << channel << ": energy away from the shifted partials "
                  << fmt(spurious, 1) << " dB\n";
        if (channel == 0) RecordProperty("spurious_db", fmt(spurious, 2));
        EXPECT_LE(spurious, -60.0) << "channel " << channel;
    }
}

}  // namespace
