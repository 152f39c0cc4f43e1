#include "engine/stretcher.hpp"

#include <stretch/stretch.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>

namespace stretchcore::engine {

namespace {

// How far a ratio is from 1 on a log scale, without the log (whose last bit differs between C
// libraries): max(x, 1/x) orders ratios as |log x| does.
double distance_from_one(double x) noexcept { return std::max(x, 1.0 / x); }

// Most input frames taken from the caller between two checks for room in the FIFO.
constexpr std::ptrdiff_t kInputChunk = 4096;
// Largest input-per-stretch slope the buffers are sized for: the shortest output at the
// lowest pitch (16).
constexpr int kMaxSlope = static_cast<int>(1.0 / (STRETCH_MIN_TIME_RATIO * STRETCH_MIN_TRANSPOSE_FACTOR));
// Finite input samples are clipped to +-2^32 (about 192 dB above full scale). Below it nothing
// changes; at it, a frame's spectrum summed over channels stays under 2^50 (frames are at most
// 2^15 samples, channels 2^3), so its power stays under 2^101 and nothing downstream can reach
// the float range: any finite input gives finite output.
constexpr float kSampleLimit = 4294967296.0f;

// Frame length: a supported FFT size near the target duration, divisible into hops. When the
// nearest one is not a multiple of 8, the largest smaller one that is: the FFT's half is then a
// multiple of 4 and runs in vector blocks instead of the scalar radix-3/5 path, and the frame,
// and so the instance's memory, never grows for it. Sizes with more than two factors of 3 or 5
// are passed over: each such pass costs about what two radix-4 passes do, and the cheaper
// preset's 6480-sample frame at 96 kHz (2^4 3^4 5) made it dearer than the default's 8192.
// The default's 87 ms (3840 samples at 44.1 kHz) follows a voice's gliding harmonics better than
// 116 ms did: the round trips' spectral convergence and the formant and F0 errors drop on the
// voices, the band and the strings (docs/benchmarks.md, "Frame length"). Shorter frames gain more
// on the voices but lose the strings' coherence and tempo round trip.
int odd_factors(int n) {
    int count = 0;
    for (const int p : {3, 5}) {
        for (; n % p == 0; n /= p) ++count;
    }
    return count;
}

int choose_frame_size(double sample_rate, Preset preset, int overlap) {
    const double target = sample_rate * (preset == Preset::Default ? 0.086 : 0.07);
    int best = 0;
    double best_distance = 1e9;
    int last_blocked = 0;      // the largest size so far that is a multiple of 8
    int blocked_at_best = 0;   // that size when `best` was found
    for (int n = dsp::RealFft::next_supported_size(std::max(64, static_cast<int>(target / 1.5)));
         n <= static_cast<int>(target * 1.5) + 1; n = dsp::RealFft::next_supported_size(n + 1)) {
        if (n % (2 * overlap) != 0 || odd_factors(n) > 2) continue;
        if (n % 8 == 0) last_blocked = n;
        const double distance = distance_from_one(n / target);
        if (distance < best_distance) {
            best_distance = distance;
            best = n;
            blocked_at_best = last_blocked;
        }
    }
    return blocked_at_best != 0 ? blocked_at_best : best;
}

int overlap_of(Preset preset) { return preset == Preset::Default ? 4 : 3; }

// Glides (PhaseLocker::glide, bins per frame length) above which a single channel's frames take the
// compact window, and below which they go back to Hann: a voice's frames glide by about a bin, steady
// notes' by a tenth to a third of one. 0.8 / 0.4 chosen among 0.5-1.2 / 0.3-0.6 (the voices differ by
// under 0.01 in the round trips between 0.6 and 0.8).
constexpr double kCompactFrom = 0.8;
constexpr double kCompactUntil = 0.4;

}  // namespace

Stretcher::Stretcher(int channels, double sample_rate, Preset preset, dsp::Isa isa)
    : channels_(channels),
      size_(choose_frame_size(sample_rate, preset, overlap_of(preset))),
      hop_(size_ / overlap_of(preset)),
      input_latency_(0),
      stretch_delay_(0),
      isa_(isa),
      fft_(size_, isa_) {
    detector_.configure(channels, sample_rate);
    // A frame looks half a window past its own end for onsets, and the detector reports an
    // onset one block after it happens. The margin covers rounding: of frame positions (4), and,
    // with a stated ratio, of the delay and of the caller's running total (a frame each side,
    // up to 4 input frames each at the fastest tempo).
    input_latency_ = size_ + detector_.reporting_delay() + 4;
    resampler_.configure(preset == Preset::Default ? 12 : 8, STRETCH_MAX_TRANSPOSE_FACTOR, isa_, size_);
    const int reach = resampler_.max_half_width();
    stretch_delay_ = size_ / 2 + reach + 2;

    planner_.configure(size_, hop_);
    analysis_.configure(channels, size_, isa_, preset == Preset::Default);
    phases_.configure(analysis_.bins(), hop_);
    gain_.configure(channels, size_, sample_rate);
    // The input must hold a frame read up to half a window early or late, the detector's and
    // the planner's look-ahead, and, at the steepest slope, what the output delay spans.
    input_.configure(channels, std::ptrdiff_t{2} * size_ + input_latency_ +
                                   kMaxSlope * (stretch_delay_ + size_ + std::ptrdiff_t{2} * hop_) +
                                   2 * kInputChunk);
    // The stretched signal must hold the frames overlapping the output position and the
    // resampler's reach either side of it.
    synthesis_.configure(channels, size_, hop_,
                         std::ptrdiff_t{3} * size_ + std::ptrdiff_t{4} * reach + stretch_delay_ + 4 * hop_, isa_,
                         preset == Preset::Default && channels == 1);

    reset();
}

void Stretcher::reset() noexcept {
    // Bounded work, so it can run without a GC transition: the buffers are not cleared. Input
    // reads stay within the FIFO's live range, and stretched samples are zeroed when a frame
    // first reaches them.
    input_.reset();
    detector_.reset();
    planner_.reset();
    analysis_.reset();
    phases_.reset();
    compact_ = false;
    received_ = 0;
    // Frames start one window before stretch position 0, so every output sample is
    // covered by a full set of overlapping frames.
    next_frame_ = -(size_ / hop_);
    synthesis_.reset(next_frame_ * hop_ - stretch_delay_ - std::int64_t{2} * resampler_.max_half_width());
    output_whole_ = 0;
    output_fraction_ = 0.0;
    produced_ = 0;
    restart_map();
}

void Stretcher::set_transpose(double factor) noexcept {
    step_ = factor;
    choose_pitch_path();
    if (produced_ == 0 && received_ == 0) {
        restart_map();
    } else if (ratio_ > 0.0) {
        rebase_line();
    }
}

void Stretcher::set_time_ratio(double ratio) noexcept {
    if (produced_ == 0 && received_ == 0) {
        ratio_ = ratio;
        restart_map();
        return;
    }
    if (ratio == ratio_) {
        if (ratio_ > 0.0) rebase_line();
        return;
    }
    // A new ratio mid-stream goes on from where the stream is, at the new pace: the input the
    // next output frame stands for, by the old line or by the counts' map.
    const double u = stretch_position_after(0) - stretch_delay_;
    const double here = ratio_ > 0.0 ? line_at(produced_) : map_.input_at(u);
    ratio_ = ratio;
    choose_pitch_path();
    if (ratio_ > 0.0) {
        line_output_ = produced_;
        line_input_ = here;
        rebase_line();
    }
}

double Stretcher::line_at(std::int64_t output_frame) const noexcept {
    return line_input_ + static_cast<double>(output_frame - line_output_) / ratio_;
}

bool Stretcher::choose_pitch_path() noexcept {
    // The vocoder stretches by the time ratio when the frequency domain transposes, by time ratio
    // x transposition when the resampler does: whichever is nearer 1 loses less (a pitch shift at
    // tempo 1 is no stretch at all in the frequency domain; varispeed none through the
    // resampler). Only with a stated ratio, which fixes the time ratio for the whole stream;
    // only for one channel, as moving peak regions keeps a stereo image less well than the
    // resampler (strings at -3 st: coherence error 0.047 -> 0.198); and without the formant
    // correction, which was measured better through the resampler (docs/benchmarks.md,
    // "Pitch in the frequency domain").
    const bool spectral = ratio_ > 0.0 && step_ != 1.0 && channels_ == 1 && !formants_ &&
                          distance_from_one(ratio_) < distance_from_one(ratio_ * step_);
    const bool changed = spectral != (phases_.shift() != 1.0f);
    const auto shift = spectral ? static_cast<float>(step_) : 1.0f;
    phases_.set_shift(shift);
    planner_.set_shift(shift);
    // Laying out the kernel bank costs a third of a million instructions: only when it changes.
    if (resampler_.step() != read_step()) resampler_.set_step(read_step());
    return changed;
}

void Stretcher::set_formant_preservation(bool enabled) noexcept {
    formants_ = enabled;
    if (choose_pitch_path() && ratio_ > 0.0 && (produced_ != 0 || received_ != 0)) rebase_line();
}

void Stretcher::restart_map() noexcept {
    choose_pitch_path();
    if (ratio_ > 0.0) {
        delay_ = stated_delay();
        line_output_ = delay_;
        line_input_ = 0.0;
        rebase_line();
        return;
    }
    map_.restart(0.0, -static_cast<double>(input_latency_), 1.0 / read_step());
}

std::int64_t Stretcher::stated_delay() const noexcept {
    return std::llround(output_latency() + input_latency_ * ratio_);
}

void Stretcher::rebase_line() noexcept {
    // Output frame j is read at stretch position (position of j) - stretch_delay_; it stands for
    // input (j - delay) / ratio (line_at), and the line moves on by 1 / (ratio x step) input per
    // stretch sample.
    const double u = stretch_position_after(0) - stretch_delay_;
    map_.restart(u, line_at(produced_), 1.0 / (ratio_ * read_step()));
}

int Stretcher::output_latency() const noexcept {
    return static_cast<int>(std::lround(stretch_delay_ / read_step()));
}

int Stretcher::tail_frames() const noexcept {
    // The last input sample can sit anywhere in a window read up to half a window early
    // (onset alignment), and that window spreads half a window and the resampler's reach
    // around its centre.
    // Short calls may feed input slower than the largest time ratio allows, or not at all: the
    // tail is then the largest ratio's, which keeps it finite and within an int.
    // A zero, negative or NaN slope takes the second branch too.
    const double input_per_output = map_.last_slope() * read_step();
    const double time_ratio =
        input_per_output > 1.0 / STRETCH_MAX_TIME_RATIO ? 1.0 / input_per_output : STRETCH_MAX_TIME_RATIO;
    double input_side = (input_latency_ + size_) * time_ratio;
    if (ratio_ > 0.0) {
        // A stated ratio moves on at its own pace, whatever the calls gave: input received beyond
        // what the line has reached (past the stream's own lag) is still to come out.
        const double behind = static_cast<double>(received_) - line_at(produced_) - input_latency_ -
                              output_latency() / ratio_ - 1.0;
        if (behind > 0.0) input_side += behind * time_ratio;
    } else {
        // The calls' counts anchor the map at the input received less the latency; a stream that
        // stated a ratio, then went back to the counts, is anchored where its line was instead,
        // and everything received beyond that is still to come out.
        const double behind =
            static_cast<double>(received_) - map_.input_at(stretch_position_after(0)) - input_latency_;
        if (behind > 0.0) input_side += behind * time_ratio;
    }
    const double output_side = (size_ / 2 + resampler_.max_half_width() + stretch_delay_) / read_step();
    // Within an int however far calls that break the stated ratio have run ahead.
    const double most = static_cast<double>(std::numeric_limits<int>::max() - 1);
    return static_cast<int>(std::min(std::ceil(input_side + output_side), most)) + 1;
}

double Stretcher::stretch_position_after(std::int64_t output_frames) const noexcept {
    return static_cast<double>(output_whole_) + output_fraction_ + static_cast<double>(output_frames) * read_step();
}

void Stretcher::process(const float* input, std::int64_t input_frames, float* output,
                        std::int64_t output_frames) noexcept {
    const double u_end = stretch_position_after(output_frames);
    received_ += input_frames;
    // A stated ratio fixes the map; otherwise the counts of the call do.
    if (ratio_ <= 0.0) map_.add(u_end, static_cast<double>(received_ - input_latency_), hop_ / 4.0);
    Source source{input, input_frames, 0, false};
    produce(source, output, output_frames, 0);
    // Keep every frame of the call: the next call's output needs it.
    pull_input(source, input_.end() + (source.frames - source.taken));
}

void Stretcher::flush(float* output, std::int64_t output_frames) noexcept {
    const double u_now = stretch_position_after(0);
    const double u_end = stretch_position_after(output_frames);
    // Silence follows at the last time ratio, but never slower than the largest ratio: after
    // calls that starved the input, the read position would otherwise stand still and the
    // tail never end. tail_frames assumes the same.
    const double slowest = 1.0 / (STRETCH_MAX_TIME_RATIO * read_step());
    const double a_end = std::max(map_.input_at(u_end), map_.input_at(u_now) + (u_end - u_now) * slowest);
    if (ratio_ <= 0.0) map_.add(u_end, a_end, hop_ / 4.0);
    received_ = std::max(received_, static_cast<std::int64_t>(std::ceil(a_end)) + input_latency_);
    Source silence{nullptr, 0, 0, true};
    produce(silence, output, output_frames, 0);
    pull_input(silence, received_);
}

void Stretcher::render(const float* input, std::int64_t input_frames, float* output,
                       std::int64_t output_frames) noexcept {
    // A render is a stream with the ratio of the whole stated, whose first delay frames are
    // dropped and whose tail is flushed: any stream that states the same ratio gives the same
    // output, however it is cut into calls.
    const double stated = ratio_;
    ratio_ = static_cast<double>(output_frames) / static_cast<double>(input_frames);
    reset();
    received_ = input_frames;
    Source source{input, input_frames, 0, true};
    produce(source, output, output_frames, delay_);
    // A stream that follows starts afresh, as after reset, with the ratio it had.
    ratio_ = stated;
    reset();
}

void Stretcher::produce(Source& source, float* output, std::int64_t output_frames, std::int64_t discard) noexcept {
    const std::int64_t total = discard + output_frames;
    // Frames synthesised on the way never change the path, so the step holds for the whole call.
    const double step = read_step();
    for (std::int64_t j = 0; j < total; ++j) {
        const std::int64_t whole = output_whole_ - stretch_delay_;
        const std::int64_t last_needed = whole + resampler_.half_width() + 1;
        while (next_frame_ * hop_ <= last_needed) synthesize_frame(source);
        if (j >= discard) {
            read_output(static_cast<double>(whole - synthesis_.base()) + output_fraction_, step,
                        output + (j - discard) * channels_);
        }
        output_fraction_ += step;
        const double carry = std::floor(output_fraction_);
        output_whole_ += static_cast<std::int64_t>(carry);
        output_fraction_ -= carry;
    }
    produced_ += total;
}

void Stretcher::pull_input(Source& source, std::int64_t until) noexcept {
    float clean[STRETCH_MAX_CHANNELS];
    while (input_.end() < until) {
        const std::int64_t available = source.frames - source.taken;
        if (available <= 0 && !source.silence_after) return;
        std::int64_t count = std::min<std::int64_t>(until - input_.end(), kInputChunk);
        if (available > 0) count = std::min(count, available);
        input_.make_room(count, planner_.first_needed(input_.end()));
        float* slots[STRETCH_MAX_CHANNELS];
        for (int c = 0; c < channels_; ++c) slots[c] = input_.write_position(c);
        const std::int64_t start = input_.end();
        for (std::int64_t i = 0; i < count; ++i) {
            for (int c = 0; c < channels_; ++c) {
                // Non-finite samples are taken as silence, so they never reach the output; finite
                // ones beyond the headroom limit are clipped to it. One test on the usual path.
                float v = 0.0f;
                if (available > 0) v = source.data[(source.taken + i) * channels_ + c];
                if (!(std::fabs(v) <= kSampleLimit)) v = std::isfinite(v) ? std::copysign(kSampleLimit, v) : 0.0f;
                clean[c] = v;
                slots[c][i] = v;
            }
            detector_.push(clean, start + i);
        }
        if (available > 0) source.taken += count;
        input_.commit(count);
    }
}

void Stretcher::synthesize_frame(Source& source) noexcept {
    // Input up to the planner's horizon must be in, so onsets are seen early; one detector
    // block more, so that which onsets are in sight never depends on how the caller cut the
    // input into blocks.
    const double nominal = planner_.nominal_position(next_frame_, map_);
    pull_input(source, planner_.horizon(nominal) + 1 + detector_.reporting_delay());

    const FramePlanner::Plan plan =
        planner_.plan(next_frame_, map_, detector_, input_.base(), input_.end(), phases_.glide());
    // The default preset analyses a single channel whose partials glide (a voice) with the compact
    // window, which follows a glide better than Hann; steady partials keep Hann's resolution.
    // Switched with hysteresis, so that the window rarely changes within a sound. Not for more
    // than one channel: the compact window's wider lobes share bins between the channels' partials,
    // and the strings' coherence error rose from 0.016 to 0.023-0.026 with it (docs/benchmarks.md,
    // "A compact window where partials glide").
    if (synthesis_.takes_compact_frames()) {
        if (phases_.glide() > kCompactFrom) compact_ = true;
        if (phases_.glide() < kCompactUntil) compact_ = false;
    }
    analysis_.set_compact(compact_ && !plan.keep_phases);
    analysis_.analyse(input_, plan.position, fft_);
    phases_.lock(analysis_, plan.keep_phases, plan.residue, plan.input_hop, plan.onset);
    if (!plan.keep_phases) analysis_.restore_decorrelated();
    // The resampler never reads further back than its kernel's half width.
    const std::int64_t keep_from = output_whole_ - stretch_delay_ - resampler_.max_half_width() - 2;
    // The resampler's passband, flattened before the frame reaches it.
    resampler_.correct(analysis_.windowed_re(0), analysis_.windowed_im(0), static_cast<std::size_t>(analysis_.bins()),
                       channels_);
    // One synthesis per gain of the frame's time-varying gain (SpectralGain).
    const int passes = SpectralGain::passes(step_, formants_);
    for (int pass = 0; pass < passes; ++pass) {
        gain_.update(input_, plan.position, step_, formants_, phases_, fft_, pass);
        synthesis_.add(next_frame_ * hop_, analysis_, phases_, gain_.gain(), gain_.fade(pass, passes), fft_,
                       keep_from, pass == 0);
    }
    synthesis_.normalise(next_frame_ * hop_, (next_frame_ + 1) * hop_);
    ++next_frame_;
}

void Stretcher::read_output(double position, double step, float* frame) noexcept {
    if (step == 1.0 && output_fraction_ == 0.0) {
        // On the sample grid at unit step: the resampler would be an identity.
        const auto index = static_cast<std::size_t>(position);
        for (int c = 0; c < channels_; ++c) {
            frame[c] = synthesis_.data()[static_cast<std::size_t>(c) * synthesis_.stride() + index];
        }
        return;
    }
    resampler_.read(synthesis_.data(), synthesis_.stride(), channels_, position, frame);
}

}  // namespace stretchcore::engine
