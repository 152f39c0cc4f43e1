// stretch_quality: the real-material quality table (docs/benchmarks.md). Renders every clip of a
// folder written by make_material.py through the C API (default preset) and prints one Markdown row
// per clip and metric set; the metrics are defined in tests/support/real_material.hpp.
//
//   stretch_quality MATERIAL_FOLDER [SECONDS [METRICS]]
//
// SECONDS > 0 uses only each clip's first seconds; METRICS (default "fcprv") picks the metric sets:
// f formants and F0, c coherence, p pitch round trip, r tempo round trip, v varispeed ("-" in the
// table for those left out).
#include <cstdio>
#include <cstdlib>
#include <string>

#include "ours.hpp"
#include "quality_table.hpp"

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: stretch_quality MATERIAL_FOLDER [SECONDS [METRICS]]\n");
        return 2;
    }
    const auto clips = stretch_quality::load_clips(argv[1], argc > 2 ? std::atof(argv[2]) : 0.0);
    const char* metrics = argc > 3 ? argv[3] : "fcprv";
    stretch_quality::print_header("clip");
    for (const auto& clip : clips) {
        const std::string row = stretch_quality::measure_row(clip, stretch_quality::render_ours, metrics);
        std::printf("| %s |%s\n", clip.name.c_str(), row.c_str());
        std::fflush(stdout);
    }
    return 0;
}
