#include "engine/phase_locker.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>

#include "dsp/math_constants.hpp"
#include "dsp/portable_math.hpp"

namespace stretchcore::engine {

namespace {
// How far (in bins) a peak may have moved since the previous frame to count as the same partial.
constexpr double kTrackReach = 0.75;
// In an onset's frame, a region whose peak is this much louder than the same bin in the previous
// frame (6 dB) is taken for the onset's and keeps its own phases. 2-6 measured: 4 best for the
// band and the piano (docs/benchmarks.md, "Onsets: only the regions they bring").
constexpr float kOnsetRise = 4.0f;
}  // namespace

void PhaseLocker::configure(int bins, int hop) {
    hop_ = hop;
    size_ = 2 * (bins - 1);
    const auto n = static_cast<std::size_t>(bins);
    for (auto* v : {&rot_re_, &rot_im_, &last_re_, &last_im_}) v->resize(n);
    // Two peaks are at least three bins apart (each is at least as loud as the two bins either
    // side of it), so a third of the bins is room for all of them.
    peaks_.reserve(n / 3 + 1);
    region_ends_.reserve(n / 3 + 1);
    peak_frequencies_.reserve(n / 3 + 1);
    last_peak_frequencies_.reserve(n / 3 + 1);
    reset();
}

void PhaseLocker::reset() noexcept {
    peaks_.clear();
    peak_frequencies_.clear();
    glide_ = 0.0f;
    std::fill(rot_re_.begin(), rot_re_.end(), 1.0f);
    for (auto* v : {&rot_im_, &last_re_, &last_im_}) std::fill(v->begin(), v->end(), 0.0f);
}

void PhaseLocker::lock(const SpectralAnalysis& analysis, bool keep_phases, double advance, std::int64_t input_hop,
                       bool onset) noexcept {
    last_peak_frequencies_.swap(peak_frequencies_);
    peak_frequencies_.clear();
    region_ends_.clear();
    // An onset's frame in a stretch is locked like any other, then the regions the onset brings
    // take their own phases: the rest of the frame, what was sounding before, stays continuous
    // with the frames around it.
    const bool only_onset_regions = keep_phases && onset && advance == 0.0;
    if (only_onset_regions) keep_phases = false;
    if (keep_phases) {
        peaks_.clear();
    } else {
        find_peaks(analysis.power());
    }
    if (keep_phases && advance != 0.0) {
        const double step = dsp::kTwoPi * advance / size_;
        for (std::size_t k = 0; k < rot_re_.size(); ++k) {
            const dsp::SinCos rotation = dsp::portable_sin_cos(step * static_cast<double>(k));
            rot_re_[k] = static_cast<float>(rotation.cos);
            rot_im_[k] = static_cast<float>(rotation.sin);
        }
    } else if (peaks_.empty()) {
        std::fill(rot_re_.begin(), rot_re_.end(), 1.0f);
        std::fill(rot_im_.begin(), rot_im_.end(), 0.0f);
    } else {
        const float glide = glide_;
        rotate_regions(analysis, input_hop);
        if (only_onset_regions) {
            keep_rising_regions(analysis.power());
            // The onset's own partials are no glide: measured on a click, they passed over the next.
            glide_ = glide;
        }
    }
    remember_phases(analysis);
}

void PhaseLocker::keep_rising_regions(const float* power) noexcept {
    std::size_t start = 0;
    for (std::size_t p = 0; p < peaks_.size(); ++p) {
        const auto k = static_cast<std::size_t>(peaks_[p]);
        const auto end = static_cast<std::size_t>(region_ends_[p]);
        // last_ holds the previous frame's reference spectrum: its power at the peak's bin.
        const float before = last_re_[k] * last_re_[k] + last_im_[k] * last_im_[k];
        if (power[k] > kOnsetRise * before) {
            for (std::size_t j = start; j < end; ++j) {
                rot_re_[j] = 1.0f;
                rot_im_[j] = 0.0f;
            }
        }
        start = end;
    }
}

void PhaseLocker::find_peaks(const float* power) noexcept {
    // A peak is louder than its two neighbours on either side and not lost in the noise floor.
    const std::size_t bins = rot_re_.size();
    float loudest = 0.0f;
    for (std::size_t k = 0; k < bins; ++k) loudest = std::max(loudest, power[k]);
    const float floor = loudest * 1e-14f;
    peaks_.clear();
    for (std::size_t k = 2; k + 2 < bins; ++k) {
        const float p = power[k];
        if (p > floor && p > power[k - 1] && p >= power[k + 1] && p > power[k - 2] && p >= power[k + 2]) {
            peaks_.push_back(static_cast<int>(k));
        }
    }
}

void PhaseLocker::rotate_regions(const SpectralAnalysis& analysis, std::int64_t input_hop) noexcept {
    const std::size_t bins = rot_re_.size();
    const float* power = analysis.power();
    const double bin_width = analysis.bin_width();
    std::size_t q = 0;  // the previous frame's peak nearest the current one
    std::size_t region_start = 0;
    double moved = 0.0;    // tracked peaks' moves in bins, weighted by their power
    double tracked = 0.0;  // and the sum of those weights
    for (std::size_t p = 0; p < peaks_.size(); ++p) {
        const auto k = static_cast<std::size_t>(peaks_[p]);
        std::size_t region_end = bins;
        if (p + 1 < peaks_.size()) {
            region_end = k + 1;
            for (std::size_t j = k + 1; j < static_cast<std::size_t>(peaks_[p + 1]); ++j) {
                if (power[j] < power[region_end]) region_end = j;
            }
        }
        // The in-frame frequency estimate does not depend on the analysis hop, so it holds for
        // any time ratio and any jump of the read position (around onsets).
        const double deviation = analysis.frequency_deviation(k);
        // A partial that glides moves on by its mean frequency over the hop: the mean of its
        // estimates in this frame and in the previous one, where the nearest previous peak is
        // taken for the same partial if it lies within kTrackReach bins (further off it is
        // another partial or an onset, and the current estimate alone is used).
        double frequency = static_cast<double>(k) * bin_width + deviation;
        if (!last_peak_frequencies_.empty()) {
            const double here = static_cast<double>(k) + deviation / bin_width;
            const float* last = last_peak_frequencies_.data();
            while (q + 1 < last_peak_frequencies_.size() &&
                   std::fabs(static_cast<double>(last[q + 1]) - here) <= std::fabs(static_cast<double>(last[q]) - here)) {
                ++q;
            }
            const auto there = static_cast<double>(last[q]);
            if (std::fabs(there - here) <= kTrackReach) {
                frequency = 0.5 * (here + there) * bin_width;
                moved += static_cast<double>(power[k]) * std::fabs(there - here);
                tracked += static_cast<double>(power[k]);
            }
        }
        const auto w_re = static_cast<double>(analysis.reference_re()[k]);
        const auto w_im = static_cast<double>(analysis.reference_im()[k]);
        const double magnitude = std::sqrt(static_cast<double>(power[k]));
        const double turns = frequency_over_hop(frequency, w_re / magnitude, w_im / magnitude, k, input_hop) *
                             static_cast<double>(shift_) * hop_;
        // Wrapped to [0, 2 pi) with a floor rather than fmod (which keeps the sign of a negative
        // advance, possible now that the measured frequency may lie below the estimate): far fewer
        // instructions, the same IEEE operations on every platform.
        const double advance = turns - dsp::kTwoPi * std::floor(turns / dsp::kTwoPi);
        const dsp::SinCos rotation = dsp::portable_sin_cos(advance);
        const double c = rotation.cos;
        const double s = rotation.sin;
        // The previous frame's synthesis phase at this bin: its analysis phase turned by the
        // rotation its region had (rot_ still holds it from bin region_start on); the rotation
        // alone where that bin was silent. Its length does not matter: ps is normalised below.
        auto last_re = static_cast<double>(rot_re_[k]);
        auto last_im = static_cast<double>(rot_im_[k]);
        if (last_re_[k] != 0.0f || last_im_[k] != 0.0f) {
            last_re = static_cast<double>(rot_re_[k]) * static_cast<double>(last_re_[k]) -
                      static_cast<double>(rot_im_[k]) * static_cast<double>(last_im_[k]);
            last_im = static_cast<double>(rot_re_[k]) * static_cast<double>(last_im_[k]) +
                      static_cast<double>(rot_im_[k]) * static_cast<double>(last_re_[k]);
        }
        double ps_re = last_re * c - last_im * s;
        double ps_im = last_re * s + last_im * c;
        const double norm = std::sqrt(ps_re * ps_re + ps_im * ps_im);
        if (norm > 0.0) {
            ps_re /= norm;
            ps_im /= norm;
        } else {
            ps_re = 1.0;
            ps_im = 0.0;
        }
        // Rotation taking the analysis phase to the synthesis phase, shared by the region.
        const auto r_re = static_cast<float>((ps_re * w_re + ps_im * w_im) / magnitude);
        const auto r_im = static_cast<float>((ps_im * w_re - ps_re * w_im) / magnitude);
        for (std::size_t j = region_start; j < region_end; ++j) {
            rot_re_[j] = r_re;
            rot_im_[j] = r_im;
        }
        region_ends_.push_back(static_cast<int>(region_end));
        peak_frequencies_.push_back(static_cast<float>(static_cast<double>(k) + deviation / bin_width));
        region_start = region_end;
    }
    // A read position that did not move (clamped against the previous one) says nothing of a rate,
    // and a frame that tracked nothing (after silence or a phase reset) nothing of a glide.
    if (input_hop > 0 && tracked > 0.0) {
        glide_ = static_cast<float>(moved / tracked * static_cast<double>(size_) / static_cast<double>(input_hop));
    }
}

double PhaseLocker::frequency_over_hop(double estimate, double unit_re, double unit_im, std::size_t k,
                                       std::int64_t input_hop) const noexcept {
    // How far the phase at bin k really moved since the previous frame, on the turn the estimate
    // predicts: the phase vocoder's frequency (Flanagan and Golden 1966). Used in place of the
    // estimate, it makes a stretch by 1 an identity and every other one drift from the input's
    // phases only by the stretch itself; the estimate alone, off by a fraction of a bin, turned
    // each region a little further than its partial moved, frame after frame, and the frames
    // overlap-added out of step (a tempo round trip by 1.01 scored SC 0.11-0.17 on the speech
    // and the strings, 0.04-0.11 now). An estimate within a bin finds the turn while the hop is at
    // most half a frame; beyond that (tempi above 2, jumps around onsets), or after a silent bin,
    // the estimate is used alone.
    const auto last_re = static_cast<double>(last_re_[k]);
    const auto last_im = static_cast<double>(last_im_[k]);
    if (input_hop <= 0 || input_hop > size_ / 2 || (last_re == 0.0 && last_im == 0.0)) return estimate;
    const auto hop = static_cast<double>(input_hop);
    const double moved =
        dsp::portable_atan2(unit_im * last_re - unit_re * last_im, unit_re * last_re + unit_im * last_im);
    const double expected = estimate * hop;
    const double off = moved - expected;
    return (expected + off - dsp::kTwoPi * std::floor(off / dsp::kTwoPi + 0.5)) / hop;
}

void PhaseLocker::remember_phases(const SpectralAnalysis& analysis) noexcept {
    // Each bin's analysis phase and power, as the reference spectrum itself: for the next frame's
    // measured advance and its onset's regions; with the rotation each bin had, also its synthesis
    // phase.
    const std::size_t bins = rot_re_.size();
    std::copy(analysis.reference_re(), analysis.reference_re() + bins, last_re_.begin());
    std::copy(analysis.reference_im(), analysis.reference_im() + bins, last_im_.begin());
}

}  // namespace stretchcore::engine
