using NAudio.Wave;

namespace StretchBindings.NAudio.Tests;

public sealed class StretchSampleProviderTests
{
    private const int Rate = 44100;

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.5)]
    [InlineData(2.0)]
    public void ConstantTempo_WhoseBlocksKeepTheRatio_IsBitIdenticalToOneProcessCallAndFlush(double tempo)
    {
        // 1024-frame blocks at these tempos give whole output blocks: every call states the stream's own ratio.
        float[] input = Music(2, 1.3);
        int frames = input.Length / 2;
        float[] reference;
        using (var stretch = new Stretch(2, Rate))
        {
            stretch.TransposeSemitones = 3;
            var body = new float[Stretch.OutputFrames(frames, tempo) * 2];
            stretch.Process(input, body);
            reference = [.. body, .. stretch.Flush()];
        }

        using var provider = new StretchSampleProvider(Source(input, 2), trimLatency: false) { Tempo = tempo, Semitones = 3 };

        float[] streamed = ReadAll(provider, 777 * 2);
        Assert.Equal(reference.Length, streamed.Length);
        Assert.True(reference.AsSpan().SequenceEqual(streamed), "not bit-identical");
    }

    [Theory]
    [InlineData(1.25, 0.0, false)]
    [InlineData(0.8, -5.0, true)]
    [InlineData(3.7, 2.5, false)]
    public void ConstantTempo_EqualsTheStretchApiStreamedTheSameWay_AndIsExactlyOutputFramesLong(double tempo, double semitones, bool formants)
    {
        // Blocks whose ratio is not exact (1024 / 1.25 frames) are rounded by the running total, which is what
        // the time map follows: the same calls through the Stretch API give the same bits, and read sizes do not matter.
        float[] input = Music(1, 1.1);
        int frames = input.Length;
        float[] reference;
        using (var stretch = new Stretch(1, Rate))
        {
            stretch.TransposeSemitones = semitones;
            stretch.PreserveFormants = formants;
            int delay = stretch.StreamDelay(tempo);
            var stream = new List<float>();
            for (int done = 0; done < frames;)
            {
                int block = Math.Min(StretchSampleProvider.BlockFrames, frames - done);
                var output = new float[Stretch.OutputFrames(done + block, tempo) - Stretch.OutputFrames(done, tempo)];
                stretch.Process(input.AsSpan(done, block), output);
                stream.AddRange(output);
                done += block;
            }

            var tail = new float[delay];
            stretch.Flush(tail);
            stream.AddRange(tail);
            reference = stream.Skip(delay).Take(Stretch.OutputFrames(frames, tempo)).ToArray();
        }

        foreach (int readSize in new[] { 64, 4410, 100_000 })
        {
            using var provider = new StretchSampleProvider(Source(input, 1)) { Tempo = tempo, Semitones = semitones, PreserveFormants = formants };
            float[] streamed = ReadAll(provider, readSize);

            Assert.Equal(Stretch.OutputFrames(frames, tempo), streamed.Length);
            Assert.True(reference.AsSpan().SequenceEqual(streamed), $"reads of {readSize}: not bit-identical");
        }
    }

    [Fact]
    public void TrimmedOutput_IsTimeAlignedLikeRender()
    {
        float[] input = Music(1, 2.0);
        using var stretch = new Stretch(1, Rate);
        stretch.TransposeSemitones = 2;
        float[] rendered = stretch.Render(input, 1.25);

        using var provider = new StretchSampleProvider(Source(input, 1)) { Tempo = 1.25, Semitones = 2 };
        float[] streamed = ReadAll(provider, 4096);

        // Render places its map differently (one straight segment, no running totals): not the same bits, but the
        // same length and the same time alignment.
        Assert.Equal(rendered.Length, streamed.Length);
        Assert.True(Correlation(streamed, rendered, 0) > 0.9, $"correlation {Correlation(streamed, rendered, 0)}");
        Assert.True(Correlation(streamed, rendered, 0) > Correlation(streamed, rendered, 64) + 0.05);
    }

    [Fact]
    public void WithoutTrimming_TheOutputLagsByTheReportedLatency()
    {
        float[] input = Music(1, 1.0);
        using var provider = new StretchSampleProvider(Source(input, 1), trimLatency: false);
        int latency = provider.LatencyFrames;
        float[] output = ReadAll(provider, 1000);

        Assert.True(latency > 0);
        Assert.Equal(TimeSpan.FromSeconds((double)latency / Rate), provider.Latency);
        // At tempo 1 without transposition the engine reconstructs its input: delayed by exactly the latency.
        for (int i = 2048; i < input.Length - 2048; i++)
        {
            Assert.True(Math.Abs(output[i + latency] - input[i]) < 1e-3, $"frame {i}: {output[i + latency]} vs {input[i]}");
        }
    }

    [Fact]
    public void ParameterChangesWhilePlaying_StayFiniteAndContinuous()
    {
        // A quiet sine: a glitch (a jump, a dropout, NaN) stands out against its small sample-to-sample steps.
        float[] input = Enumerable.Range(0, 3 * Rate).Select(i => (float)(0.5 * Math.Sin(2 * Math.PI * 330 * i / Rate))).ToArray();
        using var provider = new StretchSampleProvider(Source(input, 1));
        var output = new List<float>();
        var buffer = new float[512];
        int reads = 0;
        double[] tempos = [1, 1.5, 0.7, 4, 0.25, 1.1];
        double[] semitones = [0, 7, -12, 3.5, 0, -2];
        int read;
        while ((read = provider.Read(buffer)) > 0)
        {
            output.AddRange(buffer.AsSpan(0, read));
            if (++reads % 40 == 0)
            {
                int step = reads / 40 % tempos.Length;
                provider.Tempo = tempos[step];
                provider.Semitones = semitones[step];
                provider.PreserveFormants = step % 2 == 1;
            }
        }

        Assert.All(output, sample => Assert.True(float.IsFinite(sample)));
        float[] samples = [.. output];
        double largestStep = Enumerable.Range(1, samples.Length - 1).Max(i => Math.Abs(samples[i] - samples[i - 1]));
        // A 330 Hz sine moved up 7 semitones steps at most 0.5 * 2 pi * 494 / 44100 = 0.035 per sample.
        Assert.True(largestStep < 0.15, $"largest step {largestStep}");
        Assert.True(samples.Skip(Rate / 10).Max(Math.Abs) > 0.3, "the output went quiet");
        // Each segment's length follows its own tempo: the whole lies between the fastest and the slowest.
        Assert.InRange(samples.Length, Stretch.OutputFrames(input.Length, 4.0), Stretch.OutputFrames(input.Length, 0.25));
    }

    [Fact]
    public void SettingsAreValidated()
    {
        using var provider = new StretchSampleProvider(Source(new float[100], 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => provider.Tempo = 5);
        Assert.Throws<ArgumentOutOfRangeException>(() => provider.Tempo = double.NaN);
        Assert.Throws<ArgumentOutOfRangeException>(() => provider.Semitones = 24.5);
        Assert.Throws<ArgumentOutOfRangeException>(() => provider.Semitones = double.NaN);
        Assert.Equal(1, provider.Tempo);
        Assert.Throws<ArgumentOutOfRangeException>(() => new StretchSampleProvider(Source(new float[90], 9)));
    }

    [Fact]
    public void EmptySource_GivesEmptyOutput() =>
        Assert.Empty(ReadAll(new StretchSampleProvider(Source([], 2)), 1000));

    private static ISampleProvider Source(float[] samples, int channels) => new ArraySource(samples, channels);

    private static float[] ReadAll(ISampleProvider provider, int readSize)
    {
        var all = new List<float>();
        var buffer = new float[readSize];
        int read;
        while ((read = provider.Read(buffer)) > 0)
        {
            all.AddRange(buffer.AsSpan(0, read));
        }

        return [.. all];
    }

    /// <summary>Chords and clicks, deterministic, channel c slightly different from the others.</summary>
    private static float[] Music(int channels, double seconds)
    {
        int frames = (int)(seconds * Rate);
        var random = new Random(7);
        var samples = new float[frames * channels];
        for (int i = 0; i < frames; i++)
        {
            double t = (double)i / Rate;
            double click = i % 11025 < 200 ? (random.NextDouble() - 0.5) * (1 - ((i % 11025) / 200.0)) : 0;
            for (int c = 0; c < channels; c++)
            {
                double tone = (0.2 * Math.Sin(2 * Math.PI * (220 + c) * t)) + (0.15 * Math.Sin(2 * Math.PI * 277.2 * t)) + (0.1 * Math.Sin(2 * Math.PI * 329.6 * t));
                samples[(i * channels) + c] = (float)(tone + (0.3 * click));
            }
        }

        return samples;
    }

    private static double Correlation(float[] a, float[] b, int lag)
    {
        int frames = Math.Min(a.Length, b.Length);
        double ab = 0, aa = 0, bb = 0;
        for (int i = 2000; i < frames - 2000; i++)
        {
            ab += a[i] * (double)b[i + lag];
            aa += a[i] * (double)a[i];
            bb += b[i + lag] * (double)b[i + lag];
        }

        return ab / Math.Sqrt(aa * bb);
    }
}

/// <summary>Float samples from an array, in reads of any size.</summary>
internal sealed class ArraySource(float[] samples, int channels, int rate = 44100) : ISampleProvider
{
    private int _position;

    public WaveFormat WaveFormat { get; } = WaveFormat.CreateIeeeFloatWaveFormat(rate, channels);

    public int Read(Span<float> buffer)
    {
        int count = Math.Min(buffer.Length, samples.Length - _position);
        samples.AsSpan(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }
}
