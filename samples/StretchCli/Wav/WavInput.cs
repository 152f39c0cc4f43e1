using System.Globalization;

namespace StretchCli.Wav;

/// <summary>
/// The samples of an open WAV stream, read block by block (<see cref="WavReader.Open"/> makes one). Memory is
/// one block of bytes, whatever the file's length. A stream that ends before the data chunk does is an error,
/// and so is a sample that is not a finite number.
/// </summary>
public sealed class WavInput
{
    private readonly Stream _stream;
    private readonly long _size;
    private byte[] _buffer = [];
    private long _done;

    internal WavInput(Stream stream, WavFormat format, long size)
    {
        _stream = stream;
        Format = format;
        _size = size;
        Frames = size / format.BlockAlign;
    }

    /// <summary>The file's format.</summary>
    public WavFormat Format { get; }

    /// <summary>Frames the data chunk declares.</summary>
    public long Frames { get; }

    /// <summary>Frames read so far.</summary>
    public long FramesRead => _done / Format.BlockAlign;

    /// <summary>
    /// Reads the next frames into <paramref name="destination"/> (interleaved; as many whole frames as fit, or as
    /// remain). Returns the frames read, 0 at the end of the data.
    /// </summary>
    /// <exception cref="WavFormatException">The stream ends before the data chunk does, or a sample is not finite.</exception>
    public int Read(Span<float> destination)
    {
        int channels = Format.Channels;
        int frames = (int)Math.Min(destination.Length / channels, (_size - _done) / Format.BlockAlign);
        if (frames == 0)
        {
            return 0;
        }

        int bytes = frames * Format.BlockAlign;
        if (_buffer.Length < bytes)
        {
            _buffer = new byte[bytes];
        }

        int got = _stream.ReadAtLeast(_buffer.AsSpan(0, bytes), bytes, throwOnEndOfStream: false);
        if (got < bytes)
        {
            throw WavReader.TruncatedData(_size, _done + got);
        }

        Span<float> samples = destination[..(frames * channels)];
        SampleCodec.Decode(Format, _buffer.AsSpan(0, bytes), samples);
        if (Format.SampleType == WavSampleType.Float)
        {
            CheckFinite(samples);
        }

        _done += bytes;
        return frames;
    }

    // Integer samples are always finite; a float file may hold NaN or infinity, which would be heard as silence.
    private void CheckFinite(ReadOnlySpan<float> samples)
    {
        int bad = samples.IndexOfAnyExceptInRange(float.MinValue, float.MaxValue);
        if (bad < 0)
        {
            return;
        }

        long frame = FramesRead + (bad / Format.Channels);
        throw new WavFormatException(string.Create(CultureInfo.InvariantCulture,
            $"sample {samples[bad]} at frame {frame} ({(double)frame / Format.SampleRate:0.000} s), channel {(bad % Format.Channels) + 1}, is not a finite number"));
    }
}
