// Other stretchers behind the quality table's Render signature, for stretch_quality_peers. Each is
// compiled only when its library is available (STRETCH_PEER_RUBBERBAND, STRETCH_PEER_SIGNALSMITH).
// These are measurement-only: nothing here is linked into the library that ships.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace stretch_quality {

/// Rubber Band Library (GPL), offline mode: study() over the whole input, then process(); the
/// stretcher pads the start and drops its own start delay in this mode, so output frame 0 is input
/// frame 0. `options` picks the engine and the rest (RubberBandStretcher::Option bits, e.g.
/// OptionEngineFiner for R3, 0 for R2's defaults); formants kept adds OptionFormantPreserved;
/// always one thread (OptionThreadingNever).
std::vector<float> render_rubberband(const std::vector<float>& input, int channels, std::size_t out_frames,
                                     double semitones, bool formants, int options);
std::string rubberband_version();

/// Signalsmith Stretch (MIT), presetDefault (presetCheaper when `cheaper`), fixed random seed: one exact() call, which
/// pre-rolls the input by inputLatency() with outputSeek() and reads the last outputLatency() frames with flush(), so
/// output frame 0 is input frame 0. Formants kept with setFormantFactor(1, compensatePitch = true).
std::vector<float> render_signalsmith(const std::vector<float>& input, int channels, std::size_t out_frames,
                                      double semitones, bool formants, bool cheaper);
std::string signalsmith_version();

}  // namespace stretch_quality
