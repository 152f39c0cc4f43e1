namespace StretchBindings.Runtime.Tests;

/// <summary>One stretch job: settings and input that vary with an index, and its result.</summary>
internal sealed record Job(int Index, int Channels, double SampleRate, double Seconds, double Tempo, double Semitones, StretchPreset Preset, bool Formants)
{
    private float[]? _input;

    public float[] Input => _input ??= TestSignals.Music(Channels, SampleRate, Seconds, Index);

    /// <summary>Jobs of different lengths, channel counts, rates, tempos, transpositions and presets.</summary>
    public static Job[] Many(int count)
    {
        var jobs = new Job[count];
        double[] rates = [22050, 44100, 48000];
        double[] tempos = [0.8, 1.0, 1.25, 1.5];
        for (int i = 0; i < count; i++)
        {
            jobs[i] = new Job(
                Index: i,
                Channels: 1 + i % 2,
                SampleRate: rates[i % rates.Length],
                Seconds: 0.15 + 0.05 * (i % 5),
                Tempo: tempos[i % tempos.Length],
                Semitones: (i % 7) - 3,
                Preset: i % 3 == 0 ? StretchPreset.Cheaper : StretchPreset.Default,
                Formants: i % 4 == 1);
        }

        return jobs;
    }

    /// <summary>Runs the job on its own new instance.</summary>
    public float[] Run()
    {
        using var stretch = new Stretch(Channels, SampleRate, Preset);
        return RunOn(stretch);
    }

    /// <summary>Runs the job on an instance created with the same channels, rate and preset.</summary>
    public float[] RunOn(Stretch stretch)
    {
        stretch.SetTransposeSemitones(Semitones);
        stretch.SetFormantPreservation(Formants);
        return stretch.Render(Input, Tempo);
    }
}
