// Bytes allocated through the global operator new since the program started (bench_main.cpp
// replaces it): the difference across stretch_create is an instance's memory.
#pragma once

#include <cstdint>

namespace stretch_bench {
std::int64_t allocated_bytes() noexcept;
}
