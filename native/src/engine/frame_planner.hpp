// Transient handling: decides where in the input each analysis frame is read, and whether it
// keeps its own phases.
//
// Normally a frame is read where the time map puts it. Around an onset, every frame whose
// window covers it is copied with its own phases (a phase reset), so the attack stays sharp;
// when the time map leaves room, those frames are also read at the synthesis hop and placed so
// that the onset lands exactly at its mapped time. Frames before and after that region are
// read where the map puts them, so only the region's content is displaced from its mapped time
// (by at most (1 - 1 / stretch) x half a window, at its ends).
#pragma once

#include <cstdint>

#include "engine/time_map.hpp"
#include "engine/transient_detector.hpp"

namespace stretchcore::engine {

class FramePlanner {
public:
    struct Plan {
        std::int64_t position;  // input position of the frame's first sample
        bool keep_phases;       // copy the frame with its own phases
        // A frame keeping its phases: where it belongs minus position, |.| < 1; transposing in the
        // frequency domain, the shift that puts the onset back where the transposition of the
        // frame (about its centre) would move it from.
        double residue;
        // A frame keeping its phases for an onset in a stretch (not at the stream's start, not
        // where the map does not stretch, not transposing in the frequency domain): only the
        // regions the onset brings need their own phases (PhaseLocker::lock).
        bool onset;
        std::int64_t input_hop;  // input samples since the previous frame's position (0 for the first)
    };

    /// Frames of `size` samples, `hop` stretch samples apart.
    void configure(int size, int hop) noexcept;
    void reset() noexcept;
    /// The factor by which the frames' content is transposed in the frequency domain (1: none).
    /// Transposing, no frame after the first keeps its own phases for being read one hop after
    /// one that did (their phases must advance at the transposed frequencies), a map of slope 1 is
    /// a stretch like any other, and one frame per onset keeps its phases (Plan::residue).
    void set_shift(float factor) noexcept { shift_ = factor; }

    /// Input position where frame `frame` (stretch positions frame x hop onwards) starts
    /// according to the time map alone.
    double nominal_position(std::int64_t frame, const TimeMap& map) const noexcept;
    /// Last input position whose onsets the plan for a frame at `nominal` takes into account.
    std::int64_t horizon(double nominal) const noexcept;

    /// Plans frame `frame`, taking onsets up to its horizon from `onsets`; the input FIFO
    /// holds positions [input_base, input_end), and input_end reaches past the horizon. `glide`
    /// is the last frame's PhaseLocker::glide(): onsets that come in sight while the partials
    /// glide (a voice) are passed over, since resetting the phases of gliding harmonics costs
    /// more than it keeps of the attack.
    Plan plan(std::int64_t frame, const TimeMap& map, TransientDetector& onsets, std::int64_t input_base,
              std::int64_t input_end, double glide) noexcept;

    /// First input position a future frame can read: frames never move backwards.
    std::int64_t first_needed(std::int64_t input_end) const noexcept {
        return has_last_ ? last_position_ : input_end;
    }

private:
    struct Onset {
        bool active = false;
        bool aligned = false;  // placed to land at its mapped time
        bool reset = false;    // transposing: a frame has kept its phases for it
        std::int64_t input = 0;  // position in the input
        double stretch = 0.0;    // where it lands in the stretched signal
    };

    void track_onset(std::int64_t frame, double centre, double nominal, const TimeMap& map,
                     TransientDetector& onsets, double glide) noexcept;
    double planned_offset(std::int64_t frame, double centre, double nominal, bool& keep_phases) const noexcept;
    double alignment_offset(std::int64_t frame, const TimeMap& map) const noexcept;
    std::int64_t entry_frame() const noexcept;

    int size_ = 0;
    int hop_ = 0;
    Onset onset_;
    std::int64_t last_position_ = 0;
    bool has_last_ = false;
    bool last_kept_ = false;  // the last frame kept its own phases
    float shift_ = 1.0f;     // frequency-domain transposition factor
};

}  // namespace stretchcore::engine
