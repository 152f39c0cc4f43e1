using System.Buffers;
using System.Globalization;

namespace StretchBindings;

// The hand-written part of Stretch: argument checks that say what to do (the Before* hooks the
// generated members call), the configuration the native instance does not report back, and
// whole-buffer, planar and tempo-based conveniences over the generated members.
public sealed partial class Stretch
{
    /// <summary>The most interleaved channels an instance handles.</summary>
    public const int MaxChannels = StretchNative.STRETCH_MAX_CHANNELS;

    /// <summary>The lowest supported sample rate, in Hz.</summary>
    public const double MinSampleRate = StretchNative.STRETCH_MIN_SAMPLE_RATE;

    /// <summary>The highest supported sample rate, in Hz.</summary>
    public const double MaxSampleRate = StretchNative.STRETCH_MAX_SAMPLE_RATE;

    /// <summary>The largest transposition either way, in semitones.</summary>
    public const double MaxSemitones = StretchNative.STRETCH_MAX_SEMITONES;

    /// <summary>The slowest tempo (output four times as long as the input).</summary>
    public const double MinTempo = 1.0 / StretchNative.STRETCH_MAX_TIME_RATIO;

    /// <summary>The fastest tempo (output a quarter as long as the input).</summary>
    public const double MaxTempo = 1.0 / StretchNative.STRETCH_MIN_TIME_RATIO;

    /// <summary>Streaming calls at least this long (in frames) must keep the time ratio within 1/4 to 4.</summary>
    public const int RatioCheckFrames = StretchNative.STRETCH_RATIO_CHECK_FRAMES;

    private int _channels;
    private double _sampleRate;
    private StretchPreset _preset;


    /// <summary>Creates an instance with the default (best-quality) preset.</summary>
    /// <param name="channels">Interleaved channel count, 1 to <see cref="MaxChannels"/>.</param>
    /// <param name="sampleRate">Sample rate in Hz, <see cref="MinSampleRate"/> to <see cref="MaxSampleRate"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside its supported range.</exception>
    public Stretch(int channels, double sampleRate)
        : this(channels, sampleRate, StretchPreset.Default)
    {
    }

    /// <summary>The sample rate the instance was created with, in Hz; 0 for an instance wrapped from a <see cref="StretchHandle"/>.</summary>
    public double SampleRate => _sampleRate;

    /// <summary>The preset the instance was created with (<see cref="StretchPreset.Default"/> for one wrapped from a <see cref="StretchHandle"/>).</summary>
    public StretchPreset Preset => _preset;

    /// <summary>The native library's version, "major.minor.patch".</summary>
    public static string NativeVersion
    {
        get
        {
            unsafe
            {
                return Interop.NativeStrings.FromUtf8NullTerminated(StretchNative.stretch_version()) ?? string.Empty;
            }
        }
    }

    /// <summary>
    /// The output length, in frames, for <paramref name="inputFrames"/> played at <paramref name="tempo"/>:
    /// <c>round(inputFrames / tempo)</c>, kept within the time ratio the core accepts (at least a quarter
    /// of the input, rounded up, so that very short inputs at the fastest tempos stay renderable).
    /// A tempo of 1.25 makes the output 1/1.25 as long.
    /// </summary>
    /// <param name="inputFrames">Input length in frames (samples per channel), zero or more.</param>
    /// <param name="tempo">Playback speed, <see cref="MinTempo"/> to <see cref="MaxTempo"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside its range.</exception>
    public static int OutputFrames(int inputFrames, double tempo)
    {
        if (inputFrames < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(inputFrames), inputFrames, "The input length must be zero or more frames.");
        }

        long frames = OutputFrames((long)inputFrames, tempo);
        if (frames > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(inputFrames), inputFrames,
                string.Create(CultureInfo.InvariantCulture,
                    $"At tempo {tempo}, {inputFrames} input frames would give more than {int.MaxValue} output frames; stretch the input in parts with Process."));
        }

        return (int)frames;
    }

    /// <summary>Turns formant preservation on or off (see <see cref="SetFormantPreservation(int)"/>).</summary>
    /// <param name="enabled">Whether the spectral envelope stays in place while the pitch moves.</param>
    public void SetFormantPreservation(bool enabled) => SetFormantPreservation(enabled ? 1 : 0);

    /// <summary>
    /// Stretches a whole interleaved buffer to <paramref name="tempo"/> at the current transposition and
    /// returns a new buffer of <see cref="OutputFrames(int, double)"/> frames, time-aligned with the input
    /// (offline mode: the instance is reset first, latency is compensated).
    /// </summary>
    /// <param name="input">Interleaved input; its length must be a multiple of <see cref="Channels"/>.</param>
    /// <param name="tempo">Playback speed, <see cref="MinTempo"/> to <see cref="MaxTempo"/>; 1.25 makes the output 1/1.25 as long.</param>
    /// <returns>The interleaved output.</returns>
    /// <exception cref="ArgumentException">The input length is not a multiple of the channel count, or the tempo is out of range.</exception>
    public float[] Render(ReadOnlySpan<float> input, double tempo)
    {
        int channels = ChannelCount;
        CheckInterleaved(input.Length, channels, nameof(input));
        int outputFrames = OutputFrames(input.Length / channels, tempo);
        var output = new float[Samples(outputFrames, channels)];
        Render(input, output);
        return output;
    }

    /// <summary>
    /// Stretches whole planar channels (one array per channel, all the same length) to
    /// <paramref name="tempo"/>, like <see cref="Render(ReadOnlySpan{float}, double)"/>.
    /// </summary>
    /// <param name="input">One array per channel; exactly <see cref="Channels"/> arrays of equal length.</param>
    /// <param name="tempo">Playback speed, <see cref="MinTempo"/> to <see cref="MaxTempo"/>.</param>
    /// <returns>One new array per channel.</returns>
    /// <exception cref="ArgumentException">The channel arrays do not match the instance, or the tempo is out of range.</exception>
    public float[][] Render(float[][] input, double tempo)
    {
        int frames = CheckPlanar(input, nameof(input));
        int channels = input.Length;
        int outputFrames = OutputFrames(frames, tempo);
        float[] interleavedInput = new float[Samples(frames, channels)];
        Interleave(input, frames, interleavedInput);
        var interleavedOutput = new float[Samples(outputFrames, channels)];
        Render(interleavedInput, interleavedOutput);
        var output = new float[channels][];
        for (int c = 0; c < channels; c++)
        {
            output[c] = new float[outputFrames];
        }

        Deinterleave(interleavedOutput, output, outputFrames);
        return output;
    }

    /// <summary>
    /// Streams planar audio: like <see cref="Process(ReadOnlySpan{float}, Span{float})"/>, with one
    /// array per channel. All input arrays have one length and all output arrays another.
    /// </summary>
    /// <param name="input">One array per channel; exactly <see cref="Channels"/> arrays of equal length.</param>
    /// <param name="output">One array per channel, filled completely.</param>
    /// <exception cref="ArgumentException">The arrays do not match the instance or each other, or their ratio is out of range.</exception>
    public void Process(float[][] input, float[][] output)
    {
        int inputFrames = CheckPlanar(input, nameof(input));
        int outputFrames = CheckPlanar(output, nameof(output));
        int channels = input.Length;
        int inputSamples = Samples(inputFrames, channels);
        int outputSamples = Samples(outputFrames, channels);
        // Buffers of this call alone: a second thread that enters the instance by mistake must be turned
        // away by the guard without having touched what this call is working on.
        float[] interleavedInput = ArrayPool<float>.Shared.Rent(inputSamples);
        float[] interleavedOutput = ArrayPool<float>.Shared.Rent(outputSamples);
        try
        {
            Interleave(input, inputFrames, interleavedInput);
            Process(interleavedInput.AsSpan(0, inputSamples), interleavedOutput.AsSpan(0, outputSamples));
            Deinterleave(interleavedOutput, output, outputFrames);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(interleavedInput);
            ArrayPool<float>.Shared.Return(interleavedOutput);
        }
    }

    /// <summary>
    /// Drains the stream: returns the <see cref="TailFrames"/> frames still buffered (as if silence
    /// followed the input), interleaved. Call <see cref="Reset"/> before starting an unrelated stream.
    /// </summary>
    /// <returns>The interleaved tail.</returns>
    public float[] Flush()
    {
        var output = new float[Samples(TailFrames, ChannelCount)];
        Flush(output);
        return output;
    }

    /// <summary>
    /// Stretches and transposes a whole interleaved buffer with a new instance: the one-call way.
    /// </summary>
    /// <param name="input">Interleaved input; its length must be a multiple of <paramref name="channels"/>.</param>
    /// <param name="channels">Interleaved channel count, 1 to <see cref="MaxChannels"/>.</param>
    /// <param name="sampleRate">Sample rate in Hz, <see cref="MinSampleRate"/> to <see cref="MaxSampleRate"/>.</param>
    /// <param name="tempo">Playback speed, <see cref="MinTempo"/> to <see cref="MaxTempo"/>; 1.25 makes the output 1/1.25 as long.</param>
    /// <param name="semitones">Transposition, -<see cref="MaxSemitones"/> to +<see cref="MaxSemitones"/>.</param>
    /// <param name="preset">Quality preset.</param>
    /// <param name="preserveFormants">Whether transposed voices keep their spectral envelope.</param>
    /// <returns>The interleaved output, <see cref="OutputFrames(int, double)"/> frames long.</returns>
    /// <exception cref="ArgumentException">A parameter is out of range or the input length does not fit the channel count.</exception>
    public static float[] Render(ReadOnlySpan<float> input, int channels, double sampleRate, double tempo,
        double semitones = 0, StretchPreset preset = StretchPreset.Default, bool preserveFormants = false)
    {
        CheckTempo(tempo);
        using var stretch = new Stretch(channels, sampleRate, preset);
        stretch.SetTransposeSemitones(semitones);
        stretch.SetFormantPreservation(preserveFormants);
        return stretch.Render(input, tempo);
    }

    // The channel count without a native call once known (it never changes).
    private int ChannelCount
    {
        get
        {
            if (_channels == 0)
            {
                _channels = Channels;
            }

            return _channels;
        }
    }

    partial void BeforeCreate(int channels, double sampleRate, StretchPreset preset)
    {
        if (channels < 1 || channels > MaxChannels)
        {
            throw new ArgumentOutOfRangeException(nameof(channels), channels,
                $"The channel count must be 1 to {MaxChannels}; audio with more channels must be split across instances.");
        }

        if (!(sampleRate >= MinSampleRate && sampleRate <= MaxSampleRate))
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate,
                $"The sample rate must be a finite number of Hz from {MinSampleRate} to {MaxSampleRate}.");
        }

        if (preset is not (StretchPreset.Default or StretchPreset.Cheaper))
        {
            throw new ArgumentOutOfRangeException(nameof(preset), preset, "Use StretchPreset.Default or StretchPreset.Cheaper.");
        }

        _channels = channels;
        _sampleRate = sampleRate;
        _preset = preset;
    }

    partial void BeforeSetTransposeSemitones(double semitones)
    {
        if (!(semitones >= -MaxSemitones && semitones <= MaxSemitones))
        {
            throw new ArgumentOutOfRangeException(nameof(semitones), semitones,
                $"The transposition must be a finite number of semitones from -{MaxSemitones} to +{MaxSemitones}.");
        }
    }

    partial void BeforeSetTransposeFactor(double factor)
    {
        if (!(factor >= StretchNative.STRETCH_MIN_TRANSPOSE_FACTOR && factor <= StretchNative.STRETCH_MAX_TRANSPOSE_FACTOR))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor,
                "The transposition factor must be a finite number from 0.25 (two octaves down) to 4 (two octaves up).");
        }
    }

    partial void BeforeProcess(ReadOnlySpan<float> input, Span<float> output)
    {
        (long inputFrames, long outputFrames) = CheckFrames(input.Length, output.Length);
        if (Math.Max(inputFrames, outputFrames) >= RatioCheckFrames)
        {
            CheckRatio(inputFrames, outputFrames,
                "Size each call's output from the stream's tempo (for example the running total round(inputFramesSoFar / tempo) minus the frames already written).");
        }
    }

    partial void BeforeFlush(Span<float> output) => CheckInterleaved(output.Length, ChannelCount, nameof(output));

    partial void BeforeRender(ReadOnlySpan<float> input, Span<float> output)
    {
        (long inputFrames, long outputFrames) = CheckFrames(input.Length, output.Length);
        if (inputFrames != 0 || outputFrames != 0)
        {
            CheckRatio(inputFrames, outputFrames, "Size the output with Stretch.OutputFrames(inputFrames, tempo) for a tempo from 0.25 to 4.");
        }
    }

    /// <summary>Checks that both interleaved buffers hold whole frames; returns their lengths in frames.</summary>
    private (long Input, long Output) CheckFrames(int inputSamples, int outputSamples)
    {
        int channels = ChannelCount;
        CheckInterleaved(inputSamples, channels, "input");
        CheckInterleaved(outputSamples, channels, "output");
        return (inputSamples / channels, outputSamples / channels);
    }

    private static void CheckTempo(double tempo)
    {
        if (!(tempo >= MinTempo && tempo <= MaxTempo))
        {
            throw new ArgumentOutOfRangeException(nameof(tempo), tempo,
                "The tempo must be a finite number from 0.25 (four times as long) to 4 (a quarter as long); 1 keeps the duration.");
        }
    }

    private static void CheckInterleaved(int samples, int channels, string parameter)
    {
        if (samples % channels != 0)
        {
            throw new ArgumentException(
                $"The buffer holds {samples} samples, which is not a whole number of {channels}-channel frames: interleaved buffers hold frames x channels samples.",
                parameter);
        }
    }

    private static void CheckRatio(long inputFrames, long outputFrames, string advice)
    {
        // The same test as the native side: STRETCH_MIN_TIME_RATIO <= output / input <= STRETCH_MAX_TIME_RATIO,
        // without the division (exact while the limits are powers of two).
        if (inputFrames == 0 || outputFrames < inputFrames * StretchNative.STRETCH_MIN_TIME_RATIO ||
            outputFrames > inputFrames * StretchNative.STRETCH_MAX_TIME_RATIO)
        {
            string ratio = inputFrames == 0 ? "infinite" : ((double)outputFrames / inputFrames).ToString("0.###", CultureInfo.InvariantCulture);
            throw new ArgumentException(
                $"The output must be 1/4 to 4 times as long as the input; got {inputFrames} input and {outputFrames} output frames (ratio {ratio}). {advice}",
                "output");
        }
    }

    private int CheckPlanar(float[][] buffers, string parameter)
    {
        if (buffers is null)
        {
            throw new ArgumentNullException(parameter);
        }

        int channels = ChannelCount;
        if (buffers.Length != channels)
        {
            throw new ArgumentException($"Pass one array per channel: this instance has {channels} channels, not {buffers.Length}.", parameter);
        }

        int frames = -1;
        for (int c = 0; c < buffers.Length; c++)
        {
            float[]? channel = buffers[c];
            if (channel is null)
            {
                throw new ArgumentException($"The array for channel {c} is null.", parameter);
            }

            if (frames >= 0 && channel.Length != frames)
            {
                throw new ArgumentException($"All channel arrays must have one length: channel 0 has {frames} samples, channel {c} has {channel.Length}.", parameter);
            }

            frames = channel.Length;
        }

        return frames;
    }

    /// <summary>frames x channels, or an ArgumentException for a buffer .NET cannot hold.</summary>
    private static int Samples(int frames, int channels)
    {
        long samples = (long)frames * channels;
        if (samples > Array.MaxLength)
        {
            throw new ArgumentException(
                $"{frames} frames of {channels} channels are more samples than one .NET array holds; stretch the audio in parts with Process.");
        }

        return (int)samples;
    }

    private static void Interleave(float[][] planar, int frames, float[] interleaved)
    {
        int channels = planar.Length;
        for (int c = 0; c < channels; c++)
        {
            float[] channel = planar[c];
            for (int i = 0; i < frames; i++)
            {
                interleaved[i * channels + c] = channel[i];
            }
        }
    }

    private static void Deinterleave(float[] interleaved, float[][] planar, int frames)
    {
        int channels = planar.Length;
        for (int c = 0; c < channels; c++)
        {
            float[] channel = planar[c];
            for (int i = 0; i < frames; i++)
            {
                channel[i] = interleaved[i * channels + c];
            }
        }
    }
}
