// The engine takes all its memory in stretch_create: process, flush, render, reset and the
// setters must not allocate. This binary replaces the global allocation functions to count
// calls, so it lives apart from the main test binary.
#include <stretch/stretch.h>

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <vector>

#include "dsp/math_constants.hpp"

namespace {
std::atomic<bool> counting{false};
std::atomic<std::int64_t> allocations{0};

void* counted_allocation(std::size_t size) {
    if (counting.load(std::memory_order_relaxed)) allocations.fetch_add(1, std::memory_order_relaxed);
    if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
    throw std::bad_alloc();
}

// Counts the allocations made while `body` runs.
template <typename Body>
std::int64_t allocations_during(Body&& body) {
    allocations = 0;
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
