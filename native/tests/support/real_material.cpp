#include "support/real_material.hpp"

#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <utility>

#include "dsp/math_constants.hpp"
#include "support/analysis.hpp"
#include "support/signals.hpp"

namespace stretch_test {

namespace {

using stretchcore::dsp::kPi;
using Complex = std::complex<double>;

constexpr double kRate = 44100.0;
constexpr std::size_t kCoherenceBands = 26;  // third octaves, 50 Hz .. 16 kHz

std::uint32_t u32(const unsigned char* p) {
    return static_cast<std::uint32_t>(p[0]) | (static_cast<std::uint32_t>(p[1]) << 8) |
           (static_cast<std::uint32_t>(p[2]) << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
}

std::uint16_t u16(const unsigned char* p) {
    return static_cast<std::uint16_t>(p[0] | (p[1] << 8));
}

// I0(x) for many x at once, each given as x^2 / 4: the series sum_k ((x / 2)^k / k!)^2 term by
// term across all of them. For x <= 12 (the reference kernel's beta) a term is below 1e-30 of
// the sum by k = 40.
std::vector<double> bessel_i0(const std::vector<double>& quarter_x2) {
    constexpr int kTerms = 40;
    std::vector<double> term(quarter_x2.size(), 1.0), sum(quarter_x2.size(), 1.0);
    for (int k = 1; k <= kTerms; ++k) {
        const double inverse_k2 = 1.0 / (static_cast<double>(k) * static_cast<double>(k));
        for (std::size_t j = 0; j < quarter_x2.size(); ++j) {
            term[j] *= quarter_x2[j] * inverse_k2;
            sum[j] += term[j];
        }
    }
    return sum;
}

// Hann-windowed spectra of frames of `size` every `hop` samples of x.
std::vector<std::vector<Complex>> stft(const float* x, std::size_t n, std::size_t size, std::size_t hop,
                                       std::size_t first = 0, std::size_t last = SIZE_MAX) {
    const std::vector<double> window = hann_window(size);
    std::vector<std::vector<Complex>> frames;
    for (std::size_t start = first; start + size <= std::min(n, last); start += hop) {
        std::vector<Complex> a(size);
        for (std::size_t i = 0; i < size; ++i) a[i] = Complex(window[i] * static_cast<double>(x[start + i]), 0.0);
        fft_in_place(a);
        a.resize(size / 2 + 1);
        frames.push_back(std::move(a));
    }
    return frames;
}

// Cepstral smoothing of a log magnitude (bins = size / 2 + 1 values): the real cepstrum cut off
// at `cutoff` samples of quefrency. The log magnitude of a real signal is even, so its cepstrum
// is a cosine transform, and only the first cutoff + 1 quefrencies are needed: two small
// cosine sums over a table instead of two full complex transforms of `size` points.
class Lifter {
public:
    Lifter(std::size_t size, std::size_t cutoff) : size_(size), bins_(size / 2 + 1), cutoff_(cutoff) {
        if (2 * cutoff >= size) throw std::invalid_argument("Lifter: cutoff must be below size / 2");
        basis_.resize((cutoff + 1) * bins_);
        for (std::size_t q = 0; q <= cutoff; ++q)
            for (std::size_t k = 0; k < bins_; ++k)
                basis_[q * bins_ + k] = std::cos(2.0 * kPi * static_cast<double>((q * k) % size) / static_cast<double>(size));
    }

    void operator()(const std::vector<double>& log_magnitude, std::vector<double>& smooth) const {
        // Bins 1 .. size / 2 - 1 stand for two points of the even sequence; 0 and size / 2 for one.
        std::vector<double> weighted(log_magnitude.begin(), log_magnitude.begin() + static_cast<std::ptrdiff_t>(bins_));
        for (std::size_t k = 1; k + 1 < bins_; ++k) weighted[k] *= 2.0;
        smooth.assign(bins_, 0.0);
        for (std::size_t q = 0; q <= cutoff_; ++q) {
            const double* row = &basis_[q * bins_];
            double c0 = 0.0, c1 = 0.0, c2 = 0.0, c3 = 0.0;
            std::size_t k = 0;
            for (; k + 4 <= bins_; k += 4) {
                c0 += weighted[k] * row[k];
                c1 += weighted[k + 1] * row[k + 1];
                c2 += weighted[k + 2] * row[k + 2];
                c3 += weighted[k + 3] * row[k + 3];
            }
            for (; k < bins_; ++k) c0 += weighted[k] * row[k];
            // Quefrencies 1 .. cutoff also stand for size - q.
            const double c = ((c0 + c1) + (c2 + c3)) * (q == 0 ? 1.0 : 2.0) / static_cast<double>(size_);
            for (std::size_t j = 0; j < bins_; ++j) smooth[j] += c * row[j];
        }
    }

private:
    std::size_t size_, bins_, cutoff_;
    std::vector<double> basis_;  // cos(2 pi q k / size), row q, column k
};

// True envelope in dB of one spectrum (Roebel and Rodet, "Efficient spectral envelope estimation
// and its application to pitch shifting and envelope preservation", DAFx 2005, after Imai and
// Abe, 1979): cepstral smoothing repeated on the larger of the log spectrum and the last
// envelope, until no bin stands more than kTolerance above the envelope. It rests on the
// harmonic peaks, which sample the filter, and bridges the valleys between them, whose depth
// depends on how far apart the harmonics are (their spacing, not the formants). Each pass is
// over-relaxed by kRelaxation, as that paper accelerates it: smoothing is linear, so smoothing
// envelope + r x (target - envelope) moves r times as far as a plain pass. Plain passes took
// hundreds of iterations to lift an isolated last harmonic within the tolerance.
std::vector<double> true_envelope(const std::vector<Complex>& spectrum, const Lifter& lifter) {
    constexpr double kTolerance = 1.0;  // dB
    constexpr int kMostIterations = 400;
    constexpr double kRelaxation = 2.0;
    constexpr double kDb = 20.0 / 2.302585092994046;
    const std::size_t bins = spectrum.size();
    std::vector<double> spectrum_db(bins);
    double loudest = -400.0;
    for (std::size_t k = 0; k < bins; ++k) {
        spectrum_db[k] = kDb * std::log(std::abs(spectrum[k]) + 1e-9);
        loudest = std::max(loudest, spectrum_db[k]);
    }
    // Bins 120 dB below the loudest are numerical floor, not signal.
    for (double& v : spectrum_db) v = std::max(v, loudest - 120.0);
    std::vector<double> target = spectrum_db;
    std::vector<double> envelope;
    lifter(target, envelope);
    std::vector<double> relaxed(bins);
    for (int i = 0; i < kMostIterations; ++i) {
        double above = 0.0;
        for (std::size_t k = 0; k < bins; ++k) {
            above = std::max(above, spectrum_db[k] - envelope[k]);
            target[k] = std::max(target[k], envelope[k]);
            relaxed[k] = envelope[k] + kRelaxation * (target[k] - envelope[k]);
        }
        if (above <= kTolerance) break;
        lifter(relaxed, envelope);
    }
    return envelope;
}

double interpolate(const std::vector<double>& v, double index) {
    if (index <= 0.0) return v.front();
    const auto lo = static_cast<std::size_t>(index);
    if (lo + 1 >= v.size()) return v.back();
    const double frac = index - static_cast<double>(lo);
    return v[lo] + frac * (v[lo + 1] - v[lo]);
}

double median(std::vector<double> v) {
    if (v.empty()) return 0.0;
    std::sort(v.begin(), v.end());
    const std::size_t m = v.size() / 2;
    return v.size() % 2 ? v[m] : 0.5 * (v[m - 1] + v[m]);
}

}  // namespace

Clip load_clip(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) throw std::runtime_error("cannot open " + path);
    std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    if (bytes.size() < 12 || std::memcmp(bytes.data(), "RIFF", 4) != 0 || std::memcmp(bytes.data() + 8, "WAVE", 4) != 0)
        throw std::runtime_error(path + ": not a WAV file");
    Clip clip;
    clip.name = std::filesystem::path(path).stem().string();
    std::size_t pos = 12;
    const unsigned char* data = nullptr;
    std::size_t data_size = 0;
    while (pos + 8 <= bytes.size()) {
        const std::size_t size = u32(&bytes[pos + 4]);
        if (std::memcmp(&bytes[pos], "fmt ", 4) == 0 && size >= 16) {
            if (u16(&bytes[pos + 8]) != 3 || u16(&bytes[pos + 22]) != 32)
                throw std::runtime_error(path + ": not 32-bit float");
            clip.channels = u16(&bytes[pos + 10]);
            clip.sample_rate = u32(&bytes[pos + 12]);
        } else if (std::memcmp(&bytes[pos], "data", 4) == 0) {
            data = &bytes[pos + 8];
            data_size = std::min(size, bytes.size() - pos - 8);
        }
        pos += 8 + size + (size & 1);
    }
    if (data == nullptr || clip.channels < 1) throw std::runtime_error(path + ": no audio");
    clip.samples.resize(data_size / 4);
    std::memcpy(clip.samples.data(), data, clip.samples.size() * 4);
    if (clip.sample_rate != kRate) {
        // The voices speak at 16 or 22.05 kHz: bring them to the set's rate.
        const double step = clip.sample_rate / kRate;
        const auto out = static_cast<std::size_t>(std::floor(static_cast<double>(clip.frames()) / step));
        clip.samples = reference_resample(clip.samples, clip.channels, step, out);
        clip.sample_rate = kRate;
    }
    return clip;
}

std::vector<Clip> load_material(const std::string& folder) {
    std::vector<Clip> clips;
    std::error_code error;
    if (!std::filesystem::is_directory(folder, error)) return clips;
    std::vector<std::string> paths;
    for (const auto& entry : std::filesystem::directory_iterator(folder))
        if (entry.path().extension() == ".wav") paths.push_back(entry.path().string());
    std::sort(paths.begin(), paths.end());
    for (const std::string& p : paths) clips.push_back(load_clip(p));
    return clips;
}

namespace {

// The reference kernel's taps for output position t: weights of x[k], k = first .. first + size - 1.
struct Taps {
    std::ptrdiff_t first = 0;
    std::vector<double> weights;
};

Taps kernel_at(double t, double scale) {
    constexpr int kZeros = 64;
    constexpr double kBeta = 12.0;
    const double reach = kZeros / scale;
    const double norm = bessel_i0({0.25 * kBeta * kBeta}).front();
    Taps taps;
    taps.first = static_cast<std::ptrdiff_t>(std::ceil(t - reach));
    const auto count = static_cast<std::size_t>(static_cast<std::ptrdiff_t>(std::floor(t + reach)) - taps.first + 1);
    // Distances from t in units of the cutoff, and the Kaiser window's Bessel term for each tap.
    std::vector<double> d(count), quarter_x2(count);
    for (std::size_t j = 0; j < count; ++j) {
        d[j] = (t - static_cast<double>(taps.first + static_cast<std::ptrdiff_t>(j))) * scale;
        const double r = d[j] / kZeros;
        quarter_x2[j] = std::fabs(r) < 1.0 ? 0.25 * kBeta * kBeta * (1.0 - r * r) : 0.0;
    }
    const std::vector<double> window = bessel_i0(quarter_x2);
    taps.weights.resize(count);
    for (std::size_t j = 0; j < count; ++j) {
        const double sinc = d[j] == 0.0 ? 1.0 : std::sin(kPi * d[j]) / (kPi * d[j]);
        taps.weights[j] = std::fabs(d[j]) < kZeros ? sinc * window[j] * scale / norm : 0.0;
    }
    return taps;
}

double apply(const Taps& taps, std::ptrdiff_t shift, const std::vector<float>& x) {
    const auto n = static_cast<std::ptrdiff_t>(x.size());
    const std::ptrdiff_t first = taps.first + shift;
    const auto size = static_cast<std::ptrdiff_t>(taps.weights.size());
    double acc = 0.0;
    for (std::ptrdiff_t j = std::max<std::ptrdiff_t>(0, -first); j < size && first + j < n; ++j)
        acc += static_cast<double>(x[static_cast<std::size_t>(first + j)]) * taps.weights[static_cast<std::size_t>(j)];
    return acc;
}

// p / q with q <= kMostPhases when step is that ratio to within rounding, else q = 0.
std::pair<std::int64_t, std::int64_t> as_ratio(double step) {
    constexpr std::int64_t kMostPhases = 4096;
    for (std::int64_t q = 1; q <= kMostPhases; ++q) {
        const double p = std::round(step * static_cast<double>(q));
        if (p > 0.0 && std::fabs(p / static_cast<double>(q) - step) <= 1e-12 * step)
            return {static_cast<std::int64_t>(p), q};
    }
    return {0, 0};
}

// Every channel through the same kernels, each kernel computed once.
std::vector<std::vector<float>> resample_channels(const std::vector<std::vector<float>>& x, double step,
                                                  std::size_t out_frames) {
    const double scale = 0.97 * std::min(1.0, 1.0 / step);
    std::vector<std::vector<float>> y(x.size(), std::vector<float>(out_frames));
    const auto write = [&](std::size_t i, const Taps& taps, std::ptrdiff_t shift) {
        for (std::size_t c = 0; c < x.size(); ++c) y[c][i] = static_cast<float>(apply(taps, shift, x[c]));
    };
    const auto [p, q] = as_ratio(step);
    if (q == 0) {
        for (std::size_t i = 0; i < out_frames; ++i) write(i, kernel_at(static_cast<double>(i) * step, scale), 0);
        return y;
    }
    // A step of p / q puts output i at (i p div q) + (i p mod q) / q: q kernels serve every
    // output, each computed once.
    std::vector<Taps> phases(static_cast<std::size_t>(q));
    for (std::size_t i = 0; i < out_frames; ++i) {
        const std::int64_t at = static_cast<std::int64_t>(i) * p;
        Taps& taps = phases[static_cast<std::size_t>(at % q)];
        if (taps.weights.empty()) taps = kernel_at(static_cast<double>(at % q) / static_cast<double>(q), scale);
        write(i, taps, static_cast<std::ptrdiff_t>(at / q));
    }
    return y;
}

}  // namespace

std::vector<float> reference_resample(const std::vector<float>& x, double step, std::size_t out_frames) {
    return resample_channels({x}, step, out_frames).front();
}

std::vector<float> reference_resample(const std::vector<float>& interleaved, int channels, double step,
                                      std::size_t out_frames) {
    std::vector<std::vector<float>> split;
    for (int c = 0; c < channels; ++c) split.push_back(extract_channel(interleaved, channels, c));
    return interleave(resample_channels(split, step, out_frames));
}

FormantMeasure formant_measure(const std::vector<float>& input, const std::vector<float>& output, double fs) {
    constexpr std::size_t kSize = 2048;
    const Lifter lifter(kSize, static_cast<std::size_t>(std::lround(0.0015 * fs)));
    const std::size_t n = std::min(input.size(), output.size());
    const auto a = stft(input.data(), n, kSize, kSize / 4);
    const auto b = stft(output.data(), n, kSize, kSize / 4);
    std::vector<double> energy(a.size());
    double loudest = 0.0;
    for (std::size_t f = 0; f < a.size(); ++f) {
        for (const Complex& v : a[f]) energy[f] += std::norm(v);
        loudest = std::max(loudest, energy[f]);
    }
    // 300 Hz to 7.5 kHz: below a transposed voice's first harmonic (126 Hz and up at +4 st) no
    // partial samples its envelope, and near 8 kHz a voice recorded at 16 kHz ends; an exact
    // transposition differs from its input at both edges by where its harmonics start and stop.
    const auto bottom = static_cast<std::size_t>(300.0 * kSize / fs);
    const auto top = static_cast<std::size_t>(7500.0 * kSize / fs);
    std::vector<std::vector<double>> ea, eb;
    for (std::size_t f = 0; f < a.size(); ++f) {
        if (energy[f] < loudest * 1e-3) continue;
        ea.push_back(true_envelope(a[f], lifter));
        eb.push_back(true_envelope(b[f], lifter));
    }
    // Mean distance with the input's envelope warped by `st` semitones (read at f x 2^(-st/12)).
    const auto distance = [&](double st) {
        const double warp = std::exp2(-st / 12.0);
        double total = 0.0;
        for (std::size_t f = 0; f < ea.size(); ++f) {
            std::vector<double> d;
            double mean = 0.0;
            for (std::size_t k = bottom; k <= top; ++k) {
                d.push_back(eb[f][k] - interpolate(ea[f], static_cast<double>(k) * warp));
                mean += d.back();
            }
            mean /= static_cast<double>(d.size());
            double sum = 0.0;
            for (double v : d) sum += (v - mean) * (v - mean);
            total += std::sqrt(sum / static_cast<double>(d.size()));
        }
        return ea.empty() ? 0.0 : total / static_cast<double>(ea.size());
    };
    FormantMeasure m;
    m.distance_db = distance(0.0);
    double best = m.distance_db;
    for (double st = -2.0; st <= 2.0 + 1e-9; st += 0.01) {
        const double d = distance(st);
        if (d < best) {
            best = d;
            m.shift_st = st;
        }
    }
    return m;
}

double coherence_band_centre(std::size_t index) {
    return 1000.0 * std::exp2((static_cast<double>(index) - 13.0) / 3.0);
}

std::vector<double> band_coherence(const std::vector<float>& stereo, double fs, double factor) {
    constexpr std::size_t kSize = 4096;
    const std::vector<float> l = extract_channel(stereo, 2, 0);
    const std::vector<float> r = extract_channel(stereo, 2, 1);
    const auto sl = stft(l.data(), l.size(), kSize, kSize / 4);
    const auto sr = stft(r.data(), r.size(), kSize, kSize / 4);
    std::vector<double> result;
    std::vector<double> power;
    for (std::size_t band = 0; band < kCoherenceBands; ++band) {  // 50 Hz .. 16 kHz
        const double centre = coherence_band_centre(band) * factor;
        const double lo_hz = centre * std::exp2(-1.0 / 6.0), hi_hz = centre * std::exp2(1.0 / 6.0);
        const auto lo = static_cast<std::size_t>(std::ceil(lo_hz * kSize / fs));
        const auto hi = std::min(kSize / 2, static_cast<std::size_t>(std::floor(hi_hz * kSize / fs)));
        Complex cross = 0.0;
        double pl = 0.0, pr = 0.0;
        for (std::size_t f = 0; f < sl.size(); ++f)
            for (std::size_t k = lo; k <= hi; ++k) {
                cross += sl[f][k] * std::conj(sr[f][k]);
                pl += std::norm(sl[f][k]);
                pr += std::norm(sr[f][k]);
            }
        const bool usable = hi >= lo && hi_hz < 0.45 * fs && pl > 0.0 && pr > 0.0;
        result.push_back(usable ? std::norm(cross) / (pl * pr) : -1.0);
        power.push_back(usable ? pl + pr : 0.0);
    }
    const double loudest = *std::max_element(power.begin(), power.end());
    for (std::size_t b = 0; b < result.size(); ++b)
        if (power[b] < loudest * 1e-5) result[b] = -1.0;
    return result;
}

std::vector<double> coherence_change(const std::vector<float>& input, const std::vector<float>& output, double fs,
                                     double factor) {
    const std::vector<double> a = band_coherence(input, fs, 1.0);
    // A transposed output is read back to the input's pitch before it is measured: moving the band
    // edges instead puts the low bands (one or two bins of a 4096-sample frame) on other bins, and
    // then even an exact transposition scores up to 0.09.
    std::vector<float> back = output;
    if (factor != 1.0) {
        const auto n = static_cast<std::size_t>(std::floor(static_cast<double>(output.size() / 2) * factor));
        back = reference_resample(output, 2, 1.0 / factor, n);
    }
    const std::vector<double> b = band_coherence(back, fs, 1.0);
    std::vector<double> change(a.size(), 0.0);
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i] >= 0.0 && b[i] >= 0.0) change[i] = b[i] - a[i];
    return change;
}

double coherence_error(const std::vector<float>& input, const std::vector<float>& output, double fs, double factor) {
    double worst = 0.0;
    for (const double change : coherence_change(input, output, fs, factor)) worst = std::max(worst, std::fabs(change));
    return worst;
}

double spectral_convergence(const float* test, const float* reference, std::size_t n, double fs) {
    constexpr std::size_t kSize = 2048;
    const auto edge = static_cast<std::size_t>(0.15 * fs);
    if (n < 2 * edge + kSize) return -1.0;
    const auto a = stft(test, n, kSize, kSize / 4, edge, n - edge);
    const auto b = stft(reference, n, kSize, kSize / 4, edge, n - edge);
    double diff = 0.0, ref = 0.0;
    for (std::size_t f = 0; f < a.size(); ++f)
        for (std::size_t k = 0; k < a[f].size(); ++k) {
            const double d = std::abs(a[f][k]) - std::abs(b[f][k]);
            diff += d * d;
            ref += std::norm(b[f][k]);
        }
    return ref > 0.0 ? std::sqrt(diff / ref) : -1.0;
}

std::vector<double> yin_track(const std::vector<float>& x, double fs) {
    constexpr std::size_t kSize = 2048, kHop = 256;
    const auto min_lag = static_cast<std::size_t>(fs / 600.0);
    const auto max_lag = static_cast<std::size_t>(fs / 60.0);
    const std::size_t w = kSize - max_lag;
    std::vector<double> track, energy;
    double loudest = 0.0;
    for (std::size_t start = 0; start + kSize <= x.size(); start += kHop) {
        double e = 0.0;
        for (std::size_t i = 0; i < kSize; ++i) e += static_cast<double>(x[start + i]) * static_cast<double>(x[start + i]);
        energy.push_back(e);
        loudest = std::max(loudest, e);
    }
    std::vector<double> d(max_lag + 2);
    std::size_t frame = 0;
    for (std::size_t start = 0; start + kSize <= x.size(); start += kHop, ++frame) {
        const float* s = x.data() + start;
        for (std::size_t tau = 1; tau <= max_lag + 1; ++tau) {
            double sum = 0.0;
            for (std::size_t i = 0; i < w; ++i) {
                const double v = static_cast<double>(s[i]) - static_cast<double>(s[i + tau]);
                sum += v * v;
            }
            d[tau] = sum;
        }
        // Cumulative mean normalised difference, first dip under the threshold, parabolic refinement.
        double running = 0.0;
        std::vector<double> cmnd(max_lag + 2, 1.0);
        for (std::size_t tau = 1; tau <= max_lag + 1; ++tau) {
            running += d[tau];
            cmnd[tau] = running > 0.0 ? d[tau] * static_cast<double>(tau) / running : 1.0;
        }
        double f0 = 0.0;
        if (energy[frame] > loudest * 1e-4) {
            for (std::size_t tau = min_lag; tau <= max_lag; ++tau) {
                if (cmnd[tau] < 0.15) {
                    while (tau + 1 <= max_lag && cmnd[tau + 1] < cmnd[tau]) ++tau;
                    const double a = cmnd[tau - 1], b = cmnd[tau], c = cmnd[tau + 1];
                    const double den = a - 2.0 * b + c;
                    const double shift = den > 0.0 ? 0.5 * (a - c) / den : 0.0;
                    f0 = fs / (static_cast<double>(tau) + std::clamp(shift, -0.5, 0.5));
                    break;
                }
            }
        }
        track.push_back(f0);
    }
    return track;
}

double f0_error_cents(const std::vector<float>& input, const std::vector<float>& output, double fs, double semitones) {
    const std::vector<double> a = yin_track(input, fs);
    const std::vector<double> b = yin_track(output, fs);
    std::vector<double> errors;
    for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i)
        if (a[i] > 0.0 && b[i] > 0.0) errors.push_back(std::fabs(cents(b[i], a[i] * std::exp2(semitones / 12.0))));
    return median(errors);
}

SegmentSnr segment_snr(const std::vector<float>& test, const std::vector<float>& reference, int channels, double fs) {
    const auto nc = static_cast<std::size_t>(channels);
    const std::size_t frames = std::min(test.size(), reference.size()) / nc;
    const auto edge = static_cast<std::size_t>(0.1 * fs);
    const auto length = static_cast<std::size_t>(0.5 * fs);
    std::vector<double> snrs, energies;
    for (std::size_t start = edge; start + length + edge <= frames; start += length) {
        const double e = energy(reference.data() + start * nc, length * nc);
        energies.push_back(e);
        snrs.push_back(snr_db(test.data() + start * nc, reference.data() + start * nc, length * nc));
    }
    SegmentSnr s;
    if (snrs.empty()) return s;
    const double loudest = *std::max_element(energies.begin(), energies.end());
    std::vector<double> kept;
    for (std::size_t i = 0; i < snrs.size(); ++i)
        if (energies[i] >= loudest * 1e-4) kept.push_back(snrs[i]);
    s.min_db = *std::min_element(kept.begin(), kept.end());
    s.median_db = median(kept);
    return s;
}

}  // namespace stretch_test
