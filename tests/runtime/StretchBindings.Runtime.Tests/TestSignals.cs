namespace StretchBindings.Runtime.Tests;

/// <summary>Deterministic test audio: a chord with vibrato and periodic clicks, interleaved.</summary>
internal static class TestSignals
{
    public static float[] Music(int channels, double sampleRate, double seconds, int seed = 0)
    {
        int frames = (int)(seconds * sampleRate);
        var samples = new float[frames * channels];
        double[] pitches = [220.0 * (1 + seed % 3 * 0.125), 277.18, 329.63];
        int clickEvery = (int)(sampleRate * 0.25);
        for (int i = 0; i < frames; i++)
        {
            double t = i / sampleRate;
            double vibrato = 1 + 0.004 * Math.Sin(2 * Math.PI * 5.5 * t);
            double value = 0;
            foreach (double pitch in pitches)
            {
                value += 0.2 * Math.Sin(2 * Math.PI * pitch * vibrato * t);
            }

            int sinceClick = i % clickEvery;
            if (sinceClick < 64)
            {
                value += 0.5 * Math.Exp(-sinceClick / 8.0) * (sinceClick % 2 == 0 ? 1 : -1);
            }

            for (int c = 0; c < channels; c++)
            {
                // Each channel a little different, so that channel mix-ups show.
                samples[i * channels + c] = (float)(value * (1.0 - 0.1 * c));
            }
        }

        return samples;
    }

    public static bool BitIdentical(float[] a, float[] b) =>
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(a.AsSpan()).SequenceEqual(System.Runtime.InteropServices.MemoryMarshal.AsBytes(b.AsSpan()));

    public static bool HasSignal(float[] samples) => samples.Any(s => Math.Abs(s) > 1e-3f);
}
