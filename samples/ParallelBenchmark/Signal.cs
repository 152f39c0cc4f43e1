namespace ParallelBenchmark;

/// <summary>A deterministic, music-like stereo test signal.</summary>
internal static class Signal
{
    public const int SampleRate = 44_100;
    public const int Channels = 2;

    /// <summary>
    /// A chord (A minor seventh: A3 C4 E4 G4, each with three harmonics, spread across the stereo field)
    /// with a 5.5 Hz vibrato and a slow tremolo, plus a decaying noise click every half second: tones for
    /// the phase vocoder and transients for the transient detector. Interleaved stereo, peak below 1.
    /// </summary>
    public static float[] Create(double seconds)
    {
        int frames = checked((int)Math.Round(seconds * SampleRate));
        var samples = new float[checked(frames * Channels)];
        ReadOnlySpan<double> notes = [220.0, 261.63, 329.63, 392.0];
        ReadOnlySpan<double> pans = [0.2, 0.75, 0.4, 0.9];   // 0 = left, 1 = right
        const double VibratoHz = 5.5;
        const double VibratoDepth = 0.004;                 // relative frequency deviation, about 7 cents
        const int ClickEvery = SampleRate / 2;
        const int ClickLength = 600;

        var phases = new double[notes.Length];
        uint noise = 0x12345678u;
        double twoPi = 2 * Math.PI;
        for (int frame = 0; frame < frames; frame++)
        {
            double time = (double)frame / SampleRate;
            double vibrato = 1 + VibratoDepth * Math.Sin(twoPi * VibratoHz * time);
            double tremolo = 0.85 + 0.15 * Math.Sin(twoPi * 0.3 * time);
            double left = 0;
            double right = 0;
            for (int n = 0; n < notes.Length; n++)
            {
                phases[n] += twoPi * notes[n] * vibrato / SampleRate;
                if (phases[n] > twoPi)
                {
                    phases[n] -= twoPi;
                }

                double phase = phases[n];
                double tone = Math.Sin(phase) + 0.5 * Math.Sin(2 * phase) + 0.25 * Math.Sin(3 * phase);
                left += tone * (1 - pans[n]);
                right += tone * pans[n];
            }

            double click = 0;
            int sinceClick = frame % ClickEvery;
            if (sinceClick < ClickLength)
            {
                noise = noise * 1_664_525u + 1_013_904_223u;          // LCG: the same clicks on every run
                double white = (noise >> 8) / (double)(1 << 24) * 2 - 1;
                click = white * Math.Exp(-sinceClick / 90.0);
            }

            samples[2 * frame] = (float)(0.11 * tremolo * left + 0.5 * click);
            samples[2 * frame + 1] = (float)(0.11 * tremolo * right + 0.5 * click);
        }

        return samples;
    }
}
