// The kernels' builds for each instruction set (dsp/isa.hpp) give the same bits: every build
// available on this machine renders the same inputs as the portable one, and the outputs are
// compared sample by sample, bit for bit. On a machine with only the portable build the
// comparisons are skipped, and say so.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "dsp/fft.hpp"
#include "dsp/isa.hpp"
#include "engine/stretcher.hpp"
#include "support/signals.hpp"

namespace {

using stretchcore::dsp::Isa;
using stretchcore::dsp::isa_available;
using stretchcore::dsp::isa_name;
using stretchcore::dsp::RealFft;
using stretchcore::engine::Preset;
using stretchcore::engine::Stretcher;

std::vector<Isa> wider_isas() {
    std::vector<Isa> found;
    for (Isa isa : {Isa::Avx2, Isa::Neon}) {
        if (isa_available(isa)) found.push_back(isa);
    }
    return found;
}

// Index of the first sample whose bits differ, or -1.
std::ptrdiff_t first_difference(const std::vector<float>& a, const std::vector<float>& b) {
    if (a.size() != b.size()) return 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::memcmp(&a[i], &b[i], sizeof(float)) != 0) return static_cast<std::ptrdiff_t>(i);
    }
    return -1;
}

struct RenderCase {
    const char* name;
    int channels;
    double sample_rate;
    Preset preset;
    double ratio;
    double transpose;
    bool formants;
    bool blocks;  // process in 700-frame blocks and flush, rather than one render
};

// The music-like stereo signal on `channels` channels (pairs repeated, each quieter).
std::vector<float> input_for(const RenderCase& c) {
    const std::vector<float> stereo = stretch_test::music_like(c.sample_rate, 1.5);
    const std::size_t frames = stereo.size() / 2;
    const auto width = static_cast<std::size_t>(c.channels);
    std::vector<float> x(frames * width);
    for (std::size_t i = 0; i < frames; ++i) {
        for (std::size_t ch = 0; ch < width; ++ch) {
            x[i * width + ch] = (1.0f - 0.125f * static_cast<float>(ch / 2)) * stereo[2 * i + ch % 2];
        }
    }
    return x;
}

std::vector<float> render(const RenderCase& c, const std::vector<float>& input, Isa isa) {
    Stretcher s(c.channels, c.sample_rate, c.preset, isa);
    s.set_transpose(c.transpose);
    s.set_formant_preservation(c.formants);
    const auto width = static_cast<std::size_t>(c.channels);
    const std::size_t frames = input.size() / width;
    const auto out_frames = static_cast<std::size_t>(std::llround(static_cast<double>(frames) * c.ratio));
    if (!c.blocks) {
        std::vector<float> out(out_frames * width);
        s.render(input.data(), static_cast<std::int64_t>(frames), out.data(), static_cast<std::int64_t>(out_frames));
        return out;
    }
    const std::size_t tail = static_cast<std::size_t>(s.tail_frames());
    std::vector<float> out((out_frames + tail) * width);
    std::size_t in = 0, done = 0;
    while (in < frames) {
        const std::size_t n = std::min<std::size_t>(700, frames - in);
        const auto total = static_cast<std::size_t>(std::llround(static_cast<double>(in + n) * c.ratio));
        s.process(input.data() + in * width, static_cast<std::int64_t>(n), out.data() + done * width,
                  static_cast<std::int64_t>(total - done));
        in += n;
        done = total;
    }
    s.flush(out.data() + done * width, static_cast<std::int64_t>(tail));
    return out;
}

const RenderCase kCases[] = {
    {"stereo_default_44k", 2, 44100.0, Preset::Default, 0.8, std::pow(2.0, 3.0 / 12.0), false, false},
    {"stereo_cheaper_44k_blocks", 2, 44100.0, Preset::Cheaper, 1.3, std::pow(2.0, -5.0 / 12.0), false, true},
    {"mono_default_96k_formants", 1, 96000.0, Preset::Default, 1.1, std::pow(2.0, 7.0 / 12.0), true, false},
    {"stereo_cheaper_96k", 2, 96000.0, Preset::Cheaper, 0.9, std::pow(2.0, 2.0 / 12.0), false, false},
    {"eight_cheaper_48k_formants", 8, 48000.0, Preset::Cheaper, 0.75, std::pow(2.0, -3.0 / 12.0), true, false},
    {"six_default_22k_blocks", 6, 22050.0, Preset::Default, 1.6, 2.5, false, true},
};

TEST(Isa, PortableIsAlwaysAvailable) {
    EXPECT_TRUE(isa_available(Isa::Portable));
    EXPECT_STREQ(isa_name(Isa::Portable), "portable");
    std::string available = "portable";
    for (Isa isa : wider_isas()) available += std::string(" ") + isa_name(isa);
    std::printf("kernels available here: %s; an instance takes %s\n", available.c_str(),
                isa_name(stretchcore::dsp::select_isa()));
}

TEST(Isa, EnvironmentForcesThePortableBuild) {
    // STRETCH_ISA is read at every creation; restore what the run was started with.
    const char* before = std::getenv("STRETCH_ISA");
    const std::string saved = before != nullptr ? before : "";
#if defined(_WIN32)
    _putenv_s("STRETCH_ISA", "portable");
#else
    setenv("STRETCH_ISA", "portable", 1);
#endif
    EXPECT_EQ(stretchcore::dsp::select_isa(), Isa::Portable);
    Stretcher s(2, 44100.0, Preset::Default);
    EXPECT_EQ(s.isa(), Isa::Portable);
#if defined(_WIN32)
    _putenv_s("STRETCH_ISA", "unknown");
#else
    setenv("STRETCH_ISA", "unknown", 1);
#endif
    EXPECT_EQ(stretchcore::dsp::select_isa(), Isa::Portable) << "an unknown name falls back to portable";
#if defined(_WIN32)
    _putenv_s("STRETCH_ISA", saved.c_str());
#else
    if (before != nullptr) {
        setenv("STRETCH_ISA", saved.c_str(), 1);
    } else {
        unsetenv("STRETCH_ISA");
    }
#endif
}

TEST(Isa, FftGivesTheSameBitsOnEveryPath) {
    const std::vector<Isa> isas = wider_isas();
    if (isas.empty()) GTEST_SKIP() << "only the portable kernels run on this machine";
    // Sizes whose halves take each kernel shape: blocks of four or not, radices 2 to 8.
    for (int size : {16, 30, 48, 90, 250, 384, 1000, 2048, 3072, 3456, 6750, 6912, 10800}) {
        const std::vector<float> x = stretch_test::white_noise(static_cast<std::size_t>(size), 0.5f, 7);
        const auto bins = static_cast<std::size_t>(size / 2 + 1);
        RealFft reference(size, Isa::Portable);
        std::vector<float> re(bins), im(bins), back(static_cast<std::size_t>(size));
        reference.forward(x.data(), re.data(), im.data());
        reference.inverse(re.data(), im.data(), back.data());
        for (Isa isa : isas) {
            RealFft fft(size, isa);
            std::vector<float> re2(bins), im2(bins), back2(static_cast<std::size_t>(size));
            fft.forward(x.data(), re2.data(), im2.data());
            fft.inverse(re.data(), im.data(), back2.data());
            EXPECT_EQ(first_difference(re, re2), -1) << isa_name(isa) << " forward re, size " << size;
            EXPECT_EQ(first_difference(im, im2), -1) << isa_name(isa) << " forward im, size " << size;
            EXPECT_EQ(first_difference(back, back2), -1) << isa_name(isa) << " inverse, size " << size;
        }
    }
}

class IsaRender : public ::testing::TestWithParam<RenderCase> {};

TEST_P(IsaRender, EveryPathGivesTheSameBits) {
    const std::vector<Isa> isas = wider_isas();
    if (isas.empty()) GTEST_SKIP() << "only the portable kernels run on this machine";
    const RenderCase& c = GetParam();
    const std::vector<float> input = input_for(c);
    const std::vector<float> reference = render(c, input, Isa::Portable);
    double energy = 0.0;
    for (float v : reference) energy += static_cast<double>(v) * static_cast<double>(v);
    ASSERT_GT(energy, 1.0) << "the render must carry signal for the comparison to mean anything";
    for (Isa isa : isas) {
        const std::ptrdiff_t at = first_difference(reference, render(c, input, isa));
        EXPECT_EQ(at, -1) << isa_name(isa) << " differs from portable first at sample " << at;
    }
}

INSTANTIATE_TEST_SUITE_P(Cases, IsaRender, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<RenderCase>& p) { return std::string(p.param.name); });

}  // namespace
