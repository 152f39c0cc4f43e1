// Rubber Band Library through its C++ API (Debian's librubberband-dev); see peers.hpp.
#include <rubberband/RubberBandStretcher.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "peers.hpp"
#include "support/signals.hpp"

namespace stretch_quality {

std::vector<float> render_rubberband(const std::vector<float>& input, int channels, std::size_t out_frames,
                                     double semitones, bool formants, int options) {
    using RB = RubberBand::RubberBandStretcher;
    const auto nc = static_cast<std::size_t>(channels);
    const std::size_t n = input.size() / nc;
    options |= RB::OptionProcessOffline | RB::OptionThreadingNever;
    if (formants) options |= RB::OptionFormantPreserved;
    RB rb(44100, nc, options, static_cast<double>(out_frames) / static_cast<double>(n), std::exp2(semitones / 12.0));
    constexpr std::size_t kBlock = 4096;
    rb.setExpectedInputDuration(n);
    rb.setMaxProcessSize(kBlock);

    const std::vector<std::vector<float>> planar = stretch_test::deinterleave(input, channels);
    std::vector<const float*> in(nc);
    for (std::size_t at = 0; at < n; at += kBlock) {
        for (std::size_t c = 0; c < nc; ++c) in[c] = planar[c].data() + at;
        rb.study(in.data(), std::min(kBlock, n - at), at + kBlock >= n);
    }

    std::vector<float> out(out_frames * nc, 0.0f);
    std::size_t written = 0;
    std::vector<std::vector<float>> got(nc, std::vector<float>(kBlock));
    std::vector<float*> got_ptr(nc);
    for (std::size_t c = 0; c < nc; ++c) got_ptr[c] = got[c].data();
    const auto drain = [&]() {
        for (int avail = rb.available(); avail > 0; avail = rb.available()) {
            const std::size_t count = rb.retrieve(got_ptr.data(), std::min(kBlock, static_cast<std::size_t>(avail)));
            for (std::size_t i = 0; i < count && written < out_frames; ++i, ++written)
                for (std::size_t c = 0; c < nc; ++c) out[written * nc + c] = got[c][i];
        }
    };
    for (std::size_t at = 0; at < n; at += kBlock) {
        for (std::size_t c = 0; c < nc; ++c) in[c] = planar[c].data() + at;
        rb.process(in.data(), std::min(kBlock, n - at), at + kBlock >= n);
        drain();
    }
    drain();                        // with one thread, the final process() call has produced everything
    if (written + 64 < out_frames)  // zero-padded beyond a rounding difference: say so
        std::fprintf(stderr, "rubberband: %zu of %zu frames\n", written, out_frames);
    return out;
}

std::string rubberband_version() {
    RubberBand::RubberBandStretcher rb(44100, 1, RubberBand::RubberBandStretcher::OptionEngineFiner);
    return std::string(RUBBERBAND_VERSION) + " (engine R" + std::to_string(rb.getEngineVersion()) + " available)";
}

}  // namespace stretch_quality
