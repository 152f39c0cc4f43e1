// Real FFT speed at the frame sizes the stretcher uses.
//
//   BM_RealFftForward/N    one forward transform of N samples
//   BM_RealFftRoundTrip/N  forward then inverse, as one analysis/synthesis frame does
//
#include "dsp/fft.hpp"

#include <benchmark/benchmark.h>

#include <cstddef>
#include <random>
#include <vector>

namespace {

using stretchcore::dsp::RealFft;

std::vector<float> noise(std::size_t size) {
    std::mt19937 rng(42);
    std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
    std::vector<float> x(size);
    for (float& v : x) v = dist(rng);
    return x;
}

void BM_RealFftForward(benchmark::State& state) {
    const int size = static_cast<int>(state.range(0));
    const std::size_t n = static_cast<std::size_t>(size);
    RealFft fft(size);
    const std::vector<float> input = noise(n);
    std::vector<float> re(n / 2 + 1), im(n / 2 + 1);
    for (auto _ : state) {
        fft.forward(input.data(), re.data(), im.data());
        benchmark::DoNotOptimize(re.data());
        benchmark::DoNotOptimize(im.data());
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(state.iterations());
}

void BM_RealFftRoundTrip(benchmark::State& state) {
    const int size = static_cast<int>(state.range(0));
    const std::size_t n = static_cast<std::size_t>(size);
    RealFft fft(size);
    const std::vector<float> input = noise(n);
    std::vector<float> re(n / 2 + 1), im(n / 2 + 1), output(n);
    for (auto _ : state) {
        fft.forward(input.data(), re.data(), im.data());
        fft.inverse(re.data(), im.data(), output.data());
        benchmark::DoNotOptimize(output.data());
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(state.iterations());
}

}  // namespace

BENCHMARK(BM_RealFftForward)->Arg(1024)->Arg(3072)->Arg(4096)->Arg(5120);
BENCHMARK(BM_RealFftRoundTrip)->Arg(1024)->Arg(3072)->Arg(4096)->Arg(5120);
