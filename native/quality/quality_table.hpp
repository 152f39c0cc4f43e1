// The rows of the real-material quality table (docs/benchmarks.md): every metric of
// tests/support/real_material.hpp measured on the renders of one engine. stretch_quality measures
// this library; stretch_quality_peers measures other stretchers with the same renders and metrics.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "support/real_material.hpp"

namespace stretch_quality {

/// Renders interleaved `input` (44.1 kHz) to exactly `out_frames` frames, transposed by `semitones`,
/// with the spectral envelope kept when `formants` is set. Time 0 of the output is time 0 of the
/// input (the engine's latency compensated) and its time map is linear.
using Render = std::function<std::vector<float>(const std::vector<float>& input, int channels, std::size_t out_frames,
                                                double semitones, bool formants)>;

/// The Markdown header of the table; `first_columns` names the leading columns ("clip" or "clip | engine").
void print_header(const char* first_columns);

/// Measures one clip and returns the row's cells after the leading columns, Markdown-formatted
/// ("| a | b | … |"). `metrics` picks the metric sets: f formants and F0, c coherence, p pitch round
/// trip, r tempo round trip, v varispeed ("–" in the cells of those left out).
std::string measure_row(const stretch_test::Clip& clip, const Render& render, const char* metrics);

/// The clips of `folder`, each cut to its first `seconds` when seconds > 0; exits with a message when empty.
std::vector<stretch_test::Clip> load_clips(const char* folder, double seconds);

}  // namespace stretch_quality
