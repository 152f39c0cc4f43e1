#include "engine/time_map.hpp"

namespace stretchcore::engine {

void TimeMap::restart(double u, double a, double initial_slope) noexcept {
    first_ = 0;
    count_ = 1;
    anchors_[0] = {u, a};
    initial_slope_ = initial_slope;
}

void TimeMap::add(double u, double a, double min_spacing) noexcept {
    if (count_ == 0) {
        restart(u, a, initial_slope_);
        return;
    }
    Anchor& last = at(count_ - 1);
    if (u <= last.u) {
        // No stretch time passed (the call produced no output): the input position jumps.
        last.a = a;
        return;
    }
    if (count_ >= 2 && u - at(count_ - 2).u < min_spacing) {
        last = {u, a};
        return;
    }
    if (count_ == kCapacity) {
        // Frames only ever look a few blocks back; the oldest anchor is long unused.
        first_ = (first_ + 1) % kCapacity;
        --count_;
    }
    at(count_) = {u, a};
    ++count_;
}

double TimeMap::slope_between(std::size_t index) const noexcept {
    const Anchor& lo = at(index);
    const Anchor& hi = at(index + 1);
    return (hi.a - lo.a) / (hi.u - lo.u);
}

double TimeMap::last_slope() const noexcept {
    if (count_ < 2) return initial_slope_;
    const Anchor& last = at(count_ - 1);
    std::size_t index = count_ - 2;
    while (index > 0 && last.u - at(index).u < trend_span()) --index;
    const Anchor& from = at(index);
    return (last.a - from.a) / (last.u - from.u);
}

double TimeMap::input_at(double u) const noexcept {
    const Anchor& last = at(count_ - 1);
    if (count_ == 1 || u >= last.u) return last.a + (u - last.u) * last_slope();
    // Queries cluster near the newest anchors, so search backwards.
    std::size_t index = count_ - 2;
    while (index > 0 && u < at(index).u) --index;
    const Anchor& lo = at(index);
    return lo.a + (u - lo.u) * slope_between(index);
}

double TimeMap::stretch_at(double a) const noexcept {
    const Anchor& last = at(count_ - 1);
    if (count_ == 1 || a >= last.a) {
        const double slope = last_slope();
        return slope > 0.0 ? last.u + (a - last.a) / slope : last.u;
    }
    std::size_t index = count_ - 2;
    while (index > 0 && a < at(index).a) --index;
    const Anchor& lo = at(index);
    const double slope = slope_between(index);
    if (slope <= 0.0) return lo.u;
    return lo.u + (a - lo.a) / slope;
}

}  // namespace stretchcore::engine
