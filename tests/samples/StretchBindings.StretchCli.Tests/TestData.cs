using StretchCli;
using StretchCli.Wav;

namespace StretchBindings.StretchCli.Tests;

/// <summary>Deterministic test signals.</summary>
internal static class TestData
{
    /// <summary>Uniform pseudo-random integers over the full range of <paramref name="bits"/>-bit samples, extremes included.</summary>
    public static int[] Integers(int count, int bits, int seed)
    {
        var random = new Random(seed);
        long min = -(1L << (bits - 1));
        long max = (1L << (bits - 1)) - 1;
        var values = new int[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = (int)random.NextInt64(min, max + 1);
        }

        values[0] = (int)min;
        values[count - 1] = (int)max;
        return values;
    }

    /// <summary><paramref name="seconds"/> of the demo music, with as many channels as asked (channels past two repeat the pair, scaled).</summary>
    public static float[] Music(double seconds, int channels, int sampleRate = DemoSignal.SampleRate)
    {
        float[] stereo = DemoSignal.Create(seconds, sampleRate);
        int frames = stereo.Length / 2;
        var samples = new float[frames * channels];
        for (int i = 0; i < frames; i++)
        {
            for (int c = 0; c < channels; c++)
            {
                samples[(i * channels) + c] = stereo[(2 * i) + (c % 2)] * (1f - (0.1f * (c / 2)));
            }
        }

        return samples;
    }

    /// <summary>Writes <paramref name="seconds"/> of music as a WAV file in <paramref name="format"/>.</summary>
    public static void WriteMusic(string path, WavFormat format, double seconds) =>
        WavWriter.Write(path, format, Music(seconds, format.Channels, format.SampleRate));

    /// <summary>Reads a WAV file with the program's reader.</summary>
    public static WavAudio Read(string path) => WavReader.Read(path);
}
