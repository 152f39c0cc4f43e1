namespace StretchBindings.Runtime.Tests;

/// <summary>Stretch.Conveniences.cs: settings as properties, the stream delay, long lengths, RenderAsync.</summary>
public sealed class ConvenienceTests
{
    [Fact]
    public void Properties_SetTheNativeSettings_AndReadBackWhatWasSet()
    {
        float[] input = TestSignals.Music(1, 44100, 0.8);
        using var viaProperties = new Stretch(1, 44100);
        using var viaMethods = new Stretch(1, 44100);
        Assert.Equal(0, viaProperties.TransposeSemitones);
        Assert.Equal(1, viaProperties.TransposeFactor);
        Assert.False(viaProperties.PreserveFormants);

        viaProperties.TransposeSemitones = 5;
        viaProperties.PreserveFormants = true;
        viaMethods.SetTransposeSemitones(5);
        viaMethods.SetFormantPreservation(true);

        Assert.Equal(5, viaProperties.TransposeSemitones);
        Assert.Equal(Math.Pow(2, 5 / 12.0), viaProperties.TransposeFactor, 12);
        Assert.True(viaProperties.PreserveFormants);
        Assert.True(TestSignals.BitIdentical(viaMethods.Render(input, 1.1), viaProperties.Render(input, 1.1)));

        viaProperties.TransposeFactor = 0.5;
        Assert.Equal(-12, viaProperties.TransposeSemitones, 12);
    }

    [Fact]
    public void Properties_RefuseWhatTheSettersRefuse_AndKeepTheOldValue()
    {
        using var stretch = new Stretch(2, 48000) { TransposeSemitones = 3 };

        Assert.Throws<ArgumentOutOfRangeException>(() => stretch.TransposeSemitones = 24.5);
        Assert.Throws<ArgumentOutOfRangeException>(() => stretch.TransposeSemitones = double.NaN);
        Assert.Throws<ArgumentOutOfRangeException>(() => stretch.TransposeFactor = 5);
        Assert.Equal(3, stretch.TransposeSemitones);
    }

    [Fact]
    public void Transposition_ChangesInTheMiddleOfAStream_WithoutRecreation()
    {
        // A 440 Hz tone: the second half of the stream, after the change, crosses zero about twice as often.
        const int rate = 44100;
        float[] tone = Enumerable.Range(0, rate).Select(i => (float)(0.5 * Math.Sin(2 * Math.PI * 440 * i / rate))).ToArray();
        using var stretch = new Stretch(1, rate);
        var first = new float[rate];
        var second = new float[rate];

        stretch.Process(tone, first);
        stretch.TransposeSemitones = 12;
        stretch.Process(tone, second);

        double ratio = (double)SignalMeasures.ZeroCrossings(second.AsSpan(rate / 2)) / SignalMeasures.ZeroCrossings(first.AsSpan(rate / 2));
        Assert.InRange(ratio, 1.9, 2.1);
        Assert.All(second, sample => Assert.True(float.IsFinite(sample)));
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.6)]
    [InlineData(2.5)]
    public void StreamDelay_DroppedAndFlushed_GivesRendersLengthAndAlignment(double tempo)
    {
        float[] input = TestSignals.Music(1, 44100, 1.5);
        using var stretch = new Stretch(1, 44100);
        int delay = stretch.StreamDelay(tempo);
        var body = new float[Stretch.OutputFrames(input.Length, tempo)];
        stretch.Process(input, body);
        var tail = new float[delay];
        stretch.Flush(tail);
        float[] streamed = body.Concat(tail).Skip(delay).ToArray();

        float[] rendered = stretch.Render(input, tempo);

        Assert.Equal(rendered.Length, streamed.Length);
        Assert.True(Correlation(streamed, rendered) > 0.9, $"correlation {Correlation(streamed, rendered)}");
        Assert.Equal((int)Math.Round(stretch.OutputLatency + (stretch.InputLatency / tempo), MidpointRounding.AwayFromZero), delay);
    }

    [Fact]
    public void OutputFrames_ForLongStreams_AgreesWithTheIntOverload_AndGoesPastIt()
    {
        foreach (int frames in new[] { 0, 1, 5, 44100, 1_000_003 })
        {
            foreach (double tempo in new[] { 0.25, 0.7, 1, 4 })
            {
                Assert.Equal(Stretch.OutputFrames(frames, tempo), Stretch.OutputFrames((long)frames, tempo));
            }
        }

        Assert.Equal(4_000_000_000L, Stretch.OutputFrames(2_000_000_000L, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Stretch.OutputFrames(-1L, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Stretch.OutputFrames(10L, 4.5));
    }

    [Fact]
    public async Task RenderAsync_GivesRendersBits_AndHonoursCancellationBeforeItStarts()
    {
        float[] input = TestSignals.Music(2, 44100, 0.5);
        using var stretch = new Stretch(2, 44100) { TransposeSemitones = -2 };
        float[] expected = stretch.Render(input, 0.9);

        float[] rendered = await stretch.RenderAsync(input, 0.9);

        Assert.True(TestSignals.BitIdentical(expected, rendered));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stretch.RenderAsync(input, 0.9, cancelled.Token));
        Assert.Throws<ArgumentOutOfRangeException>(() => { _ = stretch.RenderAsync(input, 0.1); });
    }

    private static double Correlation(float[] a, float[] b)
    {
        double ab = 0, aa = 0, bb = 0;
        for (int i = 2000; i < Math.Min(a.Length, b.Length) - 2000; i++)
        {
            ab += a[i] * (double)b[i];
            aa += a[i] * (double)a[i];
            bb += b[i] * (double)b[i];
        }

        return ab / Math.Sqrt(aa * bb);
    }
}
