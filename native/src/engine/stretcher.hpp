// The time-stretch / pitch-shift engine behind the C ABI.
//
// Pipeline: input FIFO -> phase vocoder (stretches by time ratio x transposition)
// -> band-limited resampler (reads the stretched signal at the transposition factor).
// Pitch is exact because the resampler, not the vocoder, moves frequencies; clicks stay
// sharp because frames around an onset are copied with their own phases and placed so
// the onset lands at its mapped time. With a stated time ratio nearer 1 than time ratio x
// transposition (a pitch shift at tempo 1, say) and no formant correction, the vocoder
// stretches by the time ratio alone and transposes each frame in the frequency domain
// (pitch_map.hpp); the resampler then reads at step 1.
//
// This class keeps the timeline (time map, output position, frame count) and runs the units,
// one job each:
//   InputFifo          the input frames are read from
//   TransientDetector  onsets in the input
//   FramePlanner       where each frame is read, and whether it keeps its own phases
//   SpectralAnalysis   windowed spectra, the reference spectrum, frequency estimates
//   PhaseLocker        phase advance with identity phase locking
//   SpectralGain       formant correction and band limit
//   OverlapAdd         synthesis into the stretched signal (with pitch_map, the frequency-domain
//                      transposition)
//   Resampler          reads the stretched signal at the transposition factor
//
// All memory is taken by the constructor. Arguments are validated by the C layer.
#pragma once

#include <cstdint>

#include "dsp/fft.hpp"
#include "dsp/isa.hpp"
#include "engine/frame_planner.hpp"
#include "engine/input_fifo.hpp"
#include "engine/overlap_add.hpp"
#include "engine/phase_locker.hpp"
#include "engine/resampler.hpp"
#include "engine/spectral_analysis.hpp"
#include "engine/spectral_gain.hpp"
#include "engine/time_map.hpp"
#include "engine/transient_detector.hpp"

namespace stretchcore::engine {

enum class Preset { Default, Cheaper };

class Stretcher {
public:
    /// `isa`: the kernels' build the units run (dsp/isa.hpp); it must be available.
    Stretcher(int channels, double sample_rate, Preset preset, dsp::Isa isa = dsp::select_isa());

    void reset() noexcept;
    void set_transpose(double factor) noexcept;
    void set_formant_preservation(bool enabled) noexcept;
    /// States the stream's time ratio (output / input frames), or 0 to let the calls' counts set it.
    void set_time_ratio(double ratio) noexcept;

    int channels() const noexcept { return channels_; }
    dsp::Isa isa() const noexcept { return isa_; }
    int frame_size() const noexcept { return size_; }
    int input_latency() const noexcept { return input_latency_; }
    int output_latency() const noexcept;
    int tail_frames() const noexcept;

    // Frame counts are 64-bit: the C layer passes at most INT_MAX samples per call, and a
    // stream's positions grow without bound.
    void process(const float* input, std::int64_t input_frames, float* output, std::int64_t output_frames) noexcept;
    void flush(float* output, std::int64_t output_frames) noexcept;
    void render(const float* input, std::int64_t input_frames, float* output, std::int64_t output_frames) noexcept;

private:
    /// Where input comes from while output is being produced: the caller's block, then
    /// (when flushing or rendering) silence.
    struct Source {
        const float* data;
        std::int64_t frames;
        std::int64_t taken;
        bool silence_after;
    };

    /// Picks how the transposition is made: by the resampler's read of the stretched signal, or
    /// in the frequency domain (pitch_map.hpp) with the resampler reading at step 1. True when the
    /// path changed.
    bool choose_pitch_path() noexcept;
    /// The resampler's step: the transposition factor, or 1 when the frequency domain transposes.
    double read_step() const noexcept { return phases_.shift() != 1.0f ? 1.0 : step_; }
    /// Starts the time map at the stream's beginning for the current transposition.
    void restart_map() noexcept;
    /// With a stated ratio: the line through the next output sample's position, where output
    /// frame j stands for input frame (j - delay) / ratio.
    void rebase_line() noexcept;
    /// With a stated ratio, the input frame output frame `output_frame` stands for.
    double line_at(std::int64_t output_frame) const noexcept;
    /// Output frames a stream with a stated ratio lags its input by: round(output latency +
    /// input latency x ratio).
    std::int64_t stated_delay() const noexcept;
    void produce(Source& source, float* output, std::int64_t output_frames, std::int64_t discard) noexcept;
    void pull_input(Source& source, std::int64_t until) noexcept;
    void synthesize_frame(Source& source) noexcept;
    double stretch_position_after(std::int64_t output_frames) const noexcept;
    /// Reads output frame at stretched-signal slot `position` with the resampler's `step`.
    void read_output(double position, double step, float* frame) noexcept;

    // Configuration.
    int channels_;
    int size_;  // frame length N
    int hop_;   // synthesis hop
    int input_latency_;
    int stretch_delay_;  // output delay in stretched samples
    double step_ = 1.0;  // transposition factor
    bool formants_ = false;
    bool compact_ = false;  // frames analysed with the compact window (in the padding before isa_)
    dsp::Isa isa_;          // the kernels' build every unit runs (dsp/isa.hpp), chosen at creation

    // The units. One FFT (tables and scratch) serves analysis, formants and synthesis in turn.
    dsp::RealFft fft_;
    InputFifo input_;
    TransientDetector detector_;
    FramePlanner planner_;
    SpectralAnalysis analysis_;
    PhaseLocker phases_;
    SpectralGain gain_;
    OverlapAdd synthesis_;
    Resampler resampler_;

    // Timeline. With a stated ratio the map is one line fixed by the ratio, so how the caller
    // cuts the stream into calls never moves a frame; otherwise each call adds an anchor.
    TimeMap map_;
    double ratio_ = 0.0;             // stated time ratio, 0 when the calls set it
    std::int64_t delay_ = 0;         // with a stated ratio: output frames before input frame 0
    // With a stated ratio, the line passes output frame line_output_ at input frame line_input_: at
    // the start (delay_, 0); where the ratio changed mid-stream, the frame and input of the change.
    std::int64_t line_output_ = 0;
    double line_input_ = 0.0;
    std::int64_t produced_ = 0;      // output frames written since the stream began
    std::int64_t received_ = 0;      // input frames handed over by the caller (or flushed as silence)
    std::int64_t output_whole_ = 0;  // stretch position of the next output sample ...
    double output_fraction_ = 0.0;   // ... split so precision never degrades
    std::int64_t next_frame_ = 0;    // next frame to synthesise, at stretch position next_frame_ x hop_
};

}  // namespace stretchcore::engine
