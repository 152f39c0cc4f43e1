// The AVX2 build of the kernels (x86-64 only; CMakeLists.txt adds -mavx2 to this file alone).
// No FMA: -ffp-contract=off holds here as everywhere, so the results equal the portable build's.
#if defined(__x86_64__) || defined(_M_X64)
#ifndef __AVX2__
#error "kernels_avx2.cpp must be compiled with -mavx2"
#endif
#define STRETCH_KERNEL_NS avx2
#define STRETCH_KERNEL_ISA ::stretchcore::dsp::Isa::Avx2
#include "dsp/fft_kernels.inc"
#include "dsp/engine_kernels.inc"
#endif
