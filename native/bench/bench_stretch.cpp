// Throughput of the stretcher on 4 s of music-like stereo audio at 44.1 kHz, +3 semitones,
// tempo 1.25 (output = input / 1.25).
//
//   BM_Render/preset:N      stretch_render of the whole signal (N = 0 default, 1 cheaper)
//   BM_Stream/preset:N      stretch_process in 512-frame input blocks (outputs from the
//                           rounded cumulative count, as a host would do), after a reset
//   BM_RenderOnce/preset:N/rate:R/channels:C
//                           exactly one render of 4 s at R Hz with C channels (mono: the left
//                           channel; more than two: the stereo pair repeated, each pair quieter):
//                           for instruction counting (bench/callgrind.sh)
//
// Counter x_realtime = seconds of audio processed per second of wall time; instance_bytes = the
// bytes stretch_create allocates (bench_main.cpp counts them). Instances are created, and signals
// made, outside the timed loop.
#include <benchmark/benchmark.h>
#include <stretch/stretch.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "../tests/support/signals.hpp"
#include "bench_memory.hpp"

namespace {

constexpr double kSampleRate = 44100.0;
constexpr double kSeconds = 4.0;
constexpr int kChannels = 2;
constexpr double kTempo = 1.25;
constexpr double kSemitones = 3.0;
constexpr std::size_t kBlockFrames = 512;

const std::vector<float>& input_signal() {
    static const std::vector<float> signal = stretch_test::music_like(kSampleRate, kSeconds);
    return signal;
}

// The music-like signal at `rate` with `channels` channels (see the header comment).
const std::vector<float>& input_signal(double rate, int channels) {
    static std::map<std::pair<double, int>, std::vector<float>> made;
    auto& signal = made[{rate, channels}];
    if (signal.empty()) {
        const std::vector<float> stereo = stretch_test::music_like(rate, kSeconds);
        const std::size_t frames = stereo.size() / 2;
        const auto width = static_cast<std::size_t>(channels);
        signal.resize(frames * width);
        for (std::size_t i = 0; i < frames; ++i) {
            for (std::size_t c = 0; c < width; ++c) {
                const float gain = 1.0f - 0.125f * static_cast<float>(c / 2);
                signal[i * width + c] = gain * stereo[2 * i + c % 2];
            }
        }
    }
    return signal;
}

std::size_t input_frames() { return input_signal().size() / kChannels; }
std::size_t output_frames() {
    return static_cast<std::size_t>(std::llround(static_cast<double>(input_frames()) / kTempo));
}

// Owns one configured instance; reports setup failures through the benchmark state.
class Stretcher {
public:
    Stretcher(benchmark::State& state, stretch_preset preset, int channels = kChannels, double rate = kSampleRate) {
        const std::int64_t before = stretch_bench::allocated_bytes();
        stretch_status s = stretch_create(channels, rate, preset, &ptr_);
        bytes_ = stretch_bench::allocated_bytes() - before;
        if (s == STRETCH_OK) s = stretch_set_transpose_semitones(ptr_, kSemitones);
        // STRETCH_BENCH_FORMANTS=1 measures the same render with formant preservation on.
        if (s == STRETCH_OK && std::getenv("STRETCH_BENCH_FORMANTS") != nullptr) {
            s = stretch_set_formant_preservation(ptr_, 1);
        }
        if (s != STRETCH_OK) state.SkipWithError(stretch_status_message(s));
    }
    ~Stretcher() { stretch_destroy(ptr_); }
    Stretcher(const Stretcher&) = delete;
    Stretcher& operator=(const Stretcher&) = delete;
    stretch_t* get() const { return ptr_; }
    bool ok() const { return ptr_ != nullptr; }
    std::int64_t bytes() const { return bytes_; }

private:
    stretch_t* ptr_ = nullptr;
    std::int64_t bytes_ = 0;
};

void set_counters(benchmark::State& state, const Stretcher& inst) {
    state.counters["x_realtime"] = benchmark::Counter(kSeconds, benchmark::Counter::kIsIterationInvariantRate);
    state.counters["instance_bytes"] = static_cast<double>(inst.bytes());
}

// One whole-buffer render per iteration: the loop BM_Render and BM_RenderOnce time.
void render_each_iteration(benchmark::State& state, Stretcher& inst, const std::vector<float>& input,
                           std::vector<float>& output) {
    for (auto _ : state) {
        const stretch_status s = stretch_render(inst.get(), input.data(), static_cast<int>(input.size()), output.data(),
                                                static_cast<int>(output.size()));
        benchmark::DoNotOptimize(output.data());
        benchmark::ClobberMemory();
        if (s != STRETCH_OK) {
            state.SkipWithError(stretch_status_message(s));
            break;
        }
    }
}

void BM_Render(benchmark::State& state) {
    const std::vector<float>& input = input_signal();
    Stretcher inst(state, static_cast<stretch_preset>(state.range(0)));
    if (!inst.ok()) return;
    std::vector<float> output(output_frames() * kChannels);
    render_each_iteration(state, inst, input, output);
    set_counters(state, inst);
}

void BM_Stream(benchmark::State& state) {
    const std::vector<float>& input = input_signal();
    Stretcher inst(state, static_cast<stretch_preset>(state.range(0)));
    if (!inst.ok()) return;
    const std::size_t frames = input_frames();
    std::vector<float> output(output_frames() * kChannels + kBlockFrames * kChannels);
    for (auto _ : state) {
        stretch_status s = stretch_reset(inst.get());
        std::size_t out_pos = 0;
        for (std::size_t in_pos = 0; in_pos < frames && s == STRETCH_OK; in_pos += kBlockFrames) {
            const std::size_t n_in = frames - in_pos < kBlockFrames ? frames - in_pos : kBlockFrames;
            const auto total_out = static_cast<std::size_t>(std::llround(static_cast<double>(in_pos + n_in) / kTempo));
            const std::size_t n_out = total_out - out_pos;
            s = stretch_process(inst.get(), input.data() + in_pos * kChannels, static_cast<int>(n_in * kChannels),
                                output.data() + out_pos * kChannels, static_cast<int>(n_out * kChannels));
            out_pos = total_out;
        }
        benchmark::DoNotOptimize(output.data());
        benchmark::ClobberMemory();
        if (s != STRETCH_OK) {
            state.SkipWithError(stretch_status_message(s));
            break;
        }
    }
    set_counters(state, inst);
}

void BM_RenderOnce(benchmark::State& state) {
    const auto rate = static_cast<double>(state.range(1));
    const auto channels = static_cast<int>(state.range(2));
    const std::vector<float>& input = input_signal(rate, channels);
    Stretcher inst(state, static_cast<stretch_preset>(state.range(0)), channels, rate);
    if (!inst.ok()) return;
    const std::size_t frames = input.size() / static_cast<std::size_t>(channels);
    const auto out_frames = static_cast<std::size_t>(std::llround(static_cast<double>(frames) / kTempo));
    std::vector<float> output(out_frames * static_cast<std::size_t>(channels));
    render_each_iteration(state, inst, input, output);
    set_counters(state, inst);
    // Exact, for callgrind.sh (counters print rounded).
    state.SetLabel("memory=" + std::to_string(inst.bytes()));
}

}  // namespace

BENCHMARK(BM_Render)
    ->ArgName("preset")
    ->Arg(STRETCH_PRESET_DEFAULT)
    ->Arg(STRETCH_PRESET_CHEAPER)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_Stream)
    ->ArgName("preset")
    ->Arg(STRETCH_PRESET_DEFAULT)
    ->Arg(STRETCH_PRESET_CHEAPER)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
// One iteration exactly, for instruction counting under callgrind (see callgrind.sh).
BENCHMARK(BM_RenderOnce)
    ->ArgNames({"preset", "rate", "channels"})
    ->ArgsProduct({{STRETCH_PRESET_DEFAULT, STRETCH_PRESET_CHEAPER}, {44100, 96000}, {1, 2, 8}})
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
