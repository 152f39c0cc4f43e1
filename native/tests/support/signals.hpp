// Deterministic test signals for the stretch test suite and benchmark.
//
// Everything here is a pure function of its arguments: there is no hidden state and no
// std::random_device, so every run of every test sees the same samples. Signals are
// synthesised in double precision and rounded to float once, at the end.
//
// Header-only, so the benchmark (built from bench/ alone) can include it as well.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <vector>

#include "dsp/math_constants.hpp"

namespace stretch_test {

using stretchcore::dsp::kPi;
using stretchcore::dsp::kTwoPi;

/// xorshift64* generator with a fixed seed: fast, deterministic, good enough for test noise.
class Xorshift64 {
public:
    explicit Xorshift64(std::uint64_t seed) noexcept : state_(seed != 0 ? seed : 0x9e3779b97f4a7c15ULL) {}

    std::uint64_t next() noexcept {
        state_ ^= state_ >> 12;
        state_ ^= state_ << 25;
        state_ ^= state_ >> 27;
        return state_ * 0x2545f4914f6cdd1dULL;
    }

    /// Uniform in [-1, 1).
    double uniform() noexcept {
        const double u = static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0);  // 53 bits
        return 2.0 * u - 1.0;
    }

    /// Standard normal (Box-Muller).
    double gaussian() noexcept {
        double u1 = 0.5 * (uniform() + 1.0);
        if (u1 < 1e-300) u1 = 1e-300;
        const double u2 = 0.5 * (uniform() + 1.0);
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(kTwoPi * u2);
    }

private:
    std::uint64_t state_;
};

/// A harmonic tone. Harmonic h (1-based) sits at h times the instantaneous fundamental and has
/// amplitude `amplitude / h`, or `amplitude * envelope(h * f0_hz)` when an envelope is given.
/// Harmonics whose highest instantaneous frequency would reach `max_frequency_hz` (default
/// 0.49 x sample rate) are left out, so the tone is always band-limited.
struct Tone {
    double f0_hz = 440.0;
    int harmonics = 8;
    double amplitude = 0.25;
    /// Vibrato: the fundamental is f0 * 2^(depth_cents / 1200 * sin(2 pi rate t + vibrato_phase)).
    /// The phase of every harmonic is the integral of its instantaneous frequency.
    double vibrato_rate_hz = 0.0;
    double vibrato_depth_cents = 0.0;
    double vibrato_phase = 0.0;
    /// The tone is evaluated at t - delay_s: a positive delay moves it later by an exact,
    /// possibly fractional-sample, amount.
    double delay_s = 0.0;
    /// Starting phase of the fundamental in radians; harmonic h starts at h times this plus
    /// harmonic_phase(h, harmonics).
    double phase = 0.0;
    double max_frequency_hz = 0.0;
    /// Optional spectral envelope: linear amplitude as a function of frequency in Hz, evaluated
    /// at the nominal harmonic frequency h * f0_hz.
    std::function<double(double)> envelope;
};

/// The fixed starting-phase offset of harmonic h of an H-harmonic tone: a Schroeder-style
/// spread, pi h (h - 1) / H, that keeps the crest factor low.
inline double harmonic_phase(int h, int harmonic_count) {
    const int n = std::max(1, harmonic_count);
    return kPi * static_cast<double>(h) * static_cast<double>(h - 1) / static_cast<double>(n);
}

namespace detail {

inline std::vector<float> to_float(const std::vector<double>& x) {
    std::vector<float> out(x.size());
    for (std::size_t i = 0; i < x.size(); ++i) out[i] = static_cast<float>(x[i]);
    return out;
}

// Integral of f over [a, b] by composite Simpson with `steps` (even) intervals.
template <typename F>
double simpson(F f, double a, double b, int steps) {
    const double h = (b - a) / steps;
    double sum = f(a) + f(b);
    for (int i = 1; i < steps; ++i) sum += f(a + h * i) * ((i % 2 == 1) ? 4.0 : 2.0);
    return sum * h / 3.0;
}

}  // namespace detail

/// Adds `spec` (mono) to dst, which holds dst.size() frames at sample_rate.
inline void add_tone(std::vector<double>& dst, const Tone& spec, double sample_rate) {
    const std::size_t n = dst.size();
    if (n == 0 || spec.harmonics <= 0 || spec.f0_hz <= 0.0) return;
    const double fs = sample_rate;
    const double max_f = spec.max_frequency_hz > 0.0 ? spec.max_frequency_hz : 0.49 * fs;
    const bool vibrato = spec.vibrato_rate_hz > 0.0 && spec.vibrato_depth_cents != 0.0;
    const double widest = vibrato ? std::exp2(std::abs(spec.vibrato_depth_cents) / 1200.0) : 1.0;

    // Phase of the fundamental at every sample, t = i / fs - delay.
    std::vector<double> theta(n);
    const double t0 = -spec.delay_s;
    if (!vibrato) {
        for (std::size_t i = 0; i < n; ++i)
            theta[i] = spec.phase + kTwoPi * spec.f0_hz * (static_cast<double>(i) / fs + t0);
    } else {
        const auto freq = [&](double t) {
            return spec.f0_hz * std::exp2(spec.vibrato_depth_cents / 1200.0 *
                                          std::sin(kTwoPi * spec.vibrato_rate_hz * t + spec.vibrato_phase));
        };
        // Phase at t0 relative to t = 0, then Simpson's rule over every sample interval.
        double th = spec.phase + kTwoPi * detail::simpson(freq, 0.0, t0, 64);
        const double dt = 1.0 / fs;
        double f_prev = freq(t0);
        theta[0] = th;
        for (std::size_t i = 1; i < n; ++i) {
            const double t = t0 + static_cast<double>(i) * dt;
            const double f = freq(t);
            th += kTwoPi * dt * (f_prev + 4.0 * freq(t - 0.5 * dt) + f) / 6.0;
            theta[i] = th;
            f_prev = f;
        }
    }

    for (int h = 1; h <= spec.harmonics; ++h) {
        const double nominal = spec.f0_hz * h;
        if (nominal * widest >= max_f) break;
        const double amp = spec.envelope ? spec.amplitude * spec.envelope(nominal) : spec.amplitude / h;
        if (amp == 0.0) continue;
        const double ph = harmonic_phase(h, spec.harmonics);
        const double hd = static_cast<double>(h);
        for (std::size_t i = 0; i < n; ++i) dst[i] += amp * std::sin(hd * theta[i] + ph);
    }
}

/// A mono harmonic tone of `frames` frames.
inline std::vector<float> tone(const Tone& spec, double sample_rate, std::size_t frames) {
    std::vector<double> buf(frames, 0.0);
    add_tone(buf, spec, sample_rate);
    return detail::to_float(buf);
}

/// A mono sum of tones.
inline std::vector<float> chord(const std::vector<Tone>& notes, double sample_rate, std::size_t frames) {
    std::vector<double> buf(frames, 0.0);
    for (const Tone& t : notes) add_tone(buf, t, sample_rate);
    return detail::to_float(buf);
}

/// Click shapes: a single-sample impulse, or a two-sample doublet (+a, -a) with no DC.
enum class ClickShape { Impulse, Doublet };

/// Frame positions first, first + spacing, ... that leave room for the whole click.
inline std::vector<std::size_t> click_positions(std::size_t frames, std::size_t first, std::size_t spacing,
                                                ClickShape shape = ClickShape::Impulse) {
    std::vector<std::size_t> out;
    const std::size_t width = shape == ClickShape::Impulse ? 1 : 2;
    if (spacing == 0) return out;
    for (std::size_t p = first; p + width <= frames; p += spacing) out.push_back(p);
    return out;
}

/// A mono click train: clicks of the given amplitude at click_positions(...), zero elsewhere.
inline std::vector<float> click_train(std::size_t frames, std::size_t first, std::size_t spacing, float amplitude,
                                      ClickShape shape = ClickShape::Impulse) {
    std::vector<float> x(frames, 0.0f);
    for (std::size_t p : click_positions(frames, first, spacing, shape)) {
        x[p] = amplitude;
        if (shape == ClickShape::Doublet) x[p + 1] = -amplitude;
    }
    return x;
}

/// Mono white noise, uniform in [-amplitude, amplitude), from a fixed seed.
inline std::vector<float> white_noise(std::size_t frames, float amplitude, std::uint64_t seed) {
    Xorshift64 rng(seed);
    std::vector<float> x(frames);
    for (float& v : x) v = static_cast<float>(static_cast<double>(amplitude) * rng.uniform());
    return x;
}

/// Interleaves equally long mono channels into one buffer.
inline std::vector<float> interleave(const std::vector<std::vector<float>>& channels) {
    if (channels.empty()) return {};
    const std::size_t frames = channels.front().size();
    for (const auto& c : channels)
        if (c.size() != frames) throw std::invalid_argument("interleave: channels differ in length");
    const std::size_t nc = channels.size();
    std::vector<float> out(frames * nc);
    for (std::size_t i = 0; i < frames; ++i)
        for (std::size_t c = 0; c < nc; ++c) out[i * nc + c] = channels[c][i];
    return out;
}

/// Splits an interleaved buffer into its channels. The length must be a multiple of channels.
inline std::vector<std::vector<float>> deinterleave(const std::vector<float>& interleaved, int channels) {
    if (channels <= 0 || interleaved.size() % static_cast<std::size_t>(channels) != 0)
        throw std::invalid_argument("deinterleave: length is not a multiple of the channel count");
    const auto nc = static_cast<std::size_t>(channels);
    const std::size_t frames = interleaved.size() / nc;
    std::vector<std::vector<float>> out(nc, std::vector<float>(frames));
    for (std::size_t i = 0; i < frames; ++i)
        for (std::size_t c = 0; c < nc; ++c) out[c][i] = interleaved[i * nc + c];
    return out;
}

/// One channel of an interleaved buffer.
inline std::vector<float> extract_channel(const std::vector<float>& interleaved, int channels, int channel) {
    if (channel < 0 || channel >= channels) throw std::invalid_argument("extract_channel: no such channel");
    return deinterleave(interleaved, channels)[static_cast<std::size_t>(channel)];
}

/// The same mono signal on every channel, interleaved.
inline std::vector<float> duplicate_channels(const std::vector<float>& mono, int channels) {
    if (channels <= 0) throw std::invalid_argument("duplicate_channels: channels must be positive");
    const auto nc = static_cast<std::size_t>(channels);
    std::vector<float> out(mono.size() * nc);
    for (std::size_t i = 0; i < mono.size(); ++i)
        for (std::size_t c = 0; c < nc; ++c) out[i * nc + c] = mono[i];
    return out;
}

namespace detail {

// Amplitude envelope of a note: linear attack, exponential decay while held, linear release.
inline double note_envelope(double t, double attack, double decay, double hold, double release) {
    if (t < 0.0 || t >= hold + release) return 0.0;
    const double a = t < attack ? t / attack : 1.0;
    const double d = t < attack ? 1.0 : std::exp(-(t - attack) / decay);
    const double r = t < hold ? 1.0 : 1.0 - (t - hold) / release;
    return a * d * r;
}

struct StereoBuffer {
    std::vector<double> left, right;
    explicit StereoBuffer(std::size_t frames) : left(frames, 0.0), right(frames, 0.0) {}
};

struct NoteShape {
    double start, hold, attack, decay, release;
};

// Adds a note at shape.start seconds with per-channel gains; the right channel may be delayed
// by right_delay_s (exact: the tone and its envelope are re-evaluated at the later time).
inline void add_note(StereoBuffer& dst, double fs, const NoteShape& shape, const Tone& spec, double gain_left,
                     double gain_right, double right_delay_s = 0.0) {
    const std::size_t total = dst.left.size();
    const auto first = static_cast<std::size_t>(std::max(0.0, std::floor(shape.start * fs)));
    if (first >= total) return;
    const auto span =
        std::min(total - first, static_cast<std::size_t>(std::ceil((shape.hold + shape.release + 0.01) * fs)));
    for (int channel = 0; channel < 2; ++channel) {
        const double gain = channel == 0 ? gain_left : gain_right;
        if (gain == 0.0) continue;
        const double delay = channel == 0 ? 0.0 : right_delay_s;
        Tone t = spec;
        t.delay_s = delay;
        std::vector<double> buf(span, 0.0);
        add_tone(buf, t, fs);
        std::vector<double>& out = channel == 0 ? dst.left : dst.right;
        for (std::size_t i = 0; i < span; ++i) {
            const double time = static_cast<double>(first + i) / fs - shape.start - delay;
            out[first + i] += gain * buf[i] * note_envelope(time, shape.attack, shape.decay, shape.hold, shape.release);
        }
    }
}

struct DrumShape {
    double start, decay, cutoff_hz;
    bool highpass;
    double body_hz, amplitude;
};

// A noise-burst drum hit: noise through a one-pole low-pass (or the matching high-pass), with an
// exponential decay and an optional pitched body sweeping down.
inline void add_drum(StereoBuffer& dst, double fs, const DrumShape& d, double gain_left, double gain_right,
                     Xorshift64& rng) {
    const std::size_t total = dst.left.size();
    const auto first = static_cast<std::size_t>(std::floor(d.start * fs));
    if (first >= total) return;
    const auto span = std::min(total - first, static_cast<std::size_t>(std::ceil(d.decay * 8.0 * fs)));
    const double a = std::exp(-kTwoPi * d.cutoff_hz / fs);
    double lp = 0.0;
    double body_phase = 0.0;
    for (std::size_t i = 0; i < span; ++i) {
        const double t = static_cast<double>(i) / fs;
        const double noise = rng.uniform();
        lp = (1.0 - a) * noise + a * lp;
        const double shaped = d.highpass ? noise - lp : lp * 3.0;
        double body = 0.0;
        if (d.body_hz > 0.0) {
            body_phase += kTwoPi * d.body_hz * (0.5 + 1.5 * std::exp(-t / 0.03)) / fs;
            body = std::sin(body_phase) * std::exp(-t / (d.decay * 2.0));
        }
        const double attack = std::min(1.0, t / 0.0005);
        const double v = d.amplitude * attack * (shaped * std::exp(-t / d.decay) + body);
        dst.left[first + i] += gain_left * v;
        dst.right[first + i] += gain_right * v;
    }
}

}  // namespace detail

/// A stereo (interleaved, 2 channels) piece of `seconds` that exercises what music does to a
/// stretcher: a bass line, harmonic notes with onsets and decays (some with vibrato), a sustained
/// chord, noise-burst drum hits, and a slightly different left/right mix (pans, and the chord
/// 0.3 ms later on the right). The 4 s pattern repeats for longer signals. Peak level is 0.7.
inline std::vector<float> music_like(double sample_rate, double seconds = 4.0, std::uint64_t seed = 0x5eed5eedULL) {
    using detail::DrumShape;
    using detail::NoteShape;
    const double fs = sample_rate;
    const auto frames = static_cast<std::size_t>(std::llround(seconds * fs));
    detail::StereoBuffer mix(frames);
    Xorshift64 rng(seed);

    const double bar = 4.0;
    const int repeats = static_cast<int>(std::ceil(seconds / bar));
    // Bass line: half-second notes, six harmonics, centred.
    const double bass[] = {55.0, 55.0, 73.42, 65.41, 55.0, 82.41, 73.42, 61.74};
    // Melody, left of centre: onset, hold, f0, vibrato.
    struct Note {
        double onset, hold, f0;
        bool vibrato;
    };
    const Note melody[] = {{0.0, 0.42, 440.0, false}, {0.5, 0.42, 493.88, false}, {1.0, 0.9, 523.25, true},
                           {2.0, 0.2, 587.33, false}, {2.25, 0.2, 659.26, false}, {2.5, 0.42, 523.25, false},
                           {3.0, 0.95, 659.26, true}};

    for (int r = 0; r < repeats; ++r) {
        const double base = bar * r;
        for (int i = 0; i < 8; ++i) {
            Tone t;
            t.f0_hz = bass[i];
            t.harmonics = 6;
            t.amplitude = 0.22;
            detail::add_note(mix, fs, NoteShape{base + 0.5 * i, 0.45, 0.008, 0.35, 0.02}, t, 1.0, 1.0);
        }
        for (const Note& m : melody) {
            Tone t;
            t.f0_hz = m.f0;
            t.harmonics = 10;
            t.amplitude = 0.14;
            if (m.vibrato) {
                t.vibrato_rate_hz = 5.5;
                t.vibrato_depth_cents = 25.0;
            }
            detail::add_note(mix, fs, NoteShape{base + m.onset, m.hold, 0.012, 0.8, 0.03}, t, 1.0, 0.65);
        }
        // Drums: kick on the beat, snare off the beat, hats on the eighths (right of centre).
        for (int beat = 0; beat < 8; ++beat) {
            const double t = base + 0.5 * beat;
            detail::add_drum(mix, fs, DrumShape{t, 0.04, 300.0, false, 90.0, 0.35}, 1.0, 1.0, rng);
            detail::add_drum(mix, fs, DrumShape{t + 0.25, 0.06, 1500.0, true, 0.0, 0.25}, 0.9, 1.0, rng);
            detail::add_drum(mix, fs, DrumShape{t + 0.125, 0.015, 6000.0, true, 0.0, 0.08}, 0.6, 1.0, rng);
            detail::add_drum(mix, fs, DrumShape{t + 0.375, 0.015, 6000.0, true, 0.0, 0.08}, 0.6, 1.0, rng);
        }
    }
    // A sustained pad with gentle vibrato across the whole piece, right of centre.
    const double pad[] = {261.63, 329.63, 392.0};
    for (double f : pad) {
        Tone t;
        t.f0_hz = f;
        t.harmonics = 5;
        t.amplitude = 0.05;
        t.vibrato_rate_hz = 4.5;
        t.vibrato_depth_cents = 10.0;
        detail::add_note(mix, fs, NoteShape{0.0, seconds, 0.3, 1e9, 0.05}, t, 0.7, 1.0, 0.0003);
    }

    double peak = 0.0;
    for (std::size_t i = 0; i < frames; ++i) peak = std::max({peak, std::abs(mix.left[i]), std::abs(mix.right[i])});
    const double scale = peak > 0.0 ? 0.7 / peak : 1.0;
    std::vector<float> out(frames * 2);
    for (std::size_t i = 0; i < frames; ++i) {
        out[2 * i] = static_cast<float>(mix.left[i] * scale);
        out[2 * i + 1] = static_cast<float>(mix.right[i] * scale);
    }
    return out;
}

}  // namespace stretch_test
