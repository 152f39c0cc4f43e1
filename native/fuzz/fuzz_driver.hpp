// Turns arbitrary bytes into a sequence of C API calls and checks the contract of each one:
// valid status codes (the documented one for each bad argument), finite output whenever a call
// succeeds, positive latencies and tail. Shared by the libFuzzer target (fuzz_c_api.cpp) and
// the corpus replay test (tests/test_fuzz_corpus.cpp), so both run the same decoder.
//
// Work per input is bounded: at most kMaxCalls calls, kMaxCallFrames frames a buffer and
// kMaxTotalFrames frames in all, so each input runs in milliseconds.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace stretch_fuzz {

constexpr int kMaxCalls = 48;
constexpr int kMaxCallFrames = 2048;
constexpr std::int64_t kMaxTotalFrames = 12288;

/// Runs one input. Returns an empty string when every call kept the contract, else a
/// description of the first call that broke it.
std::string run_case(const std::uint8_t* data, std::size_t size);

}  // namespace stretch_fuzz
