#include "engine/stretcher.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace stretchcore::engine {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kTwoPi = 2.0 * kPi;
constexpr long kInputChunk = 4096;
// Largest input-per-stretch slope the buffers are sized for: time ratio 1/4 at 1/4 pitch.
constexpr int kMaxSlope = 16;
// After an onset region the analysis drifts back to the nominal time map by this factor per frame.
constexpr double kOffsetDecay = 0.7;
// A bin whose channels cancel in the sum takes its phase from its loudest channel instead.
constexpr float kCancellation = 0.1f;

// Frame length: a supported FFT size near the target duration, divisible into hops.
int choose_frame_size(double sample_rate, Preset preset, int overlap) {
    const double target = sample_rate * (preset == Preset::Default ? 0.116 : 0.07);
    int best = 0;
    double best_distance = 1e9;
    for (int n = dsp::RealFft::next_supported_size(std::max(64, static_cast<int>(target / 1.5)));
         n <= static_cast<int>(target * 1.5) + 1; n = dsp::RealFft::next_supported_size(n + 1)) {
        if (n % (2 * overlap) != 0) continue;
        const double distance = std::fabs(std::log(n / target));
        if (distance < best_distance) {
            best_distance = distance;
            best = n;
        }
    }
    return best;
}

inline std::size_t at(long index) { return static_cast<std::size_t>(index); }

}  // namespace

Stretcher::Stretcher(int channels, double sample_rate, Preset preset)
    : channels_(channels),
      sample_rate_(sample_rate),
      size_(choose_frame_size(sample_rate, preset, preset == Preset::Default ? 4 : 3)),
      hop_(size_ / (preset == Preset::Default ? 4 : 3)),
      bins_(size_ / 2 + 1),
      input_latency_(0),
      stretch_delay_(0),
      cepstrum_cutoff_(std::min(size_ / 4, static_cast<int>(std::lround(sample_rate * 0.0012)))),
      overlap_gain_(1.0f),
      fft_(size_) {
    detector_.configure(channels, sample_rate);
    // A frame looks half a window past its own end for onsets, and the detector reports an
    // onset one block after it happens.
    input_latency_ = size_ + detector_.reporting_delay() + 4;
    resampler_.configure(preset == Preset::Default ? 12 : 8, 4.0);
    stretch_delay_ = size_ / 2 + resampler_.max_half_width() + 2;

    window_.resize(at(size_));
    for (int n = 0; n < size_; ++n) {
        window_[at(n)] = static_cast<float>(0.5 - 0.5 * std::cos(kTwoPi * n / size_));
    }
    // Analysis and synthesis windows overlap-add to a constant; fold it and the FFT's N in.
    double overlap_sum = 0.0;
    for (int n = 0; n < size_; n += hop_) overlap_sum += static_cast<double>(window_[at(n)] * window_[at(n)]);
    overlap_gain_ = static_cast<float>(1.0 / (overlap_sum * size_));

    const auto per_channel = at(channels_) * at(bins_);
    frame_.resize(at(size_));
    raw_re_.resize(per_channel);
    raw_im_.resize(per_channel);
    win_re_.resize(per_channel);
    win_im_.resize(per_channel);
    for (auto* v : {&ref_re_, &ref_im_, &power_, &rot_re_, &rot_im_, &last_re_, &last_im_, &gain_, &envelope_}) {
        v->resize(at(bins_));
    }
    reference_channel_.resize(at(bins_));
    cepstrum_.resize(at(size_));
    spare_.resize(at(bins_) * 2);
    peaks_.reserve(at(bins_));
    taps_.resize(at(2 * resampler_.max_half_width() + 8));

    input_capacity_ = 2L * size_ + input_latency_ + kMaxSlope * (stretch_delay_ + size_ + 2L * hop_) + 2 * kInputChunk;
    input_.resize(at(channels_) * at(input_capacity_));
    stretched_capacity_ = 3L * size_ + 4L * resampler_.max_half_width() + stretch_delay_ + 4 * hop_;
    stretched_.resize(at(channels_) * at(stretched_capacity_));

    reset();
}

void Stretcher::reset() noexcept {
    // Bounded work, so it can run without a GC transition: the buffers are not cleared. Input
    // reads stay within the FIFO's live range, and stretched samples are zeroed when a frame
    // first reaches them.
    std::fill(last_re_.begin(), last_re_.end(), 1.0f);
    std::fill(last_im_.begin(), last_im_.end(), 0.0f);
    input_base_ = 0;
    input_end_ = 0;
    received_ = 0;
    // Frames start one window before stretch position 0, so every output sample is
    // covered by a full set of overlapping frames.
    next_frame_ = -(size_ / hop_);
    stretched_base_ = next_frame_ * hop_ - stretch_delay_ - 2L * resampler_.max_half_width();
    stretched_end_ = stretched_base_;
    map_.restart(0.0, -static_cast<double>(input_latency_), 1.0 / step_);
    detector_.reset();
    output_whole_ = 0;
    output_fraction_ = 0.0;
    last_position_ = 0;
    last_offset_ = 0.0;
    has_last_ = false;
    last_reset_ = false;
    onset_ = Onset{};
}

void Stretcher::set_transpose(double factor) noexcept {
    step_ = factor;
    resampler_.set_step(factor);
    if (output_whole_ == 0 && output_fraction_ == 0.0 && received_ == 0) {
        map_.restart(0.0, -static_cast<double>(input_latency_), 1.0 / step_);
    }
}

int Stretcher::output_latency() const noexcept {
    return static_cast<int>(std::lround(stretch_delay_ / step_));
}

int Stretcher::tail_frames() const noexcept {
    // The last input sample can sit anywhere in a window read up to half a window early
    // (onset alignment), and that window spreads half a window and the resampler's reach
    // around its centre.
    const double time_ratio = 1.0 / (map_.last_slope() * step_);
    const double input_side = (input_latency_ + size_) * time_ratio;
    const double output_side = (size_ / 2 + resampler_.max_half_width() + stretch_delay_) / step_;
    return static_cast<int>(std::ceil(input_side + output_side)) + 1;
}

double Stretcher::stretch_position_after(long output_frames) const noexcept {
    return static_cast<double>(output_whole_) + output_fraction_ + static_cast<double>(output_frames) * step_;
}

std::int64_t Stretcher::entry_frame(const Onset& onset) const noexcept {
    // The first frame whose window reaches the onset's stretched position.
    return static_cast<std::int64_t>(std::floor((onset.stretch - size_) / hop_)) + 1;
}

void Stretcher::process(const float* input, long input_frames, float* output, long output_frames) noexcept {
    const double u_end = stretch_position_after(output_frames);
    received_ += input_frames;
    map_.add(u_end, static_cast<double>(received_ - input_latency_), hop_ / 4.0);
    Source source{input, input_frames, 0, false};
    produce(source, output, output_frames, 0);
    // Keep every frame of the call: the next call's output needs it.
    pull_input(source, input_end_ + (source.frames - source.taken));
}

void Stretcher::flush(float* output, long output_frames) noexcept {
    const double u_end = stretch_position_after(output_frames);
    const double a_end = map_.input_at(u_end);
    map_.add(u_end, a_end, hop_ / 4.0);
    received_ = std::max(received_, static_cast<std::int64_t>(std::ceil(a_end)) + input_latency_);
    Source silence{nullptr, 0, 0, true};
    produce(silence, output, output_frames, 0);
    pull_input(silence, received_);
}

void Stretcher::render(const float* input, long input_frames, float* output, long output_frames) noexcept {
    reset();
    const double ratio = static_cast<double>(output_frames) / static_cast<double>(input_frames);
    const double slope = 1.0 / (ratio * step_);
    // Output frames to drop so that output sample 0 stands for input sample 0.
    const auto discard = static_cast<long>(std::ceil(stretch_delay_ / step_ + ratio * input_latency_));
    map_.restart(0.0, stretch_delay_ * slope - static_cast<double>(discard) / ratio, slope);
    received_ = input_frames;
    Source source{input, input_frames, 0, true};
    produce(source, output, output_frames, discard);
}

void Stretcher::produce(Source& source, float* output, long output_frames, long discard) noexcept {
    const long total = discard + output_frames;
    for (long j = 0; j < total; ++j) {
        const std::int64_t whole = output_whole_ - stretch_delay_;
        const std::int64_t last_needed = whole + resampler_.half_width() + 1;
        while (next_frame_ * hop_ <= last_needed) synthesize_frame(source);
        if (j >= discard) {
            read_output(static_cast<double>(whole - stretched_base_) + output_fraction_,
                        output + (j - discard) * channels_);
        }
        output_fraction_ += step_;
        const double carry = std::floor(output_fraction_);
        output_whole_ += static_cast<std::int64_t>(carry);
        output_fraction_ -= carry;
    }
}

void Stretcher::pull_input(Source& source, std::int64_t until) noexcept {
    float clean[8];
    while (input_end_ < until) {
        const long available = source.frames - source.taken;
        if (available <= 0 && !source.silence_after) return;
        long count = static_cast<long>(std::min<std::int64_t>(until - input_end_, kInputChunk));
        if (available > 0) count = std::min(count, available);
        make_room_for_input(count);
        const long offset = static_cast<long>(input_end_ - input_base_);
        for (long i = 0; i < count; ++i) {
            for (int c = 0; c < channels_; ++c) {
                float v = 0.0f;
                if (available > 0) v = source.data[(source.taken + i) * channels_ + c];
                if (!std::isfinite(v)) v = 0.0f;
                clean[c] = v;
                input_[at(c) * at(input_capacity_) + at(offset + i)] = v;
            }
            detector_.push(clean, input_end_ + i);
        }
        if (available > 0) source.taken += count;
        input_end_ += count;
    }
}

void Stretcher::make_room_for_input(long frames) noexcept {
    const long used = static_cast<long>(input_end_ - input_base_);
    if (used + frames <= input_capacity_) return;
    // Frames never move backwards, so nothing before the last analysis position is read again.
    std::int64_t keep_from = has_last_ ? std::min(last_position_, input_end_) : input_end_;
    keep_from = std::max(keep_from, input_end_ + frames - input_capacity_);
    keep_from = std::max(keep_from, input_base_);
    const long shift = static_cast<long>(keep_from - input_base_);
    if (shift <= 0) return;
    const long keep = used - shift;
    for (int c = 0; c < channels_; ++c) {
        float* data = input_.data() + at(c) * at(input_capacity_);
        std::memmove(data, data + shift, at(keep) * sizeof(float));
    }
    input_base_ = keep_from;
}

void Stretcher::synthesize_frame(Source& source) noexcept {
    const std::int64_t start = next_frame_ * hop_;
    const double centre = static_cast<double>(start) + size_ / 2;
    // Input up to half a window past the nominal frame end must be in, so onsets are seen
    // early; one detector block more, so that which onsets are in sight never depends on
    // how the caller cut the input into blocks.
    const double nominal = map_.input_at(centre) - size_ / 2;
    pull_input(source, static_cast<std::int64_t>(std::ceil(nominal)) + size_ + size_ / 2 + 1 +
                           detector_.reporting_delay());

    bool reset = false;
    const std::int64_t position = plan_analysis_position(centre, reset);
    analyse(position);
    lock_phases(reset);
    shape_spectrum();
    overlap_add(start);
    ++next_frame_;
}

double Stretcher::alignment_offset(std::int64_t frame, const Onset& onset) const noexcept {
    const double start = static_cast<double>(frame * hop_);
    const double aligned = start + static_cast<double>(onset.input) - onset.stretch;
    const double nominal = map_.input_at(start + size_ / 2) - size_ / 2;
    return aligned - nominal;
}

std::int64_t Stretcher::plan_analysis_position(double centre, bool& reset) noexcept {
    const double half = size_ / 2;
    const double nominal = map_.input_at(centre) - half;
    const std::int64_t horizon = static_cast<std::int64_t>(std::ceil(nominal)) + size_ + size_ / 2;

    // Retire the onset region once no frame can cover the onset any more.
    if (onset_.active) {
        const bool passed = onset_.aligned ? centre - onset_.stretch >= half
                                           : has_last_ && last_position_ >= onset_.input;
        if (passed) onset_.active = false;
    }
    // Take the next onset in sight. Frames covering it are copied with their own phases;
    // when the time map allows, they are also placed so the onset lands at its mapped time.
    if (!onset_.active) {
        for (std::int64_t t = detector_.peek(); t >= 0 && t <= horizon; t = detector_.peek()) {
            detector_.pop();
            if (has_last_ && t <= last_position_) continue;  // already behind every future frame
            onset_.active = true;
            onset_.input = t;
            onset_.stretch = map_.stretch_at(static_cast<double>(t));
            const std::int64_t entry = entry_frame(onset_);
            onset_.aligned = entry >= next_frame_ && std::fabs(alignment_offset(entry, onset_)) <= half;
            break;
        }
    }

    double offset;
    if (onset_.active && onset_.aligned && std::fabs(centre - onset_.stretch) < half) {
        offset = static_cast<double>(next_frame_ * hop_) + static_cast<double>(onset_.input) -
                 onset_.stretch - nominal;
        reset = true;
    } else if (onset_.active && onset_.aligned) {
        const std::int64_t entry = entry_frame(onset_);
        const double target = alignment_offset(entry, onset_);
        const auto remaining = static_cast<double>(entry - next_frame_);
        offset = last_offset_ + (target - last_offset_) / (remaining + 1.0);
    } else {
        offset = last_offset_ * kOffsetDecay;
        if (std::fabs(offset) < 0.5) offset = 0.0;
    }

    auto position = static_cast<std::int64_t>(std::llround(nominal + offset));
    if (has_last_) position = std::max(position, last_position_);
    position = std::min(position, input_end_ - size_);
    // Before the stream start the input is silence; past the FIFO's base it has been dropped.
    if (input_base_ > 0) position = std::max(position, input_base_);

    if (onset_.active && !onset_.aligned) {
        reset = onset_.input > position && onset_.input < position + size_;
    }
    // At a time ratio of exactly one nothing needs to move: keep the input's own phases.
    if (!has_last_ || (last_reset_ && position - last_position_ == hop_)) reset = true;

    last_offset_ = static_cast<double>(position) - nominal;
    last_position_ = position;
    last_reset_ = reset;
    has_last_ = true;
    return position;
}

void Stretcher::analyse(std::int64_t position) noexcept {
    const long first = static_cast<long>(std::max(position, input_base_) - position);
    const long last = static_cast<long>(std::min<std::int64_t>(position + size_, input_end_) - position);
    const auto bins = at(bins_);
    for (int c = 0; c < channels_; ++c) {
        std::fill(frame_.begin(), frame_.end(), 0.0f);
        if (last > first) {
            const float* source = input_.data() + at(c) * at(input_capacity_) +
                                  at(static_cast<long>(position - input_base_) + first);
            std::memcpy(frame_.data() + first, source, at(last - first) * sizeof(float));
        }
        float* xr = raw_re_.data() + at(c) * bins;
        float* xi = raw_im_.data() + at(c) * bins;
        float* wr = win_re_.data() + at(c) * bins;
        float* wi = win_im_.data() + at(c) * bins;
        fft_.forward(frame_.data(), xr, xi);
        // Hann window applied in the frequency domain: 0.5 X[k] - 0.25 (X[k-1] + X[k+1]).
        // The unwindowed spectrum stays, to give the derivative window at peaks.
        const std::size_t top = bins - 1;
        wr[0] = 0.5f * xr[0] - 0.5f * xr[1];
        wi[0] = 0.0f;
        for (std::size_t k = 1; k < top; ++k) {
            wr[k] = 0.5f * xr[k] - 0.25f * (xr[k - 1] + xr[k + 1]);
            wi[k] = 0.5f * xi[k] - 0.25f * (xi[k - 1] + xi[k + 1]);
        }
        wr[top] = 0.5f * xr[top] - 0.5f * xr[top - 1];
        wi[top] = 0.0f;
    }

    // One reference spectrum drives the phase of every channel, so the stereo image holds.
    std::copy(win_re_.begin(), win_re_.begin() + static_cast<std::ptrdiff_t>(bins), ref_re_.begin());
    std::copy(win_im_.begin(), win_im_.begin() + static_cast<std::ptrdiff_t>(bins), ref_im_.begin());
    std::fill(reference_channel_.begin(), reference_channel_.end(), channels_ == 1 ? 0 : -1);
    for (int c = 1; c < channels_; ++c) {
        const float* wr = win_re_.data() + at(c) * bins;
        const float* wi = win_im_.data() + at(c) * bins;
        for (std::size_t k = 0; k < bins; ++k) {
            ref_re_[k] += wr[k];
            ref_im_[k] += wi[k];
        }
    }
    for (std::size_t k = 0; k < bins; ++k) power_[k] = ref_re_[k] * ref_re_[k] + ref_im_[k] * ref_im_[k];
    if (channels_ > 1) {
        for (std::size_t k = 0; k < bins; ++k) {
            float total = 0.0f;
            float loudest = -1.0f;
            int loudest_channel = 0;
            for (int c = 0; c < channels_; ++c) {
                const float r = win_re_[at(c) * bins + k];
                const float i = win_im_[at(c) * bins + k];
                const float p = r * r + i * i;
                total += p;
                if (p > loudest) {
                    loudest = p;
                    loudest_channel = c;
                }
            }
            if (power_[k] < kCancellation * total) {
                ref_re_[k] = win_re_[at(loudest_channel) * bins + k];
                ref_im_[k] = win_im_[at(loudest_channel) * bins + k];
                power_[k] = loudest;
                reference_channel_[k] = loudest_channel;
            }
        }
    }
}

void Stretcher::lock_phases(bool reset) noexcept {
    const auto bins = at(bins_);
    if (reset) {
        std::fill(rot_re_.begin(), rot_re_.end(), 1.0f);
        std::fill(rot_im_.begin(), rot_im_.end(), 0.0f);
    } else {
        float loudest = 0.0f;
        for (std::size_t k = 0; k < bins; ++k) loudest = std::max(loudest, power_[k]);
        const float floor = loudest * 1e-14f;
        peaks_.clear();
        for (std::size_t k = 2; k + 2 < bins; ++k) {
            const float p = power_[k];
            if (p > floor && p > power_[k - 1] && p >= power_[k + 1] && p > power_[k - 2] && p >= power_[k + 2]) {
                peaks_.push_back(static_cast<int>(k));
            }
        }
        if (peaks_.empty()) {
            std::fill(rot_re_.begin(), rot_re_.end(), 1.0f);
            std::fill(rot_im_.begin(), rot_im_.end(), 0.0f);
        }
        const double bin_width = kTwoPi / size_;
        const float derivative_scale = static_cast<float>(kPi / (2.0 * size_));
        std::size_t region_start = 0;
        for (std::size_t p = 0; p < peaks_.size(); ++p) {
            const auto k = at(peaks_[p]);
            std::size_t region_end = bins;
            if (p + 1 < peaks_.size()) {
                region_end = k + 1;
                for (std::size_t j = k + 1; j < at(peaks_[p + 1]); ++j) {
                    if (power_[j] < power_[region_end]) region_end = j;
                }
            }
            // Instantaneous frequency from the derivative-window spectrum (reassignment):
            // independent of the analysis hop, so any time ratio and any jump is fine.
            float below_re = 0.0f, below_im = 0.0f, above_re = 0.0f, above_im = 0.0f;
            const int source = reference_channel_[k];
            for (int c = (source < 0 ? 0 : source); c < (source < 0 ? channels_ : source + 1); ++c) {
                below_re += raw_re_[at(c) * bins + k - 1];
                below_im += raw_im_[at(c) * bins + k - 1];
                above_re += raw_re_[at(c) * bins + k + 1];
                above_im += raw_im_[at(c) * bins + k + 1];
            }
            const float d_re = derivative_scale * (below_im - above_im);
            const float d_im = -derivative_scale * (below_re - above_re);
            const double w_re = ref_re_[k];
            const double w_im = ref_im_[k];
            const double power = power_[k];
            double deviation = -(static_cast<double>(d_im) * w_re - static_cast<double>(d_re) * w_im) / power;
            deviation = std::clamp(deviation, -2.0 * bin_width, 2.0 * bin_width);
            const double advance = std::fmod((static_cast<double>(k) * bin_width + deviation) * hop_, kTwoPi);
            const double c = std::cos(advance);
            const double s = std::sin(advance);
            const double last_re = last_re_[k];
            const double last_im = last_im_[k];
            double ps_re = last_re * c - last_im * s;
            double ps_im = last_re * s + last_im * c;
            const double norm = std::sqrt(ps_re * ps_re + ps_im * ps_im);
            if (norm > 0.0) {
                ps_re /= norm;
                ps_im /= norm;
            } else {
                ps_re = 1.0;
                ps_im = 0.0;
            }
            // Rotation taking the analysis phase to the synthesis phase, shared by the region.
            const double magnitude = std::sqrt(power);
            const auto r_re = static_cast<float>((ps_re * w_re + ps_im * w_im) / magnitude);
            const auto r_im = static_cast<float>((ps_im * w_re - ps_re * w_im) / magnitude);
            for (std::size_t j = region_start; j < region_end; ++j) {
                rot_re_[j] = r_re;
                rot_im_[j] = r_im;
            }
            region_start = region_end;
        }
    }
    // Remember each bin's synthesis phase for the next frame's phase advance.
    for (std::size_t k = 0; k < bins; ++k) {
        const float magnitude = std::sqrt(power_[k]);
        if (magnitude > 0.0f) {
            const float ur = ref_re_[k] / magnitude;
            const float ui = ref_im_[k] / magnitude;
            last_re_[k] = rot_re_[k] * ur - rot_im_[k] * ui;
            last_im_[k] = rot_re_[k] * ui + rot_im_[k] * ur;
        } else {
            last_re_[k] = rot_re_[k];
            last_im_[k] = rot_im_[k];
        }
    }
}

void Stretcher::shape_spectrum() noexcept {
    const auto bins = at(bins_);
    std::fill(gain_.begin(), gain_.end(), 1.0f);

    if (formants_ && step_ != 1.0) {
        // Spectral envelope by cepstral smoothing of the reference's log magnitude.
        for (std::size_t k = 0; k < bins; ++k) {
            spare_[k] = 0.5f * std::log(power_[k] + 1e-20f);
            spare_[bins + k] = 0.0f;
        }
        fft_.inverse(spare_.data(), spare_.data() + bins, cepstrum_.data());
        const float scale = 1.0f / static_cast<float>(size_);
        for (int n = 0; n < size_; ++n) {
            const bool keep = n <= cepstrum_cutoff_ || n >= size_ - cepstrum_cutoff_;
            cepstrum_[at(n)] = keep ? cepstrum_[at(n)] * scale : 0.0f;
        }
        fft_.forward(cepstrum_.data(), envelope_.data(), spare_.data());
        // The resampler moves every frequency by the transposition; pre-warp the envelope so
        // it lands back where it was.
        const double top = static_cast<double>(bins - 1);
        for (std::size_t k = 0; k < bins; ++k) {
            const double source = std::min(static_cast<double>(k) * step_, top);
            const auto lo = static_cast<std::size_t>(source);
            const std::size_t hi = std::min(lo + 1, bins - 1);
            const auto frac = static_cast<float>(source - static_cast<double>(lo));
            const float target = envelope_[lo] + frac * (envelope_[hi] - envelope_[lo]);
            gain_[k] = std::exp(std::clamp(target - envelope_[k], -12.0f, 6.0f));
        }
    }
    if (step_ > 1.0) {
        // Transposing up: nothing above the output's Nyquist frequency may survive.
        const double cutoff = static_cast<double>(bins - 1) / step_;
        constexpr double kTaper = 6.0;
        for (std::size_t k = 0; k < bins; ++k) {
            const double kk = static_cast<double>(k);
            if (kk >= cutoff) {
                gain_[k] = 0.0f;
            } else if (kk > cutoff - kTaper) {
                gain_[k] *= static_cast<float>(0.5 - 0.5 * std::cos(kPi * (cutoff - kk) / kTaper));
            }
        }
    }

    for (int c = 0; c < channels_; ++c) {
        float* wr = win_re_.data() + at(c) * bins;
        float* wi = win_im_.data() + at(c) * bins;
        for (std::size_t k = 0; k < bins; ++k) {
            const float yr = (wr[k] * rot_re_[k] - wi[k] * rot_im_[k]) * gain_[k];
            const float yi = (wr[k] * rot_im_[k] + wi[k] * rot_re_[k]) * gain_[k];
            wr[k] = yr;
            wi[k] = yi;
        }
    }
}

void Stretcher::overlap_add(std::int64_t position) noexcept {
    make_room_for_frame(position + size_);
    const auto bins = at(bins_);
    const auto offset = at(static_cast<long>(position - stretched_base_));
    const auto fresh_from = at(static_cast<long>(stretched_end_ - stretched_base_));
    const auto frame_end = at(static_cast<long>(position + size_ - stretched_base_));
    for (int c = 0; c < channels_; ++c) {
        fft_.inverse(win_re_.data() + at(c) * bins, win_im_.data() + at(c) * bins, frame_.data());
        float* channel = stretched_.data() + at(c) * at(stretched_capacity_);
        if (frame_end > fresh_from) std::fill(channel + fresh_from, channel + frame_end, 0.0f);
        float* target = channel + offset;
        for (std::size_t n = 0; n < at(size_); ++n) target[n] += frame_[n] * window_[n] * overlap_gain_;
    }
    stretched_end_ = std::max(stretched_end_, position + size_);
}

void Stretcher::make_room_for_frame(std::int64_t frame_end) noexcept {
    if (frame_end - stretched_base_ <= stretched_capacity_) return;
    // The resampler never reads further back than its kernel's half width.
    const std::int64_t keep_from =
        output_whole_ - stretch_delay_ - resampler_.max_half_width() - 2;
    const long shift = static_cast<long>(keep_from - stretched_base_);
    if (shift <= 0) return;
    const long used = static_cast<long>(stretched_end_ - stretched_base_);
    const long keep = std::max(0L, used - shift);
    for (int c = 0; c < channels_; ++c) {
        float* data = stretched_.data() + at(c) * at(stretched_capacity_);
        if (keep > 0) std::memmove(data, data + shift, at(keep) * sizeof(float));
    }
    stretched_base_ = keep_from;
    stretched_end_ = std::max(stretched_end_, stretched_base_);
}

void Stretcher::read_output(double position, float* frame) noexcept {
    if (step_ == 1.0 && output_fraction_ == 0.0) {
        const auto index = at(static_cast<long>(position));
        for (int c = 0; c < channels_; ++c) frame[c] = stretched_[at(c) * at(stretched_capacity_) + index];
        return;
    }
    const long first = resampler_.weights(position, taps_.data());
    const int taps = 2 * resampler_.half_width();
    for (int c = 0; c < channels_; ++c) {
        const float* data = stretched_.data() + at(c) * at(stretched_capacity_) + at(first);
        float sum = 0.0f;
        for (int j = 0; j < taps; ++j) sum += taps_[at(j)] * data[j];
        frame[c] = sum;
    }
}

}  // namespace stretchcore::engine
