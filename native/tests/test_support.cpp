// Tests of the measuring tools themselves (tests/support): every threshold in the quality
// tests is only as meaningful as the ruler behind it, so each ruler is checked here on signals
// whose answer is known exactly.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <complex>
#include <cstddef>
#include <vector>

#include "support/analysis.hpp"
#include "support/signals.hpp"

namespace {

using namespace stretch_test;

constexpr double kFs = 44100.0;

std::size_t frames_of(double seconds) { return static_cast<std::size_t>(std::llround(seconds * kFs)); }

// ---------------------------------------------------------------------------------------------
// Signals

TEST(SupportSignals, GeneratorsAreDeterministic) {
    EXPECT_EQ(music_like(kFs, 1.0), music_like(kFs, 1.0));
    EXPECT_EQ(white_noise(1000, 0.5f, 7), white_noise(1000, 0.5f, 7));
    EXPECT_NE(white_noise(1000, 0.5f, 7), white_noise(1000, 0.5f, 8));
    Tone t;
    t.vibrato_rate_hz = 5.0;
    t.vibrato_depth_cents = 30.0;
    EXPECT_EQ(tone(t, kFs, 5000), tone(t, kFs, 5000));
}

TEST(SupportSignals, ClickTrainHasClicksExactlyWhereAsked) {
    const std::vector<float> x = click_train(1000, 10, 100, 0.5f);
    const std::vector<std::size_t> pos = click_positions(1000, 10, 100);
    ASSERT_EQ(pos.size(), 10u);
    for (std::size_t i = 0; i < x.size(); ++i) {
        const bool click = std::find(pos.begin(), pos.end(), i) != pos.end();
        EXPECT_EQ(x[i], click ? 0.5f : 0.0f) << "sample " << i;
    }
    const std::vector<float> d = click_train(1000, 10, 100, 0.5f, ClickShape::Doublet);
    EXPECT_EQ(d[10], 0.5f);
    EXPECT_EQ(d[11], -0.5f);
    EXPECT_EQ(d[12], 0.0f);
    // The doublet needs two samples: no click may start on the last one.
    EXPECT_EQ(click_positions(11, 0, 10, ClickShape::Doublet).size(), 1u);
    EXPECT_EQ(click_positions(11, 0, 10, ClickShape::Impulse).size(), 2u);
}

TEST(SupportSignals, InterleaveRoundTrips) {
    const std::vector<float> a = white_noise(333, 1.0f, 1);
    const std::vector<float> b = white_noise(333, 1.0f, 2);
    const std::vector<float> c = white_noise(333, 1.0f, 3);
    const std::vector<float> x = interleave({a, b, c});
    ASSERT_EQ(x.size(), 999u);
    EXPECT_EQ(x[3], a[1]);
    EXPECT_EQ(x[5], c[1]);
    const auto parts = deinterleave(x, 3);
    EXPECT_EQ(parts[0], a);
    EXPECT_EQ(parts[1], b);
    EXPECT_EQ(parts[2], c);
    EXPECT_EQ(extract_channel(x, 3, 1), b);
    const std::vector<float> d = duplicate_channels(a, 2);
    EXPECT_EQ(extract_channel(d, 2, 0), a);
    EXPECT_EQ(extract_channel(d, 2, 1), a);
}

TEST(SupportSignals, ToneDelayIsAnExactTimeShift) {
    // A delay of exactly 10 samples must equal the undelayed tone moved by 10 samples; this
    // checks the phase integration of the vibrato path including its starting phase.
    Tone t;
    t.f0_hz = 333.3;
    t.vibrato_rate_hz = 5.5;
    t.vibrato_depth_cents = 40.0;
    const std::vector<float> a = tone(t, kFs, 20000);
    t.delay_s = 10.0 / kFs;
    const std::vector<float> b = tone(t, kFs, 20000);
    double worst = 0.0;
    for (std::size_t i = 0; i + 10 < a.size(); ++i)
        worst = std::max(worst, std::abs(static_cast<double>(b[i + 10]) - static_cast<double>(a[i])));
    EXPECT_LT(worst, 1e-6);
}

TEST(SupportSignals, VibratoFollowsItsInstantaneousFrequency) {
    // Around the crest of the vibrato (sin = 1) the frequency is f0 * 2^(depth / 1200); a 2048
    // sample window averages the crest a little (the frequency there is still >= 0.95 depth).
    Tone t;
    t.f0_hz = 300.0;
    t.harmonics = 1;
    t.vibrato_rate_hz = 2.0;
    t.vibrato_depth_cents = 50.0;
    const std::size_t n = frames_of(1.0);
    const std::vector<float> x = tone(t, kFs, n);
    const auto crest = static_cast<std::size_t>(0.125 * kFs);  // sin(2 pi 2 t) = 1 at t = 1/8
    const auto trough = static_cast<std::size_t>(0.375 * kFs);
    const PitchEstimate hi = estimate_f0(x.data() + crest - 1024, 2048, kFs, 300.0, 1);
    const PitchEstimate lo = estimate_f0(x.data() + trough - 1024, 2048, kFs, 300.0, 1);
    ASSERT_TRUE(hi.valid && lo.valid);
    EXPECT_NEAR(cents(hi.f0_hz, 300.0), 50.0, 2.0);
    EXPECT_NEAR(cents(lo.f0_hz, 300.0), -50.0, 2.0);
    // Where sin = 0 the frequency passes through f0, rising then falling.
    const auto rising = static_cast<std::size_t>(0.5 * kFs);
    const PitchEstimate mid = estimate_f0(x.data() + rising - 512, 1024, kFs, 300.0, 1);
    ASSERT_TRUE(mid.valid);
    EXPECT_NEAR(cents(mid.f0_hz, 300.0), 0.0, 2.0);
}

TEST(SupportSignals, ToneIsBandLimited) {
    Tone t;
    t.f0_hz = 3000.0;
    t.harmonics = 20;
    const std::vector<float> x = tone(t, kFs, 16384);
    const std::vector<double> p = welch_power(x.data(), x.size(), 8192, 4096);
    double total = 0.0;
    double above = 0.0;
    for (std::size_t k = 0; k < p.size(); ++k) {
        total += p[k];
        if (static_cast<double>(k) * kFs / 8192.0 > 0.49 * kFs) above += p[k];
    }
    EXPECT_LT(db_power(above / total), -100.0);
}

TEST(SupportSignals, MusicLikeIsStereoAndUsable) {
    const std::vector<float> x = music_like(kFs, 4.0);
    ASSERT_EQ(x.size(), 2 * frames_of(4.0));
    EXPECT_NEAR(peak_abs(x.data(), x.size()), 0.7, 1e-6);
    const std::vector<float> l = extract_channel(x, 2, 0);
    const std::vector<float> r = extract_channel(x, 2, 1);
    EXPECT_NE(l, r);
    // Both channels carry the whole piece: every 250 ms stretch has some level.
    for (std::size_t s = 0; s + 11025 <= l.size(); s += 11025) {
        EXPECT_GT(rms(l.data() + s, 11025), 0.01) << "at " << s;
        EXPECT_GT(rms(r.data() + s, 11025), 0.01) << "at " << s;
    }
}

// ---------------------------------------------------------------------------------------------
// FFT

TEST(SupportFft, MatchesDirectDft) {
    const std::size_t n = 64;
    const std::vector<float> x = white_noise(n, 1.0f, 42);
    std::vector<std::complex<double>> a(n);
    for (std::size_t i = 0; i < n; ++i) a[i] = static_cast<double>(x[i]);
    fft_in_place(a);
    for (std::size_t k = 0; k < n; ++k) {
        std::complex<double> ref(0.0, 0.0);
        for (std::size_t i = 0; i < n; ++i)
            ref += static_cast<double>(x[i]) *
                   std::polar(1.0, -2.0 * kPi * static_cast<double>(k * i % n) / static_cast<double>(n));
        EXPECT_LT(std::abs(a[k] - ref), 1e-12) << "bin " << k;
    }
    fft_in_place(a, true);
    for (std::size_t i = 0; i < n; ++i) EXPECT_NEAR(a[i].real() / static_cast<double>(n), x[i], 1e-12);
}

// ---------------------------------------------------------------------------------------------
// Frequency estimation

class SupportFrequency : public ::testing::TestWithParam<double> {};

TEST_P(SupportFrequency, LongWindowIsAccurateToAHundredthOfACent) {
    const double f0 = GetParam();
    Tone t;
    t.f0_hz = f0;
    t.harmonics = 8;
    const std::vector<float> x = tone(t, kFs, frames_of(2.0));
    const PitchEstimate e = estimate_f0(x.data(), x.size(), kFs, f0 * 1.01);  // a hint slightly off
    ASSERT_TRUE(e.valid);
    const double err = cents(e.f0_hz, f0);
    RecordProperty("error_cents", std::to_string(err));
    EXPECT_LT(std::abs(err), 0.01) << "f0 " << f0;
}

TEST_P(SupportFrequency, FramesOf4096AreAccurateAndSteady) {
    const double f0 = GetParam();
    Tone t;
    t.f0_hz = f0;
    t.harmonics = 8;
    const std::vector<float> x = tone(t, kFs, frames_of(1.0));
    const std::vector<double> track = track_f0(x.data(), x.size(), kFs, f0);
    ASSERT_GE(track.size(), 15u);
    double worst = 0.0;
    for (double f : track) {
        ASSERT_GT(f, 0.0);
        worst = std::max(worst, std::abs(cents(f, f0)));
    }
    const double spread = std_cents(track);
    std::cout << "f0 " << f0 << " Hz: worst frame error " << worst << " cents, std " << spread << " cents\n";
    EXPECT_LT(worst, 0.05);
    EXPECT_LT(spread, 0.02);
}

TEST_P(SupportFrequency, ResolvesATwoCentShiftAndToleratesNoise) {
    const double f0 = GetParam();
    Tone t;
    t.f0_hz = f0;
    const std::vector<float> a = tone(t, kFs, frames_of(1.0));
    t.f0_hz = f0 * std::exp2(2.0 / 1200.0);
    std::vector<float> b = tone(t, kFs, frames_of(1.0));
    // Noise 60 dB below the tone.
    const double level = rms(b) * std::pow(10.0, -60.0 / 20.0) * std::sqrt(3.0);
    const std::vector<float> noise = white_noise(b.size(), static_cast<float>(level), 99);
    for (std::size_t i = 0; i < b.size(); ++i) b[i] += noise[i];
    const PitchEstimate ea = estimate_f0(a.data(), a.size(), kFs, f0);
    const PitchEstimate eb = estimate_f0(b.data(), b.size(), kFs, f0);
    ASSERT_TRUE(ea.valid && eb.valid);
    EXPECT_NEAR(cents(eb.f0_hz, ea.f0_hz), 2.0, 0.01);
    const std::vector<double> track = track_f0(b.data(), b.size(), kFs, f0);
    EXPECT_LT(std_cents(track), 0.05);
}

// Includes the extremes the quality tests produce (110 Hz - 5 semitones, 880 Hz + 12) and
// frequencies that sit nowhere near an FFT bin centre.
INSTANTIATE_TEST_SUITE_P(, SupportFrequency,
                         ::testing::Values(82.40689, 110.0, 137.31, 233.37, 440.0, 441.77, 879.9, 1234.56, 1760.0,
                                           1999.1));

TEST(SupportFrequencyMisc, WeakOrAbsentHarmonicsAreHandled) {
    // Only odd harmonics (a square-ish wave): the missing even ones must not disturb the result.
    Tone t;
    t.f0_hz = 196.0;
    t.harmonics = 9;
    t.envelope = [](double f) { return std::fmod(std::round(f / 196.0), 2.0) == 1.0 ? 1.0 : 0.0; };
    const std::vector<float> x = tone(t, kFs, frames_of(1.0));
    const PitchEstimate e = estimate_f0(x.data(), x.size(), kFs, 196.0);
    ASSERT_TRUE(e.valid);
    EXPECT_LT(std::abs(cents(e.f0_hz, 196.0)), 0.01);
    for (const auto& h : e.harmonics) EXPECT_EQ(h.harmonic % 2, 1) << "harmonic " << h.harmonic;
    // Silence gives no estimate rather than a number.
    const std::vector<float> silence(4096, 0.0f);
    EXPECT_FALSE(estimate_f0(silence.data(), silence.size(), kFs, 440.0).valid);
}

// ---------------------------------------------------------------------------------------------
// Amplitude and phase

TEST(SupportAmplitude, FlatTopAmplitudeIsExactOffBin) {
    const std::size_t n = 16384;
    for (double f : {150.0, 1234.567, 5000.3}) {
        Tone t;
        t.f0_hz = f;
        t.harmonics = 1;
        t.amplitude = 0.3;
        const std::vector<float> x = tone(t, kFs, n);
        const double bin = kFs / static_cast<double>(n);
        for (double off : {0.0, 0.25 * bin, 0.5 * bin, -0.5 * bin}) {
            const double a = sine_amplitude(x.data(), n, kFs, f + off);
            EXPECT_LT(std::abs(db_amplitude(a / 0.3)), 0.01) << f << " Hz, offset " << off;
        }
    }
}

TEST(SupportAmplitude, InterChannelPhaseAndLevelOfADelayedCopy) {
    const std::size_t n = frames_of(1.0);
    Tone t;
    t.f0_hz = 523.25;
    t.harmonics = 4;
    const std::vector<float> left = tone(t, kFs, n);
    t.delay_s = 0.25e-3;
    t.amplitude *= 0.5;
    const std::vector<float> right = tone(t, kFs, n);
    const std::vector<double> w = blackman_harris_window(n);
    for (int h = 1; h <= 4; ++h) {
        const double f = 523.25 * h;
        const auto cl = complex_amplitude(left.data(), n, kFs, f, w);
        const auto cr = complex_amplitude(right.data(), n, kFs, f, w);
        const double ipd = std::arg(cr / cl);
        const double expected = wrap_pi(-2.0 * kPi * f * 0.25e-3);
        EXPECT_LT(std::abs(wrap_pi(ipd - expected)) * 180.0 / kPi, 0.01) << "harmonic " << h;
        EXPECT_NEAR(db_amplitude(std::abs(cr) / std::abs(cl)), db_amplitude(0.5), 0.001) << "harmonic " << h;
        EXPECT_NEAR(std::abs(cl), 0.25 / h, 1e-4);
    }
}

// ---------------------------------------------------------------------------------------------
// Log-spectral distance

TEST(SupportLsd, IdenticalSignalsAreZeroAndAOneDbGainIsOneDb) {
    const std::vector<float> x = white_noise(frames_of(2.0), 0.3f, 5);
    EXPECT_EQ(log_spectral_distance_db(x.data(), x.data(), x.size(), kFs), 0.0);
    std::vector<float> y = x;
    const auto g = static_cast<float>(std::pow(10.0, 1.0 / 20.0));
    for (float& v : y) v *= g;
    EXPECT_NEAR(log_spectral_distance_db(y.data(), x.data(), x.size(), kFs), 1.0, 0.01);
    EXPECT_NEAR(log_spectral_distance_db(x.data(), y.data(), x.size(), kFs), 1.0, 0.01);
}

TEST(SupportLsd, HarmonicToneAgainstItselfAtAnotherPhaseIsNearZero) {
    // Power spectra ignore the phases of well separated partials.
    Tone t;
    t.f0_hz = 523.25;
    const std::vector<float> a = tone(t, kFs, frames_of(2.0));
    t.phase = 1.0;
    const std::vector<float> b = tone(t, kFs, frames_of(2.0));
    EXPECT_LT(log_spectral_distance_db(a.data(), b.data(), a.size(), kFs), 0.05);
    // A 1 dB gain on a tone moves only the bins above the floor: between 0 and 1 dB.
    std::vector<float> c = a;
    for (float& v : c) v *= static_cast<float>(std::pow(10.0, 1.0 / 20.0));
    const double lsd = log_spectral_distance_db(c.data(), a.data(), a.size(), kFs);
    EXPECT_GT(lsd, 0.1);
    EXPECT_LT(lsd, 1.0);
    // A wrong pitch is far away.
    t.f0_hz = 440.0;
    const std::vector<float> d = tone(t, kFs, frames_of(2.0));
    EXPECT_GT(log_spectral_distance_db(d.data(), a.data(), a.size(), kFs), 10.0);
}

TEST(SupportLsd, EdgesAndBelowFloorContentAreIgnored) {
    Tone t;
    t.f0_hz = 440.0;
    const std::vector<float> a = tone(t, kFs, frames_of(2.0));
    std::vector<float> b = a;
    // Garbage in the first 100 ms and the last 100 ms is outside the frames used.
    for (std::size_t i = 0; i < frames_of(0.1); ++i) {
        b[i] = 0.9f;
        b[b.size() - 1 - i] = -0.9f;
    }
    EXPECT_EQ(log_spectral_distance_db(b.data(), a.data(), a.size(), kFs), 0.0);
    // Noise 90 dB below the tone's strongest bin stays under the -60 dB floor.
    std::vector<float> c = a;
    const std::vector<float> noise = white_noise(a.size(), 1e-6f, 3);
    for (std::size_t i = 0; i < c.size(); ++i) c[i] += noise[i];
    EXPECT_LT(log_spectral_distance_db(c.data(), a.data(), a.size(), kFs), 0.01);
}

// ---------------------------------------------------------------------------------------------
// Clicks

TEST(SupportClicks, PerfectClickTrain) {
    const std::size_t spacing = 11025;
    const std::vector<float> x = click_train(frames_of(4.0), spacing, spacing, 0.5f);
    std::vector<double> expected;
    for (std::size_t p : click_positions(x.size(), spacing, spacing)) expected.push_back(static_cast<double>(p));
    const auto clicks = analyse_clicks(x.data(), x.size(), kFs, expected, static_cast<double>(spacing));
    ASSERT_EQ(clicks.size(), 15u);
    for (const auto& c : clicks) {
        EXPECT_EQ(c.offset_ms, 0.0);
        EXPECT_DOUBLE_EQ(c.energy_fraction, 1.0);
        EXPECT_LE(c.pre_echo_db, -300.0);
        EXPECT_DOUBLE_EQ(c.centroid, c.expected);
        EXPECT_FLOAT_EQ(static_cast<float>(c.peak), 0.5f);
    }
}

TEST(SupportClicks, BandLimitedFractionalClickIsLocatedAndCompact) {
    // Hann-windowed sinc pulses (+-1.5 ms, cutoff 16 kHz) centred at fractional positions.
    const std::size_t n = frames_of(2.0);
    std::vector<float> x(n, 0.0f);
    std::vector<double> expected;
    for (int k = 1; k <= 7; ++k) {
        const double centre = 11025.0 * k + 0.37 * k;
        expected.push_back(centre);
        const double half = 0.0015 * kFs;
        for (std::ptrdiff_t i = static_cast<std::ptrdiff_t>(centre - half); i <= static_cast<std::ptrdiff_t>(centre + half) + 1; ++i) {
            const double u = static_cast<double>(i) - centre;
            if (std::abs(u) > half) continue;
            const double arg = 2.0 * 16000.0 / kFs * u;
            const double sinc = u == 0.0 ? 1.0 : std::sin(kPi * arg) / (kPi * arg);
            const double win = 0.5 + 0.5 * std::cos(kPi * u / half);
            x[static_cast<std::size_t>(i)] += static_cast<float>(0.5 * sinc * win);
        }
    }
    const auto clicks = analyse_clicks(x.data(), n, kFs, expected, 11025.0);
    for (const auto& c : clicks) {
        EXPECT_LE(std::abs(c.offset_ms), 0.5 / kFs * 1e3 + 1e-9);
        EXPECT_NEAR(c.centroid, c.expected, 0.1);
        EXPECT_GE(c.energy_fraction, 0.999);
        EXPECT_LT(c.pre_echo_db, -200.0);
    }
}

TEST(SupportClicks, KnownPreEchoAndSmearingAreMeasured) {
    const std::size_t spacing = 8820;  // 200 ms
    const std::size_t n = frames_of(2.0);
    std::vector<float> x(n, 0.0f);
    std::vector<float> smeared(n, 0.0f);
    std::vector<double> expected;
    for (std::size_t p = spacing; p + 1000 < n; p += spacing) {
        expected.push_back(static_cast<double>(p));
        x[p] = 0.5f;
        x[p - frames_of(0.02)] = 0.005f;  // -40 dB, 20 ms early
        // A click smeared over ~10 ms: exponential decay of 5 ms time constant.
        for (std::size_t i = 0; i < 2000; ++i)
            smeared[p + i] = static_cast<float>(0.5 * std::exp(-static_cast<double>(i) / (0.005 * kFs)));
    }
    const auto clicks = analyse_clicks(x.data(), n, kFs, expected, static_cast<double>(spacing));
    for (const auto& c : clicks) {
        EXPECT_NEAR(c.pre_echo_db, -40.0, 0.01);
        EXPECT_EQ(c.offset_ms, 0.0);
    }
    const auto s = analyse_clicks(smeared.data(), n, kFs, expected, static_cast<double>(spacing));
    for (const auto& c : s) {
        // Energy within 2 ms of a 5 ms exponential: 1 - exp(-2 * 2 / 5) = 55 %.
        EXPECT_NEAR(c.energy_fraction, 1.0 - std::exp(-0.8), 0.01);
        EXPECT_EQ(c.offset_ms, 0.0);
    }
}

// ---------------------------------------------------------------------------------------------
// SNR

TEST(SupportSnr, KnownNoiseLevel) {
    Tone t;
    const std::vector<float> ref = tone(t, kFs, frames_of(2.0));
    const double noise_rms = rms(ref) * std::pow(10.0, -30.0 / 20.0);
    const std::vector<float> noise = white_noise(ref.size(), static_cast<float>(noise_rms * std::sqrt(3.0)), 11);
    std::vector<float> test = ref;
    for (std::size_t i = 0; i < test.size(); ++i) test[i] += noise[i];
    EXPECT_NEAR(snr_db(test.data(), ref.data(), ref.size()), 30.0, 0.1);
    EXPECT_TRUE(std::isinf(snr_db(ref.data(), ref.data(), ref.size())));
}

TEST(SupportSnr, FindsTheLagOfAnInterleavedCopy) {
    const std::vector<float> mono = white_noise(20000, 0.5f, 4);
    const std::vector<float> other = white_noise(20000, 0.5f, 6);
    const std::vector<float> ref = interleave({mono, other});
    // test is ref 7 frames later.
    std::vector<float> l(20000, 0.0f);
    std::vector<float> r(20000, 0.0f);
    for (std::size_t i = 7; i < 20000; ++i) {
        l[i] = mono[i - 7];
        r[i] = other[i - 7];
    }
    const std::vector<float> test = interleave({l, r});
    const LagSnr best = snr_best_lag(test.data(), ref.data(), ref.size(), 2, 32);
    EXPECT_EQ(best.lag_frames, 7);
    EXPECT_TRUE(std::isinf(best.snr_db));
    EXPECT_LT(snr_db(test.data(), ref.data(), ref.size()), 1.0);
}

// ---------------------------------------------------------------------------------------------
// Spurious energy

TEST(SupportSpurious, MeasuresAnInjectedComponent) {
    const double f0 = kFs / 41.0;
    Tone t;
    t.f0_hz = 2.0 * f0;
    t.harmonics = 10;
    t.amplitude = 0.1;
    const std::vector<float> clean = tone(t, kFs, frames_of(2.0));
    std::vector<double> partials;
    for (int h = 1; h <= 10; ++h) partials.push_back(2.0 * f0 * h);
    EXPECT_LT(spurious_energy_db(clean.data(), clean.size(), kFs, partials, 0.5 * f0, 0.5 * f0), -100.0);

    for (double level_db : {-50.0, -70.0}) {
        // A component at an odd multiple of f0 (where aliases of this test land), level_db
        // relative to the clean tone's total power.
        double power = 0.0;
        for (int h = 1; h <= 10; ++h) power += 0.5 * (0.1 / h) * (0.1 / h);
        const double amp = std::sqrt(2.0 * power * std::pow(10.0, level_db / 10.0));
        std::vector<float> x = clean;
        for (std::size_t i = 0; i < x.size(); ++i)
            x[i] += static_cast<float>(amp * std::sin(2.0 * kPi * 13.0 * f0 * static_cast<double>(i) / kFs));
        EXPECT_NEAR(spurious_energy_db(x.data(), x.size(), kFs, partials, 0.5 * f0, 0.5 * f0), level_db, 0.2)
            << "injected at " << level_db << " dB";
    }
}

}  // namespace
