using StretchBindings;

namespace StretchCli;

/// <summary>
/// Stretches a whole interleaved buffer by streaming it through <see cref="Stretch.Process"/> in blocks, so
/// that progress can be reported while it runs. The result is latency compensated and exactly
/// <see cref="Stretch.OutputFrames"/> frames long; it depends only on the input and the settings, never on
/// whether anybody watches the progress.
/// </summary>
public static class AudioStretcher
{
    /// <summary>Input frames per <see cref="Stretch.Process"/> call.</summary>
    public const int BlockFrames = 32768;

    // Calls this short are exempt from the native ratio check in both directions (255 in, at most ~1020 out).
    private const int ExemptFrames = 255;

    /// <summary>
    /// Stretches <paramref name="input"/> with <paramref name="stretch"/>, which is reset and configured with
    /// <paramref name="settings"/> first (its preset is fixed at creation). <paramref name="progress"/>, if
    /// given, receives the input frames done so far after every block.
    /// </summary>
    /// <returns>Interleaved output of <c>Stretch.OutputFrames(inputFrames, settings.Tempo)</c> frames.</returns>
    public static float[] Run(Stretch stretch, ReadOnlySpan<float> input, StretchSettings settings, Action<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(stretch);
        ArgumentNullException.ThrowIfNull(settings);

        int channels = stretch.Channels;
        if (input.Length % channels != 0)
        {
            throw new ArgumentException("The input is not a whole number of frames.", nameof(input));
        }

        int inputFrames = input.Length / channels;
        double tempo = settings.Tempo;
        int outputFrames = Stretch.OutputFrames(inputFrames, tempo);
        var output = new float[checked(outputFrames * channels)];

        // A clean stream: the instance may have stretched another file before.
        stretch.Reset();
        stretch.SetTransposeSemitones(settings.Semitones);
        stretch.SetFormantPreservation(settings.Formants);
        if (outputFrames == 0)
        {
            progress?.Invoke(inputFrames);
            return output;
        }

        // The stream's output starts with this many frames that stand for time before the input began.
        int delay = (int)Math.Round(stretch.OutputLatency + (stretch.InputLatency / tempo), MidpointRounding.AwayFromZero);
        var sink = new Sink(output, channels, delay);
        float[] scratch = new float[checked((Stretch.OutputFrames(BlockFrames + (BlockFrames / 2), Stretch.MinTempo) + 1) * channels)];

        int doneIn = 0;
        int doneOut = 0;
        while (doneIn < inputFrames)
        {
            int frames = Math.Min(BlockFrames, inputFrames - doneIn);
            // A short last call would set the ratio Flush keeps using from its rounding alone: fold it in.
            if (inputFrames - doneIn - frames < BlockFrames / 2)
            {
                frames = inputFrames - doneIn;
            }

            ProcessBlock(stretch, input, channels, tempo, ref doneIn, ref doneOut, frames, scratch, sink);
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

        return output;
    }

    /// <summary>
    /// Streams <paramref name="frames"/> input frames. Each call's output length follows the running total
    /// round(input so far / tempo), so rounding never accumulates. At tempos at the very edge of the range that
    /// rounding can put one long call a frame outside the allowed ratio; then a few frames go first in a call
    /// short enough to be exempt, and the long call (last, so Flush keeps its ratio) lands inside the range.
    /// </summary>
    private static void ProcessBlock(
        Stretch stretch, ReadOnlySpan<float> input, int channels, double tempo,
        ref int doneIn, ref int doneOut, int frames, float[] scratch, Sink sink)
    {
        int end = doneIn + frames;
        int endOut = Stretch.OutputFrames(end, tempo);
        if (RatioAllowed(frames, endOut - doneOut))
        {
            Call(stretch, input, channels, tempo, ref doneIn, ref doneOut, end, scratch, sink);
            return;
        }

        for (int lead = 1; lead <= ExemptFrames && lead < frames; lead++)
        {
            int split = doneIn + lead;
            int splitOut = Stretch.OutputFrames(split, tempo);
            if (RatioAllowed(lead, splitOut - doneOut) && RatioAllowed(end - split, endOut - splitOut))
            {
                Call(stretch, input, channels, tempo, ref doneIn, ref doneOut, split, scratch, sink);
                Call(stretch, input, channels, tempo, ref doneIn, ref doneOut, end, scratch, sink);
                return;
            }
        }

        // No such split (not expected): calls this short are all exempt from the check.
        while (doneIn < end)
        {
            Call(stretch, input, channels, tempo, ref doneIn, ref doneOut, Math.Min(end, doneIn + ExemptFrames), scratch, sink);
        }
    }

    private static void Call(
        Stretch stretch, ReadOnlySpan<float> input, int channels, double tempo,
        ref int doneIn, ref int doneOut, int end, float[] scratch, Sink sink)
    {
        int outFrames = Stretch.OutputFrames(end, tempo) - doneOut;
        Span<float> block = scratch.AsSpan(0, outFrames * channels);
        stretch.Process(input[(doneIn * channels)..(end * channels)], block);
        sink.Add(block);
        doneIn = end;
        doneOut += outFrames;
    }

    // The check Stretch.Process makes: calls of RatioCheckFrames or more (either side) keep the tempo
    // (input/output) within MinTempo..MaxTempo.
    private static bool RatioAllowed(int inFrames, int outFrames) =>
        Math.Max(inFrames, outFrames) < Stretch.RatioCheckFrames ||
        ((double)outFrames * Stretch.MaxTempo >= inFrames && (double)outFrames * Stretch.MinTempo <= inFrames);

    /// <summary>Keeps stream output after the first <c>skip</c> frames, up to the output's length.</summary>
    private sealed class Sink(float[] output, int channels, int skip)
    {
        private int _skip = skip;

        public int Written { get; private set; }

        public void Add(ReadOnlySpan<float> block)
        {
            int frames = block.Length / channels;
            int dropped = Math.Min(_skip, frames);
            _skip -= dropped;
            int keep = Math.Min(frames - dropped, (output.Length / channels) - Written);
            block.Slice(dropped * channels, keep * channels).CopyTo(output.AsSpan(Written * channels));
            Written += keep;
        }
    }
}
