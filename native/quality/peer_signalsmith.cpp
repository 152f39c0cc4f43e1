// Signalsmith Stretch (single header, fetched by native/quality/fetch_peers.sh); see peers.hpp.
// Signalsmith Linear 0.2.6 calls std::memcpy without including <cstring>.
#include <cstring>

#include <signalsmith-stretch/signalsmith-stretch.h>

#include "peers.hpp"
#include "support/signals.hpp"

namespace stretch_quality {
namespace {

using Stretch = signalsmith::stretch::SignalsmithStretch<float>;
using Planar = std::vector<std::vector<float>>;

// Out of line so that callgrind_peers.sh can count the render alone (exact() is inlined otherwise).
__attribute__((noinline)) void signalsmith_exact(Stretch& stretch, const Planar& in, Planar& out) {
    stretch.exact(in, static_cast<int>(in[0].size()), out, static_cast<int>(out[0].size()));
}

}  // namespace

std::vector<float> render_signalsmith(const std::vector<float>& input, int channels, std::size_t out_frames,
                                      double semitones, bool formants, bool cheaper) {
    const auto nc = static_cast<std::size_t>(channels);
    Stretch stretch(20240601L);  // fixed seed: repeatable renders
    if (cheaper)
        stretch.presetCheaper(channels, 44100.0f);
    else
        stretch.presetDefault(channels, 44100.0f);
    stretch.setTransposeSemitones(static_cast<float>(semitones));
    if (formants) stretch.setFormantFactor(1.0f, true);  // undo the transposition's formant shift

    const Planar in = stretch_test::deinterleave(input, channels);
    Planar planar(nc, std::vector<float>(out_frames));
    signalsmith_exact(stretch, in, planar);
    return stretch_test::interleave(planar);
}

std::string signalsmith_version() {
    return std::to_string(Stretch::version[0]) + "." + std::to_string(Stretch::version[1]) + "." +
           std::to_string(Stretch::version[2]);
}

}  // namespace stretch_quality
