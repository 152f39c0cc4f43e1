namespace StretchCli.Wav;

/// <summary>
/// A WAV file being written block by block. The frame count is given up front and the header written at once,
/// so the stream is never sought: a pipe or standard output works. Memory is one block of bytes.
/// </summary>
public sealed class WavOutput
{
    private const int BlockBytes = 1 << 16;

    private readonly Stream _stream;
    private readonly byte[] _buffer;
    private long _written;

    /// <summary>Writes the header of a file of <paramref name="frames"/> frames of <paramref name="format"/> to <paramref name="stream"/>.</summary>
    /// <exception cref="WavFormatException">The format is not supported, or the file would exceed 4 GiB.</exception>
    public WavOutput(Stream stream, WavFormat format, long frames)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegative(frames);
        WavWriter.WriteHeader(stream, format, frames);
        _stream = stream;
        Format = format;
        Frames = frames;
        _buffer = new byte[BlockBytes / format.BlockAlign * format.BlockAlign];
    }

    /// <summary>The format written.</summary>
    public WavFormat Format { get; }

    /// <summary>Frames the header declares.</summary>
    public long Frames { get; }

    /// <summary>Appends interleaved samples (whole frames).</summary>
    /// <exception cref="InvalidOperationException">More frames than the header declares.</exception>
    public void Write(ReadOnlySpan<float> samples)
    {
        if (samples.Length % Format.Channels != 0)
        {
            throw new ArgumentException("The sample count is not a multiple of the channel count.", nameof(samples));
        }

        if (_written + (samples.Length / Format.Channels) > Frames)
        {
            throw new InvalidOperationException($"More than the {Frames} frames the header declares.");
        }

        int perBlock = _buffer.Length / Format.BytesPerSample;
        for (int first = 0; first < samples.Length; first += perBlock)
        {
            int count = Math.Min(perBlock, samples.Length - first);
            int bytes = count * Format.BytesPerSample;
            SampleCodec.Encode(Format, samples.Slice(first, count), _buffer.AsSpan(0, bytes));
            _stream.Write(_buffer, 0, bytes);
        }

        _written += samples.Length / Format.Channels;
    }

    /// <summary>Ends the file (the pad byte of an odd-sized data chunk) and flushes the stream.</summary>
    /// <exception cref="InvalidOperationException">Fewer frames were written than the header declares.</exception>
    public void Complete()
    {
        if (_written != Frames)
        {
            throw new InvalidOperationException($"{_written} frames were written, the header declares {Frames}.");
        }

        if (((Frames * Format.BlockAlign) & 1) != 0)
        {
            _stream.WriteByte(0);
        }

        _stream.Flush();
    }
}
