/*
 * stretch — time-stretch and pitch-shift for interleaved float audio.
 *
 * A phase vocoder with phase locking, transient preservation, a shared phase
 * advance for all channels (the stereo image survives), band-limited pitch
 * shifting and optional formant preservation.
 *
 * Conventions
 *   - Audio is interleaved 32-bit float. Every length is in samples, that is
 *     frames x channels; a length that is not a multiple of the channel count is
 *     an error (STRETCH_ERROR_BAD_LENGTH).
 *   - Lengths are int: one call takes at most INT_MAX (2^31 - 1) samples of input and
 *     of output, that is INT_MAX / channels frames. Longer audio is streamed through
 *     several stretch_process calls; inside, stream positions are 64-bit and never wrap.
 *   - Every function that can fail returns a stretch_status; nothing throws and
 *     nothing aborts. Enum arguments are checked whatever int arrives.
 *   - Full scale is +-1. Non-finite input samples are treated as silence. Finite
 *     samples beyond +-2^32 (192 dB above full scale) are clipped to +-2^32; below
 *     that nothing changes. Any finite input gives finite output.
 *   - No global state: independent instances may run on different threads at the
 *     same time with no lock anywhere. One instance must not be used by two
 *     threads at once.
 *   - process and render never allocate; all memory is taken by stretch_create.
 *   - The same configuration and input give bit-identical output on any thread,
 *     on any run.
 */
#ifndef STRETCH_STRETCH_H
#define STRETCH_STRETCH_H

#include <stretchbindings/annotations.h>

#if defined(_WIN32) && !defined(STRETCH_STATIC) /* STRETCH_STATIC: linked in, nothing to import */
#if defined(STRETCH_BUILDING_LIBRARY)
#define STRETCH_API __declspec(dllexport)
#else
#define STRETCH_API __declspec(dllimport)
#endif
#elif defined(__GNUC__) && !defined(_WIN32)
#define STRETCH_API __attribute__((visibility("default")))
#else
#define STRETCH_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/** Library version, major part; stretch_version() returns "major.minor.patch". */
#define STRETCH_VERSION_MAJOR 0
/** Library version, minor part. */
#define STRETCH_VERSION_MINOR 1
/** Library version, patch part. */
#define STRETCH_VERSION_PATCH 0

/** Supported channel counts. */
#define STRETCH_MAX_CHANNELS 8
/** Lowest supported sample rate, in Hz. */
#define STRETCH_MIN_SAMPLE_RATE 8000
/** Highest supported sample rate, in Hz. */
#define STRETCH_MAX_SAMPLE_RATE 192000
/** Largest transposition, in semitones either way. */
#define STRETCH_MAX_SEMITONES 24
/** Smallest transposition factor: STRETCH_MAX_SEMITONES down. */
#define STRETCH_MIN_TRANSPOSE_FACTOR 0.25
/** Largest transposition factor: STRETCH_MAX_SEMITONES up. */
#define STRETCH_MAX_TRANSPOSE_FACTOR 4.0
/** Smallest time ratio (output frames / input frames): the output a quarter as long as the input. */
#define STRETCH_MIN_TIME_RATIO 0.25
/** Largest time ratio (output frames / input frames): the output four times as long as the input. */
#define STRETCH_MAX_TIME_RATIO 4.0
/** Largest block that stretch_process checks for a time ratio within 1/4..4, in frames. */
#define STRETCH_RATIO_CHECK_FRAMES 1024

/** Result of every call that can fail: zero is success, negative values are errors. */
typedef enum SB_STATUS(stretch_status_message) stretch_status {
    /** Success. */
    STRETCH_OK = 0,
    /** A required pointer is NULL, a length is negative, or a parameter is NaN or infinite. */
    STRETCH_ERROR_INVALID_ARGUMENT = -1,
    /** A buffer length is not a multiple of the channel count. */
    STRETCH_ERROR_BAD_LENGTH = -2,
    /** A parameter is outside its supported range (channels, sample rate, transposition, time ratio). */
    STRETCH_ERROR_OUT_OF_RANGE = -3,
    /** The call is not valid in the instance's current state. */
    STRETCH_ERROR_BAD_STATE = -4,
    /** Memory could not be allocated. */
    STRETCH_ERROR_OUT_OF_MEMORY = -5,
    /** An unexpected internal failure; the instance should be destroyed. */
    STRETCH_ERROR_INTERNAL = -6
} stretch_status;

/** Quality presets. */
typedef enum stretch_preset {
    /** About 120 ms blocks with 4x overlap: the best quality. */
    STRETCH_PRESET_DEFAULT = 0,
    /** About 70 ms blocks with 3x overlap and a shorter resampling filter: faster, lower latency. */
    STRETCH_PRESET_CHEAPER = 1
} stretch_preset;

/**
 * An opaque stretcher instance. It may move between threads but must never be used by
 * two threads at once.
 */
typedef struct SB_HANDLE(stretch_create, stretch_destroy) SB_SINGLE_THREADED stretch stretch_t;

/**
 * Returns a static, human-readable description of a status code. Never returns NULL;
 * unknown codes give "unknown status".
 */
SB_SHORT_CALL STRETCH_API const char* stretch_status_message(stretch_status status);

/** Returns the library version as a static "major.minor.patch" string. */
SB_SHORT_CALL STRETCH_API const char* stretch_version(void);

/**
 * Creates an instance and takes all the memory it will ever use.
 * @param channels     interleaved channel count, 1 to STRETCH_MAX_CHANNELS.
 * @param sample_rate  sample rate in Hz, STRETCH_MIN_SAMPLE_RATE to STRETCH_MAX_SAMPLE_RATE.
 * @param preset       quality preset.
 * @param out          receives the new instance; set to NULL on failure.
 * @return STRETCH_OK; STRETCH_ERROR_INVALID_ARGUMENT when out is NULL, sample_rate is not
 *         finite or preset is unknown; STRETCH_ERROR_OUT_OF_RANGE when channels or
 *         sample_rate are outside the supported range; STRETCH_ERROR_OUT_OF_MEMORY.
 */
STRETCH_API stretch_status stretch_create(int channels, double sample_rate, stretch_preset preset,
                                          stretch_t** out SB_OUT_HANDLE);

/** Destroys an instance and frees its memory. Accepts NULL. */
STRETCH_API void stretch_destroy(stretch_t* instance);

/**
 * Sets the transposition in semitones (-24 to +24). Duration is unaffected.
 * May be called between process calls; takes effect for the next output.
 */
SB_SHORT_CALL STRETCH_API stretch_status stretch_set_transpose_semitones(stretch_t* instance, double semitones);

/** Sets the transposition as a frequency factor (0.25 to 4); 2 is one octave up. */
SB_SHORT_CALL STRETCH_API stretch_status stretch_set_transpose_factor(stretch_t* instance, double factor);

/**
 * Turns formant preservation on (non-zero) or off (zero). When on, the spectral envelope
 * stays where it was while the pitch moves, so transposed voices keep their character.
 */
SB_SHORT_CALL STRETCH_API stretch_status stretch_set_formant_preservation(stretch_t* instance, int enabled);

/** Returns the channel count the instance was created with, or a negative status for NULL. */
SB_SHORT_CALL STRETCH_API int stretch_channels(const stretch_t* instance);

/**
 * Input latency in frames: how far the input must run ahead of the point the output
 * stands for. Returns a negative status for NULL.
 */
SB_SHORT_CALL STRETCH_API int stretch_input_latency(const stretch_t* instance);

/**
 * Output latency in frames at the current transposition: how far the output lags behind
 * the point it stands for. The total delay of a stream, in output frames, is
 * output_latency + input_latency x time ratio. Returns a negative status for NULL.
 */
SB_SHORT_CALL STRETCH_API int stretch_output_latency(const stretch_t* instance);

/**
 * Output frames that stretch_flush must write to return everything still buffered, at the
 * last time ratio and the current transposition: the total delay plus the decay of the last
 * analysis window. Returns a negative status for NULL.
 */
SB_SHORT_CALL STRETCH_API int stretch_tail_frames(const stretch_t* instance);

/**
 * Clears all audio state (buffers, phases, transient history), keeping the configuration.
 * Bounded work, no allocation.
 */
SB_SHORT_CALL STRETCH_API stretch_status stretch_reset(stretch_t* instance);

/**
 * Streams audio: consumes input_samples of interleaved input and writes exactly
 * output_samples of interleaved output. The time ratio of the call is
 * output frames / input frames; it must lie within 1/4 to 4 for calls of at least
 * STRETCH_RATIO_CHECK_FRAMES frames. Shorter calls may split the ratio unevenly, as the
 * rounding of block-wise streaming requires: the time map follows the cumulative counts.
 * input may be NULL only when input_samples is 0, and output only when output_samples is 0.
 */
STRETCH_API stretch_status stretch_process(stretch_t* instance,
                                           const float* input SB_IN_BUFFER(input_samples), int input_samples,
                                           float* output SB_OUT_BUFFER(output_samples), int output_samples);

/**
 * Drains what is buffered: writes output_samples of output as if silence followed the
 * input, at the last time ratio. Passing stretch_tail_frames() frames returns the whole
 * tail; anything written after that is silence. Call stretch_reset before starting an
 * unrelated stream.
 */
STRETCH_API stretch_status stretch_flush(stretch_t* instance, float* output SB_OUT_BUFFER(output_samples),
                                         int output_samples);

/**
 * Offline whole-buffer mode: resets the instance, then stretches input_samples of input
 * into exactly output_samples of output, latency compensated and time-aligned with the
 * input's start. The time ratio (output frames / input frames) must lie within 1/4 to 4.
 * Afterwards the instance is as after stretch_reset.
 */
STRETCH_API stretch_status stretch_render(stretch_t* instance,
                                          const float* input SB_IN_BUFFER(input_samples), int input_samples,
                                          float* output SB_OUT_BUFFER(output_samples), int output_samples);

/**
 * States the stream's time ratio (output frames / input frames, STRETCH_MIN_TIME_RATIO to
 * STRETCH_MAX_TIME_RATIO), or 0 to let the counts of each stretch_process call set it (the
 * default). With a ratio stated, output frame j of a stream stands for input frame (j - D) / ratio,
 * where D = round(stretch_output_latency + stretch_input_latency x ratio), halves rounded away from
 * zero, at the transposition the stream starts with. How the stream is cut into calls then no
 * longer changes the output: dropping its first D frames and flushing D more at the end gives
 * stretch_render's output bit for bit when the ratio stated is output frames / input frames of the
 * whole. The calls must keep their cumulative counts within a frame of the ratio, as the running
 * total round(input frames so far x ratio) does. Kept by stretch_reset; stretch_render uses its own
 * buffers' ratio and leaves the stated one as it was.
 */
SB_SHORT_CALL STRETCH_API stretch_status stretch_set_time_ratio(stretch_t* instance, double ratio);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* STRETCH_STRETCH_H */
