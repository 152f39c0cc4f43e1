using NAudio.Dsp;

namespace StretchCli.Plots;

/// <summary>
/// The spectrogram of a stream, built block by block as the audio passes (channels mixed to mono): at most
/// <see cref="MaxColumns"/> columns of <see cref="Bins"/> levels in dB, whatever the stream's length, so a plot
/// of a long file costs no more memory than one of a short file.
/// </summary>
public sealed class Spectrogram
{
    /// <summary>Columns at most: the hop grows with the stream's length.</summary>
    public const int MaxColumns = 600;

    /// <summary>FFT length (a power of two).</summary>
    public const int FftSize = 2048;

    /// <summary>Frequency rows: DC up to just below Nyquist.</summary>
    public const int Bins = FftSize / 2;

    /// <summary>The floor of the level scale, in dB below a full-scale sine.</summary>
    public const double FloorDb = -100;

    private static readonly float[] Window = Enumerable.Range(0, FftSize).Select(n => (float)(0.5 - (0.5 * Math.Cos(2 * Math.PI * n / FftSize)))).ToArray();

    private readonly int _channels;
    private readonly long _hop;
    private readonly float[] _history = new float[FftSize];
    private readonly Complex[] _fft = new Complex[FftSize];
    private readonly List<double[]> _columns = [];
    private long _frames;
    private long _untilNext;

    /// <param name="channels">Interleaved channels of the blocks to come.</param>
    /// <param name="sampleRate">Their sample rate, in Hz.</param>
    /// <param name="expectedFrames">The stream's length, which sets the hop.</param>
    public Spectrogram(int channels, int sampleRate, long expectedFrames)
    {
        _channels = channels;
        SampleRate = sampleRate;
        _hop = Math.Max(FftSize / 4, (expectedFrames + MaxColumns - 1) / MaxColumns);
        _untilNext = FftSize;
    }

    /// <summary>The sample rate, in Hz.</summary>
    public int SampleRate { get; }

    /// <summary>Frames seen so far.</summary>
    public long Frames => _frames;

    /// <summary>Seconds between the centres of two columns.</summary>
    public double ColumnSeconds => (double)_hop / SampleRate;

    /// <summary>The columns so far, each <see cref="Bins"/> levels in dB (index 0 is DC).</summary>
    public IReadOnlyList<double[]> Columns => _columns;

    /// <summary>Adds interleaved frames.</summary>
    public void Add(ReadOnlySpan<float> samples)
    {
        for (int i = 0; i + _channels <= samples.Length; i += _channels)
        {
            float mono = 0;
            for (int c = 0; c < _channels; c++)
            {
                mono += samples[i + c];
            }

            _history[_frames % FftSize] = mono / _channels;
            _frames++;
            if (--_untilNext == 0)
            {
                AddColumn();
                _untilNext = _hop;
            }
        }
    }

    private void AddColumn()
    {
        long start = _frames - FftSize;
        for (int n = 0; n < FftSize; n++)
        {
            _fft[n] = new Complex { X = _history[(start + n) % FftSize] * Window[n], Y = 0 };
        }

        // NAudio's forward transform divides by the length: a full-scale sine peaks at 1/4 under a Hann window.
        FastFourierTransform.FFT(true, (int)Math.Log2(FftSize), _fft);
        var column = new double[Bins];
        for (int k = 0; k < Bins; k++)
        {
            double magnitude = Math.Sqrt((_fft[k].X * (double)_fft[k].X) + (_fft[k].Y * (double)_fft[k].Y)) * 4;
            column[k] = Math.Max(FloorDb, 20 * Math.Log10(magnitude + 1e-12));
        }

        _columns.Add(column);
    }
}
