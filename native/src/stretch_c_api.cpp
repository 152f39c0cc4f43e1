// The C ABI: argument checks, status codes, and a wall that no exception crosses.
#include <stretch/stretch.h>

#include <cmath>
#include <cstring>
#include <exception>
#include <new>

#include "dsp/portable_math.hpp"
#include "engine/stretcher.hpp"

struct stretch {
    stretchcore::engine::Stretcher engine;
};

// The limits as text, for the status message: spelled once, in stretch.h.
#define STRETCH_TEXT(x) #x
#define STRETCH_VALUE_TEXT(x) STRETCH_TEXT(x)

namespace {

// Checks one interleaved buffer argument.
stretch_status check_buffer(const void* data, int samples, int channels) {
    if (samples < 0) return STRETCH_ERROR_INVALID_ARGUMENT;
    if (samples > 0 && data == nullptr) return STRETCH_ERROR_INVALID_ARGUMENT;
    if (samples % channels != 0) return STRETCH_ERROR_BAD_LENGTH;
    return STRETCH_OK;
}

stretch_status check_pair(const stretch_t* instance, const float* input, int input_samples, const float* output,
                          int output_samples) {
    if (instance == nullptr) return STRETCH_ERROR_INVALID_ARGUMENT;
    const int channels = instance->engine.channels();
    const stretch_status in = check_buffer(input, input_samples, channels);
    if (in != STRETCH_OK) return in;
    return check_buffer(output, output_samples, channels);
}

bool ratio_in_range(int input_frames, int output_frames) {
    if (input_frames <= 0) return false;
    const double ratio = static_cast<double>(output_frames) / static_cast<double>(input_frames);
    return ratio >= STRETCH_MIN_TIME_RATIO && ratio <= STRETCH_MAX_TIME_RATIO;
}

template <typename Body>
stretch_status guarded(Body&& body) noexcept {
    try {
        return body();
    } catch (const std::bad_alloc&) {
        return STRETCH_ERROR_OUT_OF_MEMORY;
    } catch (...) {
        return STRETCH_ERROR_INTERNAL;
    }
}

}  // namespace

extern "C" {

const char* stretch_status_message(stretch_status status) {
    // Any int may arrive; loading a value the enum cannot hold as the enum type is undefined,
    // so switch on its bits as an int.
    static_assert(sizeof(stretch_status) == sizeof(int), "stretch_status is passed as an int");
    int code = 0;
    std::memcpy(&code, &status, sizeof code);
    switch (code) {
        case STRETCH_OK: return "success";
        case STRETCH_ERROR_INVALID_ARGUMENT:
            return "invalid argument: a required pointer is NULL, a length is negative, or a parameter is not a finite number";
        case STRETCH_ERROR_BAD_LENGTH:
            return "bad length: buffer lengths are in samples and must be a multiple of the channel count";
        case STRETCH_ERROR_OUT_OF_RANGE:
            // clang-format off
            return "out of range: "
                   "channels 1-" STRETCH_VALUE_TEXT(STRETCH_MAX_CHANNELS) ", "
                   "sample rate " STRETCH_VALUE_TEXT(STRETCH_MIN_SAMPLE_RATE) "-"
                                  STRETCH_VALUE_TEXT(STRETCH_MAX_SAMPLE_RATE) " Hz, "
                   "transposition -" STRETCH_VALUE_TEXT(STRETCH_MAX_SEMITONES) "..+"
                                     STRETCH_VALUE_TEXT(STRETCH_MAX_SEMITONES) " semitones "
                   "(factor " STRETCH_VALUE_TEXT(STRETCH_MIN_TRANSPOSE_FACTOR) "-"
                              STRETCH_VALUE_TEXT(STRETCH_MAX_TRANSPOSE_FACTOR) "), "
                   "time ratio " STRETCH_VALUE_TEXT(STRETCH_MIN_TIME_RATIO) "-"
                                 STRETCH_VALUE_TEXT(STRETCH_MAX_TIME_RATIO);
            // clang-format on
        case STRETCH_ERROR_BAD_STATE: return "bad state: the call is not valid in the instance's current state";
        case STRETCH_ERROR_OUT_OF_MEMORY: return "out of memory";
        case STRETCH_ERROR_INTERNAL: return "internal error: destroy the instance";
    }
    return "unknown status";
}

const char* stretch_version(void) {
    return STRETCH_VALUE_TEXT(STRETCH_VERSION_MAJOR) "." STRETCH_VALUE_TEXT(STRETCH_VERSION_MINOR) "."
        STRETCH_VALUE_TEXT(STRETCH_VERSION_PATCH);
}

stretch_status stretch_create(int channels, double sample_rate, stretch_preset preset, stretch_t** out) {
    if (out == nullptr) return STRETCH_ERROR_INVALID_ARGUMENT;
    *out = nullptr;
    if (!std::isfinite(sample_rate)) return STRETCH_ERROR_INVALID_ARGUMENT;
    // A caller may pass any int; loading it as the enum type would be undefined for values
    // the enum cannot hold, so look at its bits as an int.
    static_assert(sizeof(stretch_preset) == sizeof(int), "stretch_preset is passed as an int");
    int preset_value = 0;
    std::memcpy(&preset_value, &preset, sizeof preset_value);
    if (preset_value != STRETCH_PRESET_DEFAULT && preset_value != STRETCH_PRESET_CHEAPER) {
        return STRETCH_ERROR_INVALID_ARGUMENT;
    }
    if (channels < 1 || channels > STRETCH_MAX_CHANNELS) return STRETCH_ERROR_OUT_OF_RANGE;
    if (sample_rate < STRETCH_MIN_SAMPLE_RATE || sample_rate > STRETCH_MAX_SAMPLE_RATE) return STRETCH_ERROR_OUT_OF_RANGE;
    return guarded([&] {
        const auto engine_preset = preset_value == STRETCH_PRESET_DEFAULT ? stretchcore::engine::Preset::Default
                                                                    : stretchcore::engine::Preset::Cheaper;
        *out = new stretch{stretchcore::engine::Stretcher(channels, sample_rate, engine_preset)};
        return STRETCH_OK;
    });
}

void stretch_destroy(stretch_t* instance) { delete instance; }

stretch_status stretch_set_transpose_factor(stretch_t* instance, double factor) {
    if (instance == nullptr || !std::isfinite(factor)) return STRETCH_ERROR_INVALID_ARGUMENT;
    if (factor < STRETCH_MIN_TRANSPOSE_FACTOR || factor > STRETCH_MAX_TRANSPOSE_FACTOR) {
        return STRETCH_ERROR_OUT_OF_RANGE;
    }
    instance->engine.set_transpose(factor);
    return STRETCH_OK;
}

stretch_status stretch_set_transpose_semitones(stretch_t* instance, double semitones) {
    if (instance == nullptr || !std::isfinite(semitones)) return STRETCH_ERROR_INVALID_ARGUMENT;
    if (std::fabs(semitones) > STRETCH_MAX_SEMITONES) return STRETCH_ERROR_OUT_OF_RANGE;
    return stretch_set_transpose_factor(instance, stretchcore::dsp::portable_exp2(semitones / 12.0));
}

stretch_status stretch_set_formant_preservation(stretch_t* instance, int enabled) {
    if (instance == nullptr) return STRETCH_ERROR_INVALID_ARGUMENT;
    instance->engine.set_formant_preservation(enabled != 0);
    return STRETCH_OK;
}

stretch_status stretch_set_time_ratio(stretch_t* instance, double ratio) {
    if (instance == nullptr || !std::isfinite(ratio)) return STRETCH_ERROR_INVALID_ARGUMENT;
    if (ratio != 0.0 && (ratio < STRETCH_MIN_TIME_RATIO || ratio > STRETCH_MAX_TIME_RATIO)) {
        return STRETCH_ERROR_OUT_OF_RANGE;
    }
    instance->engine.set_time_ratio(ratio);
    return STRETCH_OK;
}

int stretch_channels(const stretch_t* instance) {
    return instance == nullptr ? STRETCH_ERROR_INVALID_ARGUMENT : instance->engine.channels();
}

int stretch_input_latency(const stretch_t* instance) {
    return instance == nullptr ? STRETCH_ERROR_INVALID_ARGUMENT : instance->engine.input_latency();
}

int stretch_output_latency(const stretch_t* instance) {
    return instance == nullptr ? STRETCH_ERROR_INVALID_ARGUMENT : instance->engine.output_latency();
}

int stretch_tail_frames(const stretch_t* instance) {
    return instance == nullptr ? STRETCH_ERROR_INVALID_ARGUMENT : instance->engine.tail_frames();
}

stretch_status stretch_reset(stretch_t* instance) {
    if (instance == nullptr) return STRETCH_ERROR_INVALID_ARGUMENT;
    instance->engine.reset();
    return STRETCH_OK;
}

stretch_status stretch_process(stretch_t* instance, const float* input, int input_samples, float* output,
                               int output_samples) {
    const stretch_status checked = check_pair(instance, input, input_samples, output, output_samples);
    if (checked != STRETCH_OK) return checked;
    const int channels = instance->engine.channels();
    // Frames, not samples, from here on: a count of samples fits an int, so its frames do too,
    // and the engine works in 64-bit positions.
    const int in_frames = input_samples / channels;
    const int out_frames = output_samples / channels;
    // Short blocks carry the rounding of block-wise streaming; long ones state a ratio.
    const bool states_ratio = in_frames >= STRETCH_RATIO_CHECK_FRAMES || out_frames >= STRETCH_RATIO_CHECK_FRAMES;
    if (states_ratio && !ratio_in_range(in_frames, out_frames)) return STRETCH_ERROR_OUT_OF_RANGE;
    instance->engine.process(input, in_frames, output, out_frames);
    return STRETCH_OK;
}

stretch_status stretch_flush(stretch_t* instance, float* output, int output_samples) {
    if (instance == nullptr) return STRETCH_ERROR_INVALID_ARGUMENT;
    const stretch_status checked = check_buffer(output, output_samples, instance->engine.channels());
    if (checked != STRETCH_OK) return checked;
    instance->engine.flush(output, output_samples / instance->engine.channels());
    return STRETCH_OK;
}

stretch_status stretch_render(stretch_t* instance, const float* input, int input_samples, float* output,
                              int output_samples) {
    const stretch_status checked = check_pair(instance, input, input_samples, output, output_samples);
    if (checked != STRETCH_OK) return checked;
    const int channels = instance->engine.channels();
    const int in_frames = input_samples / channels;
    const int out_frames = output_samples / channels;
    if (in_frames == 0 && out_frames == 0) return STRETCH_OK;
    if (!ratio_in_range(in_frames, out_frames)) return STRETCH_ERROR_OUT_OF_RANGE;
    instance->engine.render(input, in_frames, output, out_frames);
    return STRETCH_OK;
}

}  // extern "C"
