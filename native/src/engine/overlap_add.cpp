#include "engine/overlap_add.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstring>

#include "dsp/math_constants.hpp"
#include "dsp/portable_math.hpp"
#include "engine/pitch_map.hpp"

namespace stretchcore::engine {

void OverlapAdd::configure(int channels, int size, int hop, std::ptrdiff_t capacity, dsp::Isa isa,
                           bool compact_frames) {
    kernels_ = &dsp::kernels_for(isa);
    channels_ = channels;
    size_ = size;
    const auto n = static_cast<std::size_t>(size);
    window_.resize(n);
    for (int i = 0; i < size; ++i) {
        window_[static_cast<std::size_t>(i)] = static_cast<float>(0.5 - 0.5 * dsp::portable_sin_cos(dsp::kTwoPi * i / size).cos);
    }
    double overlap_sum = 0.0;
    for (int i = 0; i < size; i += hop) {
        const float w = window_[static_cast<std::size_t>(i)];
        overlap_sum += static_cast<double>(w * w);
    }
    // The synthesis scale is folded into the window: one multiplication per sample less.
    const auto scale = static_cast<float>(1.0 / (overlap_sum * size));
    if (compact_frames) {
        // How much more than a Hann-analysed frame a compact one gives each sample: the analysis
        // window times the synthesis window, relative to the Hann x Hann sum, which is 1 throughout.
        norm_.resize(n + static_cast<std::size_t>(capacity));
        const auto frame = static_cast<float>(size);
        for (std::size_t i = 0; i < n; ++i) {
            const float hann = window_[i];
            norm_[i] = hann * scale * frame * (SpectralAnalysis::kCompactScale * hann * hann - hann);
        }
    }
    for (float& w : window_) w *= scale;
    bins_ = n / 2 + 1;
    capacity_ = static_cast<std::size_t>(capacity);
    data_.resize(static_cast<std::size_t>(channels) * capacity_);
}

void OverlapAdd::reset(std::int64_t start) noexcept {
    base_ = start;
    end_ = start;
}

void OverlapAdd::add(std::int64_t position, SpectralAnalysis& analysis, const PhaseLocker& phases, const float* gain,
                     const GainFade& fade, dsp::RealFft& fft, std::int64_t keep_from, bool first_pass) noexcept {
    make_room(position + size_, keep_from);
    // One channel's shaped spectrum and its inverse transform, in the analysis's scratch memory.
    float* spec_re = analysis.scratch_re();
    float* spec_im = analysis.scratch_im();
    float* frame = analysis.scratch_frame();
    const std::size_t bins = bins_;
    const float* rot_re = phases.rotation_re();
    const float* rot_im = phases.rotation_im();
    const auto offset = static_cast<std::size_t>(position - base_);
    const auto fresh_from = static_cast<std::size_t>(end_ - base_);
    const auto frame_end = static_cast<std::size_t>(position + size_ - base_);
    if (!norm_.empty() && first_pass) count_windows(offset, fresh_from, frame_end, analysis.compact());
    for (int c = 0; c < channels_; ++c) {
        kernels_->rotate_and_scale(analysis.windowed_re(c), analysis.windowed_im(c), rot_re, rot_im, gain, spec_re,
                                   spec_im, bins);
        if (phases.shift() != 1.0f) {
            transpose_spectrum(spec_re, spec_im, bins, static_cast<double>(phases.shift()), phases.region_ends().data(),
                               phases.peak_frequencies().data(), phases.region_ends().size(), frame);
        }
        fft.inverse(spec_re, spec_im, frame);
        apply_ramps(fade, frame);
        float* channel = data_.data() + static_cast<std::size_t>(c) * capacity_;
        if (frame_end > fresh_from) std::fill(channel + fresh_from, channel + frame_end, 0.0f);
        // Only the samples the fade does not zero.
        const auto from = static_cast<std::size_t>(fade.rise_from);
        const auto to = static_cast<std::size_t>(fade.fall_to);
        kernels_->window_add(channel + offset + from, frame + from, window_.data() + from, to - from);
    }
    end_ = std::max(end_, position + size_);
}

void OverlapAdd::count_windows(std::size_t offset, std::size_t fresh_from, std::size_t frame_end,
                               bool compact) noexcept {
    // Hann frames add nothing, so where no compact frame reaches, the samples are left exactly as
    // they are.
    const float* compact_excess = norm_.data();
    float* excess = norm_.data() + size_;
    if (frame_end > fresh_from) std::fill(excess + fresh_from, excess + frame_end, 0.0f);
    if (!compact) return;
    for (std::size_t i = 0; i < static_cast<std::size_t>(size_); ++i) excess[offset + i] += compact_excess[i];
}

void OverlapAdd::normalise(std::int64_t from_position, std::int64_t until) noexcept {
    if (norm_.empty()) return;
    const float* excess = norm_.data() + size_;
    const auto from = static_cast<std::size_t>(std::max(from_position, base_) - base_);
    const auto to = static_cast<std::size_t>(until - base_);
    for (std::size_t i = from; i < to; ++i) {
        // Where both kinds of frame meet, the windows sum to 0.85-1.15.
        if (excess[i] == 0.0f) continue;
        const float sum = 1.0f + excess[i];
        for (int c = 0; c < channels_; ++c) data_[static_cast<std::size_t>(c) * capacity_ + i] /= sum;
    }
}

void OverlapAdd::apply_ramps(const GainFade& fade, float* frame) noexcept {
    if (fade.rise_to > fade.rise_from) {
        const float step = 1.0f / static_cast<float>(fade.rise_to - fade.rise_from);
        for (int i = fade.rise_from; i < fade.rise_to; ++i) {
            frame[i] *= static_cast<float>(i - fade.rise_from) * step;
        }
    }
    if (fade.fall_to > fade.fall_from) {
        const float step = 1.0f / static_cast<float>(fade.fall_to - fade.fall_from);
        for (int i = fade.fall_from; i < fade.fall_to; ++i) {
            frame[i] *= static_cast<float>(fade.fall_to - i) * step;
        }
    }
}

void OverlapAdd::make_room(std::int64_t frame_end, std::int64_t keep_from) noexcept {
    if (frame_end - base_ <= static_cast<std::int64_t>(capacity_)) return;
    const std::int64_t shift = keep_from - base_;
    if (shift <= 0) return;
    const std::int64_t keep = std::max<std::int64_t>(0, (end_ - base_) - shift);
    for (int c = 0; c < channels_; ++c) {
        float* channel = data_.data() + static_cast<std::size_t>(c) * capacity_;
        if (keep > 0) std::memmove(channel, channel + shift, static_cast<std::size_t>(keep) * sizeof(float));
    }
    if (!norm_.empty() && keep > 0) {
        float* excess = norm_.data() + size_;
        std::memmove(excess, excess + shift, static_cast<std::size_t>(keep) * sizeof(float));
    }
    base_ = keep_from;
    end_ = std::max(end_, base_);
}

}  // namespace stretchcore::engine
