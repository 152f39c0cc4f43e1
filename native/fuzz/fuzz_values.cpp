#include "fuzz_values.hpp"

#include <cfloat>
#include <cmath>
#include <cstring>

namespace stretch_fuzz {

namespace {

float float_from_bits(std::uint32_t bits) {
    float f = 0.0f;
    std::memcpy(&f, &bits, sizeof f);
    return f;
}

double double_from_bits(std::uint64_t bits) {
    double d = 0.0;
    std::memcpy(&d, &bits, sizeof d);
    return d;
}

}  // namespace

float sample_value(Bytes& in) {
    const float specials[] = {0.0f,
                              -0.0f,
                              1.0f,
                              -1.0f,
                              0.25f,
                              1e-3f,
                              FLT_MIN,
                              std::numeric_limits<float>::denorm_min(),
                              -1e-40f,
                              4294967296.0f,
                              -4294967296.0f,
                              4294967808.0f,
                              1e20f,
                              1e36f,
                              -1e36f,
                              FLT_MAX,
                              -FLT_MAX,
                              std::numeric_limits<float>::infinity(),
                              -std::numeric_limits<float>::infinity(),
                              std::numeric_limits<float>::quiet_NaN(),
                              -std::numeric_limits<float>::quiet_NaN(),
                              std::numeric_limits<float>::signaling_NaN()};
    const std::uint8_t how = in.u8();
    if (how < 200) return specials[how % (sizeof specials / sizeof specials[0])];
    return float_from_bits(in.u32());
}

double parameter_value(Bytes& in) {
    const double specials[] = {0.0,       1.0,        -1.0,    3.0,     -7.5,      12.0,       24.0, -24.0,
                               24.000001, -24.000001, 0.25,    0.249,   4.0,       4.001,      2.0,  0.5,
                               1e300,     -1e300,     DBL_MIN, DBL_MAX, kInfinity, -kInfinity, kNaN};
    const std::uint8_t how = in.u8();
    if (how < 220) return specials[how % (sizeof specials / sizeof specials[0])];
    return double_from_bits(in.u64());
}

void fill(Bytes& in, std::vector<float>& buffer) {
    const std::uint8_t shape = in.u8() % 5;
    const float a = sample_value(in);
    const float b = sample_value(in);
    std::uint32_t state = in.u32() | 1u;
    const auto next = [&state] {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        return state;
    };
    for (std::size_t i = 0; i < buffer.size(); ++i) {
        float v = 0.0f;
        // Constant, square wave, sine, noise between the two values, or a quiet sine with the
        // second value sprinkled in.
        switch (shape) {
            case 0:
                v = a;
                break;
            case 1:
                v = (i / 7) % 2 == 0 ? a : b;
                break;
            case 2:
                v = a * std::sin(0.05f * static_cast<float>(i));
                break;
            case 3:
                v = (next() & 1u) != 0 ? a : b;
                break;
            default:
                v = (next() % 61u) == 0 ? b : 0.1f * std::sin(0.01f * static_cast<float>(i));
                break;
        }
        buffer[i] = v;
    }
}

}  // namespace stretch_fuzz
