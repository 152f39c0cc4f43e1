// Real-input FFT for sizes 2^a * 3^b * 5^c. All memory is taken by the constructor;
// forward and inverse never allocate. The constructor picks the build of the transform for an
// instruction set (isa.hpp); every build gives the same bits. An instance holds scratch space, so it serves one
// thread at a time (each stretcher owns its own).
#pragma once

#include <memory>

#include "dsp/isa.hpp"

namespace stretchcore::dsp {

class RealFft {
public:
    /// size must be even, at least 16, and of the form 2^a * 3^b * 5^c.
    /// Throws std::invalid_argument otherwise, std::bad_alloc when memory is short. `isa`
    /// must be available (isa_available).
    explicit RealFft(int size, Isa isa = select_isa());
    ~RealFft();
    RealFft(const RealFft&) = delete;
    RealFft& operator=(const RealFft&) = delete;
    RealFft(RealFft&&) noexcept;
    RealFft& operator=(RealFft&&) noexcept;

    int size() const noexcept;

    /// X[k] = sum_n x[n] e^{-2 pi i k n / N} for k = 0..N/2 (unnormalised).
    /// re and im each hold N/2 + 1 values.
    void forward(const float* input, float* re, float* im) noexcept;

    /// x[n] = sum_k X[k] e^{+2 pi i k n / N} over the full Hermitian spectrum (unnormalised,
    /// so inverse(forward(x)) == N * x). im[0] and im[N/2] are ignored.
    void inverse(const float* re, const float* im, float* output) noexcept;

    static bool is_supported_size(int size) noexcept;
    /// Smallest supported size >= size (size >= 16).
    static int next_supported_size(int size) noexcept;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace stretchcore::dsp
