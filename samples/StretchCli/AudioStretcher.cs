using StretchBindings;

namespace StretchCli;

/// <summary>Fills <paramref name="destination"/> with the next interleaved input frames; returns the frames read, 0 at the end.</summary>
public delegate int FrameReader(Span<float> destination);

/// <summary>Takes the next interleaved output frames.</summary>
public delegate void FrameWriter(ReadOnlySpan<float> samples);

/// <summary>
/// Stretches audio by streaming it through <see cref="Stretch.Process"/> in blocks: memory is a few blocks,
/// whatever the length, and progress can be reported while it runs. The result is latency compensated and exactly
/// <see cref="Stretch.OutputFrames(long, double)"/> frames long; it depends only on the input and the settings,
/// never on where the blocks come from or go to, or on whether anybody watches the progress. The stream states the
/// whole's time ratio (<see cref="Stretch.SetTimeRatio(double)"/>), so its output is <see cref="Stretch.Render(ReadOnlySpan{float}, double)"/>'s,
/// bit for bit.
/// </summary>
public static class AudioStretcher
{
    /// <summary>Input frames per <see cref="Stretch.Process"/> call.</summary>
    public const int BlockFrames = 32768;

    // Calls this short are exempt from the native ratio check in both directions (255 in, at most ~1020 out).
    private const int ExemptFrames = 255;

    /// <summary>Stretches a whole interleaved buffer (see <see cref="Run(Stretch, long, FrameReader, FrameWriter, StretchSettings, Action{long})"/>).</summary>
    /// <returns>Interleaved output of <c>Stretch.OutputFrames(inputFrames, settings.Tempo)</c> frames.</returns>
    public static float[] Run(Stretch stretch, ReadOnlyMemory<float> input, StretchSettings settings, Action<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(stretch);
        ArgumentNullException.ThrowIfNull(settings);
        int channels = stretch.Channels;
        if (input.Length % channels != 0)
        {
            throw new ArgumentException("The input is not a whole number of frames.", nameof(input));
        }

        int inputFrames = input.Length / channels;
        var output = new float[checked(Stretch.OutputFrames(inputFrames, settings.Tempo) * channels)];
        int read = 0;
        int written = 0;
        Run(
            stretch,
            inputFrames,
            destination =>
            {
                int count = Math.Min(destination.Length, input.Length - read) / channels * channels;
                input.Span.Slice(read, count).CopyTo(destination);
                read += count;
                return count / channels;
            },
            samples =>
            {
                samples.CopyTo(output.AsSpan(written));
                written += samples.Length;
            },
            settings,
            progress is null ? null : done => progress((int)done));
        return output;
    }

    /// <summary>
    /// Stretches <paramref name="inputFrames"/> frames read from <paramref name="read"/> into
    /// <paramref name="write"/>, with <paramref name="stretch"/>, which is reset and configured with
    /// <paramref name="settings"/> first (its preset is fixed at creation). <paramref name="progress"/>, if
    /// given, receives the input frames done so far after every block.
    /// </summary>
    /// <returns>The output frames written: <c>Stretch.OutputFrames(inputFrames, settings.Tempo)</c>.</returns>
    /// <exception cref="InvalidDataException">The reader ends before <paramref name="inputFrames"/> frames.</exception>
    public static long Run(Stretch stretch, long inputFrames, FrameReader read, FrameWriter write, StretchSettings settings, Action<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(stretch);
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfNegative(inputFrames);

        int channels = stretch.Channels;
        double tempo = settings.Tempo;
        long outputFrames = Stretch.OutputFrames(inputFrames, tempo);

        // A clean stream: the instance may have stretched another file before.
        stretch.Reset();
        stretch.SetTransposeSemitones(settings.Semitones);
        stretch.SetFormantPreservation(settings.Formants);
        if (outputFrames == 0)
        {
            progress?.Invoke(inputFrames);
            return 0;
        }

        // The whole's ratio, stated: the engine's time map is then fixed by it, not by the blocks, and the stream
        // gives what one Render call gives. Its output starts with `delay` frames that stand for time before the
        // input began (the native core's formula for a stated ratio).
        double ratio = (double)outputFrames / inputFrames;
        stretch.SetTimeRatio(ratio);
        int delay = (int)Math.Round(stretch.OutputLatency + (stretch.InputLatency * ratio), MidpointRounding.AwayFromZero);
        var sink = new Sink(write, channels, delay, outputFrames);
        const int MaxBlock = BlockFrames + (BlockFrames / 2);
        float[] block = new float[MaxBlock * channels];
        float[] scratch = new float[checked((Stretch.OutputFrames(MaxBlock, Stretch.MinTempo) + 1) * channels)];

        long doneIn = 0;
        long doneOut = 0;
        while (doneIn < inputFrames)
        {
            int frames = (int)Math.Min(BlockFrames, inputFrames - doneIn);
            // A short last call would set the ratio Flush keeps using from its rounding alone: fold it in.
            if (inputFrames - doneIn - frames < BlockFrames / 2)
            {
                frames = (int)(inputFrames - doneIn);
            }

            Fill(read, block.AsSpan(0, frames * channels), channels, doneIn);
            var input = new Block(block, doneIn);
            ProcessBlock(stretch, input, channels, ratio, ref doneIn, ref doneOut, frames, scratch, sink);
            progress?.Invoke(doneIn);
        }

        // Flush supplies the frames the delay held back; anything it writes after them is silence we never ask for.
        float[] tail = new float[checked(delay * channels)];
        stretch.Flush(tail);
        sink.Add(tail);
        if (sink.Written != outputFrames)
        {
            throw new InvalidOperationException($"Stretching produced {sink.Written} frames instead of {outputFrames}.");
        }

        return outputFrames;
    }

    private static void Fill(FrameReader read, Span<float> destination, int channels, long doneIn)
    {
        int filled = 0;
        while (filled < destination.Length)
        {
            int frames = read(destination[filled..]);
            if (frames <= 0)
            {
                throw new InvalidDataException($"The input ended after {doneIn + (filled / channels)} frames.");
            }

            filled += frames * channels;
        }
    }

    /// <summary>
    /// Streams <paramref name="frames"/> input frames. Each call's output length follows the running total
    /// round(input so far x ratio), so rounding never accumulates and the stream ends on the whole's length. At
    /// ratios at the very edge of the range that rounding can put one long call a frame outside the allowed ratio;
    /// then a few frames go first in a call short enough to be exempt, and the long call lands inside the range.
    /// </summary>
    private static void ProcessBlock(
        Stretch stretch, Block input, int channels, double ratio,
        ref long doneIn, ref long doneOut, int frames, float[] scratch, Sink sink)
    {
        long end = doneIn + frames;
        long endOut = Total(end, ratio);
        if (RatioAllowed(frames, (int)(endOut - doneOut)))
        {
            Call(stretch, input, channels, ratio, ref doneIn, ref doneOut, end, scratch, sink);
            return;
        }

        for (int lead = 1; lead <= ExemptFrames && lead < frames; lead++)
        {
            long split = doneIn + lead;
            long splitOut = Total(split, ratio);
            if (RatioAllowed(lead, (int)(splitOut - doneOut)) && RatioAllowed((int)(end - split), (int)(endOut - splitOut)))
            {
                Call(stretch, input, channels, ratio, ref doneIn, ref doneOut, split, scratch, sink);
                Call(stretch, input, channels, ratio, ref doneIn, ref doneOut, end, scratch, sink);
                return;
            }
        }

        // No such split (not expected): calls this short are all exempt from the check.
        while (doneIn < end)
        {
            Call(stretch, input, channels, ratio, ref doneIn, ref doneOut, Math.Min(end, doneIn + ExemptFrames), scratch, sink);
        }
    }

    private static void Call(
        Stretch stretch, Block input, int channels, double ratio,
        ref long doneIn, ref long doneOut, long end, float[] scratch, Sink sink)
    {
        int outFrames = (int)(Total(end, ratio) - doneOut);
        Span<float> block = scratch.AsSpan(0, outFrames * channels);
        int from = (int)(doneIn - input.FirstFrame) * channels;
        int to = (int)(end - input.FirstFrame) * channels;
        stretch.Process(input.Samples.AsSpan(from, to - from), block);
        sink.Add(block);
        doneIn = end;
        doneOut += outFrames;
    }

    // Output frames once `inputFrames` frames are in: the running total the stated ratio asks for.
    private static long Total(long inputFrames, double ratio) => (long)Math.Round(inputFrames * ratio, MidpointRounding.AwayFromZero);

    // The check Stretch.Process makes: calls of RatioCheckFrames or more (either side) keep the tempo
    // (input/output) within MinTempo..MaxTempo.
    private static bool RatioAllowed(int inFrames, int outFrames) =>
        Math.Max(inFrames, outFrames) < Stretch.RatioCheckFrames ||
        ((double)outFrames * Stretch.MaxTempo >= inFrames && (double)outFrames * Stretch.MinTempo <= inFrames);

    /// <summary>Input frames held in memory, the first of them being frame <see cref="FirstFrame"/> of the stream.</summary>
    private readonly record struct Block(float[] Samples, long FirstFrame);

    /// <summary>Passes on stream output after the first <c>skip</c> frames, up to <c>length</c> frames.</summary>
    private sealed class Sink(FrameWriter write, int channels, int skip, long length)
    {
        private int _skip = skip;

        public long Written { get; private set; }

        public void Add(ReadOnlySpan<float> block)
        {
            int frames = block.Length / channels;
            int dropped = Math.Min(_skip, frames);
            _skip -= dropped;
            int keep = (int)Math.Min(frames - dropped, length - Written);
            if (keep > 0)
            {
                write(block.Slice(dropped * channels, keep * channels));
            }

            Written += keep;
        }
    }
}
