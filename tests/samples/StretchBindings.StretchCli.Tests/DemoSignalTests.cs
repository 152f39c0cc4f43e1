using StretchCli;

namespace StretchBindings.StretchCli.Tests;

public sealed class DemoSignalTests
{
    [Fact]
    public void IsStereo_PeaksAtMinusSixDecibels_AndIsTheSameEveryTime()
    {
        float[] demo = DemoSignal.Create();

        Assert.Equal((int)(DemoSignal.DefaultSeconds * DemoSignal.SampleRate) * 2, demo.Length);
        Assert.Equal(0.5f, demo.Max(Math.Abs), 3);
        Assert.Equal(demo, DemoSignal.Create());
    }

    [Fact]
    public void HasAStereoImageAndDrumHits()
    {
        float[] demo = DemoSignal.Create();
        double difference = 0;
        for (int i = 0; i < demo.Length; i += 2)
        {
            difference += Math.Abs(demo[i] - demo[i + 1]);
        }

        Assert.True(difference / (demo.Length / 2) > 0.005, "left and right should differ");

        // The kick at 0 s makes the first 50 ms louder than the 50 ms before the next beat, although the chord
        // is still fading in there: without drums it would be the other way round.
        double hit = Rms(demo.AsSpan(0, 2 * 2205));
        double before = Rms(demo.AsSpan(2 * (22050 - 2205 - 1000), 2 * 2205));
        Assert.True(hit > 1.5 * before, $"hit {hit}, before {before}");
    }

    private static double Rms(ReadOnlySpan<float> samples)
    {
        double sum = 0;
        foreach (float s in samples)
        {
            sum += s * s;
        }

        return Math.Sqrt(sum / samples.Length);
    }
}
