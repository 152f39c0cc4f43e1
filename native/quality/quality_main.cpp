// stretch_quality: the real-material quality table (docs/benchmarks.md). Renders every clip of a
// folder written by make_material.py through the C API (default preset) and prints one Markdown row
// per clip and metric set; the metrics are defined in tests/support/real_material.hpp.
//
//   stretch_quality MATERIAL_FOLDER [SECONDS [METRICS]]
//
// SECONDS > 0 uses only each clip's first seconds; METRICS (default "fcprv") picks the metric sets:
// f formants and F0, c coherence, p pitch round trip, r tempo round trip, v varispeed ("-" in the
// table for those left out).
#include <stretch/stretch.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "support/analysis.hpp"
#include "support/real_material.hpp"
#include "support/signals.hpp"

using namespace stretch_test;

namespace {

std::vector<float> render(const std::vector<float>& input, int channels, std::size_t out_frames, double semitones,
                          bool formants) {
    stretch_t* s = nullptr;
    std::vector<float> out(out_frames * static_cast<std::size_t>(channels));
    if (stretch_create(channels, 44100.0, STRETCH_PRESET_DEFAULT, &s) != STRETCH_OK ||
        stretch_set_transpose_semitones(s, semitones) != STRETCH_OK ||
        stretch_set_formant_preservation(s, formants ? 1 : 0) != STRETCH_OK ||
        stretch_render(s, input.data(), static_cast<int>(input.size()), out.data(), static_cast<int>(out.size())) !=
            STRETCH_OK) {
        std::fprintf(stderr, "render failed\n");
        std::exit(2);
    }
    stretch_destroy(s);
    return out;
}

std::size_t frames_for(std::size_t frames, double tempo) {
    return static_cast<std::size_t>(std::llround(static_cast<double>(frames) / tempo));
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: stretch_quality MATERIAL_FOLDER [SECONDS]\n");
        return 2;
    }
    std::vector<Clip> clips = load_material(argv[1]);
    if (clips.empty()) {
        std::fprintf(stderr, "no clips in %s (write them with native/quality/make_material.py)\n", argv[1]);
        return 2;
    }
    const double seconds = argc > 2 ? std::atof(argv[2]) : 0.0;
    const char* metrics = argc > 3 ? argv[3] : "fcprv";
    const auto wanted = [metrics](char m) { return std::strchr(metrics, m) != nullptr; };
    const double fs = 44100.0;
    std::printf("| clip | formant dist (dB) | formant shift (st) | F0 error (cents) | coherence error | pitch RT LSD (dB) "
                "| pitch RT SC | tempo RT SC | varispeed 0.8 min/median (dB) | 1.25 | 1.5 |\n");
    std::printf("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (Clip& clip : clips) {
        if (seconds > 0.0) clip.samples.resize(std::min(clip.samples.size(), static_cast<std::size_t>(seconds * fs) *
                                                                                 static_cast<std::size_t>(clip.channels)));
        const int nc = clip.channels;
        const std::size_t n = clip.frames();
        const std::vector<float> first = extract_channel(clip.samples, nc, 0);
        std::string formant = "–", shift = "–", f0 = "–", coherence = "–";
        char text[64];
        if (clip.is_speech() && wanted('f')) {
            const std::vector<float> up = render(clip.samples, nc, n, 4.0, true);
            const FormantMeasure m = formant_measure(first, extract_channel(up, nc, 0), fs);
            std::snprintf(text, sizeof text, "%.2f", m.distance_db);
            formant = text;
            std::snprintf(text, sizeof text, "%+.2f", m.shift_st);
            shift = text;
            std::snprintf(text, sizeof text, "%.2f", f0_error_cents(first, extract_channel(up, nc, 0), fs, 4.0));
            f0 = text;
        }
        if (nc == 2 && wanted('c')) {
            const std::vector<float> out = render(clip.samples, nc, frames_for(n, 1.25), 3.0, false);
            std::snprintf(text, sizeof text, "%.4f", coherence_error(clip.samples, out, fs, std::exp2(3.0 / 12.0)));
            coherence = text;
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
                d += log_spectral_distance_db(p.data(), x.data(), n, fs) / nc;
                sc += spectral_convergence(p.data(), x.data(), n, fs) / nc;
            }
            std::snprintf(text, sizeof text, "%.2f", d);
            lsd = text;
            std::snprintf(text, sizeof text, "%.3f", sc);
            sc_pitch = text;
        }
        if (wanted('r')) {
            const std::vector<float> quick = render(clip.samples, nc, frames_for(n, 1.5), 0.0, false);
            const std::vector<float> slow = render(quick, nc, n, 0.0, false);
            double sc = 0.0;
            for (int c = 0; c < nc; ++c) {
                const std::vector<float> x = extract_channel(clip.samples, nc, c);
                const std::vector<float> t = extract_channel(slow, nc, c);
                sc += spectral_convergence(t.data(), x.data(), n, fs) / nc;
            }
            std::snprintf(text, sizeof text, "%.3f", sc);
            sc_tempo = text;
        }
        std::string vari;
        for (double f : {0.8, 1.25, 1.5}) {
            if (!wanted('v')) {
                vari += " – |";
                continue;
            }
            const std::size_t m = frames_for(n, f);
            const std::vector<float> out = render(clip.samples, nc, m, 12.0 * std::log2(f), false);
            std::vector<std::vector<float>> ref;
            // The reference reads the input at n / m per output frame: the render's own time map.
            const double step = static_cast<double>(n) / static_cast<double>(m);
            for (int c = 0; c < nc; ++c) ref.push_back(reference_resample(extract_channel(clip.samples, nc, c), step, m));
            const SegmentSnr s = segment_snr(out, interleave(ref), nc, fs);
            std::snprintf(text, sizeof text, " %.1f / %.1f |", s.min_db, s.median_db);
            vari += text;
        }
        std::printf("| %s | %s | %s | %s | %s | %s | %s | %s |%s\n", clip.name.c_str(), formant.c_str(), shift.c_str(),
                    f0.c_str(), coherence.c_str(), lsd.c_str(), sc_pitch.c_str(), sc_tempo.c_str(), vari.c_str());
        std::fflush(stdout);
    }
    return 0;
}
