#include "ours.hpp"

#include <stretch/stretch.h>

#include <cstdio>
#include <cstdlib>

namespace stretch_quality {

std::vector<float> render_ours(const std::vector<float>& input, int channels, std::size_t out_frames, double semitones,
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

}  // namespace stretch_quality
