using StretchBindings.Interop;

namespace AnalyzerDemo;

/// <summary>
/// Stands in for a native time-stretcher: it keeps state between calls, so one instance may move between
/// threads but must never be used by two at once. Like the generated bindings, it turns concurrent use into
/// an exception instead of corrupted state.
/// </summary>
[NotThreadSafe]
public sealed class Stretcher : IDisposable
{
    private readonly float _ratio;
    private float _phase;
    private int _inUse;

    public Stretcher(float ratio) => _ratio = ratio;

    /// <summary>Writes a stretched copy of <paramref name="input"/> into <paramref name="output"/>; returns the frames written.</summary>
    public int Process(ReadOnlySpan<float> input, Span<float> output)
    {
        if (Interlocked.Exchange(ref _inUse, 1) != 0)
        {
            throw new InvalidOperationException("A Stretcher was used by two threads at once.");
        }

        try
        {
            int written = Math.Min(output.Length, (int)(input.Length * _ratio));
            for (int i = 0; i < written; i++)
            {
                _phase += 1f / _ratio;
                output[i] = input[Math.Min(input.Length - 1, (int)_phase % input.Length)];
            }

            return written;
        }
        finally
        {
            Volatile.Write(ref _inUse, 0);
        }
    }

    public void Dispose()
    {
    }
}
