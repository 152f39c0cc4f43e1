namespace StretchCli;

/// <summary>
/// A few seconds of synthetic stereo music, generated so the program can be tried without a WAV file at hand:
/// sustained chords with vibrato (tonal content whose pitch must move smoothly) over a drum pattern (transients
/// that must stay sharp when stretched). The same arguments always give the same samples.
/// </summary>
public static class DemoSignal
{
    /// <summary>Sample rate of the demo, in Hz.</summary>
    public const int SampleRate = 44100;

    /// <summary>The demo is stereo.</summary>
    public const int Channels = 2;

    /// <summary>Length of the demo when none is given, in seconds.</summary>
    public const double DefaultSeconds = 4.0;

    private const double BeatsPerMinute = 120;
    private const double Peak = 0.5;

    // One chord per bar (frequencies in Hz): Am7, Fmaj7, C, G.
    private static readonly double[][] Chords =
    [
        [110.00, 220.00, 261.63, 329.63, 392.00],
        [87.31, 174.61, 220.00, 261.63, 329.63],
        [130.81, 196.00, 261.63, 329.63, 392.00],
        [98.00, 196.00, 246.94, 293.66, 392.00],
    ];

    /// <summary>Creates <paramref name="seconds"/> of interleaved stereo audio at <paramref name="sampleRate"/>, peaking at -6 dBFS.</summary>
    public static float[] Create(double seconds = DefaultSeconds, int sampleRate = SampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(seconds);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);

        int frames = (int)Math.Round(seconds * sampleRate);
        double[] left = new double[frames];
        double[] right = new double[frames];
        double beat = 60.0 / BeatsPerMinute;
        double bar = 4 * beat;

        AddChords(left, right, sampleRate, bar);
        AddDrums(left, right, sampleRate, beat);

        double peak = 1e-12;
        for (int i = 0; i < frames; i++)
        {
            peak = Math.Max(peak, Math.Max(Math.Abs(left[i]), Math.Abs(right[i])));
        }

        double gain = Peak / peak;
        float[] samples = new float[frames * Channels];
        for (int i = 0; i < frames; i++)
        {
            samples[2 * i] = (float)(left[i] * gain);
            samples[(2 * i) + 1] = (float)(right[i] * gain);
        }

        return samples;
    }

    private static void AddChords(double[] left, double[] right, int sampleRate, double bar)
    {
        int barFrames = (int)Math.Round(bar * sampleRate);
        for (int start = 0, index = 0; start < left.Length; start += barFrames, index++)
        {
            double[] chord = Chords[index % Chords.Length];
            int length = Math.Min(barFrames, left.Length - start);
            for (int voice = 0; voice < chord.Length; voice++)
            {
                // Spread the voices across the stereo field, bass in the middle.
                double pan = voice == 0 ? 0 : -0.6 + (1.2 * (voice - 1) / (chord.Length - 2));
                // Vibrato rates differ slightly per voice so the chord shimmers rather than wobbling as one.
                double vibratoRate = 5.0 + (0.4 * voice);
                double vibratoDepth = voice == 0 ? 0 : 0.004;
                AddTone(left, right, sampleRate, start, length, chord[voice], vibratoRate, vibratoDepth, pan, voice == 0 ? 0.35 : 0.18);
            }
        }
    }

    private static void AddTone(
        double[] left, double[] right, int sampleRate, int start, int length,
        double frequency, double vibratoRate, double vibratoDepth, double pan, double level)
    {
        (double gainLeft, double gainRight) = Pan(pan);
        double attack = 0.03 * sampleRate;
        double release = 0.08 * sampleRate;
        double phase = 0;
        for (int i = 0; i < length; i++)
        {
            double t = (double)i / sampleRate;
            double instantaneous = frequency * (1 + (vibratoDepth * Math.Sin(2 * Math.PI * vibratoRate * t)));
            phase += 2 * Math.PI * instantaneous / sampleRate;

            // A few harmonics with falling amplitude: a soft, organ-like timbre.
            double value = 0;
            for (int harmonic = 1; harmonic <= 6; harmonic++)
            {
                value += Math.Sin(harmonic * phase) / Math.Pow(harmonic, 1.5);
            }

            double envelope = Math.Min(1, Math.Min(i / attack, (length - i) / release));
            value *= level * envelope;
            left[start + i] += value * gainLeft;
            right[start + i] += value * gainRight;
        }
    }

    private static void AddDrums(double[] left, double[] right, int sampleRate, double beat)
    {
        var noise = new Noise(0x9E3779B9u);
        int eighth = (int)Math.Round(beat / 2 * sampleRate);
        for (int start = 0, step = 0; start < left.Length; start += eighth, step++)
        {
            int length = Math.Min(left.Length - start, sampleRate / 2);
            if (step % 4 == 0)
            {
                AddKick(left, right, sampleRate, start, length);
            }
            else if (step % 4 == 2)
            {
                AddSnare(left, right, sampleRate, start, length, noise);
            }

            AddHat(left, right, sampleRate, start, length, noise, step % 2 == 0 ? -0.4 : 0.4);
        }
    }

    private static void AddKick(double[] left, double[] right, int sampleRate, int start, int length)
    {
        double phase = 0;
        for (int i = 0; i < length; i++)
        {
            double t = (double)i / sampleRate;
            // A falling pitch sweep: the thump of a bass drum.
            double frequency = 45 + (110 * Math.Exp(-t * 35));
            phase += 2 * Math.PI * frequency / sampleRate;
            double value = 0.9 * Math.Sin(phase) * Math.Exp(-t * 9);
            left[start + i] += value;
            right[start + i] += value;
        }
    }

    private static void AddSnare(double[] left, double[] right, int sampleRate, int start, int length, Noise noise)
    {
        (double gainLeft, double gainRight) = Pan(0.15);
        for (int i = 0; i < length; i++)
        {
            double t = (double)i / sampleRate;
            double value = (0.45 * noise.Next() * Math.Exp(-t * 22)) + (0.35 * Math.Sin(2 * Math.PI * 185 * t) * Math.Exp(-t * 30));
            left[start + i] += value * gainLeft;
            right[start + i] += value * gainRight;
        }
    }

    private static void AddHat(double[] left, double[] right, int sampleRate, int start, int length, Noise noise, double pan)
    {
        (double gainLeft, double gainRight) = Pan(pan);
        double previous = 0;
        for (int i = 0; i < length; i++)
        {
            double t = (double)i / sampleRate;
            // Differenced noise is bright, like a closed hi-hat; the very fast decay makes it a click.
            double white = noise.Next();
            double value = 0.25 * (white - previous) * Math.Exp(-t * 90);
            previous = white;
            left[start + i] += value * gainLeft;
            right[start + i] += value * gainRight;
        }
    }

    /// <summary>Equal-power panning; <paramref name="pan"/> runs from -1 (left) to 1 (right).</summary>
    private static (double Left, double Right) Pan(double pan)
    {
        double angle = (pan + 1) * Math.PI / 4;
        return (Math.Cos(angle), Math.Sin(angle));
    }

    /// <summary>A xorshift generator: deterministic noise in [-1, 1) without depending on System.Random's algorithm.</summary>
    private sealed class Noise(uint seed)
    {
        private uint _state = seed;

        public double Next()
        {
            _state ^= _state << 13;
            _state ^= _state >> 17;
            _state ^= _state << 5;
            return (_state / 2147483648.0) - 1.0;
        }
    }
}
