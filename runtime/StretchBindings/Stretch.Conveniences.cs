namespace StretchBindings;

// Conveniences over the hand-written layer of Stretch.cs: lengths of any size for streams longer than an
// array, the delay of a stream, settings as properties (the native core has setters but no getters, so the
// values set are kept here), and whole-buffer work off the calling thread.
public sealed partial class Stretch
{
    /// <summary>
    /// The output length, in frames, for <paramref name="inputFrames"/> played at <paramref name="tempo"/>, for
    /// streams of any length (see <see cref="OutputFrames(int, double)"/>, which this extends). In a stream,
    /// the running total <c>OutputFrames(inputSoFar, tempo)</c> sizes each <see cref="Process(ReadOnlySpan{float}, Span{float})"/> call.
    /// </summary>
    /// <param name="inputFrames">Input length in frames, zero or more.</param>
    /// <param name="tempo">Playback speed, <see cref="MinTempo"/> to <see cref="MaxTempo"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is outside its range.</exception>
    public static long OutputFrames(long inputFrames, double tempo)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(inputFrames);
        CheckTempo(tempo);
        // round(n / 4) can fall a frame below n / 4 (5 frames at tempo 4 would give 1); the upper
        // bound 4n is never exceeded, as n / tempo <= 4n.
        double rounded = Math.Round(inputFrames / tempo, MidpointRounding.AwayFromZero);
        return (long)Math.Max(rounded, Math.Ceiling(inputFrames / MaxTempo));
    }

    private double _transposeSemitones;
    private bool _preserveFormants;

    /// <summary>
    /// The transposition in semitones, -<see cref="MaxSemitones"/> to +<see cref="MaxSemitones"/> (0 at creation).
    /// Takes effect for the next output, also in the middle of a stream; no re-creation is needed.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is out of range or not finite.</exception>
    public double TransposeSemitones
    {
        get => _transposeSemitones;
        set
        {
            SetTransposeSemitones(value);
            _transposeSemitones = value;
        }
    }

    /// <summary>
    /// The transposition as a frequency factor, 0.25 to 4 (1 at creation): <c>2^(semitones / 12)</c>, the same
    /// setting as <see cref="TransposeSemitones"/> in other units.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is out of range or not finite.</exception>
    public double TransposeFactor
    {
        get => Math.Pow(2, _transposeSemitones / 12);
        set
        {
            SetTransposeFactor(value);
            _transposeSemitones = 12 * Math.Log2(value);
        }
    }

    /// <summary>Whether transposed voices keep their formants (off at creation); may change in the middle of a stream.</summary>
    public bool PreserveFormants
    {
        get => _preserveFormants;
        set
        {
            SetFormantPreservation(value);
            _preserveFormants = value;
        }
    }

    /// <summary>
    /// The delay of a stream at <paramref name="tempo"/> and the current transposition, in output frames: the
    /// first <c>StreamDelay(tempo)</c> frames of a stream's output stand for time before its input began, and a
    /// <see cref="Flush(Span{float})"/> of that many frames at the end returns the input's last moments.
    /// Dropping the first and flushing the second makes streamed output time-aligned and exactly
    /// <see cref="OutputFrames(long, double)"/> long, as <see cref="Render(ReadOnlySpan{float}, double)"/> is.
    /// </summary>
    /// <param name="tempo">The stream's tempo, <see cref="MinTempo"/> to <see cref="MaxTempo"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">The tempo is out of range.</exception>
    public int StreamDelay(double tempo)
    {
        CheckTempo(tempo);
        return (int)Math.Round(OutputLatency + (InputLatency / tempo), MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// Renders a whole buffer (<see cref="Render(ReadOnlySpan{float}, double)"/>) on the thread pool. The native
    /// call cannot be interrupted: cancellation is observed before it starts.
    /// </summary>
    /// <param name="input">Interleaved input; its length must be a multiple of <see cref="Channels"/>.</param>
    /// <param name="tempo">Playback speed, <see cref="MinTempo"/> to <see cref="MaxTempo"/>.</param>
    /// <param name="cancellationToken">Cancels the work if it has not started.</param>
    /// <returns>The interleaved output, <see cref="OutputFrames(int, double)"/> frames long.</returns>
    public Task<float[]> RenderAsync(ReadOnlyMemory<float> input, double tempo, CancellationToken cancellationToken = default)
    {
        CheckTempo(tempo);
        return Task.Run(() => Render(input.Span, tempo), cancellationToken);
    }
}
