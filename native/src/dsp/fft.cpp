// Real FFT of size N through a complex FFT of size M = N / 2.
//
// The complex FFT is a decimation-in-frequency Stockham transform on split re/im arrays: every
// stage reads one buffer and writes the other, and the result lands in natural order without a
// bit-reversal pass. A stage of radix R on a sub-transform of length n = R * m with stride s maps
//   y[q + s * (R * p + k)] = w_n^{p k} * sum_j x[q + s * (p + j * m)] * w_R^{j k}
// for p < m, q < s, k < R. The first stage (s = 1) runs its inner loop over p, reading the real
// input directly as interleaved complex values and scattering its outputs; later stages run it
// over q, so their loads and stores are contiguous and the twiddles are loop invariants.
//
// The kernels are plain loops written for the auto-vectoriser. GCC at -O2 only vectorises a loop
// whose trip count is a known multiple of the vector width, so the hot loops count in blocks of
// four and sizes that do not fit take scalar instantiations of the same code.

#include "dsp/fft.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <stdexcept>
#include <utility>
#include <vector>

#include "dsp/math_constants.hpp"

// The stores of a stage go to several streams of one array whose distance the compiler cannot
// see; they never overlap, and saying so keeps it from wanting a runtime alias check.
#if defined(__clang__)
#define STRETCH_FFT_INDEPENDENT_ITERATIONS _Pragma("clang loop vectorize(assume_safety)")
#elif defined(__GNUC__)
#define STRETCH_FFT_INDEPENDENT_ITERATIONS _Pragma("GCC ivdep")
#else
#define STRETCH_FFT_INDEPENDENT_ITERATIONS
#endif

// Kernels stay out of line: inlined into a caller that has tested `m % 4 == 0`, the compiler
// folds (m / 4) * 4 back to m and no longer knows the trip count is a multiple of four.
#if defined(__GNUC__)
#define STRETCH_FFT_KERNEL __attribute__((noinline))
#else
#define STRETCH_FFT_KERNEL
#endif

// The butterflies must melt into the loop around them (an outlined call stops vectorisation),
// and the inliner gives up on the larger ones by itself.
#if defined(__GNUC__)
#define STRETCH_FFT_INLINE inline __attribute__((always_inline))
#define STRETCH_FFT_LAMBDA_INLINE __attribute__((always_inline))
#else
#define STRETCH_FFT_INLINE inline
#define STRETCH_FFT_LAMBDA_INLINE
#endif

namespace stretchcore::dsp {
namespace {

using std::size_t;

constexpr size_t kLanes = 4;  // floats per SSE register

struct Cf {
    float re;
    float im;
};

STRETCH_FFT_INLINE Cf operator+(Cf a, Cf b) { return {a.re + b.re, a.im + b.im}; }
STRETCH_FFT_INLINE Cf operator-(Cf a, Cf b) { return {a.re - b.re, a.im - b.im}; }
STRETCH_FFT_INLINE Cf scale(float k, Cf a) { return {k * a.re, k * a.im}; }
STRETCH_FFT_INLINE Cf mul(Cf a, Cf w) {
    return {a.re * w.re - a.im * w.im, a.re * w.im + a.im * w.re};
}
STRETCH_FFT_INLINE Cf times_minus_i(Cf a) { return {a.im, -a.re}; }

// Calls f(0), f(1), ..., f(N - 1) as straight-line code: at -O2 GCC does not fully unroll small
// inner loops before vectorising, and an inner loop would block vectorisation of the outer one.
template <class F, size_t... I>
STRETCH_FFT_INLINE void unroll_impl(F& f, std::index_sequence<I...>) {
    (f(I), ...);
}
template <size_t N, class F>
STRETCH_FFT_INLINE void unroll(F&& f) {
    unroll_impl(f, std::make_index_sequence<N>{});
}

// In-place forward DFT of R points.
template <int R>
STRETCH_FFT_INLINE void butterfly(Cf* v);

template <>
STRETCH_FFT_INLINE void butterfly<2>(Cf* v) {
    const Cf a = v[0];
    const Cf b = v[1];
    v[0] = a + b;
    v[1] = a - b;
}

template <>
STRETCH_FFT_INLINE void butterfly<3>(Cf* v) {
    constexpr float kSin60 = 0.866025403784438646763723170752936183f;
    const Cf sum = v[1] + v[2];
    const Cf diff = v[1] - v[2];
    const Cf mid = v[0] - scale(0.5f, sum);
    const Cf rot = times_minus_i(scale(kSin60, diff));
    v[0] = v[0] + sum;
    v[1] = mid + rot;
    v[2] = mid - rot;
}

template <>
STRETCH_FFT_INLINE void butterfly<4>(Cf* v) {
    const Cf s02 = v[0] + v[2];
    const Cf d02 = v[0] - v[2];
    const Cf s13 = v[1] + v[3];
    const Cf d13 = times_minus_i(v[1] - v[3]);
    v[0] = s02 + s13;
    v[1] = d02 + d13;
    v[2] = s02 - s13;
    v[3] = d02 - d13;
}

template <>
STRETCH_FFT_INLINE void butterfly<5>(Cf* v) {
    constexpr float kCos72 = 0.309016994374947424102293417182819059f;
    constexpr float kCos144 = -0.809016994374947424102293417182819059f;
    constexpr float kSin72 = 0.951056516295153572116439333379382143f;
    constexpr float kSin144 = 0.587785252292473129168705954639072769f;
    const Cf s14 = v[1] + v[4];
    const Cf s23 = v[2] + v[3];
    const Cf d14 = v[1] - v[4];
    const Cf d23 = v[2] - v[3];
    const Cf even1 = v[0] + scale(kCos72, s14) + scale(kCos144, s23);
    const Cf even2 = v[0] + scale(kCos144, s14) + scale(kCos72, s23);
    const Cf odd1 = times_minus_i(scale(kSin72, d14) + scale(kSin144, d23));
    const Cf odd2 = times_minus_i(scale(kSin144, d14) - scale(kSin72, d23));
    v[0] = v[0] + s14 + s23;
    v[1] = even1 + odd1;
    v[4] = even1 - odd1;
    v[2] = even2 + odd2;
    v[3] = even2 - odd2;
}

template <>
STRETCH_FFT_INLINE void butterfly<8>(Cf* v) {
    // Radix 2 on (j, j + 4) with twiddles w_8^j, then two 4-point DFTs: the sums give the even
    // outputs, the rotated differences the odd ones.
    constexpr float kSqrtHalf = 0.707106781186547524400844362104849039f;
    Cf sum[4];
    Cf diff[4];
    unroll<4>([&](size_t j) STRETCH_FFT_LAMBDA_INLINE {
        sum[j] = v[j] + v[j + 4];
        diff[j] = v[j] - v[j + 4];
    });
    diff[1] = scale(kSqrtHalf, Cf{diff[1].re + diff[1].im, diff[1].im - diff[1].re});
    diff[2] = times_minus_i(diff[2]);
    diff[3] = scale(kSqrtHalf, Cf{diff[3].im - diff[3].re, -diff[3].re - diff[3].im});
    butterfly<4>(sum);
    butterfly<4>(diff);
    unroll<4>([&](size_t k) STRETCH_FFT_LAMBDA_INLINE {
        v[2 * k] = sum[k];
        v[2 * k + 1] = diff[k];
    });
}

struct SplitIn {
    const float* re;
    const float* im;
};
struct SplitOut {
    float* re;
    float* im;
};

// First stage (stride 1), looping over p. The input is either split or interleaved (re, im
// pairs in `in.re`, which is how the real signal is read as M complex values). Its twiddles are
// stored as tw[(k - 1) * m + p] so that they are contiguous in p.
template <int R, bool kInterleaved, bool kBlocks>
STRETCH_FFT_KERNEL void first_stage(const float* __restrict in_re, const float* __restrict in_im,
                                    float* __restrict out_re, float* __restrict out_im,
                                    const float* __restrict tw_re, const float* __restrict tw_im,
                                    size_t m) {
    // With kBlocks, m is a multiple of kLanes; writing the count this way lets the compiler see it.
    const size_t count = kBlocks ? (m / kLanes) * kLanes : m;
    constexpr size_t kR = static_cast<size_t>(R);
    STRETCH_FFT_INDEPENDENT_ITERATIONS
    for (size_t p = 0; p < count; ++p) {
        Cf v[kR];
        unroll<kR>([&](size_t j) STRETCH_FFT_LAMBDA_INLINE {
            const size_t at = p + j * m;
            if constexpr (kInterleaved) {
                v[j] = Cf{in_re[2 * at], in_re[2 * at + 1]};
            } else {
                v[j] = Cf{in_re[at], in_im[at]};
            }
        });
        butterfly<R>(v);
        out_re[kR * p] = v[0].re;
        out_im[kR * p] = v[0].im;
        unroll<kR - 1>([&](size_t k1) STRETCH_FFT_LAMBDA_INLINE {
            const Cf y = mul(v[k1 + 1], Cf{tw_re[k1 * m + p], tw_im[k1 * m + p]});
            out_re[kR * p + k1 + 1] = y.re;
            out_im[kR * p + k1 + 1] = y.im;
        });
    }
}

// How a later stage's inner loop counts: exactly four, a multiple of four, or anything (scalar).
enum class Stride { kFour, kBlocks, kAny };

// Butterflies of one column p of a later stage, looping over q < s. The count is rebuilt here
// from its blocks so the compiler sees its form. Twiddles are w[k - 1], one constant per output,
// except with a stride of four, where the whole column is a single vector and the twiddles are
// stored four times over, w[(k - 1) * 4 + q], so that they load as vectors.
template <int R, bool kTwiddled, Stride kStride>
STRETCH_FFT_INLINE void stage_column(const float* __restrict x_re, const float* __restrict x_im,
                                     float* __restrict y_re, float* __restrict y_im,
                                     const float* __restrict w_re, const float* __restrict w_im,
                                     size_t in_step, size_t s) {
    constexpr size_t kR = static_cast<size_t>(R);
    const size_t count = kStride == Stride::kFour     ? kLanes
                         : kStride == Stride::kBlocks ? (s / kLanes) * kLanes
                                                      : s;
    STRETCH_FFT_INDEPENDENT_ITERATIONS
    for (size_t q = 0; q < count; ++q) {
        Cf v[kR];
        unroll<kR>([&](size_t j) STRETCH_FFT_LAMBDA_INLINE {
            v[j] = Cf{x_re[q + j * in_step], x_im[q + j * in_step]};
        });
        butterfly<R>(v);
        y_re[q] = v[0].re;
        y_im[q] = v[0].im;
        unroll<kR - 1>([&](size_t k1) STRETCH_FFT_LAMBDA_INLINE {
            Cf y = v[k1 + 1];
            if constexpr (kTwiddled) {
                const size_t at = kStride == Stride::kFour ? k1 * kLanes + q : k1;
                y = mul(y, Cf{w_re[at], w_im[at]});
            }
            y_re[q + (k1 + 1) * s] = y.re;
            y_im[q + (k1 + 1) * s] = y.im;
        });
    }
}

// A later stage (stride s > 1); column p's twiddles start at tw + p * (R - 1) * copies, where
// copies is 4 for a stride of four and 1 otherwise.
template <int R, Stride kStride>
STRETCH_FFT_KERNEL void later_stage(const float* __restrict x_re, const float* __restrict x_im,
                                    float* __restrict y_re, float* __restrict y_im,
                                    const float* __restrict tw_re, const float* __restrict tw_im,
                                    size_t m, size_t s) {
    constexpr size_t kR = static_cast<size_t>(R);
    constexpr size_t kCopies = kStride == Stride::kFour ? kLanes : 1;
    const size_t in_step = s * m;
    // p = 0 has unit twiddles.
    stage_column<R, false, kStride>(x_re, x_im, y_re, y_im, nullptr, nullptr, in_step, s);
    for (size_t p = 1; p < m; ++p) {
        const size_t w = p * (kR - 1) * kCopies;
        stage_column<R, true, kStride>(x_re + s * p, x_im + s * p, y_re + s * kR * p,
                                       y_im + s * kR * p, tw_re + w, tw_im + w, in_step, s);
    }
}

struct Stage {
    int radix;
    size_t m;       // butterflies per column (sub-transform length / radix)
    size_t stride;  // s: number of interleaved sub-transforms
    size_t twiddle_offset;
};

template <bool kInterleaved, bool kBlocks>
void run_first_stage(const Stage& st, const float* in_re, const float* in_im, SplitOut out,
                     const float* tw_re, const float* tw_im) {
    switch (st.radix) {
        case 2:
            first_stage<2, kInterleaved, kBlocks>(in_re, in_im, out.re, out.im, tw_re, tw_im, st.m);
            break;
        case 3:
            first_stage<3, kInterleaved, kBlocks>(in_re, in_im, out.re, out.im, tw_re, tw_im, st.m);
            break;
        case 4:
            first_stage<4, kInterleaved, kBlocks>(in_re, in_im, out.re, out.im, tw_re, tw_im, st.m);
            break;
        default:  // 5; plan_radices never puts an 8 first
            first_stage<5, kInterleaved, kBlocks>(in_re, in_im, out.re, out.im, tw_re, tw_im, st.m);
            break;
    }
}

template <Stride kStride>
void run_later_stage(const Stage& st, SplitIn in, SplitOut out, const float* tw_re,
                     const float* tw_im) {
    switch (st.radix) {
        case 2:
            later_stage<2, kStride>(in.re, in.im, out.re, out.im, tw_re, tw_im, st.m, st.stride);
            break;
        case 3:
            later_stage<3, kStride>(in.re, in.im, out.re, out.im, tw_re, tw_im, st.m, st.stride);
            break;
        case 4:
            later_stage<4, kStride>(in.re, in.im, out.re, out.im, tw_re, tw_im, st.m, st.stride);
            break;
        case 5:
            later_stage<5, kStride>(in.re, in.im, out.re, out.im, tw_re, tw_im, st.m, st.stride);
            break;
        default:
            later_stage<8, kStride>(in.re, in.im, out.re, out.im, tw_re, tw_im, st.m, st.stride);
            break;
    }
}

// Splits the half spectrum Z of the packed signal z[n] = x[2n] + i x[2n+1] into the spectrum X
// of x, for the pairs (k, M - k), k = first .. first + count - 1. With Fe, Fo the spectra of the
// even and odd samples: X[k] = Fe[k] + W^k Fo[k] and X[M - k] = conj(Fe[k] - W^k Fo[k]).
template <bool kBlocks>
STRETCH_FFT_KERNEL void split_spectrum(const float* __restrict z_re, const float* __restrict z_im,
                                       const float* __restrict rot_re,
                                       const float* __restrict rot_im, float* __restrict out_re,
                                       float* __restrict out_im, size_t half, size_t first,
                                       size_t count) {
    const size_t trips = kBlocks ? (count / kLanes) * kLanes : count;
    STRETCH_FFT_INDEPENDENT_ITERATIONS
    for (size_t i = 0; i < trips; ++i) {
        const size_t k = first + i;
        const Cf a{z_re[k], z_im[k]};
        const Cf b{z_re[half - k], z_im[half - k]};
        const Cf even{0.5f * (a.re + b.re), 0.5f * (a.im - b.im)};
        const Cf odd{0.5f * (a.im + b.im), 0.5f * (b.re - a.re)};
        const Cf t = mul(odd, Cf{rot_re[k], rot_im[k]});
        out_re[k] = even.re + t.re;
        out_im[k] = even.im + t.im;
        out_re[half - k] = even.re - t.re;
        out_im[half - k] = t.im - even.im;
    }
}

// Inverse of split_spectrum, scaled by 2 so that the unnormalised complex inverse gives N * x:
// Z[k] = (X[k] + conj X[M - k]) + i (X[k] - conj X[M - k]) W^-k, and Z[M - k] from the same pair.
template <bool kBlocks>
STRETCH_FFT_KERNEL void merge_spectrum(const float* __restrict x_re, const float* __restrict x_im,
                                       const float* __restrict rot_re,
                                       const float* __restrict rot_im, float* __restrict out_re,
                                       float* __restrict out_im, size_t half, size_t first,
                                       size_t count) {
    const size_t trips = kBlocks ? (count / kLanes) * kLanes : count;
    STRETCH_FFT_INDEPENDENT_ITERATIONS
    for (size_t i = 0; i < trips; ++i) {
        const size_t k = first + i;
        const Cf a{x_re[k], x_im[k]};
        const Cf b{x_re[half - k], x_im[half - k]};
        const Cf even{a.re + b.re, a.im - b.im};
        const Cf diff{a.re - b.re, a.im + b.im};
        const Cf odd = mul(diff, Cf{rot_re[k], -rot_im[k]});
        out_re[k] = even.re - odd.im;
        out_im[k] = even.im + odd.re;
        out_re[half - k] = even.re + odd.im;
        out_im[half - k] = odd.re - even.im;
    }
}

// out[2 i] = even[i], out[2 i + 1] = odd[i] for i = first .. first + count - 1.
template <bool kBlocks>
STRETCH_FFT_KERNEL void interleave(const float* __restrict even, const float* __restrict odd,
                                   float* __restrict out, size_t first, size_t count) {
    const size_t trips = kBlocks ? (count / kLanes) * kLanes : count;
    for (size_t i = 0; i < trips; ++i) {
        out[2 * (first + i)] = even[first + i];
        out[2 * (first + i) + 1] = odd[first + i];
    }
}

// Radices for a complex FFT of `half` points, in stage order. The first stage is the one
// that scatters its outputs, and a 4 there makes every later stride a multiple of the vector
// width; the other powers of two go in 8s (fewest passes), then the 3s and 5s.
std::vector<int> plan_radices(size_t half) {
    size_t rest = half;
    size_t twos = 0, threes = 0, fives = 0;
    while (rest % 2 == 0) {
        rest /= 2;
        ++twos;
    }
    while (rest % 3 == 0) {
        rest /= 3;
        ++threes;
    }
    while (rest % 5 == 0) {
        rest /= 5;
        ++fives;
    }

    std::vector<int> radices;
    if (twos >= 2) {
        radices.push_back(4);
        twos -= 2;
    }
    size_t eights = twos / 3;
    size_t fours = 0;
    size_t lone_twos = 0;
    if (twos % 3 == 2) {
        fours = 1;
    } else if (twos % 3 == 1) {
        // 2^(3e + 1) = 8^(e - 1) * 4 * 4 when there is an 8 to split; a lone 2 otherwise.
        if (eights > 0) {
            --eights;
            fours = 2;
        } else {
            lone_twos = 1;
        }
    }
    radices.insert(radices.end(), lone_twos, 2);
    radices.insert(radices.end(), fours, 4);
    radices.insert(radices.end(), eights, 8);
    radices.insert(radices.end(), threes, 3);
    radices.insert(radices.end(), fives, 5);
    return radices;
}

}  // namespace

struct RealFft::Impl {
    size_t n;
    size_t half;
    std::vector<Stage> stages;
    std::vector<float> tw_re, tw_im;    // stage twiddles, concatenated
    std::vector<float> rot_re, rot_im;  // e^{-2 pi i k / N}, k = 0 .. half / 2
    std::vector<float> a_re, a_im, b_re, b_im;

    explicit Impl(size_t size);
    SplitOut complex_transform(SplitIn in, bool interleaved) noexcept;
};

RealFft::Impl::Impl(size_t size) : n(size), half(size / 2) {
    const std::vector<int> radices = plan_radices(half);
    size_t stride = 1;
    for (size_t i = 0; i < radices.size(); ++i) {
        const size_t r = static_cast<size_t>(radices[i]);
        const size_t length = half / stride;  // sub-transform length at this stage
        const size_t m = length / r;
        stages.push_back(Stage{radices[i], m, stride, tw_re.size()});
        // Layouts the kernels read: the first stage (k - 1) * m + p; later stages
        // p * (r - 1) + k - 1, each entry repeated for the lanes when the stride is four.
        const size_t copies = i > 0 && stride == kLanes ? kLanes : 1;
        for (size_t a = 0; a < m * (r - 1); ++a) {
            const size_t p = i == 0 ? a % m : a / (r - 1);
            const size_t k = i == 0 ? a / m + 1 : a % (r - 1) + 1;
            const double angle =
                -kTwoPi * static_cast<double>((p * k) % length) / static_cast<double>(length);
            tw_re.insert(tw_re.end(), copies, static_cast<float>(std::cos(angle)));
            tw_im.insert(tw_im.end(), copies, static_cast<float>(std::sin(angle)));
        }
        stride *= r;
    }

    rot_re.resize(half / 2 + 1);
    rot_im.resize(half / 2 + 1);
    for (size_t k = 0; k <= half / 2; ++k) {
        const double angle = -kTwoPi * static_cast<double>(k) / static_cast<double>(n);
        rot_re[k] = static_cast<float>(std::cos(angle));
        rot_im[k] = static_cast<float>(std::sin(angle));
    }
    a_re.resize(half);
    a_im.resize(half);
    b_re.resize(half);
    b_im.resize(half);
}

// Forward complex DFT of `half` points. With `interleaved`, in.re holds re/im pairs and the
// A buffers are free; otherwise the input must be in the B buffers. Returns where the result is.
SplitOut RealFft::Impl::complex_transform(SplitIn in, bool interleaved) noexcept {
    SplitOut cur{a_re.data(), a_im.data()};
    SplitOut other{b_re.data(), b_im.data()};
    const float* twr = tw_re.data();
    const float* twi = tw_im.data();

    const Stage& first = stages.front();
    const bool first_blocks = first.m % kLanes == 0;
    if (interleaved) {
        if (first_blocks) {
            run_first_stage<true, true>(first, in.re, in.im, cur, twr, twi);
        } else {
            run_first_stage<true, false>(first, in.re, in.im, cur, twr, twi);
        }
    } else {
        if (first_blocks) {
            run_first_stage<false, true>(first, in.re, in.im, cur, twr, twi);
        } else {
            run_first_stage<false, false>(first, in.re, in.im, cur, twr, twi);
        }
    }

    for (size_t i = 1; i < stages.size(); ++i) {
        const Stage& st = stages[i];
        const SplitIn src{cur.re, cur.im};
        const float* sr = twr + st.twiddle_offset;
        const float* si = twi + st.twiddle_offset;
        if (st.stride == kLanes) {
            run_later_stage<Stride::kFour>(st, src, other, sr, si);
        } else if (st.stride % kLanes == 0) {
            run_later_stage<Stride::kBlocks>(st, src, other, sr, si);
        } else {
            run_later_stage<Stride::kAny>(st, src, other, sr, si);
        }
        std::swap(cur, other);
    }
    return cur;
}

RealFft::RealFft(int size) {
    if (!is_supported_size(size)) {
        throw std::invalid_argument(
            "RealFft: size must be even, at least 16, and of the form 2^a * 3^b * 5^c");
    }
    impl_ = std::make_unique<Impl>(static_cast<size_t>(size));
}

RealFft::~RealFft() = default;
RealFft::RealFft(RealFft&&) noexcept = default;
RealFft& RealFft::operator=(RealFft&&) noexcept = default;

int RealFft::size() const noexcept { return impl_ ? static_cast<int>(impl_->n) : 0; }

void RealFft::forward(const float* input, float* re, float* im) noexcept {
    Impl& impl = *impl_;
    const size_t half = impl.half;
    const SplitOut z = impl.complex_transform(SplitIn{input, nullptr}, true);

    re[0] = z.re[0] + z.im[0];
    im[0] = 0.0f;
    re[half] = z.re[0] - z.im[0];
    im[half] = 0.0f;

    // Pairs (k, M - k) for 1 <= k < M - k; an even M leaves the middle bin k = M / 2 alone.
    const size_t pairs = (half - 1) / 2;
    const size_t vector_pairs = (pairs / kLanes) * kLanes;
    split_spectrum<true>(z.re, z.im, impl.rot_re.data(), impl.rot_im.data(), re, im, half, 1,
                         vector_pairs);
    split_spectrum<false>(z.re, z.im, impl.rot_re.data(), impl.rot_im.data(), re, im, half,
                          1 + vector_pairs, pairs - vector_pairs);
    if (half % 2 == 0) {
        re[half / 2] = z.re[half / 2];
        im[half / 2] = -z.im[half / 2];
    }
}

void RealFft::inverse(const float* re, const float* im, float* output) noexcept {
    Impl& impl = *impl_;
    const size_t half = impl.half;
    float* zr = impl.b_re.data();
    float* zi = impl.b_im.data();

    zr[0] = re[0] + re[half];
    zi[0] = re[0] - re[half];
    const size_t pairs = (half - 1) / 2;
    const size_t vector_pairs = (pairs / kLanes) * kLanes;
    merge_spectrum<true>(re, im, impl.rot_re.data(), impl.rot_im.data(), zr, zi, half, 1,
                         vector_pairs);
    merge_spectrum<false>(re, im, impl.rot_re.data(), impl.rot_im.data(), zr, zi, half,
                          1 + vector_pairs, pairs - vector_pairs);
    if (half % 2 == 0) {
        zr[half / 2] = 2.0f * re[half / 2];
        zi[half / 2] = -2.0f * im[half / 2];
    }

    // The inverse DFT is the forward one with re and im exchanged on the way in and out.
    const SplitOut y = impl.complex_transform(SplitIn{zi, zr}, false);
    const size_t vector_count = (half / kLanes) * kLanes;
    interleave<true>(y.im, y.re, output, 0, vector_count);
    interleave<false>(y.im, y.re, output, vector_count, half - vector_count);
}

bool RealFft::is_supported_size(int size) noexcept {
    if (size < 16 || size % 2 != 0) return false;
    int rest = size;
    for (int factor : {2, 3, 5}) {
        while (rest % factor == 0) rest /= factor;
    }
    return rest == 1;
}

int RealFft::next_supported_size(int size) noexcept {
    const std::int64_t target = size < 16 ? 16 : size;
    const std::int64_t limit = std::numeric_limits<int>::max();
    std::int64_t best = limit + 1;
    // Every candidate is 2^a * 3^b * 5^c with a >= 1: for each odd part take the smallest
    // power-of-two multiple that reaches the target.
    for (std::int64_t p5 = 1; p5 <= limit; p5 *= 5) {
        for (std::int64_t odd = p5; odd <= limit; odd *= 3) {
            std::int64_t candidate = 2 * odd;
            while (candidate < target) candidate *= 2;
            if (candidate < best) best = candidate;
        }
    }
    // No supported size fits in an int above the largest one; 0 says so.
    return best <= limit ? static_cast<int>(best) : 0;
}

}  // namespace stretchcore::dsp
