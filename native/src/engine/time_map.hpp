// The map from stretch-domain positions (before resampling) to input positions.
//
// Every process call adds an anchor: "the stretch position of the next output sample
// stands for this input position". Between anchors the map is linear. Past the last one it
// continues with the trend over a long span rather than the last segment's slope: block-wise
// streaming rounds each block's output length, and extrapolating one block's slope would
// magnify that rounding. Anchors closer together than a minimum spacing are merged, so
// streaming in tiny blocks keeps the list short.
#pragma once

#include <array>
#include <cstddef>

namespace stretchcore::engine {

class TimeMap {
public:
    /// Clears all anchors and starts a new map through (u, a) with the given slope
    /// (input samples per stretch sample), used until a second anchor arrives.
    void restart(double u, double a, double initial_slope) noexcept;

    /// Adds an anchor at stretch position u >= the last anchor's. An anchor closer than
    /// min_spacing to the one before replaces it.
    void add(double u, double a, double min_spacing) noexcept;

    /// Input position for stretch position u.
    double input_at(double u) const noexcept;

    /// Stretch position for input position a (the inverse; flat parts resolve to their start).
    double stretch_at(double a) const noexcept;

    /// Input samples per stretch sample, over the last trend_span() stretch samples (or all
    /// there is): the slope used past the last anchor.
    double last_slope() const noexcept;

    /// Stretch samples over which the extrapolation slope is measured.
    static constexpr double trend_span() noexcept { return 16384.0; }

    double last_u() const noexcept { return at(count_ - 1).u; }
    double last_a() const noexcept { return at(count_ - 1).a; }

private:
    struct Anchor {
        double u;
        double a;
    };
    static constexpr std::size_t kCapacity = 256;

    const Anchor& at(std::size_t index) const noexcept { return anchors_[(first_ + index) % kCapacity]; }
    Anchor& at(std::size_t index) noexcept { return anchors_[(first_ + index) % kCapacity]; }
    double slope_between(std::size_t index) const noexcept;

    std::array<Anchor, kCapacity> anchors_{};
    std::size_t first_ = 0;
    std::size_t count_ = 0;
    double initial_slope_ = 1.0;
};

}  // namespace stretchcore::engine
