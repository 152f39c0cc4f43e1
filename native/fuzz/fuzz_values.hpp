// Decoding the fuzzer's bytes into the values the driver passes to the C API: a reader that gives
// zeros past the input's end (so any input decodes), and the sample values, parameter values and
// buffer shapes worth trying. The driver (fuzz_driver.cpp) decides which call gets which.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace stretch_fuzz {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Reads the input front to back; past its end every read gives zero, so any input decodes.
class Bytes {
public:
    Bytes(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}

    bool empty() const { return pos_ >= size_; }

    std::uint8_t u8() { return pos_ < size_ ? data_[pos_++] : 0; }

    std::uint16_t u16() { return static_cast<std::uint16_t>(u8() | (u8() << 8)); }

    std::uint32_t u32() {
        const std::uint32_t lo = u16();
        return lo | (static_cast<std::uint32_t>(u16()) << 16);
    }

    std::uint64_t u64() {
        const std::uint64_t lo = u32();
        return lo | (static_cast<std::uint64_t>(u32()) << 32);
    }

    template <typename T, std::size_t N>
    T pick(const T (&choices)[N]) {
        return choices[u8() % N];
    }

private:
    const std::uint8_t* data_;
    std::size_t size_;
    std::size_t pos_ = 0;
};

/// A sample value: ordinary, around the headroom limit, huge, denormal or non-finite.
float sample_value(Bytes& in);

/// A parameter value: in range, at and just past the limits, or not a number at all.
double parameter_value(Bytes& in);

/// Fills a buffer with one of a few shapes built from two sample values.
void fill(Bytes& in, std::vector<float>& buffer);

}  // namespace stretch_fuzz
