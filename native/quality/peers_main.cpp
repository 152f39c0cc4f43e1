// stretch_quality_peers: the real-material quality table (docs/benchmarks.md) for this library and
// the stretchers it is compared with, each through the same renders and the same metrics as
// stretch_quality (quality_table.hpp). Built only with STRETCH_BUILD_PEERS=ON; see
// native/quality/fetch_peers.sh.
//
//   stretch_quality_peers MATERIAL_FOLDER [SECONDS [METRICS [ENGINES]]]
//
// SECONDS and METRICS as for stretch_quality; ENGINES is a comma-separated list of ours, rb3
// (Rubber Band R3, "finer"), rb2 (Rubber Band R2, "faster"), signalsmith (these four by default, those
// built in), the Rubber Band variants rb3-together (OptionChannelsTogether) and rb3-hq
// (OptionPitchHighQuality) and signalsmith-cheaper (presetCheaper).
//   stretch_quality_peers --render-once ENGINE   (the callgrind render; see callgrind_peers.sh)
//
// Before the table it prints each engine's alignment: the lag (in frames) at which its render best
// matches the input (tempo 1, 0 st) and the resampled reference (varispeed 1.25), which is 0 when
// the engine's latency is compensated, and the SNR at that lag.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#ifdef STRETCH_PEER_RUBBERBAND
#include <rubberband/RubberBandStretcher.h>
#endif

#include "ours.hpp"
#include "peers.hpp"
#include "quality_table.hpp"
#include "support/analysis.hpp"
#include "support/signals.hpp"

using namespace stretch_quality;

namespace {

struct Engine {
    const char* name;
    Render render;
    bool by_default;  // run when no ENGINES are named
};

#ifdef STRETCH_PEER_RUBBERBAND
Render rubberband(int options) {
    return [options](const std::vector<float>& in, int nc, std::size_t m, double st, bool f) {
        return render_rubberband(in, nc, m, st, f, options);
    };
}
#endif

std::vector<Engine> all_engines() {
    std::vector<Engine> engines{{"ours", render_ours, true}};
#ifdef STRETCH_PEER_RUBBERBAND
    using RB = RubberBand::RubberBandStretcher;
    engines.push_back({"rb3", rubberband(RB::OptionEngineFiner), true});
    engines.push_back({"rb2", rubberband(RB::OptionEngineFaster), true});
    // Variants, run only when named: stereo handled together (mid/side in R2, full-band sync in R3)
    // and the higher-quality pitch resampler.
    engines.push_back({"rb3-together", rubberband(RB::OptionEngineFiner | RB::OptionChannelsTogether), false});
    engines.push_back({"rb3-hq", rubberband(RB::OptionEngineFiner | RB::OptionPitchHighQuality), false});
#endif
#ifdef STRETCH_PEER_SIGNALSMITH
    engines.push_back({"signalsmith",
                       [](const std::vector<float>& in, int nc, std::size_t m, double st, bool f) {
                           return render_signalsmith(in, nc, m, st, f, false);
                       },
                       true});
    engines.push_back({"signalsmith-cheaper",
                       [](const std::vector<float>& in, int nc, std::size_t m, double st, bool f) {
                           return render_signalsmith(in, nc, m, st, f, true);
                       },
                       false});
#endif
    return engines;
}

// Alignment on the first 2 s of `probe`: the identity render against the input and the varispeed
// render at f = 1.25 against its resampled reference, best lag within +-2048 frames.
void print_alignment(const std::vector<Engine>& engines, const stretch_test::Clip& probe) {
    const int nc = probe.channels;
    const std::size_t n = std::min(probe.frames(), std::size_t{88200});
    const std::vector<float> head(
        probe.samples.begin(), probe.samples.begin() + static_cast<std::ptrdiff_t>(n * static_cast<std::size_t>(nc)));
    const std::size_t m = static_cast<std::size_t>(std::llround(static_cast<double>(n) / 1.25));
    const std::vector<float> resampled =
        stretch_test::reference_resample(head, nc, static_cast<double>(n) / static_cast<double>(m), m);
    for (const Engine& e : engines) {
        const stretch_test::LagSnr same =
            stretch_test::snr_best_lag(e.render(head, nc, n, 0.0, false).data(), head.data(), n, nc, 2048);
        const stretch_test::LagSnr vari = stretch_test::snr_best_lag(
            e.render(head, nc, m, 12.0 * std::log2(1.25), false).data(), resampled.data(), m, nc, 2048);
        std::printf(
            "%s (%s, %.1f s): tempo 1 / 0 st: lag %td frames, SNR %.1f dB; varispeed 1.25: lag %td, SNR %.1f dB\n",
            e.name, probe.name.c_str(), static_cast<double>(n) / 44100.0, same.lag_frames, same.snr_db, vari.lag_frames,
            vari.snr_db);
    }
}

// The render of native/bench/callgrind.sh (4 s of stretch_test::music_like, stereo 44.1 kHz, +3 st,
// tempo 1.25) through one engine, once: callgrind_peers.sh counts its instructions.
int render_once(const char* name) {
    const std::vector<float> input = stretch_test::music_like(44100.0, 4.0);
    const std::size_t out_frames = static_cast<std::size_t>(std::llround(static_cast<double>(input.size() / 2) / 1.25));
    for (const Engine& e : all_engines()) {
        if (std::strcmp(e.name, name) != 0) continue;
        const std::vector<float> out = e.render(input, 2, out_frames, 3.0, false);
        double energy = 0.0;
        for (float v : out) energy += static_cast<double>(v) * static_cast<double>(v);
        std::printf("%s: %zu frames, rms %.4f\n", name, out.size() / 2,
                    std::sqrt(energy / static_cast<double>(out.size())));
        return 0;
    }
    std::fprintf(stderr, "engine '%s' is not built in\n", name);
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc == 3 && std::strcmp(argv[1], "--render-once") == 0) return render_once(argv[2]);
    if (argc < 2) {
        std::fprintf(stderr, "usage: stretch_quality_peers MATERIAL_FOLDER [SECONDS [METRICS [ENGINES]]]\n");
        return 2;
    }
    const auto clips = load_clips(argv[1], argc > 2 ? std::atof(argv[2]) : 0.0);
    const char* metrics = argc > 3 ? argv[3] : "fcprv";
    std::vector<Engine> engines;
    const std::string list = argc > 4 ? "," + std::string(argv[4]) + "," : "";
    for (const Engine& e : all_engines()) {
        if (list.empty() ? e.by_default : list.find("," + std::string(e.name) + ",") != std::string::npos)
            engines.push_back(e);
    }
    if (engines.empty()) {
        std::fprintf(stderr, "none of the engines '%s' is built in\n", argv[4]);
        return 2;
    }
#ifdef STRETCH_PEER_RUBBERBAND
    std::printf("Rubber Band %s\n", rubberband_version().c_str());
#endif
#ifdef STRETCH_PEER_SIGNALSMITH
    std::printf("Signalsmith Stretch %s\n", signalsmith_version().c_str());
#endif
    print_alignment(engines, clips.front());
    std::printf("\n");
    print_header("clip | engine");
    for (const auto& clip : clips) {
        for (const Engine& e : engines) {
            const std::string row = measure_row(clip, e.render, metrics);
            std::printf("| %s | %s |%s\n", clip.name.c_str(), e.name, row.c_str());
            std::fflush(stdout);
        }
    }
    return 0;
}
