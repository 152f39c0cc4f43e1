// Throughput of the stretcher on 4 s of music-like stereo audio at 44.1 kHz, +3 semitones,
// tempo 1.25 (output = input / 1.25).
//
//   BM_Render/preset:N      stretch_render of the whole signal (N = 0 default, 1 cheaper)
//   BM_Stream/preset:N      stretch_process in 512-frame input blocks (outputs from the
//                           rounded cumulative count, as a host would do), after a reset
//   BM_RenderOnce/preset:N  exactly one render: for instruction counting (bench/callgrind.sh)
//
// Counter x_realtime = seconds of audio processed per second of wall time. Instances are
// created, and signals made, outside the timed loop.
#include <benchmark/benchmark.h>
#include <stretch/stretch.h>

#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include "../tests/support/signals.hpp"

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

std::size_t input_frames() { return input_signal().size() / kChannels; }
std::size_t output_frames() {
    return static_cast<std::size_t>(std::llround(static_cast<double>(input_frames()) / kTempo));
}

// Owns one configured instance; reports setup failures through the benchmark state.
class Stretcher {
public:
    Stretcher(benchmark::State& state, stretch_preset preset) {
        stretch_status s = stretch_create(kChannels, kSampleRate, preset, &ptr_);
        if (s == STRETCH_OK) s = stretch_set_transpose_semitones(ptr_, kSemitones);
        if (s != STRETCH_OK) state.SkipWithError(stretch_status_message(s));
    }
    ~Stretcher() { stretch_destroy(ptr_); }
    Stretcher(const Stretcher&) = delete;
    Stretcher& operator=(const Stretcher&) = delete;
    stretch_t* get() const { return ptr_; }
    bool ok() const { return ptr_ != nullptr; }

private:
    stretch_t* ptr_ = nullptr;
};

void set_counters(benchmark::State& state) {
    state.counters["x_realtime"] = benchmark::Counter(kSeconds, benchmark::Counter::kIsIterationInvariantRate);
}

void BM_Render(benchmark::State& state) {
    const std::vector<float>& input = input_signal();
    Stretcher inst(state, static_cast<stretch_preset>(state.range(0)));
    if (!inst.ok()) return;
    std::vector<float> output(output_frames() * kChannels);
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
    set_counters(state);
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
    set_counters(state);
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
BENCHMARK(BM_Render)
    ->Name("BM_RenderOnce")
    ->ArgName("preset")
    ->Arg(STRETCH_PRESET_DEFAULT)
    ->Arg(STRETCH_PRESET_CHEAPER)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
