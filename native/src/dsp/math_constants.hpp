// Mathematical constants for the engine, its tests and its benchmarks: one definition for the
// whole native tree. (std::numbers::pi is C++20; the core is C++17.)
#pragma once

namespace stretchcore::dsp {

inline constexpr double kPi = 3.14159265358979323846;
inline constexpr double kTwoPi = 2.0 * kPi;

}  // namespace stretchcore::dsp
