#include "fuzz_driver.hpp"

#include <stretch/stretch.h>

#include <algorithm>
#include <climits>
#include <cmath>
#include <vector>

#include "fuzz_values.hpp"

namespace stretch_fuzz {

namespace {

// Frames flushed after a whole tail, which must be silent.
constexpr int kPastTail = 256;

bool known_status(int s) { return s <= STRETCH_OK && s >= STRETCH_ERROR_INTERNAL; }

// The status the header documents for a buffer argument, or STRETCH_OK.
int expected_buffer_status(bool null, int samples, int channels) {
    if (samples < 0 || (samples > 0 && null)) return STRETCH_ERROR_INVALID_ARGUMENT;
    if (samples % channels != 0) return STRETCH_ERROR_BAD_LENGTH;
    return STRETCH_OK;
}

class Runner {
public:
    explicit Runner(const std::uint8_t* data, std::size_t size) : in_(data, size) {}
    ~Runner() { stretch_destroy(instance_); }
    Runner(const Runner&) = delete;
    Runner& operator=(const Runner&) = delete;

    std::string run() {
        create();
        for (int call = 0; call < kMaxCalls && !in_.empty() && failure_.empty(); ++call) step();
        if (failure_.empty()) check_counts("end");
        return failure_;
    }

private:
    void fail(const std::string& what) {
        if (failure_.empty()) failure_ = what;
    }

    void expect_status(const char* call, int got, int expected) {
        if (!known_status(got)) fail(std::string(call) + ": unknown status " + std::to_string(got));
        if (got != expected) {
            fail(std::string(call) + ": status " + std::to_string(got) + ", expected " + std::to_string(expected));
        }
    }

    void expect_finite(const char* call, const std::vector<float>& out) {
        for (std::size_t i = 0; i < out.size(); ++i) {
            if (!std::isfinite(out[i])) {
                fail(std::string(call) + ": non-finite output at sample " + std::to_string(i));
                return;
            }
        }
    }

    void create() {
        stretch_destroy(instance_);
        instance_ = nullptr;
        // Mostly few channels at low rates, where a frame costs least; the rest now and then.
        const int channels_choices[] = {1, 2, 1, 2, 1, 3, 8, 0, -1, 9};
        const double rate_choices[] = {8000.0,  8000.0,   11025.0, 8000.0,   22050.0,  44100.0, 48000.0,
                                       96000.0, 192000.0, 7999.0,  192001.0, -44100.0, kNaN,    kInfinity};
        const int preset_choices[] = {0, 1, 0, 1, 2, -1, 1000, INT_MIN, INT_MAX};
        const int channels = in_.pick(channels_choices);
        const double rate = in_.pick(rate_choices);
        const int preset = in_.pick(preset_choices);
        int expected = STRETCH_OK;
        if (!std::isfinite(rate) || (preset != 0 && preset != 1)) {
            expected = STRETCH_ERROR_INVALID_ARGUMENT;
        } else if (channels < 1 || channels > STRETCH_MAX_CHANNELS || rate < STRETCH_MIN_SAMPLE_RATE ||
                   rate > STRETCH_MAX_SAMPLE_RATE) {
            expected = STRETCH_ERROR_OUT_OF_RANGE;
        }
        // A C caller may pass any int as the preset; the conversion is how it arrives.
        const int status = stretch_create(channels, rate, static_cast<stretch_preset>(preset), &instance_);
        expect_status("create", status, expected);
        if ((status == STRETCH_OK) != (instance_ != nullptr)) fail("create: out disagrees with the status");
        channels_ = instance_ != nullptr ? channels : 1;
    }

    // A frame count for one buffer, within the work budget; sometimes zero.
    int frames() {
        const std::int64_t left = kMaxTotalFrames - spent_;
        if (left <= 0) return 0;
        const int wanted = static_cast<int>(in_.u16() % (kMaxCallFrames + 1));
        const int granted = static_cast<int>(wanted < left ? wanted : left);
        spent_ += granted;
        return granted;
    }

    // A sample count: usually whole frames, sometimes a bad length or a negative one.
    int samples(int frame_count) {
        const std::uint8_t how = in_.u8();
        if (how < 230) return frame_count * channels_;
        if (how < 245) return frame_count * channels_ + 1;
        return -1 - frame_count;
    }

    void step() {
        // Op codes 0-11 keep the meaning the checked-in corpus was written with.
        switch (in_.u8() % 13) {
            case 0: {
                const double v = parameter_value(in_);
                int expected = STRETCH_OK;
                if (instance_ == nullptr || !std::isfinite(v)) {
                    expected = STRETCH_ERROR_INVALID_ARGUMENT;
                } else if (std::fabs(v) > STRETCH_MAX_SEMITONES) {
                    expected = STRETCH_ERROR_OUT_OF_RANGE;
                }
                expect_status("set_transpose_semitones", stretch_set_transpose_semitones(instance_, v), expected);
                break;
            }
            case 1: {
                const double v = parameter_value(in_);
                int expected = STRETCH_OK;
                if (instance_ == nullptr || !std::isfinite(v)) {
                    expected = STRETCH_ERROR_INVALID_ARGUMENT;
                } else if (v < STRETCH_MIN_TRANSPOSE_FACTOR || v > STRETCH_MAX_TRANSPOSE_FACTOR) {
                    expected = STRETCH_ERROR_OUT_OF_RANGE;
                }
                expect_status("set_transpose_factor", stretch_set_transpose_factor(instance_, v), expected);
                break;
            }
            case 2: {
                const auto enabled = static_cast<int>(in_.u32());
                expect_status("set_formant_preservation", stretch_set_formant_preservation(instance_, enabled),
                              instance_ == nullptr ? STRETCH_ERROR_INVALID_ARGUMENT : STRETCH_OK);
                break;
            }
            case 3:
            case 4:
            case 5:
                process();
                break;
            case 6:
                flush(false);
                break;
            case 7:
                flush(true);
                break;
            case 8:
                render();
                break;
            case 9:
                expect_status("reset", stretch_reset(instance_),
                              instance_ == nullptr ? STRETCH_ERROR_INVALID_ARGUMENT : STRETCH_OK);
                break;
            case 10: {
                const auto code = static_cast<int>(in_.u32());
                const char* m = stretch_status_message(static_cast<stretch_status>(code));
                if (m == nullptr || m[0] == '\0') fail("status_message: no text for " + std::to_string(code));
                check_counts("query");
                break;
            }
            case 12:
                set_time_ratio();
                break;
            default:
                create();
                break;
        }
    }

    // States a time ratio (or 0, the calls' counts), then sometimes keeps to it for a few
    // process calls, as a caller that states one must; the other calls may break it.
    void set_time_ratio() {
        const double v = parameter_value(in_);
        int expected = STRETCH_OK;
        if (instance_ == nullptr || !std::isfinite(v)) {
            expected = STRETCH_ERROR_INVALID_ARGUMENT;
        } else if (v != 0.0 && (v < STRETCH_MIN_TIME_RATIO || v > STRETCH_MAX_TIME_RATIO)) {
            expected = STRETCH_ERROR_OUT_OF_RANGE;
        }
        const int status = stretch_set_time_ratio(instance_, v);
        expect_status("set_time_ratio", status, expected);
        check_counts("set_time_ratio");
        if (status != STRETCH_OK || v == 0.0) return;
        // Blocks whose cumulative counts follow the running total round(input so far x ratio).
        const int blocks = in_.u8() % 4;
        std::int64_t in_total = 0, out_total = 0;
        for (int b = 0; b < blocks; ++b) {
            const int in_frames = frames();
            in_total += in_frames;
            const std::int64_t due = std::llround(static_cast<double>(in_total) * v);
            const std::int64_t left = kMaxTotalFrames - spent_;
            const int out_frames = static_cast<int>(std::max<std::int64_t>(0, std::min(due - out_total, left)));
            spent_ += out_frames;
            out_total += out_frames;
            std::vector<float> input(static_cast<std::size_t>(in_frames * channels_));
            std::vector<float> output(static_cast<std::size_t>(out_frames * channels_), -1.0f);
            fill(in_, input);
            const float* in_ptr = input.empty() ? nullptr : input.data();
            float* out_ptr = output.empty() ? nullptr : output.data();
            int want = expected_pair_status(in_ptr == nullptr, in_frames * channels_, out_ptr == nullptr,
                                            out_frames * channels_);
            const bool states_ratio =
                in_frames >= STRETCH_RATIO_CHECK_FRAMES || out_frames >= STRETCH_RATIO_CHECK_FRAMES;
            if (want == STRETCH_OK && states_ratio && !ratio_in_range(in_frames, out_frames)) {
                want = STRETCH_ERROR_OUT_OF_RANGE;
            }
            const int got = stretch_process(instance_, in_ptr, in_frames * channels_, out_ptr, out_frames * channels_);
            expect_status("process at the stated ratio", got, want);
            if (got == STRETCH_OK) expect_finite("process at the stated ratio", output);
        }
        check_counts("process at the stated ratio");
    }

    // The status the header documents for a process or render call's buffers, or STRETCH_OK.
    int expected_pair_status(bool in_null, int in_samples, bool out_null, int out_samples) const {
        if (instance_ == nullptr) return STRETCH_ERROR_INVALID_ARGUMENT;
        const int in = expected_buffer_status(in_null, in_samples, channels_);
        if (in != STRETCH_OK) return in;
        return expected_buffer_status(out_null, out_samples, channels_);
    }

    // The counts passed are exactly the buffers' lengths.
    bool counts_match(int in_samples, int in_frames, int out_samples, int out_frames) const {
        return in_samples == in_frames * channels_ && out_samples == out_frames * channels_;
    }

    static bool ratio_in_range(int in_frames, int out_frames) {
        if (in_frames <= 0) return false;
        const double ratio = static_cast<double>(out_frames) / in_frames;
        return ratio >= STRETCH_MIN_TIME_RATIO && ratio <= STRETCH_MAX_TIME_RATIO;
    }

    void process() {
        const int in_frames = frames();
        const int out_frames = frames();
        const int in_samples = samples(in_frames);
        const int out_samples = samples(out_frames);
        std::vector<float> input(static_cast<std::size_t>(in_frames * channels_));
        std::vector<float> output(static_cast<std::size_t>(out_frames * channels_), -1.0f);
        fill(in_, input);
        // Every buffer is exactly as long as the frames asked for: a bad length must be caught
        // before anything is read or written.
        const float* in_ptr = input.empty() ? nullptr : input.data();
        float* out_ptr = output.empty() ? nullptr : output.data();
        const int buffers = expected_pair_status(in_ptr == nullptr, in_samples, out_ptr == nullptr, out_samples);
        int expected = buffers;
        if (expected == STRETCH_OK) {
            const bool states_ratio =
                in_frames >= STRETCH_RATIO_CHECK_FRAMES || out_frames >= STRETCH_RATIO_CHECK_FRAMES;
            if (states_ratio && !ratio_in_range(in_frames, out_frames)) expected = STRETCH_ERROR_OUT_OF_RANGE;
        }
        // A count the buffer does not hold would make the library read or write past it: pass one
        // only when the buffer checks reject it. (A mono count one frame too long passes them; the
        // library then trusts it, whatever else the call gets wrong.)
        if (buffers != STRETCH_OK || counts_match(in_samples, in_frames, out_samples, out_frames)) {
            const int status = stretch_process(instance_, in_ptr, in_samples, out_ptr, out_samples);
            expect_status("process", status, expected);
            if (status == STRETCH_OK) expect_finite("process", output);
        }
        check_counts("process");
    }

    void flush(bool whole_tail) {
        int out_frames = frames();
        bool complete = false;  // the whole tail fits the budget, with kPastTail frames after it
        if (whole_tail && instance_ != nullptr) {
            const int tail = stretch_tail_frames(instance_);
            const std::int64_t left = kMaxTotalFrames - spent_;
            complete = tail + kPastTail <= left;
            out_frames = static_cast<int>(tail < left ? tail : (left > 0 ? left : 0));
            spent_ += out_frames;
        }
        const int out_samples = whole_tail ? out_frames * channels_ : samples(out_frames);
        std::vector<float> output(static_cast<std::size_t>(out_frames * channels_), -1.0f);
        float* out_ptr = output.empty() ? nullptr : output.data();
        const int expected = instance_ == nullptr ? STRETCH_ERROR_INVALID_ARGUMENT
                                                  : expected_buffer_status(out_ptr == nullptr, out_samples, channels_);
        if (expected != STRETCH_OK || out_samples == out_frames * channels_) {
            const int status = stretch_flush(instance_, out_ptr, out_samples);
            expect_status("flush", status, expected);
            if (status == STRETCH_OK) expect_finite("flush", output);
            if (status == STRETCH_OK && complete) expect_silence_past_tail();
        }
        check_counts("flush");
    }

    // The tail is complete: what a flush writes after it is silence.
    void expect_silence_past_tail() {
        spent_ += kPastTail;
        std::vector<float> after(static_cast<std::size_t>(kPastTail * channels_), -1.0f);
        expect_status("flush past the tail", stretch_flush(instance_, after.data(), kPastTail * channels_), STRETCH_OK);
        for (float v : after) {
            if (v != 0.0f) {
                fail("flush past the tail: output " + std::to_string(v) + " where silence was due");
                return;
            }
        }
    }

    void render() {
        const int in_frames = frames();
        const int out_frames = frames();
        const int in_samples = samples(in_frames);
        const int out_samples = samples(out_frames);
        std::vector<float> input(static_cast<std::size_t>(in_frames * channels_));
        std::vector<float> output(static_cast<std::size_t>(out_frames * channels_), -1.0f);
        fill(in_, input);
        const float* in_ptr = input.empty() ? nullptr : input.data();
        float* out_ptr = output.empty() ? nullptr : output.data();
        const int buffers = expected_pair_status(in_ptr == nullptr, in_samples, out_ptr == nullptr, out_samples);
        int expected = buffers;
        if (expected == STRETCH_OK && !(in_frames == 0 && out_frames == 0) && !ratio_in_range(in_frames, out_frames)) {
            expected = STRETCH_ERROR_OUT_OF_RANGE;
        }
        // As in process(): a ratio out of range is judged on the counts passed, so it does not keep
        // a count longer than the buffer away from it.
        if (buffers != STRETCH_OK || counts_match(in_samples, in_frames, out_samples, out_frames)) {
            const int status = stretch_render(instance_, in_ptr, in_samples, out_ptr, out_samples);
            expect_status("render", status, expected);
            if (status == STRETCH_OK) expect_finite("render", output);
        }
        check_counts("render");
    }

    // Latencies and tail: positive for an instance, the NULL status without one. (A tail beyond
    // ten seconds at the highest rate would mean the time map went wrong.)
    void check_counts(const char* after) {
        const int counts[] = {stretch_channels(instance_), stretch_input_latency(instance_),
                              stretch_output_latency(instance_), stretch_tail_frames(instance_)};
        for (int value : counts) {
            const bool ok = instance_ == nullptr ? value == STRETCH_ERROR_INVALID_ARGUMENT
                                                 : value > 0 && value < 10 * STRETCH_MAX_SAMPLE_RATE;
            if (!ok) {
                fail(std::string("counts after ") + after + ": " + std::to_string(counts[0]) + " channels, latency " +
                     std::to_string(counts[1]) + " in / " + std::to_string(counts[2]) + " out, tail " +
                     std::to_string(counts[3]));
                return;
            }
        }
    }

    Bytes in_;
    stretch_t* instance_ = nullptr;
    int channels_ = 1;
    std::int64_t spent_ = 0;
    std::string failure_;
};

}  // namespace

std::string run_case(const std::uint8_t* data, std::size_t size) { return Runner(data, size).run(); }

}  // namespace stretch_fuzz
