// What an FFT of one size needs at run time: its stages, twiddles and scratch. fft.cpp makes
// and owns them (FftTables); the transform kernels (fft_kernels.inc) see them through FftView,
// plain pointers, so that a kernel build for a wider instruction set instantiates no inline
// library function another build could end up calling.
#pragma once

#include <cstddef>
#include <vector>

namespace stretchcore::dsp {

// The kernels count their hot loops in blocks of this many floats (one SSE or NEON register,
// half an AVX one); a later stage with this stride stores its twiddles this many times over.
constexpr std::size_t kFftLanes = 4;

struct FftStage {
    int radix;
    std::size_t m;       // butterflies per column (sub-transform length / radix)
    std::size_t stride;  // s: number of interleaved sub-transforms
    std::size_t twiddle_offset;
};

struct FftView {
    std::size_t n;
    std::size_t half;
    const FftStage* stages;
    std::size_t stage_count;
    const float* tw_re;   // stage twiddles, concatenated
    const float* tw_im;
    const float* rot_re;  // e^{-2 pi i k / N}, k = 0 .. half / 2
    const float* rot_im;
    float* a_re;  // scratch, half floats each
    float* a_im;
    float* b_re;
    float* b_im;
};

struct FftTables {
    std::vector<FftStage> stages;
    std::vector<float> tw_re, tw_im;
    std::vector<float> rot_re, rot_im;
    std::vector<float> a_re, a_im, b_re, b_im;
};

}  // namespace stretchcore::dsp
