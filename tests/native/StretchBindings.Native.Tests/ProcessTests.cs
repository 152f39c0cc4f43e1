namespace StretchBindings.Native.Tests;

public class ProcessTests
{
    private const int SampleRate = 48000;

    [Theory]
    [InlineData(1, 1.0)]
    [InlineData(2, 1.0)]
    [InlineData(2, 1.5)]
    [InlineData(2, 0.5)]
    [InlineData(6, 2.0)]
    public void Process_writes_exactly_the_requested_output(int channels, double ratio)
    {
        using var instance = new Instance(channels, SampleRate);
        const int blockFrames = 1024;
        int outputFrames = (int)Math.Round(blockFrames * ratio);
        float[] input = Signals.Sine(channels, SampleRate, 440, blockFrames);

        // Slack past the requested length must stay untouched.
        const int slack = 64;
        float[] output = Signals.Filled(outputFrames * channels + slack, float.NaN);

        for (int block = 0; block < 8; block++)
        {
            Array.Fill(output, float.NaN);
            StretchStatus status = NativeMethods.Process(instance.Handle, input, input.Length, output, outputFrames * channels);
            Assert.Equal(StretchStatus.Ok, status);
            Assert.All(output.Take(outputFrames * channels), sample => Assert.True(float.IsFinite(sample)));
            Assert.All(output.Skip(outputFrames * channels), sample => Assert.True(float.IsNaN(sample)));
        }
    }

    [Fact]
    public void Stream_then_flush_returns_signal()
    {
        using var instance = new Instance(2, SampleRate);
        Assert.Equal(StretchStatus.Ok, NativeMethods.SetTransposeSemitones(instance.Handle, 3));
        Assert.Equal(StretchStatus.Ok, NativeMethods.SetFormantPreservation(instance.Handle, 1));

        const int frames = 4096;
        float[] input = Signals.Sine(2, SampleRate, 330, frames);
        float[] output = new float[input.Length];
        Assert.Equal(StretchStatus.Ok, NativeMethods.Process(instance.Handle, input, input.Length, output, output.Length));

        // At time ratio 1 the whole delay is input latency + output latency; the tail adds the
        // decay of the last analysis window.
        int delayFrames = NativeMethods.InputLatency(instance.Handle) + NativeMethods.OutputLatency(instance.Handle);
        int tailFrames = NativeMethods.TailFrames(instance.Handle);
        Assert.True(delayFrames > 0, "a phase vocoder has latency");
        Assert.True(tailFrames >= delayFrames, $"tail {tailFrames} frames, delay {delayFrames} frames");

        float[] tail = new float[tailFrames * 2];
        Assert.Equal(StretchStatus.Ok, NativeMethods.Flush(instance.Handle, tail, tail.Length));
        float[] all = output.Concat(tail).ToArray();
        Assert.All(all, sample => Assert.True(float.IsFinite(sample)));
        Assert.True(Signals.Rms(all) > 0.05, "the sine survives the round trip");

        // Past the tail, flush writes silence.
        float[] after = Signals.Filled(2 * 1024, float.NaN);
        Assert.Equal(StretchStatus.Ok, NativeMethods.Flush(instance.Handle, after, after.Length));
        Assert.All(after, sample => Assert.True(Math.Abs(sample) < 1e-4f, $"sample {sample} after the tail"));

        Assert.Equal(StretchStatus.Ok, NativeMethods.Reset(instance.Handle));
    }

    [Theory]
    [InlineData(StretchPreset.Default, 2.0)]
    [InlineData(StretchPreset.Cheaper, 0.75)]
    [InlineData(StretchPreset.Default, 0.25)]
    [InlineData(StretchPreset.Cheaper, 4.0)]
    public void Render_fills_the_output_with_signal(StretchPreset preset, double ratio)
    {
        using var instance = new Instance(1, SampleRate, preset);
        const int inputFrames = SampleRate / 2;
        float[] input = Signals.Sine(1, SampleRate, 440, inputFrames);
        float[] output = new float[(int)Math.Round(inputFrames * ratio)];

        Assert.Equal(StretchStatus.Ok, NativeMethods.Render(instance.Handle, input, input.Length, output, output.Length));
        Assert.All(output, sample => Assert.True(float.IsFinite(sample)));
        // Stretched or squeezed, a steady sine keeps its level (half scale: RMS 0.35) roughly.
        Assert.InRange(Signals.Rms(output), 0.1, 1.0);
    }

    [Fact]
    public void Non_finite_input_is_treated_as_silence()
    {
        using var instance = new Instance(2, SampleRate);
        float[] input = Signals.Filled(2 * 2048, float.NaN);
        input[10] = float.PositiveInfinity;
        input[11] = float.NegativeInfinity;
        float[] output = new float[input.Length];

        Assert.Equal(StretchStatus.Ok, NativeMethods.Process(instance.Handle, input, input.Length, output, output.Length));
        Assert.All(output, sample => Assert.True(float.IsFinite(sample)));
    }

    [Fact]
    public async Task Same_input_gives_bit_identical_output_on_any_thread()
    {
        float[] input = Signals.Sine(2, SampleRate, 523.25, 12000);

        float[] RenderOnce()
        {
            using var instance = new Instance(2, SampleRate);
            Assert.Equal(StretchStatus.Ok, NativeMethods.SetTransposeSemitones(instance.Handle, -5));
            float[] output = new float[input.Length * 3 / 2];
            Assert.Equal(StretchStatus.Ok, NativeMethods.Render(instance.Handle, input, input.Length, output, output.Length));
            return output;
        }

        static int[] Bits(float[] samples) => Array.ConvertAll(samples, BitConverter.SingleToInt32Bits);

        int[] first = Bits(RenderOnce());
        int[] second = Bits(RenderOnce());
        int[] third = Bits(await Task.Run(RenderOnce));

        Assert.Equal(first, second);
        Assert.Equal(first, third);
    }
}

internal static class Signals
{
    /// <summary>An interleaved sine at half scale, the same on every channel.</summary>
    public static float[] Sine(int channels, int sampleRate, double frequency, int frames)
    {
        float[] samples = new float[channels * frames];
        for (int frame = 0; frame < frames; frame++)
        {
            float value = (float)(0.5 * Math.Sin(2 * Math.PI * frequency * frame / sampleRate));
            samples.AsSpan(frame * channels, channels).Fill(value);
        }

        return samples;
    }

    public static float[] Filled(int length, float value)
    {
        float[] samples = new float[length];
        Array.Fill(samples, value);
        return samples;
    }

    public static double Rms(IReadOnlyCollection<float> samples) =>
        Math.Sqrt(samples.Sum(sample => (double)sample * sample) / samples.Count);
}
