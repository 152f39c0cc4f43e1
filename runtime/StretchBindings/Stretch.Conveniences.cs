namespace StretchBindings;

// Conveniences over the hand-written layer of Stretch.cs: lengths of any size for streams longer than an array.
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
        return (long)Math.Max(rounded, Math.Ceiling(inputFrames / 4.0));
    }
}
