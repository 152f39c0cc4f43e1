using StretchCli;

namespace StretchBindings.StretchCli.Tests;

public sealed class AudioStretcherTests
{
    public static TheoryData<double, int> TempoAndLength()
    {
        var data = new TheoryData<double, int>();
        foreach (double tempo in new[] { 0.25, 0.7, 1.0, 1.25, 3.999, 4.0 })
        {
            // Empty, one frame, one short call, and several blocks with a remainder; 5001 at tempo 4 rounds
            // one long call to just under a quarter, which must still be streamed.
            foreach (int frames in new[] { 0, 1, 1000, 5001, (2 * AudioStretcher.BlockFrames) + 20001 })
            {
                data.Add(tempo, frames);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(TempoAndLength))]
    public void OutputHasExactlyOutputFramesFrames(double tempo, int frames)
    {
        float[] input = TestData.Music(Math.Max(frames, 1) / 44100.0, 2).AsSpan(0, frames * 2).ToArray();
        using var stretch = new Stretch(2, 44100);

        float[] output = AudioStretcher.Run(stretch, input, new StretchSettings(tempo));

        Assert.Equal(Stretch.OutputFrames(frames, tempo) * 2, output.Length);
    }

    [Theory]
    [InlineData(1.0, 0.0)]
    [InlineData(1.25, 3.0)]
    [InlineData(0.5, -5.0)]
    [InlineData(4.0, 0.0)]
    public void StreamedOutput_IsLatencyCompensatedLikeOfflineRender(double tempo, double semitones)
    {
        float[] input = TestData.Music(2.5, 2);
        using var stretch = new Stretch(2, 44100);

        float[] streamed = AudioStretcher.Run(stretch, input, new StretchSettings(tempo, semitones));
        stretch.SetTransposeSemitones(semitones);
        float[] rendered = stretch.Render(input, tempo);

        // Render is the reference for time alignment: a delay not removed, or removed twice, would
        // shift the streamed output by thousands of frames and ruin the correlation at lag 0.
        Assert.Equal(rendered.Length, streamed.Length);
        Assert.True(Correlation(streamed, rendered, lag: 0) > 0.95, $"correlation {Correlation(streamed, rendered, 0)}");
        Assert.True(Correlation(streamed, rendered, lag: 0) > Correlation(streamed, rendered, lag: 64) + 0.05);
    }

    [Theory]
    [InlineData(1.25, 3.8631371386483475, false)] // varispeed: tempo and pitch both x 1.25
    [InlineData(0.8, 0.0, false)]
    [InlineData(1.5, -5.0, true)]
    [InlineData(3.7, 7.0, false)]
    public void StreamedOutput_IsWholeBufferRender_BitForBit(double tempo, double semitones, bool formants)
    {
        // Several blocks and a remainder, with drums (onsets) in the music.
        float[] input = TestData.Music(((2.0 * AudioStretcher.BlockFrames) + 20001) / 44100.0, 2);
        using var stretch = new Stretch(2, 44100);

        float[] streamed = AudioStretcher.Run(stretch, input, new StretchSettings(tempo, semitones, Formants: formants));
        stretch.SetTransposeSemitones(semitones);
        stretch.SetFormantPreservation(formants);
        float[] rendered = stretch.Render(input, tempo);

        Assert.Equal(rendered.Length, streamed.Length);
        int first = rendered.AsSpan().CommonPrefixLength(streamed);
        Assert.True(first == rendered.Length, $"the stream differs from the render from sample {first} on");
    }

    [Fact]
    public void AtUnitTempo_OutputFollowsTheInputInTime()
    {
        float[] input = TestData.Music(2, 2);
        using var stretch = new Stretch(2, 44100);

        float[] output = AudioStretcher.Run(stretch, input, new StretchSettings());

        Assert.True(Correlation(output, input, lag: 0) > 0.95, $"correlation {Correlation(output, input, 0)}");
    }

    [Fact]
    public void ReusingAnInstance_GivesTheSameOutputAsAFreshOne()
    {
        float[] first = TestData.Music(1.5, 2);
        float[] second = TestData.Music(1.0, 2);
        var settings = new StretchSettings(1.3, 2, StretchPreset.Cheaper, Formants: true);
        using var reused = new Stretch(2, 44100, StretchPreset.Cheaper);
        using var fresh = new Stretch(2, 44100, StretchPreset.Cheaper);

        float[] once = AudioStretcher.Run(reused, first, settings);
        AudioStretcher.Run(reused, second, settings with { Tempo = 0.5, Semitones = -7 });
        float[] again = AudioStretcher.Run(reused, first, settings);

        Assert.Equal(once, again);
        Assert.Equal(once, AudioStretcher.Run(fresh, first, settings));
    }

    [Fact]
    public void Progress_RisesToTheInputLength()
    {
        float[] input = TestData.Music(3, 1);
        using var stretch = new Stretch(1, 44100);
        var reports = new List<int>();

        AudioStretcher.Run(stretch, input, new StretchSettings(2), reports.Add);

        Assert.True(reports.Count >= 3, $"{reports.Count} reports");
        Assert.Equal(reports.Order(), reports);
        Assert.Equal(input.Length, reports[^1]);
    }

    [Fact]
    public void Transposition_MovesThePitch()
    {
        // A 440 Hz tone an octave up should cross zero about twice as often.
        int rate = 44100;
        float[] tone = Enumerable.Range(0, rate).Select(i => (float)(0.5 * Math.Sin(2 * Math.PI * 440 * i / rate))).ToArray();
        using var stretch = new Stretch(1, rate);

        float[] up = AudioStretcher.Run(stretch, tone, new StretchSettings(Semitones: 12));

        double ratio = (double)SignalMeasures.ZeroCrossings(up.AsSpan(rate / 4, rate / 2)) / SignalMeasures.ZeroCrossings(tone.AsSpan(rate / 4, rate / 2));
        Assert.InRange(ratio, 1.95, 2.05);
    }

    /// <summary>Normalized correlation of two interleaved stereo buffers' left channels, b shifted by <paramref name="lag"/> frames.</summary>
    private static double Correlation(float[] a, float[] b, int lag)
    {
        int frames = Math.Min(a.Length, b.Length) / 2;
        double ab = 0, aa = 0, bb = 0;
        for (int i = 2000; i < frames - 2000; i++)
        {
            double x = a[2 * i];
            double y = b[2 * (i + lag)];
            ab += x * y;
            aa += x * x;
            bb += y * y;
        }

        return ab / Math.Sqrt(aa * bb);
    }
}
