// Which build of the kernels (kernels.hpp) an instance runs. Chosen once, when the instance is
// created: the widest one the CPU runs, unless the environment variable STRETCH_ISA names
// another ("portable", "avx2", "neon"; an unavailable name falls back to portable).
// docs/native-engine.md describes it.
#pragma once

namespace stretchcore::dsp {

enum class Isa {
    Portable,  // the baseline target (x86-64-v2 / ARMv8-A, vectorised by the compiler)
    Avx2,      // x86-64 with AVX2: 8 floats per vector
    Neon,      // AArch64 Advanced SIMD, written for it (the portable build is scalar there)
};

const char* isa_name(Isa isa) noexcept;
/// Built into this library and supported by this CPU.
bool isa_available(Isa isa) noexcept;
/// The ISA a new instance takes: STRETCH_ISA when set (and available), else the best available.
Isa select_isa() noexcept;

}  // namespace stretchcore::dsp
