#pragma once
// What the real-material tests share: the skip, saying what to install, when the build found no
// material to render; a clip's first seconds; a default-preset render of it; its two round trips;
// and their spectral convergence.

#include <gtest/gtest.h>
#include <stretch/stretch.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <iostream>
#include <string>
#include <vector>

#include "support/real_material.hpp"
#include "support/signals.hpp"

#ifdef STRETCH_MATERIAL_DIR
#define REQUIRE_MATERIAL()
#else
#define REQUIRE_MATERIAL() \
    GTEST_SKIP() << "no real material: install espeak-ng flite fluidsynth timgm6mb-soundfont and reconfigure"
#endif

namespace stretch_test {

inline constexpr double kMaterialRate = 44100.0;

/// The clip's first `seconds` (all of it when shorter); an empty clip without material.
inline Clip material_slice(const std::string& name, double seconds = 2.0) {
#ifdef STRETCH_MATERIAL_DIR
    Clip clip = load_clip(std::string(STRETCH_MATERIAL_DIR) + "/" + name + ".wav");
    const std::size_t frames = std::min(clip.frames(), static_cast<std::size_t>(seconds * kMaterialRate));
    clip.samples.resize(frames * static_cast<std::size_t>(clip.channels));
    return clip;
#else
    (void)name;
    (void)seconds;
    return Clip{};
#endif
}

/// One stretch_render of the clip to `out_frames` frames, default preset.
inline std::vector<float> render_material(const Clip& clip, std::size_t out_frames, double semitones, bool formants) {
    stretch_t* s = nullptr;
    std::vector<float> out(out_frames * static_cast<std::size_t>(clip.channels));
    EXPECT_EQ(stretch_create(clip.channels, kMaterialRate, STRETCH_PRESET_DEFAULT, &s), STRETCH_OK);
    EXPECT_EQ(stretch_set_transpose_semitones(s, semitones), STRETCH_OK);
    EXPECT_EQ(stretch_set_formant_preservation(s, formants ? 1 : 0), STRETCH_OK);
    EXPECT_EQ(stretch_render(s, clip.samples.data(), static_cast<int>(clip.samples.size()), out.data(),
                             static_cast<int>(out.size())),
              STRETCH_OK);
    stretch_destroy(s);
    return out;
}

/// The clip taken +5 semitones and back (two renders at tempo 1), as long as the clip.
inline std::vector<float> pitch_round_trip(const Clip& clip) {
    Clip up = clip;
    up.samples = render_material(clip, clip.frames(), 5.0, false);
    return render_material(up, clip.frames(), -5.0, false);
}

/// The clip made `tempo` times faster and slowed back to its length (two renders, no transposition).
inline std::vector<float> tempo_round_trip(const Clip& clip, double tempo = 1.5) {
    Clip quick = clip;
    quick.samples = render_material(
        clip, static_cast<std::size_t>(std::llround(static_cast<double>(clip.frames()) / tempo)), 0.0, false);
    return render_material(quick, clip.frames(), 0.0, false);
}

/// Spectral convergence of `processed` (interleaved like the clip) against the clip, on the first
/// channel.
inline double first_channel_sc(const Clip& clip, const std::vector<float>& processed) {
    const std::vector<float> x = extract_channel(clip.samples, clip.channels, 0);
    const std::vector<float> y = extract_channel(processed, clip.channels, 0);
    return spectral_convergence(y.data(), x.data(), clip.frames(), kMaterialRate);
}

/// Both round trips' spectral convergence on the first channel.
struct RoundTripSc {
    double pitch;
    double tempo;
};

/// The clip's pitch and tempo round trips, scored on the first channel and printed for the record.
inline RoundTripSc round_trip_sc(const Clip& clip) {
    const RoundTripSc sc{first_channel_sc(clip, pitch_round_trip(clip)),
                         first_channel_sc(clip, tempo_round_trip(clip))};
    std::cout << "[ material ] " << clip.name << ": pitch round trip SC " << sc.pitch << "; tempo round trip SC "
              << sc.tempo << "\n";
    return sc;
}

}  // namespace stretch_test
