// The NEON build of the kernels (AArch64 only): the baseline target, vectorised, beside a
// portable build that CMakeLists.txt compiles without vectorisation.
#if defined(__aarch64__) || defined(_M_ARM64)
#define STRETCH_KERNEL_NS neon
#define STRETCH_KERNEL_ISA ::stretchcore::dsp::Isa::Neon
#include "dsp/fft_kernels.inc"
#include "dsp/engine_kernels.inc"
#endif
