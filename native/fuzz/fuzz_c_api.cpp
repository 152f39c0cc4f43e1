// libFuzzer target for the C API: each input is decoded into a call sequence by run_case
// (fuzz_driver.cpp), which checks the contract after every call. A broken contract aborts, so
// libFuzzer keeps the input; the sanitizers catch memory errors and undefined behaviour.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "fuzz_driver.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string failure = stretch_fuzz::run_case(data, size);
    if (!failure.empty()) {
        std::fprintf(stderr, "contract broken: %s\n", failure.c_str());
        std::abort();
    }
    return 0;
}
