#include "dsp/isa.hpp"

#include <cstdlib>
#include <cstring>

#include "dsp/kernels.hpp"

// kernels_avx2.cpp and kernels_neon.cpp hold a table on their own architecture only.
#if defined(__x86_64__) || defined(_M_X64)
#define STRETCH_HAS_AVX2_KERNELS 1
#endif
#if defined(__aarch64__) || defined(_M_ARM64)
#define STRETCH_HAS_NEON_KERNELS 1
#endif

namespace stretchcore::dsp {

namespace portable {
extern const Kernels kTable;
}
#ifdef STRETCH_HAS_AVX2_KERNELS
namespace avx2 {
extern const Kernels kTable;
}
#endif
#ifdef STRETCH_HAS_NEON_KERNELS
namespace neon {
extern const Kernels kTable;
}
#endif

const char* isa_name(Isa isa) noexcept {
    switch (isa) {
        case Isa::Avx2:
            return "avx2";
        case Isa::Neon:
            return "neon";
        default:
            return "portable";
    }
}

bool isa_available(Isa isa) noexcept {
    switch (isa) {
        case Isa::Portable:
            return true;
        case Isa::Avx2:
#ifdef STRETCH_HAS_AVX2_KERNELS
            // Checks that the OS saves the YMM registers too.
            __builtin_cpu_init();
            return __builtin_cpu_supports("avx2") != 0;
#else
            return false;
#endif
        case Isa::Neon:
#ifdef STRETCH_HAS_NEON_KERNELS
            return true;  // Advanced SIMD is part of every ARMv8-A CPU
#else
            return false;
#endif
    }
    return false;
}

Isa select_isa() noexcept {
    if (const char* wanted = std::getenv("STRETCH_ISA")) {
        for (Isa isa : {Isa::Portable, Isa::Avx2, Isa::Neon}) {
            if (std::strcmp(wanted, isa_name(isa)) == 0) return isa_available(isa) ? isa : Isa::Portable;
        }
        return Isa::Portable;
    }
    for (Isa isa : {Isa::Avx2, Isa::Neon}) {
        if (isa_available(isa)) return isa;
    }
    return Isa::Portable;
}

const Kernels& kernels_for(Isa isa) noexcept {
#ifdef STRETCH_HAS_AVX2_KERNELS
    if (isa == Isa::Avx2) return avx2::kTable;
#endif
#ifdef STRETCH_HAS_NEON_KERNELS
    if (isa == Isa::Neon) return neon::kTable;
#endif
    static_cast<void>(isa);
    return portable::kTable;
}

}  // namespace stretchcore::dsp
