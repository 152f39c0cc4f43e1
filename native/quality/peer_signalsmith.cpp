// Signalsmith Stretch (single header, fetched by native/quality/fetch_peers.sh); see peers.hpp.
// Signalsmith Linear 0.2.6 calls std::memcpy without including <cstring>.
#include <cstring>

#include <signalsmith-stretch/signalsmith-stretch.h>

#include "peers.hpp"
#include "support/signals.hpp"

namespace stretch_quality {

std::vector<float> render_signalsmith(const std::vector<float>& input, int channels, std::size_t out_frames,
                                      double semitones, bool formants) {
    const auto nc = static_cast<std::size_t>(channels);
    const std::size_t n = input.size() / nc;
    signalsmith::stretch::SignalsmithStretch<float> stretch(20240601L);  // fixed seed: repeatable renders
    stretch.presetDefault(channels, 44100.0f);
    stretch.setTransposeSemitones(static_cast<float>(semitones));
    if (formants) stretch.setFormantFactor(1.0f, true);  // undo the transposition's formant shift

    std::vector<std::vector<float>> in = stretch_test::deinterleave(input, channels);
    std::vector<std::vector<float>> planar(nc, std::vector<float>(out_frames));
    stretch.exact(in, static_cast<int>(n), planar, static_cast<int>(out_frames));
    return stretch_test::interleave(planar);
}

std::string signalsmith_version() {
    using S = signalsmith::stretch::SignalsmithStretch<float>;
    return std::to_string(S::version[0]) + "." + std::to_string(S::version[1]) + "." + std::to_string(S::version[2]);
}

}  // namespace stretch_quality
