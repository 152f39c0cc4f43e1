// Transposition in the frequency domain: each peak region of a frame's synthesis spectrum (the
// bins that turn with the peak, PhaseLocker) is moved along the frequency axis by its peak's
// move, from frequency p to p x factor, while the phase locker advances the peak's phase at its
// frequency times the factor. The vocoder then stretches by the time ratio alone and no
// resampler read is needed for pitch: a pitch shift at tempo 1 is no time stretch at all. The
// idea of transposing in the STFT by a map from output to input frequencies is Signalsmith
// Stretch's (G. Mackenzie, "Four Ways To Write A Pitch-Shifter", ADC 2022); moving whole peak
// regions rather than stretching the spectrum, so every partial's main lobe keeps its width and
// the frame its window, is the peak shifting of Laroche and Dolson ("New phase-vocoder techniques
// for pitch-shifting, harmonizing and other exotic effects", WASPAA 1999), here by fractions of
// a bin.
//
// A region moves by a fraction of a bin through 6-point Lagrange interpolation of the spectrum
// taken with the frame's centre as time zero (bin k times (-1)^k), where neighbouring bins of a
// main lobe have nearly the same phase; the Hann-windowed frame is small where the interpolator
// is least exact (the frame's ends). Regions moved apart (going up) leave silent bins between
// them; moved together (going down) they add where they overlap.
#pragma once

#include <cstddef>

namespace stretchcore::engine {

/// Transposes one channel's spectrum (`bins` bins, frames of 2 (bins - 1) samples) in place by
/// `factor`, region by region: `count` regions, region r ending (exclusive) at region_ends[r]
/// with its peak at peaks[r] (in bins). Without regions (a frame that keeps its own phases), bin
/// d reads d / factor. `scratch` holds 2 (bins - 1) floats, overwritten.
void transpose_spectrum(float* re, float* im, std::size_t bins, double factor, const int* region_ends,
                        const float* peaks, std::size_t count, float* scratch) noexcept;

}  // namespace stretchcore::engine
