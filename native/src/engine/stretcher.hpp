// The time-stretch / pitch-shift engine behind the C ABI.
//
// Pipeline: input FIFO -> phase vocoder (stretches by time ratio x transposition)
// -> band-limited resampler (reads the stretched signal at the transposition factor).
// Pitch is exact because the resampler, not the vocoder, moves frequencies; clicks stay
// sharp because frames around an onset are copied with their own phases and placed so
// the onset lands at its mapped time.
//
// All memory is taken by the constructor. Arguments are validated by the C layer.
#pragma once

#include <cstdint>
#include <vector>

#include "dsp/fft.hpp"
#include "engine/resampler.hpp"
#include "engine/time_map.hpp"
#include "engine/transient_detector.hpp"

namespace stretchcore::engine {

enum class Preset { Default, Cheaper };

class Stretcher {
public:
    Stretcher(int channels, double sample_rate, Preset preset);

    void reset() noexcept;
    void set_transpose(double factor) noexcept;
    void set_formant_preservation(bool enabled) noexcept { formants_ = enabled; }

    int channels() const noexcept { return channels_; }
    int input_latency() const noexcept { return input_latency_; }
    int output_latency() const noexcept;
    int tail_frames() const noexcept;

    void process(const float* input, long input_frames, float* output, long output_frames) noexcept;
    void flush(float* output, long output_frames) noexcept;
    void render(const float* input, long input_frames, float* output, long output_frames) noexcept;

private:
    /// Where input comes from while output is being produced: the caller's block, then
    /// (when flushing or rendering) silence.
    struct Source {
        const float* data;
        long frames;
        long taken;
        bool silence_after;
    };
    struct Onset {
        bool active = false;
        bool aligned = false;
        std::int64_t input;  // onset position in the input
        double stretch;      // where it lands in the stretched signal
    };

    void produce(Source& source, float* output, long output_frames, long discard) noexcept;
    void pull_input(Source& source, std::int64_t until) noexcept;
    void make_room_for_input(long frames) noexcept;
    void synthesize_frame(Source& source) noexcept;
    std::int64_t plan_analysis_position(double centre, bool& reset) noexcept;
    double alignment_offset(std::int64_t frame, const Onset& onset) const noexcept;
    std::int64_t entry_frame(const Onset& onset) const noexcept;
    double stretch_position_after(long output_frames) const noexcept;
    void analyse(std::int64_t position) noexcept;
    void lock_phases(bool reset) noexcept;
    void shape_spectrum() noexcept;
    void overlap_add(std::int64_t position) noexcept;
    void make_room_for_frame(std::int64_t frame_end) noexcept;
    void read_output(double position, float* frame) noexcept;

    // Configuration.
    int channels_;
    double sample_rate_;
    int size_;     // frame length N
    int hop_;      // synthesis hop
    int bins_;     // N / 2 + 1
    int input_latency_;
    int stretch_delay_;  // output delay in stretched samples
    double step_ = 1.0;  // transposition factor
    bool formants_ = false;
    int cepstrum_cutoff_;
    float overlap_gain_;
    dsp::RealFft fft_;
    Resampler resampler_;
    std::vector<float> window_;

    // Analysis and synthesis scratch, one block per channel where it says so.
    std::vector<float> frame_;                       // N
    std::vector<float> raw_re_, raw_im_;             // channels x bins, unwindowed
    std::vector<float> win_re_, win_im_;             // channels x bins
    std::vector<float> ref_re_, ref_im_;             // reference (all channels) windowed spectrum
    std::vector<float> ref_dre_, ref_dim_;           // reference derivative-window spectrum
    std::vector<float> power_;                       // |reference|^2
    std::vector<int> reference_channel_;             // -1: sum of channels; else the channel used
    std::vector<float> rot_re_, rot_im_;             // per-bin phase rotation
    std::vector<float> last_re_, last_im_;           // previous frame's synthesis phasors
    std::vector<float> gain_;                        // per-bin real gain (formants, band limit)
    std::vector<float> envelope_, cepstrum_, spare_; // formant envelope work
    std::vector<int> peaks_;
    std::vector<float> taps_;

    // Streams: input FIFO and stretched accumulator, planar, with absolute positions.
    std::vector<float> input_;
    long input_capacity_;
    std::int64_t input_base_ = 0;
    std::int64_t input_end_ = 0;
    std::vector<float> stretched_;
    long stretched_capacity_;
    std::int64_t stretched_base_ = 0;
    std::int64_t stretched_end_ = 0;  // slots from here on are stale until a frame zeroes them

    // Timeline.
    TimeMap map_;
    std::int64_t received_ = 0;  // input frames handed over by the caller (or flushed as silence)
    TransientDetector detector_;
    std::int64_t output_whole_ = 0;  // stretch position of the next output sample ...
    double output_fraction_ = 0.0;   // ... split so precision never degrades
    std::int64_t next_frame_ = 0;
    std::int64_t last_position_ = 0;
    double last_offset_ = 0.0;
    bool has_last_ = false;
    bool last_reset_ = false;
    Onset onset_;
};

}  // namespace stretchcore::engine
