using StretchBindings;

namespace StretchCli;

/// <summary>
/// The <see cref="Stretch"/> instances of one worker, one per channel count and sample rate met, reused from file
/// to file (each file resets its instance). A cache belongs to one thread at a time: a Stretch must never be used
/// by two threads at once.
/// </summary>
public sealed class StretchCache(StretchPreset preset) : IDisposable
{
    private readonly Dictionary<(int Channels, int SampleRate), Stretch> _instances = [];

    /// <summary>An instance for <paramref name="channels"/> at <paramref name="sampleRate"/>, created on first use.</summary>
    public Stretch Get(int channels, int sampleRate)
    {
        if (!_instances.TryGetValue((channels, sampleRate), out Stretch? stretch))
        {
            stretch = new Stretch(channels, sampleRate, preset);
            _instances.Add((channels, sampleRate), stretch);
        }

        return stretch;
    }

    /// <summary>Disposes every instance.</summary>
    public void Dispose()
    {
        foreach (Stretch stretch in _instances.Values)
        {
            stretch.Dispose();
        }

        _instances.Clear();
    }
}
