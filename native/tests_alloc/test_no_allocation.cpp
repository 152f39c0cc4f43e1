// The engine takes all its memory in stretch_create: process, flush, render, reset and the
// setters must not allocate. This binary replaces the global allocation functions to count
// calls, so it lives apart from the main test binary.
#include <stretch/stretch.h>

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <vector>

#include "dsp/math_constants.hpp"

namespace {
std::atomic<bool> counting{false};
std::atomic<std::int64_t> allocations{0};
std::atomic<std::int64_t> allocated_bytes{0};

void* counted_allocation(std::size_t size) {
    if (counting.load(std::memory_order_relaxed)) {
        allocations.fetch_add(1, std::memory_order_relaxed);
        allocated_bytes.fetch_add(static_cast<std::int64_t>(size), std::memory_order_relaxed);
    }
    if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
    throw std::bad_alloc();
}

// Counts the allocations made while `body` runs.
template <typename Body>
std::int64_t allocations_during(Body&& body) {
    allocations = 0;
    allocated_bytes = 0;
    counting = true;
    body();
    counting = false;
    return allocations.load();
}

std::vector<float> test_signal(std::size_t frames, int channels) {
    std::vector<float> x(frames * static_cast<std::size_t>(channels));
    for (std::size_t i = 0; i < frames; ++i) {
        const double t = static_cast<double>(i) / 44100.0;
        const double click = i % 11025 == 0 ? 0.8 : 0.0;
        const auto v = static_cast<float>(0.3 * std::sin(stretchcore::dsp::kTwoPi * 220.0 * t) + click);
        for (int c = 0; c < channels; ++c) x[i * static_cast<std::size_t>(channels) + static_cast<std::size_t>(c)] = v;
    }
    return x;
}
}  // namespace

void* operator new(std::size_t size) { return counted_allocation(size); }
void* operator new[](std::size_t size) { return counted_allocation(size); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

TEST(NoAllocation, CreateAllocatesTheRestDoesNot) {
    for (stretch_preset preset : {STRETCH_PRESET_DEFAULT, STRETCH_PRESET_CHEAPER}) {
        stretch_t* s = nullptr;
        const std::int64_t at_create = allocations_during([&] { ASSERT_EQ(stretch_create(2, 44100.0, preset, &s), STRETCH_OK); });
        EXPECT_GT(at_create, 0) << "the counter must see the engine's own allocations";

        const std::vector<float> input = test_signal(44100, 2);
        std::vector<float> output(35280 * 2);
        std::vector<float> tail(20000 * 2);
        const std::int64_t later = allocations_during([&] {
            EXPECT_EQ(stretch_set_transpose_semitones(s, 3.0), STRETCH_OK);
            EXPECT_EQ(stretch_set_formant_preservation(s, 1), STRETCH_OK);
            // Streaming in uneven blocks, a mid-stream transposition change, then the tail.
            std::size_t in = 0, out = 0;
            for (int i = 0; in < 44100; ++i) {
                const std::size_t n_in = std::min<std::size_t>(i % 2 == 0 ? 500 : 1500, 44100 - in);
                const auto total = static_cast<std::size_t>(std::llround(static_cast<double>(in + n_in) * 0.8));
                if (i == 10) {
                    EXPECT_EQ(stretch_set_transpose_factor(s, 0.75), STRETCH_OK);
                }
                EXPECT_EQ(stretch_process(s, input.data() + in * 2, static_cast<int>(n_in * 2), output.data() + out * 2,
                                          static_cast<int>((total - out) * 2)),
                          STRETCH_OK);
                in += n_in;
                out = total;
            }
            EXPECT_EQ(stretch_flush(s, tail.data(), static_cast<int>(tail.size())), STRETCH_OK);
            EXPECT_EQ(stretch_reset(s), STRETCH_OK);
            EXPECT_EQ(stretch_render(s, input.data(), static_cast<int>(input.size()), output.data(),
                                     static_cast<int>(output.size())),
                      STRETCH_OK);
        });
        EXPECT_EQ(later, 0) << "process, flush, reset, render and the setters must not allocate";
        stretch_destroy(s);
    }
}

// An instance's memory is what stretch_create allocates. The bounds are the figures measured
// before the kernels were built per instruction set (docs/benchmarks.md): faster must not
// mean bigger. The figures are printed for the record.
TEST(NoAllocation, InstanceMemoryStaysWithinItsBound) {
    struct Bound {
        int channels;
        double rate;
        stretch_preset preset;
        std::int64_t bytes;
    };
    const Bound bounds[] = {
        {2, 44100.0, STRETCH_PRESET_DEFAULT, 2263548},
        {2, 44100.0, STRETCH_PRESET_CHEAPER, 1498748},
        {2, 96000.0, STRETCH_PRESET_CHEAPER, 3014700},
        {8, 44100.0, STRETCH_PRESET_DEFAULT, 7587972},
        {2, 96000.0, STRETCH_PRESET_DEFAULT, 4533548},
    };
    for (const Bound& b : bounds) {
        stretch_t* s = nullptr;
        allocations_during([&] { ASSERT_EQ(stretch_create(b.channels, b.rate, b.preset, &s), STRETCH_OK); });
        const std::int64_t bytes = allocated_bytes.load();
        std::printf("instance memory: %d channels, %.0f Hz, %s preset: %lld bytes (bound %lld)\n", b.channels, b.rate,
                    b.preset == STRETCH_PRESET_DEFAULT ? "default" : "cheaper", static_cast<long long>(bytes),
                    static_cast<long long>(b.bytes));
        EXPECT_GT(bytes, 0);
        EXPECT_LE(bytes, b.bytes);
        stretch_destroy(s);
    }
}
