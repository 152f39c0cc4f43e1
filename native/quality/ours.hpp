// This library's render for the quality table: one whole-buffer stretch_render, default preset.
#pragma once

#include <cstddef>
#include <vector>

namespace stretch_quality {

std::vector<float> render_ours(const std::vector<float>& input, int channels, std::size_t out_frames, double semitones,
                               bool formants);

}  // namespace stretch_quality
