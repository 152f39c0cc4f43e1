#include "engine/frame_planner.hpp"

#include <algorithm>
#include <cmath>

namespace stretchcore::engine {

namespace {
// Input samples per stretch sample this close to 1 count as no stretch at all: wide enough for the
// rounding of a render's length (half a frame in 50,000), narrow enough that neighbouring frames
// drift apart by at most 1/80 sample.
constexpr double kUnitSlope = 1e-5;
constexpr double kResidueGrid = 65536.0;
// Partials moving by more than this many bins over a frame length (PhaseLocker::glide) are
// taken for a voice's gliding harmonics, and onsets among them get no phase reset. The speech
// set's frames glide by 0.97-1.15 bins (median), the music's by 0.09-0.36 (docs/benchmarks.md,
// "Onsets among gliding partials"). It was 0.5 until the phase advance was measured over the hop:
// locked frames then keep more of the input than frames that reset, and 0.25 took the tempo round
// trip of the male voice from 0.237 to 0.207, of the band from 0.225 to 0.214, the piano's and the
// strings' unchanged (docs/benchmarks.md, "Phase advance measured over the hop").
constexpr double kGlidingPartials = 0.25;
}  // namespace

void FramePlanner::configure(int size, int hop) noexcept {
    size_ = size;
    hop_ = hop;
    reset();
}

void FramePlanner::reset() noexcept {
    onset_ = Onset{};
    last_position_ = 0;
    has_last_ = false;
    last_kept_ = false;
}

double FramePlanner::nominal_position(std::int64_t frame, const TimeMap& map) const noexcept {
    const double centre = static_cast<double>(frame * hop_) + size_ / 2;
    return map.input_at(centre) - size_ / 2;
}

std::int64_t FramePlanner::horizon(double nominal) const noexcept {
    // Half a window past the frame's end, so onsets are seen before the frames that cover them.
    return static_cast<std::int64_t>(std::ceil(nominal)) + size_ + size_ / 2;
}

FramePlanner::Plan FramePlanner::plan(std::int64_t frame, const TimeMap& map, TransientDetector& onsets,
                                      std::int64_t input_base, std::int64_t input_end, double glide) noexcept {
    const double centre = static_cast<double>(frame * hop_) + size_ / 2;
    const double nominal = nominal_position(frame, map);
    // Where the map does not stretch (time ratio x transposition = 1: varispeed, or no change at
    // all) frames copied with their own phases one hop apart reproduce the input, onsets included:
    // placing onsets would only break that.
    const double slope = (map.input_at(centre) - map.input_at(centre - hop_)) / hop_;
    const bool shifting = shift_ != 1.0f;
    const bool unit = !shifting && std::fabs(slope - 1.0) < kUnitSlope;
    if (unit && last_kept_ && !onset_.active) {
        for (std::int64_t t = onsets.peek(); t >= 0 && t <= horizon(nominal); t = onsets.peek()) onsets.pop();
    }
    track_onset(frame, centre, nominal, map, onsets, glide);

    bool keep_phases = false;
    double offset = planned_offset(frame, centre, nominal, keep_phases);
    if (std::fabs(offset) > size_ / 2) {
        // Placing the onset would read this frame more than half a window from the map: a time
        // ratio below 1/2 (the offset grows by 1 - slope per stretch sample across the region),
        // or a counts' map that sped up since the onset was taken. Frames stay within half a
        // window of the map, as the tail (Stretcher::tail_frames) and the input FIFO assume:
        // the onset is no longer placed, only covered by frames with their own phases.
        onset_.aligned = false;
        keep_phases = false;
        offset = 0.0;
    }
    const double ideal = nominal + offset;
    auto position = static_cast<std::int64_t>(std::llround(ideal));
    if (has_last_) position = std::max(position, last_position_);
    position = std::min(position, input_end - size_);
    // Before the stream start the input is silence; past the FIFO's base it has been dropped.
    if (input_base > 0) position = std::max(position, input_base);

    if (onset_.active && !onset_.aligned) {
        keep_phases = onset_.input > position && onset_.input < position + size_;
    }
    // At a time ratio of exactly one nothing needs to move: keep the input's own phases.
    // Where the map does not stretch, every frame after one that kept its phases keeps its own too,
    // shifted by the fraction of a sample its integer position misses (the residue): the frames then
    // reproduce the input exactly, merely resampled (varispeed), however the positions round.
    if (!has_last_ || (last_kept_ && (unit || (!shifting && position - last_position_ == hop_)))) keep_phases = true;

    double reset_shift = 0.0;
    if (shifting && has_last_ && keep_phases) {
        // Transposed frames that keep their own phases one hop apart advance them at the input's
        // frequencies, not the transposed ones, and cancel each other: one frame per onset resets
        // the phases, the first whose centre is within half a hop of the onset (or past it), and
        // the rest advance from it. (The first frame to cover the onset, which has it near its
        // end, measured worse on drums.) Transposing that frame whole moves its content towards
        // its centre by the factor; it is shifted beforehand so the onset stays where it was.
        const double from_centre = static_cast<double>(onset_.input - position - size_ / 2);
        keep_phases = onset_.active && !onset_.reset && from_centre < hop_ / 2.0;
        if (keep_phases) {
            onset_.reset = true;
            reset_shift = -from_centre * (static_cast<double>(shift_) - 1.0);
        }
    }
    const bool onset = has_last_ && keep_phases && onset_.active && !unit && !shifting;
    const std::int64_t input_hop = has_last_ ? position - last_position_ : 0;
    last_position_ = position;
    // An onset's frame keeps only its onset's regions: the frame after it is no continuation of
    // a frame with its own phases.
    last_kept_ = keep_phases && !onset;
    has_last_ = true;
    // On a grid of 2^-16 samples, so that the last bits of a time map built from other anchors
    // (collinear, but summed in another order) do not reach the output.
    const double residue = std::round((ideal - static_cast<double>(position)) * kResidueGrid) / kResidueGrid;
    if (reset_shift != 0.0) return Plan{position, true, reset_shift, false, input_hop};
    return Plan{position, keep_phases, unit && keep_phases && std::fabs(residue) < 1.0 ? residue : 0.0, onset,
                input_hop};
}

void FramePlanner::track_onset(std::int64_t frame, double centre, double nominal, const TimeMap& map,
                               TransientDetector& onsets, double glide) noexcept {
    const double half = size_ / 2;
    // The onset lands where the map puts it now: anchors that came since it was taken (a
    // counts' map, a new transposition) move its time. A time from an earlier map held frames
    // on the onset while the stream ran on, past the tail stretch_tail_frames promises.
    if (onset_.active && onset_.aligned) onset_.stretch = map.stretch_at(static_cast<double>(onset_.input));
    // Retire the onset region once no frame can cover the onset any more.
    if (onset_.active) {
        const bool passed = onset_.aligned ? centre - onset_.stretch >= half
                                           : has_last_ && last_position_ >= onset_.input;
        if (passed) onset_.active = false;
    }
    if (onset_.active) return;
    // Take the next onset in sight. Frames covering it are copied with their own phases;
    // when the time map allows, they are also placed so the onset lands at its mapped time.
    const std::int64_t last_in_sight = horizon(nominal);
    for (std::int64_t t = onsets.peek(); t >= 0 && t <= last_in_sight; t = onsets.peek()) {
        onsets.pop();
        // A voice's onsets (a consonant, a syllable's start) fall among harmonics that glide:
        // frames keeping their own phases there break the partials' phase continuity against
        // the frames around them (tempo round trip of the male voice 0.334 with the resets,
        // 0.243 without). Attacks among steady notes keep theirs.
        if (glide > kGlidingPartials) continue;
        if (has_last_ && t <= last_position_) continue;  // already behind every future frame
        onset_.active = true;
        onset_.reset = false;
        onset_.input = t;
        onset_.stretch = map.stretch_at(static_cast<double>(t));
        const std::int64_t entry = entry_frame();
        onset_.aligned = entry >= frame && std::fabs(alignment_offset(entry, map)) <= half;
        break;
    }
}

double FramePlanner::planned_offset(std::int64_t frame, double centre, double nominal, bool& keep_phases) const noexcept {
    if (onset_.active && onset_.aligned && std::fabs(centre - onset_.stretch) < size_ / 2) {
        // Inside the onset region: read at the synthesis hop, the onset at its mapped time.
        keep_phases = true;
        return static_cast<double>(frame * hop_) + static_cast<double>(onset_.input) - onset_.stretch - nominal;
    }
    // Everywhere else the frame is read where the map puts it, right before and right after the
    // region too. The phase advance comes from each peak's instantaneous frequency, so the jump
    // of the read position needs no ramp; a ramp into the region and a slow return after it
    // (tried: 0.7 of the offset per frame) kept the content around every onset displaced, by up
    // to (1 - 1 / stretch) x half a window: 24 ms at twice the length, and speech has several
    // onsets a second.
    return 0.0;
}

double FramePlanner::alignment_offset(std::int64_t frame, const TimeMap& map) const noexcept {
    // How far frame `frame` must be read from its nominal position for the onset to land at
    // its mapped time.
    const double start = static_cast<double>(frame * hop_);
    const double aligned = start + static_cast<double>(onset_.input) - onset_.stretch;
    const double nominal = map.input_at(start + size_ / 2) - size_ / 2;
    return aligned - nominal;
}

std::int64_t FramePlanner::entry_frame() const noexcept {
    // The first frame whose window reaches the onset's stretched position.
    return static_cast<std::int64_t>(std::floor((onset_.stretch - size_) / hop_)) + 1;
}

}  // namespace stretchcore::engine
