// Quality on real material: a bounded slice of the set native/quality/make_material.py writes (the
// build writes it into <build>/material when espeak-ng, flite, fluidsynth, the TimGM6mb sound font
// and alsa-utils are installed; CI installs them). The whole table is stretch_quality's
// (docs/benchmarks.md).
//
// Slice: the first 2 s of the diphone voice and of the recorded voice (mono) and of the band
// (stereo), default preset; the
// formant check also takes the first 2 s of both synthetic voices, the check of onsets among gliding
// harmonics the first 2 s of the male synthetic voice, the frame-length check the first 2 s of
// the female formant-synthesis voice (mono), and the check of the strings' decorrelated part the
// whole strings clip (4.6 s, stereo).
// Varispeed (tempo and pitch both x f) must match a reference resampler at >= 40 dB in every
// 0.5 s segment; the other metrics are held at what the engine reaches now, so they cannot regress.
#include <gtest/gtest.h>
#include <stretch/stretch.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <string>
#include <vector>

#include "support/analysis.hpp"
#include "support/real_material.hpp"
#include "support/material_tests.hpp"
#include "support/signals.hpp"

namespace {

using namespace stretch_test;

constexpr double kFs = kMaterialRate;

class RealMaterial : public ::testing::TestWithParam<const char*> {};

TEST_P(RealMaterial, VarispeedMatchesAReferenceResamplerInEverySegment) {
    REQUIRE_MATERIAL();
    const Clip clip = material_slice(GetParam());
    ASSERT_GT(clip.frames(), 0u);
    for (double f : {0.8, 1.25, 1.5}) {
        const auto m = static_cast<std::size_t>(std::llround(static_cast<double>(clip.frames()) / f));
        const std::vector<float> out = render_material(clip, m, 12.0 * std::log2(f), false);
        const std::vector<float> reference = reference_resample(
            clip.samples, clip.channels, static_cast<double>(clip.frames()) / static_cast<double>(m), m);
        const SegmentSnr snr = segment_snr(out, reference, clip.channels, kFs);
        std::cout << "[ material ] " << clip.name << " varispeed " << f << ": SNR min " << snr.min_db << " dB, median "
                  << snr.median_db << " dB\n";
        EXPECT_GE(snr.min_db, 40.0) << "varispeed " << f;
    }
}

TEST_P(RealMaterial, RoundTripsStayWhereTheyAre) {
    REQUIRE_MATERIAL();
    const Clip clip = material_slice(GetParam());
    ASSERT_GT(clip.frames(), 0u);
    const std::size_t n = clip.frames();
    const std::vector<float> back = pitch_round_trip(clip);
    const std::vector<float> slow = tempo_round_trip(clip);
    const std::vector<float> x = extract_channel(clip.samples, clip.channels, 0);
    const std::vector<float> p = extract_channel(back, clip.channels, 0);
    const std::vector<float> t = extract_channel(slow, clip.channels, 0);
    const double lsd = log_spectral_distance_db(p.data(), x.data(), n, kFs);
    const double sc_pitch = spectral_convergence(p.data(), x.data(), n, kFs);
    const double sc_tempo = spectral_convergence(t.data(), x.data(), n, kFs);
    std::cout << "[ material ] " << clip.name << ": pitch round trip LSD " << lsd << " dB, SC " << sc_pitch
              << "; tempo round trip SC " << sc_tempo << "\n";
    // The engine's figures on this slice (docs/benchmarks.md) with a margin: 1.78 dB / 0.36 / 0.49
    // for the voice, 1.39 dB / 0.17 / 0.24 for the band.
    EXPECT_LE(lsd, 2.5);
    EXPECT_LE(sc_pitch, 0.45);
    EXPECT_LE(sc_tempo, 0.55);
}

TEST(RealRoundTrip, MetricsScoreAnExactRoundTripAsLossless) {
    REQUIRE_MATERIAL();
    const Clip clip = material_slice("music_band_stereo");
    ASSERT_GT(clip.frames(), 0u);
    // +5 st and back by resampling alone loses nothing, and an offset of a sample (the engine's
    // timeline is exact to a fraction of one) does not count either: what the round-trip metrics
    // blame on a stretcher is the stretcher's own loss. (0.25-3 samples late: SC 0.0002-0.0023.)
    const std::vector<float> x = extract_channel(clip.samples, clip.channels, 0);
    const std::size_t n = x.size();
    const double factor = std::exp2(5.0 / 12.0);
    const auto up_frames = static_cast<std::size_t>(static_cast<double>(n) / factor);
    const std::vector<float> back = reference_resample(reference_resample(x, factor, up_frames), 1.0 / factor, n);
    std::vector<float> late(n + 1, 0.0f);
    std::copy(x.begin(), x.end(), late.begin() + 1);
    const double sc_exact = spectral_convergence(back.data(), x.data(), n, kFs);
    const double lsd_exact = log_spectral_distance_db(back.data(), x.data(), n, kFs);
    const double sc_one = spectral_convergence(late.data(), x.data(), n, kFs);
    std::cout << "[ material ] band resampled +5/-5 st: LSD " << lsd_exact << " dB, SC " << sc_exact
              << "; one sample late: SC " << sc_one << "\n";
    EXPECT_LE(sc_exact, 0.01);   // 0.003 on this slice, against 0.11 for the target
    EXPECT_LE(lsd_exact, 0.05);  // 0.006
    EXPECT_LE(sc_one, 0.002);    // 0.0008
}

TEST(RealRoundTrip, ShorterFramesFollowAVoicesGlides) {
    REQUIRE_MATERIAL();
    // The default's 87 ms frames against the former 116 ms on a formant-synthesis voice, whose
    // harmonics glide through a frame: pitch round trip SC 0.227 -> 0.149, tempo round trip SC
    // 0.341 -> 0.296 on this slice, so 116 ms frames fail both bounds.
    const Clip clip = material_slice("speech_espeak_f");
    ASSERT_GT(clip.frames(), 0u);
    const RoundTripSc sc = round_trip_sc(clip);
    EXPECT_LE(sc.pitch, 0.19);
    EXPECT_LE(sc.tempo, 0.32);
}

TEST(RealRoundTrip, AVoicesOnsetsKeepItsHarmonicsGliding) {
    REQUIRE_MATERIAL();
    // Onsets among gliding harmonics get no phase reset (FramePlanner, PhaseLocker::glide). On
    // this slice of the male formant-synthesis voice, with a reset at every onset: tempo round
    // trip SC 0.356, pitch round trip SC 0.146; passing over onsets among partials gliding by more
    // than 0.5 bin: 0.236 and 0.132, and 0.227 and 0.119 once the phase advance was measured over
    // the hop; by more than 0.25 bin, as now: 0.187 and 0.088.
    const Clip clip = material_slice("speech_espeak_m");
    ASSERT_GT(clip.frames(), 0u);
    const RoundTripSc sc = round_trip_sc(clip);
    EXPECT_LE(sc.tempo, 0.21);
    EXPECT_LE(sc.pitch, 0.105);
}

TEST(RealRoundTrip, ACompactWindowFollowsAVoicesGlides) {
    REQUIRE_MATERIAL();
    // A single channel whose partials glide is analysed with the compact window (Hann squared),
    // within which a voice's harmonics move less. Tempo round trip SC on these slices with Hann
    // throughout: 0.180 (female formant-synthesis voice) and 0.210 (recorded voice); 0.157 and
    // 0.188 now.
    for (const char* name : {"speech_espeak_f", "speech_recorded_alsa"}) {
        const Clip clip = material_slice(name);
        ASSERT_GT(clip.frames(), 0u);
        const double sc = first_channel_sc(clip, tempo_round_trip(clip));
        std::cout << "[ material ] " << clip.name << ": tempo round trip SC " << sc << "\n";
        EXPECT_LE(sc, std::string(name) == "speech_espeak_f" ? 0.17 : 0.195);
    }
}

TEST(RealRoundTrip, AVoicesOnsetAfterAPauseKeepsItsHarmonicsGliding) {
    REQUIRE_MATERIAL();
    // The recorded voice's phrases start after pauses of silence, where no partial is tracked: the
    // glide measured before the pause still holds (PhaseLocker::glide), so a phrase's onset gets no
    // phase reset. With the glide taken as 0 after silence: tempo round trip SC 0.289 on this
    // slice, 0.211 with it kept (0.188 with the compact window since).
    const Clip clip = material_slice("speech_recorded_alsa");
    ASSERT_GT(clip.frames(), 0u);
    const double sc = first_channel_sc(clip, tempo_round_trip(clip));
    std::cout << "[ material ] " << clip.name << ": tempo round trip SC " << sc << "\n";
    EXPECT_LE(sc, 0.24);
}

TEST(RealRoundTrip, AnOnsetResetsOnlyTheRegionsItBrings) {
    REQUIRE_MATERIAL();
    // The band's drum hits fall on sustained bass and keys: in a frame that keeps its phases for
    // an onset, only the regions whose peak rose by 6 dB do (PhaseLocker::lock), and the notes
    // sounding through the hit stay continuous. With every region reset on this slice: tempo round
    // trip SC 0.220, pitch round trip SC 0.169; 0.157 and 0.127 now. (The click trains of
    // Duration.* keep their attacks whole.)
    const Clip clip = material_slice("music_band_stereo");
    ASSERT_GT(clip.frames(), 0u);
    const RoundTripSc sc = round_trip_sc(clip);
    EXPECT_LE(sc.tempo, 0.18);
    EXPECT_LE(sc.pitch, 0.145);
}

TEST(RealRoundTrip, ANearIdentityStretchLosesAlmostNothing) {
    REQUIRE_MATERIAL();
    // Tempo 1.01 and back: each peak's phase moves on by the advance measured at its bin since the
    // previous frame (PhaseLocker::frequency_over_hop), so a stretch near 1 stays near the input's
    // phases. Moved by the in-frame estimate alone, off by a fraction of a bin, the regions drifted
    // out of step from frame to frame: SC 0.104 / 0.130 / 0.143 on these slices, 0.059 / 0.046 /
    // 0.107 now.
    for (const char* name : {"speech_espeak_f", "speech_recorded_alsa", "speech_flite_kal"}) {
        const Clip clip = material_slice(name);
        ASSERT_GT(clip.frames(), 0u);
        const double sc = first_channel_sc(clip, tempo_round_trip(clip, 1.01));
        std::cout << "[ material ] " << clip.name << ": tempo round trip by 1.01, SC " << sc << "\n";
        EXPECT_LE(sc, std::string(name) == "speech_flite_kal" ? 0.13 : 0.08);
    }
}

TEST(RealRoundTrip, PitchShiftsOfOneChannelAreNoTimeStretch) {
    REQUIRE_MATERIAL();
    // Mono at tempo 1: the frequency domain transposes each frame and the vocoder does not
    // stretch, where the resampler's path stretched by 2^(5/12) and back. On this slice of the
    // diphone voice: pitch round trip LSD 2.00 -> 1.75 dB, SC 0.356 -> 0.226; of the male voice
    // SC 0.230 -> 0.146. The resampler's path fails every bound. (With no phase reset among
    // gliding harmonics since: 1.81 dB and 0.187, 0.132.)
    for (const char* name : {"speech_flite_kal", "speech_espeak_m"}) {
        const Clip clip = material_slice(name);
        ASSERT_GT(clip.frames(), 0u);
        const std::size_t n = clip.frames();
        const std::vector<float> back = pitch_round_trip(clip);
        const double lsd = log_spectral_distance_db(back.data(), clip.samples.data(), n, kFs);
        const double sc = spectral_convergence(back.data(), clip.samples.data(), n, kFs);
        std::cout << "[ material ] " << clip.name << ": pitch round trip LSD " << lsd << " dB, SC " << sc << "\n";
        if (clip.name == "speech_flite_kal") {
            EXPECT_LE(lsd, 1.85);
            EXPECT_LE(sc, 0.27);
        } else {
            EXPECT_LE(sc, 0.18);
        }
    }
}

TEST(RealStereo, CoherenceMetricScoresAnExactTranspositionAsLossless) {
    REQUIRE_MATERIAL();
    const Clip clip = material_slice("music_band_stereo");
    ASSERT_GT(clip.frames(), 0u);
    // Resampling is the exact transposition (tempo and pitch both x factor): it keeps the image, so
    // the metric must find nothing to blame. Moving the band edges instead scored 0.032 here.
    const double factor = std::exp2(3.0 / 12.0);
    const auto n = static_cast<std::size_t>(static_cast<double>(clip.frames()) / factor);
    const double error = coherence_error(clip.samples, reference_resample(clip.samples, 2, factor, n), kFs, factor);
    std::cout << "[ material ] band resampled +3 st: coherence error " << error << "\n";
    EXPECT_LE(error, 0.004);  // 0.0022 on this slice
}

TEST(RealStereo, KeepsItsCoherenceAtTempoAndPitch) {
    REQUIRE_MATERIAL();
    const Clip clip = material_slice("music_band_stereo");
    ASSERT_GT(clip.frames(), 0u);
    const auto n = static_cast<std::size_t>(std::llround(static_cast<double>(clip.frames()) * 1.25));
    const std::vector<float> out = render_material(clip, n, 3.0, false);
    const double error = coherence_error(clip.samples, out, kFs, std::exp2(3.0 / 12.0));
    std::cout << "[ material ] band tempo 1.25, +3 st: coherence error " << error << "\n";
    // 0.0340 on this slice (0.0302 before the phase advance was measured over the hop and the
    // minor part raised by 0.08 instead of 0.05; the whole clip at tempo 1 / 1.25 went 0.0079 -> 0.0065).
    EXPECT_LE(error, 0.035);
}

TEST(RealStereo, StringsKeepTheirDecorrelatedPart) {
    REQUIRE_MATERIAL();
    // The strings' L and R are mostly decorrelated: the part of each that the other lacks loses
    // against the shared part in the overlap-add, and is raised in phase-locked frames
    // (SpectralAnalysis::restore_decorrelated). The whole clip (4.6 s: a 2 s slice is too short for
    // the low bands): 0.0208 with the part raised by 0.05, 0.0161 by 0.08 as now.
    const Clip clip = material_slice("music_strings_stereo", 10.0);
    ASSERT_GT(clip.frames(), 0u);
    const auto n = static_cast<std::size_t>(std::llround(static_cast<double>(clip.frames()) / 1.25));
    const std::vector<float> out = render_material(clip, n, 3.0, false);
    const double error = coherence_error(clip.samples, out, kFs, std::exp2(3.0 / 12.0));
    std::cout << "[ material ] strings tempo 1.25, +3 st: coherence error " << error << "\n";
    EXPECT_LE(error, 0.0185);
}

TEST(RealStereo, VarispeedKeepsItsCoherenceUpToTheTopBand) {
    REQUIRE_MATERIAL();
    const Clip clip = material_slice("music_band_stereo");
    ASSERT_GT(clip.frames(), 0u);
    // Tempo and pitch both x 2^(3/12): the engine resamples, so only the resampler's passband can
    // change the image. Its kernel's transition band, several kHz wide, used to weigh the top of
    // the 16 kHz third octave (14.3-18 kHz) down, which lifted that band's coherence by 0.013 on
    // the whole band clip; corrected per bin before the read, 0.0015 here.
    const double factor = std::exp2(3.0 / 12.0);
    const auto n = static_cast<std::size_t>(std::llround(static_cast<double>(clip.frames()) / factor));
    const std::vector<float> out = render_material(clip, n, 3.0, false);
    const double error = coherence_error(clip.samples, out, kFs, factor);
    std::cout << "[ material ] band varispeed +3 st: coherence error " << error << "\n";
    EXPECT_LE(error, 0.004);
}

namespace {

// +4 st with formants kept on the first 2 s of a voice: the shift stays within 0.1 st and the
// envelope distance and F0 error within the bounds given.
void expect_formants_kept(const char* name, double max_distance_db, double max_f0_cents) {
    const Clip clip = material_slice(name);
    ASSERT_GT(clip.frames(), 0u);
    const std::vector<float> up = render_material(clip, clip.frames(), 4.0, true);
    const FormantMeasure m = formant_measure(clip.samples, up, kFs);
    const double f0 = f0_error_cents(clip.samples, up, kFs, 4.0);
    std::cout << "[ material ] " << name << " +4 st, formants kept: envelope distance " << m.distance_db
              << " dB, shift " << m.shift_st << " st, F0 error " << f0 << " cents\n";
    EXPECT_LE(std::fabs(m.shift_st), 0.1);
    EXPECT_LE(m.distance_db, max_distance_db);
    EXPECT_LE(f0, max_f0_cents);
}

}  // namespace

TEST(RealVoice, KeepsItsFormantsAndPitch) {
    REQUIRE_MATERIAL();
    // On this slice: 1.74 dB, +0.01 st, 3.29 cents with true envelopes in the correction; 2.47 dB,
    // -0.02 st, 4.18 cents with mean-log cepstral envelopes (the distance is the true-envelope
    // metric's; under the former mean-log metric that engine scored 2.09 dB).
    expect_formants_kept("speech_flite_kal", 2.1, 4.0);
}

TEST(RealVoice, LowVoiceKeepsItsFormants) {
    REQUIRE_MATERIAL();
    // The male synthetic voice (F0 near 100 Hz): its formants move fastest against the frame, so
    // it gained most from the correction varying across the frame. On this slice: 2.88 dB,
    // +0.01 st, 1.89 cents with true envelopes in the correction; 3.48 dB, +0.03 st, 2.32 cents
    // with mean-log cepstral envelopes.
    expect_formants_kept("speech_espeak_m", 3.2, 3.5);
}

TEST(RealVoice, HighVoiceKeepsItsFormants) {
    REQUIRE_MATERIAL();
    // The female synthetic voice (F0 near 200 Hz): its harmonics are furthest apart, so a mean-log
    // envelope, which sinks into the valleys between them, was furthest from the true one. On this
    // slice: 2.52 dB, +0.02 st, 2.57 cents with true envelopes in the correction; 3.92 dB,
    // +0.09 st, 2.85 cents with mean-log cepstral envelopes.
    expect_formants_kept("speech_espeak_f", 2.8, 3.5);
}

TEST(RealVoice, RecordedVoiceKeepsItsFormantsAndPitch) {
    REQUIRE_MATERIAL();
    // A woman's recorded voice (speaker-test's channel names), the one voice of the set no
    // synthesiser made: breath, jitter and a room. On this slice: 2.73 dB, +0.06 st, 6.34 cents.
    expect_formants_kept("speech_recorded_alsa", 3.1, 7.5);
}

INSTANTIATE_TEST_SUITE_P(, RealMaterial, ::testing::Values("speech_flite_kal", "speech_recorded_alsa", "music_band_stereo"),
                         [](const ::testing::TestParamInfo<const char*>& param_info) { return std::string(param_info.param); });

}  // namespace
