// Measurement tools for the stretch quality tests: frequency estimation, log-spectral
// distance, click analysis, SNR, sine amplitudes and phases, spurious-energy measurement.
//
// The tools are self-contained (their own radix-2 FFT, double precision throughout) so they
// measure the library without sharing code with it. test_support.cpp checks each of them on
// signals with known answers.
#pragma once

#include <complex>
#include <cstddef>
#include <vector>

namespace stretch_test {

// ---------------------------------------------------------------------------------------------
// Basics

/// In-place radix-2 complex FFT (size must be a power of two). forward: X[k] = sum x[n] e^{-2 pi i k n / N};
/// inverse is unnormalised (e^{+...}).
void fft_in_place(std::vector<std::complex<double>>& data, bool inverse = false);

/// Smallest power of two >= n (n >= 1).
std::size_t next_pow2(std::size_t n);

std::vector<double> hann_window(std::size_t n);             ///< periodic Hann
std::vector<double> blackman_harris_window(std::size_t n);  ///< 4-term, -92 dB sidelobes, main lobe +-4 bins
std::vector<double> flat_top_window(std::size_t n);  ///< 5-term flat top, < 0.01 dB scalloping, main lobe +-5 bins

double cents(double f, double reference);  ///< 1200 log2(f / reference)
double db_power(double ratio);             ///< 10 log10(ratio)
double db_amplitude(double ratio);         ///< 20 log10(ratio)
double rms(const float* x, std::size_t n);
double rms(const std::vector<float>& x);
double energy(const float* x, std::size_t n);
double peak_abs(const float* x, std::size_t n);
bool all_finite(const float* x, std::size_t n);
/// Same length and the same bits in every sample (NaN payloads and signed zeros included).
bool bit_identical(const std::vector<float>& a, const std::vector<float>& b);

/// Wraps an angle to (-pi, pi].
double wrap_pi(double radians);

// ---------------------------------------------------------------------------------------------
// Frequency of a harmonic tone

struct HarmonicPeak {
    int harmonic = 0;
    double frequency_hz = 0.0;  ///< refined frequency of this harmonic
    double magnitude = 0.0;     ///< windowed DFT magnitude at the peak bin (relative use only)
};

struct PitchEstimate {
    bool valid = false;
    double f0_hz = 0.0;  ///< weighted mean of f_h / h over the harmonics used
    std::vector<HarmonicPeak> harmonics;
};

/// Estimates the fundamental of a harmonic tone in x[0..n).
///
/// Method: two Blackman-Harris windows of length N = n - L, the second L = n / 4 samples after
/// the first, each zero-padded to the power of two >= 2N and transformed. The fundamental peak
/// is searched within +-6 semitones of f0_hint, and harmonic h near h times that (+-2 %). Each
/// peak is located by parabolic interpolation of the log magnitude (the coarse estimate), then
/// refined from the phase advance of the peak bin between the two windows: a sinusoid at f
/// advances by exactly 2 pi f L / fs at any analysis bin, so f = (coarse advance + wrapped
/// deviation) fs / (2 pi L). Harmonics more than 60 dB below the strongest, or above 0.45 fs,
/// are skipped. f0 = sum w_h f_h / h / sum w_h with w_h = (h |X_h|)^2 (inverse phase-noise
/// variance). On a clean tone the error is well below 0.01 cent for n >= 4096 at 44.1 kHz and
/// f0 >= 80 Hz.
PitchEstimate estimate_f0(const float* x, std::size_t n, double sample_rate, double f0_hint, int max_harmonics = 8);

/// estimate_f0 on frames of `frame` samples every `hop` samples; returns one f0 per frame
/// (0 for frames where no estimate was possible).
std::vector<double> track_f0(const float* x, std::size_t n, double sample_rate, double f0_hint,
                             std::size_t frame = 4096, std::size_t hop = 2048, int max_harmonics = 8);

/// Population standard deviation, in cents, of a list of frequencies around their mean.
double std_cents(const std::vector<double>& frequencies);

// ---------------------------------------------------------------------------------------------
// Sinusoid amplitude and phase at a known frequency

/// Complex amplitude of the component at freq_hz: 2 sum w[n] x[n] e^{-i 2 pi f n / fs} / sum w,
/// with the given window (which must have x's length). For a sinusoid a cos(2 pi f n / fs + phi)
/// alone this is a e^{i phi}. Evaluated directly (no FFT), so any frequency is allowed.
std::complex<double> complex_amplitude(const float* x, std::size_t n, double sample_rate, double freq_hz,
                                       const std::vector<double>& window);

/// Amplitude of the sinusoid near freq_hz using a flat-top window: accurate to < 0.01 dB even
/// when freq_hz is up to half a bin (fs / 2n) off the true frequency.
double sine_amplitude(const float* x, std::size_t n, double sample_rate, double freq_hz);

// ---------------------------------------------------------------------------------------------
// Log-spectral distance

struct LsdOptions {
    std::size_t fft_size = 2048;  ///< Hann window length, no zero-padding
    std::size_t hop = 512;
    double floor_db = -60.0;  ///< floor relative to the reference's largest bin power
    double max_hz = 16000.0;  ///< highest bin frequency used (also capped at Nyquist)
    double edge_s = 0.15;     ///< frames touching the first or last edge_s seconds are skipped
};

/// Log-spectral distance in dB between `test` and `reference` (both n samples, mono):
/// STFT with a Hann window of fft_size and the given hop; only frames lying entirely within
/// [edge_s, duration - edge_s] are used. Power spectra P = |X|^2; both are floored at
/// 10^(floor_db/10) times the largest bin power of the reference over the frames used.
/// Per frame d = sqrt(mean over bins k = 1..K of (10 log10(P_test / P_ref))^2), with
/// K = floor(min(max_hz, fs / 2) * fft_size / fs) (DC excluded). Result: mean d over frames.
/// Returns -1 when no frame fits.
double log_spectral_distance_db(const float* test, const float* reference, std::size_t n, double sample_rate,
                                const LsdOptions& options = LsdOptions{});

// ---------------------------------------------------------------------------------------------
// Clicks

struct ClickOptions {
    double search_ms = 20.0;  ///< the click is searched within +-search_ms of its expected position
    double core_ms = 2.0;     ///< "click energy" window half-width around the found peak
};

struct ClickMeasure {
    double expected = 0.0;         ///< expected position, in samples (may be fractional)
    std::size_t peak_index = 0;    ///< sample of the largest |x| within the search window
    double centroid = 0.0;         ///< energy centroid (x^2-weighted) within +-core of the peak
    double offset_ms = 0.0;        ///< (peak_index - expected) in ms
    double peak = 0.0;             ///< |x| at the peak
    double energy_fraction = 0.0;  ///< energy within +-core of the peak / energy within +-spacing/2 of it
    double pre_echo_db = 0.0;      ///< max |x| in [peak - spacing/2, peak - core) relative to peak, dB
};

/// Measures clicks in mono x at the expected positions. `spacing` is the click spacing in
/// samples (windows are clipped at the buffer ends). A silent pre-echo window reports -300 dB.
std::vector<ClickMeasure> analyse_clicks(const float* x, std::size_t n, double sample_rate,
                                         const std::vector<double>& expected_positions, double spacing,
                                         const ClickOptions& options = ClickOptions{});

// ---------------------------------------------------------------------------------------------
// SNR

/// 10 log10(sum ref^2 / sum (test - ref)^2) over n samples; +infinity when they are equal.
double snr_db(const float* test, const float* reference, std::size_t n);

struct LagSnr {
    std::ptrdiff_t lag_frames = 0;  ///< test[i + lag] lines up with reference[i]
    double snr_db = 0.0;
};

/// Best SNR over lags in [-max_lag, max_lag] frames for interleaved buffers of `channels`
/// channels and n samples each. Every lag is scored over the same central range (frames
/// max_lag .. frames - max_lag) so the scores are comparable.
LagSnr snr_best_lag(const float* test, const float* reference, std::size_t n, int channels, int max_lag);

// ---------------------------------------------------------------------------------------------
// Spectra

/// Welch power spectrum: mean over frames (fft_size, hop; Blackman-Harris) of |X_k|^2, k = 0..fft_size/2.
std::vector<double> welch_power(const float* x, std::size_t n, std::size_t fft_size, std::size_t hop);

/// Energy, relative to the total, of everything that is not near one of `expected_hz`:
/// Welch spectrum (Blackman-Harris, fft_size, hop fft_size / 2); bins at least guard_hz from
/// every expected frequency and at or above min_hz are summed and divided by the sum of all
/// bins. Returned in dB (-300 when nothing is found).
double spurious_energy_db(const float* x, std::size_t n, double sample_rate, const std::vector<double>& expected_hz,
                          double guard_hz, double min_hz, std::size_t fft_size = 8192);

}  // namespace stretch_test
