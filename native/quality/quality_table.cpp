#include "quality_table.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "support/analysis.hpp"
#include "support/signals.hpp"

using namespace stretch_test;

namespace stretch_quality {
namespace {

constexpr double kRate = 44100.0;

std::size_t frames_for(std::size_t frames, double tempo) {
    return static_cast<std::size_t>(std::llround(static_cast<double>(frames) / tempo));
}

std::string format(const char* spec, double value) {
    char text[64];
    std::snprintf(text, sizeof text, spec, value);
    return text;
}

}  // namespace

void print_header(const char* first_columns) {
    std::printf(
        "| %s | formant dist (dB) | formant shift (st) | F0 error (cents) | coherence error | pitch RT LSD (dB) "
        "| pitch RT SC | tempo RT SC | varispeed 0.8 min/median (dB) | 1.25 | 1.5 |\n",
        first_columns);
    std::printf("|");
    for (const char* c = first_columns; *c != '\0'; ++c)
        if (*c == '|') std::printf(" --- |");
    std::printf(" --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
}

std::string measure_row(const Clip& clip, const Render& render, const char* metrics) {
    const auto wanted = [metrics](char m) { return std::strchr(metrics, m) != nullptr; };
    const int nc = clip.channels;
    const std::size_t n = clip.frames();
    const std::vector<float> first = extract_channel(clip.samples, nc, 0);
    std::string formant = "–", shift = "–", f0 = "–", coherence = "–";
    if (clip.is_speech() && wanted('f')) {
        const std::vector<float> up = extract_channel(render(clip.samples, nc, n, 4.0, true), nc, 0);
        const FormantMeasure m = formant_measure(first, up, kRate);
        formant = format("%.2f", m.distance_db);
        shift = format("%+.2f", m.shift_st);
        f0 = format("%.2f", f0_error_cents(first, up, kRate, 4.0));
    }
    if (nc == 2 && wanted('c')) {
        const std::vector<float> out = render(clip.samples, nc, frames_for(n, 1.25), 3.0, false);
        coherence = format("%.4f", coherence_error(clip.samples, out, kRate, std::exp2(3.0 / 12.0)));
    }
    // Pitch round trip +5 / -5 st and tempo round trip 1.5 / (1 / 1.5), averaged over channels.
    std::string lsd = "–", sc_pitch = "–", sc_tempo = "–";
    if (wanted('p')) {
        const std::vector<float> up5 = render(clip.samples, nc, n, 5.0, false);
        const std::vector<float> back5 = render(up5, nc, n, -5.0, false);
        double d = 0.0, sc = 0.0;
        for (int c = 0; c < nc; ++c) {
            const std::vector<float> x = extract_channel(clip.samples, nc, c);
            const std::vector<float> p = extract_channel(back5, nc, c);
            d += log_spectral_distance_db(p.data(), x.data(), n, kRate) / nc;
            sc += spectral_convergence(p.data(), x.data(), n, kRate) / nc;
        }
        lsd = format("%.2f", d);
        sc_pitch = format("%.3f", sc);
    }
    if (wanted('r')) {
        const std::vector<float> quick = render(clip.samples, nc, frames_for(n, 1.5), 0.0, false);
        const std::vector<float> slow = render(quick, nc, n, 0.0, false);
        double sc = 0.0;
        for (int c = 0; c < nc; ++c) {
            const std::vector<float> x = extract_channel(clip.samples, nc, c);
            const std::vector<float> t = extract_channel(slow, nc, c);
            sc += spectral_convergence(t.data(), x.data(), n, kRate) / nc;
        }
        sc_tempo = format("%.3f", sc);
    }
    std::string vari;
    for (double f : {0.8, 1.25, 1.5}) {
        if (!wanted('v')) {
            vari += " – |";
            continue;
        }
        const std::size_t m = frames_for(n, f);
        const std::vector<float> out = render(clip.samples, nc, m, 12.0 * std::log2(f), false);
        // The reference reads the input at n / m per output frame: the render's own time map.
        const double step = static_cast<double>(n) / static_cast<double>(m);
        const SegmentSnr s = segment_snr(out, reference_resample(clip.samples, nc, step, m), nc, kRate);
        char text[64];
        std::snprintf(text, sizeof text, " %.1f / %.1f |", s.min_db, s.median_db);
        vari += text;
    }
    return " " + formant + " | " + shift + " | " + f0 + " | " + coherence + " | " + lsd + " | " + sc_pitch + " | " +
           sc_tempo + " |" + vari;
}

std::vector<Clip> load_clips(const char* folder, double seconds) {
    std::vector<Clip> clips = load_material(folder);
    if (clips.empty()) {
        std::fprintf(stderr, "no clips in %s (write them with native/quality/make_material.py)\n", folder);
        std::exit(2);
    }
    if (seconds > 0.0)
        for (Clip& clip : clips)
            clip.samples.resize(std::min(clip.samples.size(), static_cast<std::size_t>(seconds * kRate) *
                                                                  static_cast<std::size_t>(clip.channels)));
    return clips;
}

}  // namespace stretch_quality
