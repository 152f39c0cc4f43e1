// The portable build of the kernels: the library's baseline target (STRETCH_ARCH_FLAGS). On
// AArch64 CMakeLists.txt builds it without vectorisation, so that the NEON build has a
// different path to be compared with.
#define STRETCH_KERNEL_NS portable
#define STRETCH_KERNEL_ISA ::stretchcore::dsp::Isa::Portable
#include "dsp/fft_kernels.inc"
#include "dsp/engine_kernels.inc"
