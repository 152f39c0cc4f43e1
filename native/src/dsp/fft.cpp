// Real FFT of size N through a complex FFT of size M = N / 2: the plan (radices, twiddles,
// scratch) is made here; the transform itself is fft_kernels.inc, built once per instruction set.

#include "dsp/fft.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <stdexcept>
#include <vector>

#include "dsp/fft_plan.hpp"
#include "dsp/kernels.hpp"
#include "dsp/math_constants.hpp"
#include "dsp/portable_math.hpp"

namespace stretchcore::dsp {
namespace {

using std::size_t;

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

// Stages, twiddles and scratch for a complex FFT of size / 2 points.
void make_tables(size_t size, FftTables& plan) {
    const size_t half = size / 2;
    const std::vector<int> radices = plan_radices(half);
    size_t stride = 1;
    for (size_t i = 0; i < radices.size(); ++i) {
        const size_t r = static_cast<size_t>(radices[i]);
        const size_t length = half / stride;  // sub-transform length at this stage
        const size_t m = length / r;
        plan.stages.push_back(FftStage{radices[i], m, stride, plan.tw_re.size()});
        // Layouts the kernels read: the first stage (k - 1) * m + p; later stages
        // p * (r - 1) + k - 1, each entry repeated for the lanes when the stride is four.
        const size_t copies = i > 0 && stride == kFftLanes ? kFftLanes : 1;
        for (size_t a = 0; a < m * (r - 1); ++a) {
            const size_t p = i == 0 ? a % m : a / (r - 1);
            const size_t k = i == 0 ? a / m + 1 : a % (r - 1) + 1;
            const double angle =
                -kTwoPi * static_cast<double>((p * k) % length) / static_cast<double>(length);
            const SinCos twiddle = portable_sin_cos(angle);
            plan.tw_re.insert(plan.tw_re.end(), copies, static_cast<float>(twiddle.cos));
            plan.tw_im.insert(plan.tw_im.end(), copies, static_cast<float>(twiddle.sin));
        }
        stride *= r;
    }

    plan.rot_re.resize(half / 2 + 1);
    plan.rot_im.resize(half / 2 + 1);
    for (size_t k = 0; k <= half / 2; ++k) {
        const double angle = -kTwoPi * static_cast<double>(k) / static_cast<double>(size);
        const SinCos rotation = portable_sin_cos(angle);
        plan.rot_re[k] = static_cast<float>(rotation.cos);
        plan.rot_im[k] = static_cast<float>(rotation.sin);
    }
    plan.a_re.resize(half);
    plan.a_im.resize(half);
    plan.b_re.resize(half);
    plan.b_im.resize(half);
}

}  // namespace

struct RealFft::Impl {
    FftTables tables;
    FftView view{};
    KernelFftForward forward = nullptr;
    KernelFftInverse inverse = nullptr;
};

RealFft::RealFft(int size, Isa isa) {
    if (!is_supported_size(size)) {
        throw std::invalid_argument(
            "RealFft: size must be even, at least 16, and of the form 2^a * 3^b * 5^c");
    }
    impl_ = std::make_unique<Impl>();
    FftTables& t = impl_->tables;
    const auto n = static_cast<size_t>(size);
    make_tables(n, t);
    impl_->view = FftView{n,           n / 2,           t.stages.data(), t.stages.size(), t.tw_re.data(),
                          t.tw_im.data(), t.rot_re.data(), t.rot_im.data(), t.a_re.data(),  t.a_im.data(),
                          t.b_re.data(),  t.b_im.data()};
    const Kernels& k = kernels_for(isa);
    impl_->forward = k.fft_forward;
    impl_->inverse = k.fft_inverse;
}

RealFft::~RealFft() = default;
RealFft::RealFft(RealFft&&) noexcept = default;
RealFft& RealFft::operator=(RealFft&&) noexcept = default;

int RealFft::size() const noexcept { return impl_ ? static_cast<int>(impl_->view.n) : 0; }

void RealFft::forward(const float* input, float* re, float* im) noexcept {
    impl_->forward(impl_->view, input, re, im);
}

void RealFft::inverse(const float* re, const float* im, float* output) noexcept {
    impl_->inverse(impl_->view, re, im, output);
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
