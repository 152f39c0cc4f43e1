#include "support/analysis.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>

#include "dsp/math_constants.hpp"

namespace stretch_test {

namespace {

using stretchcore::dsp::kPi;
using stretchcore::dsp::kTwoPi;
using Complex = std::complex<double>;

std::vector<double> cosine_window(std::size_t n, const std::vector<double>& a) {
    // Periodic form: w[i] = sum_k (-1)^k a_k cos(2 pi k i / n).
    std::vector<double> w(n);
    for (std::size_t i = 0; i < n; ++i) {
        double v = 0.0;
        for (std::size_t k = 0; k < a.size(); ++k) {
            const double sign = (k % 2 == 0) ? 1.0 : -1.0;
            v += sign * a[k] *
                 std::cos(kTwoPi * static_cast<double>(k) * static_cast<double>(i) / static_cast<double>(n));
        }
        w[i] = v;
    }
    return w;
}

// Windowed, zero-padded FFT of x[0..len) into a spectrum of size m.
std::vector<Complex> windowed_spectrum(const float* x, const std::vector<double>& window, std::size_t m) {
    std::vector<Complex> a(m, Complex(0.0, 0.0));
    for (std::size_t i = 0; i < window.size(); ++i) a[i] = Complex(window[i] * static_cast<double>(x[i]), 0.0);
    fft_in_place(a);
    return a;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Basics

std::size_t next_pow2(std::size_t n) {
    std::size_t p = 1;
    while (p < n) p <<= 1;
    return p;
}

void fft_in_place(std::vector<Complex>& data, bool inverse) {
    const std::size_t n = data.size();
    if (n < 2) return;
    if ((n & (n - 1)) != 0) throw std::invalid_argument("fft_in_place: size must be a power of two");
    // Bit reversal.
    for (std::size_t i = 1, j = 0; i < n; ++i) {
        std::size_t bit = n >> 1;
        for (; (j & bit) != 0; bit >>= 1) j ^= bit;
        j ^= bit;
        if (i < j) std::swap(data[i], data[j]);
    }
    // Forward twiddles, computed directly (no recurrence) so every one is accurate to the last
    // bit, and kept per thread for the last size used.
    thread_local std::vector<Complex> tw;
    if (tw.size() != n / 2) {
        tw.resize(n / 2);
        for (std::size_t k = 0; k < n / 2; ++k) {
            const double angle = -kTwoPi * static_cast<double>(k) / static_cast<double>(n);
            tw[k] = Complex(std::cos(angle), std::sin(angle));
        }
    }
    for (std::size_t len = 2; len <= n; len <<= 1) {
        const std::size_t half = len / 2;
        const std::size_t step = n / len;
        for (std::size_t start = 0; start < n; start += len) {
            for (std::size_t k = 0; k < half; ++k) {
                // Plain real arithmetic: std::complex's operator* carries NaN/inf recovery code.
                const double wr = tw[k * step].real();
                const double wi = inverse ? -tw[k * step].imag() : tw[k * step].imag();
                const Complex u = data[start + k];
                const Complex x = data[start + k + half];
                const double vr = x.real() * wr - x.imag() * wi;
                const double vi = x.real() * wi + x.imag() * wr;
                data[start + k] = Complex(u.real() + vr, u.imag() + vi);
                data[start + k + half] = Complex(u.real() - vr, u.imag() - vi);
            }
        }
    }
}

std::vector<double> hann_window(std::size_t n) { return cosine_window(n, {0.5, 0.5}); }

std::vector<double> blackman_harris_window(std::size_t n) {
    return cosine_window(n, {0.35875, 0.48829, 0.14128, 0.01168});
}

std::vector<double> flat_top_window(std::size_t n) {
    return cosine_window(n, {0.21557895, 0.41663158, 0.277263158, 0.083578947, 0.006947368});
}

double cents(double f, double reference) { return 1200.0 * std::log2(f / reference); }
double db_power(double ratio) { return 10.0 * std::log10(ratio); }
double db_amplitude(double ratio) { return 20.0 * std::log10(ratio); }

double energy(const float* x, std::size_t n) {
    double e = 0.0;
    for (std::size_t i = 0; i < n; ++i) e += static_cast<double>(x[i]) * static_cast<double>(x[i]);
    return e;
}

double rms(const float* x, std::size_t n) { return n == 0 ? 0.0 : std::sqrt(energy(x, n) / static_cast<double>(n)); }
double rms(const std::vector<float>& x) { return rms(x.data(), x.size()); }

double peak_abs(const float* x, std::size_t n) {
    double p = 0.0;
    for (std::size_t i = 0; i < n; ++i) p = std::max(p, std::abs(static_cast<double>(x[i])));
    return p;
}

bool all_finite(const float* x, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i)
        if (!std::isfinite(x[i])) return false;
    return true;
}

bool bit_identical(const std::vector<float>& a, const std::vector<float>& b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

double wrap_pi(double radians) {
    double r = std::fmod(radians + kPi, kTwoPi);
    if (r <= 0.0) r += kTwoPi;
    return r - kPi;
}

// ---------------------------------------------------------------------------------------------
// Frequency

PitchEstimate estimate_f0(const float* x, std::size_t n, double sample_rate, double f0_hint, int max_harmonics) {
    PitchEstimate result;
    if (n < 256 || f0_hint <= 0.0 || max_harmonics < 1) return result;
    const std::size_t lag = n / 4;
    const std::size_t len = n - lag;
    thread_local std::vector<double> window;  // the last length used, per thread
    if (window.size() != len) window = blackman_harris_window(len);
    const std::size_t m = next_pow2(2 * len);
    const std::vector<Complex> a = windowed_spectrum(x, window, m);
    const std::vector<Complex> b = windowed_spectrum(x + lag, window, m);
    const double bin_hz = sample_rate / static_cast<double>(m);

    // Largest bin in [lo_hz, hi_hz] and its parabolic (log-magnitude) interpolated frequency.
    const auto find_peak = [&](double lo_hz, double hi_hz, std::size_t& bin, double& freq) {
        const auto lo = static_cast<std::size_t>(std::max(1.0, std::ceil(lo_hz / bin_hz)));
        const auto hi = static_cast<std::size_t>(std::min(static_cast<double>(m / 2 - 2), std::floor(hi_hz / bin_hz)));
        if (lo > hi) return false;
        std::size_t k = lo;
        for (std::size_t i = lo; i <= hi; ++i)
            if (std::norm(a[i]) > std::norm(a[k])) k = i;
        const double tiny = 1e-300;
        const double ym = std::log(std::abs(a[k - 1]) + tiny);
        const double y0 = std::log(std::abs(a[k]) + tiny);
        const double yp = std::log(std::abs(a[k + 1]) + tiny);
        const double denom = ym - 2.0 * y0 + yp;
        double delta = denom < 0.0 ? 0.5 * (ym - yp) / denom : 0.0;
        delta = std::clamp(delta, -0.5, 0.5);
        bin = k;
        freq = (static_cast<double>(k) + delta) * bin_hz;
        return true;
    };

    std::size_t k1 = 0;
    double f1 = 0.0;
    if (!find_peak(f0_hint * std::exp2(-0.5), f0_hint * std::exp2(0.5), k1, f1)) return result;

    std::vector<HarmonicPeak> peaks;
    const double lag_d = static_cast<double>(lag);
    for (int h = 1; h <= max_harmonics; ++h) {
        const double centre = f1 * h;
        if (centre > 0.45 * sample_rate) break;
        std::size_t k = k1;
        double coarse = f1;
        if (h > 1 && !find_peak(centre * 0.98, centre * 1.02, k, coarse)) break;
        const double expected = kTwoPi * coarse * lag_d / sample_rate;
        const double measured = std::arg(b[k] * std::conj(a[k]));
        const double advance = expected + wrap_pi(measured - expected);
        peaks.push_back({h, advance * sample_rate / (kTwoPi * lag_d), std::abs(a[k])});
    }
    if (peaks.empty()) return result;
    double strongest = 0.0;
    for (const auto& p : peaks) strongest = std::max(strongest, p.magnitude);
    double sum_w = 0.0;
    double sum_wf = 0.0;
    for (const auto& p : peaks) {
        if (p.magnitude < 1e-3 * strongest) continue;
        const double w = (p.magnitude * p.harmonic) * (p.magnitude * p.harmonic);
        sum_w += w;
        sum_wf += w * p.frequency_hz / p.harmonic;
        result.harmonics.push_back(p);
    }
    if (sum_w <= 0.0) return result;
    result.f0_hz = sum_wf / sum_w;
    result.valid = true;
    return result;
}

std::vector<double> track_f0(const float* x, std::size_t n, double sample_rate, double f0_hint, std::size_t frame,
                             std::size_t hop, int max_harmonics) {
    std::vector<double> out;
    if (frame == 0 || hop == 0) return out;
    for (std::size_t start = 0; start + frame <= n; start += hop) {
        const PitchEstimate e = estimate_f0(x + start, frame, sample_rate, f0_hint, max_harmonics);
        out.push_back(e.valid ? e.f0_hz : 0.0);
    }
    return out;
}

double std_cents(const std::vector<double>& frequencies) {
    if (frequencies.empty()) return 0.0;
    double mean = 0.0;
    for (double f : frequencies) mean += f;
    mean /= static_cast<double>(frequencies.size());
    double var = 0.0;
    for (double f : frequencies) {
        const double c = cents(f, mean);
        var += c * c;
    }
    return std::sqrt(var / static_cast<double>(frequencies.size()));
}

// ---------------------------------------------------------------------------------------------
// Sinusoid amplitude and phase

std::complex<double> complex_amplitude(const float* x, std::size_t n, double sample_rate, double freq_hz,
                                       const std::vector<double>& window) {
    if (window.size() != n || n == 0) throw std::invalid_argument("complex_amplitude: window length mismatch");
    const double omega = kTwoPi * freq_hz / sample_rate;
    const Complex step = std::polar(1.0, -omega);
    Complex acc(0.0, 0.0);
    double wsum = 0.0;
    Complex phasor(1.0, 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        if (i % 256 == 0) phasor = std::polar(1.0, -omega * static_cast<double>(i));  // no drift
        acc += window[i] * static_cast<double>(x[i]) * phasor;
        wsum += window[i];
        phasor *= step;
    }
    return 2.0 * acc / wsum;
}

double sine_amplitude(const float* x, std::size_t n, double sample_rate, double freq_hz) {
    return std::abs(complex_amplitude(x, n, sample_rate, freq_hz, flat_top_window(n)));
}

// ---------------------------------------------------------------------------------------------
// Log-spectral distance

double log_spectral_distance_db(const float* test, const float* reference, std::size_t n, double sample_rate,
                                const LsdOptions& options) {
    const std::size_t size = options.fft_size;
    if (size < 16 || (size & (size - 1)) != 0 || options.hop == 0)
        throw std::invalid_argument("log_spectral_distance_db: bad STFT parameters");
    const auto edge = static_cast<std::size_t>(std::llround(options.edge_s * sample_rate));
    const std::vector<double> window = hann_window(size);
    const std::size_t bins = size / 2 + 1;
    const double top_hz = std::min(options.max_hz, 0.5 * sample_rate);
    const auto k_max =
        std::min(size / 2, static_cast<std::size_t>(std::floor(top_hz * static_cast<double>(size) / sample_rate)));

    std::vector<std::vector<double>> pt, pr;
    for (std::size_t start = 0; start + size <= n; start += options.hop) {
        if (start < edge || start + size + edge > n) continue;
        std::vector<double> st(bins), sr(bins);
        const std::vector<Complex> xt = windowed_spectrum(test + start, window, size);
        const std::vector<Complex> xr = windowed_spectrum(reference + start, window, size);
        for (std::size_t k = 0; k < bins; ++k) {
            st[k] = std::norm(xt[k]);
            sr[k] = std::norm(xr[k]);
        }
        pt.push_back(std::move(st));
        pr.push_back(std::move(sr));
    }
    if (pt.empty() || k_max < 1) return -1.0;

    double ref_max = 0.0;
    for (const auto& frame : pr)
        for (double p : frame) ref_max = std::max(ref_max, p);
    const double floor = std::max(ref_max * std::pow(10.0, options.floor_db / 10.0), 1e-300);

    double total = 0.0;
    for (std::size_t f = 0; f < pt.size(); ++f) {
        double sum = 0.0;
        for (std::size_t k = 1; k <= k_max; ++k) {
            const double d = 10.0 * std::log10(std::max(pt[f][k], floor) / std::max(pr[f][k], floor));
            sum += d * d;
        }
        total += std::sqrt(sum / static_cast<double>(k_max));
    }
    return total / static_cast<double>(pt.size());
}

// ---------------------------------------------------------------------------------------------
// Clicks

std::vector<ClickMeasure> analyse_clicks(const float* x, std::size_t n, double sample_rate,
                                         const std::vector<double>& expected_positions, double spacing,
                                         const ClickOptions& options) {
    std::vector<ClickMeasure> out;
    if (n == 0) return out;
    const auto search = static_cast<std::ptrdiff_t>(std::llround(options.search_ms * 1e-3 * sample_rate));
    const auto core = static_cast<std::ptrdiff_t>(std::llround(options.core_ms * 1e-3 * sample_rate));
    const auto half = static_cast<std::ptrdiff_t>(std::floor(spacing / 2.0));
    const auto last = static_cast<std::ptrdiff_t>(n) - 1;
    const auto sq = [&](std::ptrdiff_t i) { return static_cast<double>(x[i]) * static_cast<double>(x[i]); };

    for (double e : expected_positions) {
        ClickMeasure c;
        c.expected = e;
        const std::ptrdiff_t lo = std::max(std::ptrdiff_t{0}, static_cast<std::ptrdiff_t>(std::floor(e)) - search);
        const std::ptrdiff_t hi = std::min(last, static_cast<std::ptrdiff_t>(std::ceil(e)) + search);
        std::ptrdiff_t p = lo;
        for (std::ptrdiff_t i = lo; i <= hi; ++i)
            if (std::abs(x[i]) > std::abs(x[p])) p = i;
        c.peak_index = static_cast<std::size_t>(p);
        c.peak = std::abs(static_cast<double>(x[p]));
        c.offset_ms = (static_cast<double>(p) - e) * 1e3 / sample_rate;

        double core_energy = 0.0;
        double moment = 0.0;
        for (std::ptrdiff_t i = std::max(std::ptrdiff_t{0}, p - core); i <= std::min(last, p + core); ++i) {
            core_energy += sq(i);
            moment += sq(i) * static_cast<double>(i);
        }
        c.centroid = core_energy > 0.0 ? moment / core_energy : static_cast<double>(p);
        double wide_energy = 0.0;
        for (std::ptrdiff_t i = std::max(std::ptrdiff_t{0}, p - half); i <= std::min(last, p + half); ++i)
            wide_energy += sq(i);
        c.energy_fraction = wide_energy > 0.0 ? core_energy / wide_energy : 0.0;

        double pre = 0.0;
        for (std::ptrdiff_t i = std::max(std::ptrdiff_t{0}, p - half); i < std::max(std::ptrdiff_t{0}, p - core); ++i)
            pre = std::max(pre, std::abs(static_cast<double>(x[i])));
        c.pre_echo_db = (pre > 0.0 && c.peak > 0.0) ? db_amplitude(pre / c.peak) : -300.0;
        out.push_back(c);
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// SNR

double snr_db(const float* test, const float* reference, std::size_t n) {
    double signal = 0.0;
    double noise = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        const auto r = static_cast<double>(reference[i]);
        const double d = static_cast<double>(test[i]) - r;
        signal += r * r;
        noise += d * d;
    }
    if (noise == 0.0) return std::numeric_limits<double>::infinity();
    if (signal == 0.0) return -std::numeric_limits<double>::infinity();
    return db_power(signal / noise);
}

LagSnr snr_best_lag(const float* test, const float* reference, std::size_t n, int channels, int max_lag) {
    LagSnr best;
    best.snr_db = -std::numeric_limits<double>::infinity();
    if (channels <= 0 || max_lag < 0) return best;
    const auto nc = static_cast<std::ptrdiff_t>(channels);
    const std::ptrdiff_t frames = static_cast<std::ptrdiff_t>(n) / nc;
    const std::ptrdiff_t lo = max_lag;
    const std::ptrdiff_t hi = frames - max_lag;
    if (hi <= lo) return best;
    for (std::ptrdiff_t lag = -max_lag; lag <= max_lag; ++lag) {
        double signal = 0.0;
        double noise = 0.0;
        for (std::ptrdiff_t i = lo; i < hi; ++i) {
            for (std::ptrdiff_t c = 0; c < nc; ++c) {
                const auto r = static_cast<double>(reference[i * nc + c]);
                const double d = static_cast<double>(test[(i + lag) * nc + c]) - r;
                signal += r * r;
                noise += d * d;
            }
        }
        const double s = noise == 0.0
                             ? std::numeric_limits<double>::infinity()
                             : (signal == 0.0 ? -std::numeric_limits<double>::infinity() : db_power(signal / noise));
        if (s > best.snr_db) {
            best.snr_db = s;
            best.lag_frames = lag;
        }
    }
    return best;
}

// ---------------------------------------------------------------------------------------------
// Spectra

std::vector<double> welch_power(const float* x, std::size_t n, std::size_t fft_size, std::size_t hop) {
    if (fft_size < 16 || (fft_size & (fft_size - 1)) != 0 || hop == 0)
        throw std::invalid_argument("welch_power: bad parameters");
    const std::size_t bins = fft_size / 2 + 1;
    std::vector<double> power(bins, 0.0);
    if (n < fft_size) {
        const std::vector<double> window = blackman_harris_window(n);
        const std::vector<Complex> s = windowed_spectrum(x, window, fft_size);
        for (std::size_t k = 0; k < bins; ++k) power[k] = std::norm(s[k]);
        return power;
    }
    const std::vector<double> window = blackman_harris_window(fft_size);
    std::size_t frames = 0;
    for (std::size_t start = 0; start + fft_size <= n; start += hop, ++frames) {
        const std::vector<Complex> s = windowed_spectrum(x + start, window, fft_size);
        for (std::size_t k = 0; k < bins; ++k) power[k] += std::norm(s[k]);
    }
    for (double& p : power) p /= static_cast<double>(frames);
    return power;
}

double spurious_energy_db(const float* x, std::size_t n, double sample_rate, const std::vector<double>& expected_hz,
                          double guard_hz, double min_hz, std::size_t fft_size) {
    const std::vector<double> power = welch_power(x, n, fft_size, fft_size / 2);
    double total = 0.0;
    double spurious = 0.0;
    for (std::size_t k = 0; k < power.size(); ++k) {
        total += power[k];
        const double f = static_cast<double>(k) * sample_rate / static_cast<double>(fft_size);
        if (f < min_hz) continue;
        bool near = false;
        for (double e : expected_hz) {
            if (std::abs(f - e) < guard_hz) {
                near = true;
                break;
            }
        }
        if (!near) spurious += power[k];
    }
    if (total <= 0.0 || spurious <= 0.0) return -300.0;
    return db_power(spurious / total);
}

}  // namespace stretch_test
