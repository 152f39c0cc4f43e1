using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace StretchCli.Wav;

/// <summary>
/// Reads RIFF/WAVE files as float samples, streaming: the header is parsed up to the data chunk, and the
/// samples are read block by block (<see cref="WavInput"/>), so memory never depends on the file's length or on
/// the sizes a header claims. Supports PCM 16/24/32-bit and float 32-bit, plain or
/// WAVE_FORMAT_EXTENSIBLE, 1 to 8 channels. Unknown chunks are skipped, with their pad byte when their size is
/// odd. Anything else, and any file that ends before its data does, raises <see cref="WavFormatException"/>:
/// a cut-off file is an error rather than something to play back partially without notice.
/// </summary>
public static class WavReader
{
    // fmt chunks are 16 to 40 bytes; a huge one means the file is not what it claims.
    private const int MaxFmtSize = 1 << 16;

    private const ushort FormatPcm = 0x0001;
    private const ushort FormatAdpcm = 0x0002;
    private const ushort FormatFloat = 0x0003;
    private const ushort FormatALaw = 0x0006;
    private const ushort FormatMuLaw = 0x0007;
    private const ushort FormatMpeg = 0x0050;
    private const ushort FormatMp3 = 0x0055;
    private const ushort FormatExtensible = 0xFFFE;

    /// <summary>Reads the whole WAV file at <paramref name="path"/> into memory (for short files; stretching streams instead).</summary>
    /// <exception cref="WavFormatException">The file is not a supported, complete WAV file.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static WavAudio Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Read(stream);
    }

    /// <summary>
    /// Reads a whole WAV file from <paramref name="stream"/> into memory. Memory grows with the samples actually
    /// read, never with the size a header claims.
    /// </summary>
    /// <exception cref="WavFormatException">The stream is not a supported, complete WAV file.</exception>
    public static WavAudio Read(Stream stream)
    {
        WavInput input = Open(stream);
        if (input.Frames * input.Format.Channels > Array.MaxLength)
        {
            throw new WavFormatException("the file is too long to hold in memory");
        }

        var samples = new List<float>();
        var block = new float[(1 << 14) * input.Format.Channels];
        int frames;
        while ((frames = input.Read(block)) > 0)
        {
            samples.AddRange(block.AsSpan(0, frames * input.Format.Channels));
        }

        return new WavAudio(input.Format, samples.ToArray());
    }

    /// <summary>
    /// Reads the header of a WAV file from <paramref name="stream"/> and leaves it at the first sample: the
    /// samples are then read block by block with <see cref="WavInput.Read"/>. A non-seekable stream (a pipe)
    /// works as long as the fmt chunk comes before the data.
    /// </summary>
    /// <exception cref="WavFormatException">The stream is not a supported WAV file, or its header is cut off.</exception>
    public static WavInput Open(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);

        Span<byte> riff = stackalloc byte[12];
        int got = stream.ReadAtLeast(riff, riff.Length, throwOnEndOfStream: false);
        if (got == 0)
        {
            throw new WavFormatException("the file is empty");
        }

        string riffId = FourCC(riff[..Math.Min(4, got)]);
        if (!"RIFF"u8.StartsWith(riff[..Math.Min(4, got)]))
        {
            throw riffId switch
            {
                "RIFX" => new WavFormatException("big-endian RIFX files are not supported"),
                "RF64" or "BW64" => new WavFormatException($"{riffId} (64-bit WAV) files are not supported"),
                _ => new WavFormatException("not a WAV file (no RIFF header)"),
            };
        }

        if (got < riff.Length)
        {
            throw new WavFormatException(Invariant($"truncated file: {got} bytes is too short for a RIFF header"));
        }

        string form = FourCC(riff[8..12]);
        if (form != "WAVE")
        {
            throw new WavFormatException($"not a WAV file (RIFF form type '{form}', expected 'WAVE')");
        }

        WavFormat? format = null;
        long dataOffset = -1;
        long dataSize = 0;
        long offset = riff.Length;
        Span<byte> chunkHeader = stackalloc byte[8];
        while (true)
        {
            got = stream.ReadAtLeast(chunkHeader, chunkHeader.Length, throwOnEndOfStream: false);
            if (got == 0)
            {
                break;
            }

            if (got < chunkHeader.Length)
            {
                throw new WavFormatException(Invariant($"truncated file: chunk header cut off at byte {offset}"));
            }

            string id = FourCC(chunkHeader[..4]);
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(chunkHeader[4..]);
            offset += chunkHeader.Length;

            if (id == "fmt ")
            {
                if (format is not null)
                {
                    throw new WavFormatException("the file has two fmt chunks");
                }

                if (size < 16 || size > MaxFmtSize)
                {
                    throw new WavFormatException(Invariant($"invalid fmt chunk size {size} bytes"));
                }

                byte[] fmt = new byte[size];
                if (stream.ReadAtLeast(fmt, fmt.Length, throwOnEndOfStream: false) < fmt.Length)
                {
                    throw new WavFormatException("truncated file: the fmt chunk is cut off");
                }

                format = ParseFormat(fmt);
                offset += size;
                offset += SkipPad(stream, size);
                if (dataOffset >= 0)
                {
                    // The data came first; go back for it now that its format is known.
                    stream.Seek(dataOffset, SeekOrigin.Begin);
                    return Data(stream, format, dataSize);
                }
            }
            else if (id == "data")
            {
                if (format is not null)
                {
                    return Data(stream, format, size);
                }

                if (!stream.CanSeek)
                {
                    throw new WavFormatException("the data chunk comes before the fmt chunk, which needs a seekable file");
                }

                // Unusual order: remember where the samples are and keep looking for fmt.
                dataOffset = stream.Position;
                dataSize = size;
                Skip(stream, size, "data");
                offset += size;
                offset += SkipPad(stream, size);
            }
            else
            {
                Skip(stream, size, id);
                offset += size;
                offset += SkipPad(stream, size);
            }
        }

        throw new WavFormatException(format is null ? "missing fmt chunk" : "missing data chunk");
    }

    private static WavFormat ParseFormat(ReadOnlySpan<byte> fmt)
    {
        ushort tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
        int channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
        uint sampleRate = BinaryPrimitives.ReadUInt32LittleEndian(fmt[4..]);
        int blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(fmt[12..]);
        int bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);

        bool extensible = tag == FormatExtensible;
        int validBits = bits;
        uint channelMask = 0;
        if (extensible)
        {
            if (fmt.Length < 40 || BinaryPrimitives.ReadUInt16LittleEndian(fmt[16..]) < 22)
            {
                throw new WavFormatException("invalid WAVE_FORMAT_EXTENSIBLE fmt chunk (too short)");
            }

            validBits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[18..]);
            channelMask = BinaryPrimitives.ReadUInt32LittleEndian(fmt[20..]);
            ReadOnlySpan<byte> subFormat = fmt.Slice(24, 16);
            if (!subFormat[2..].SequenceEqual(WavFormat.SubFormatSuffix))
            {
                throw new WavFormatException($"unsupported WAVE_FORMAT_EXTENSIBLE sub-format {new Guid(subFormat)}");
            }

            tag = BinaryPrimitives.ReadUInt16LittleEndian(subFormat);

            // Some writers leave it 0, meaning "all of them".
            if (validBits == 0)
            {
                validBits = bits;
            }
        }
        else if (tag == FormatPcm && bits % 8 != 0)
        {
            // Plain PCM with, say, 20 bits stores them in whole bytes.
            validBits = bits;
            bits = (bits + 7) / 8 * 8;
        }

        WavSampleType type = tag switch
        {
            FormatPcm => WavSampleType.Pcm,
            FormatFloat => WavSampleType.Float,
            FormatALaw => throw new WavFormatException("A-law WAV files are not supported (PCM 16/24/32-bit or float 32-bit only)"),
            FormatMuLaw => throw new WavFormatException("mu-law WAV files are not supported (PCM 16/24/32-bit or float 32-bit only)"),
            FormatAdpcm => throw new WavFormatException("ADPCM WAV files are not supported (PCM 16/24/32-bit or float 32-bit only)"),
            FormatMpeg or FormatMp3 => throw new WavFormatException("MPEG-compressed WAV files are not supported (PCM 16/24/32-bit or float 32-bit only)"),
            _ => throw new WavFormatException(Invariant($"unsupported WAV encoding (format tag 0x{tag:X4}); PCM 16/24/32-bit or float 32-bit only")),
        };

        if (channels == 0)
        {
            throw new WavFormatException("the fmt chunk declares 0 channels");
        }

        if (sampleRate == 0 || sampleRate > int.MaxValue)
        {
            throw new WavFormatException(Invariant($"invalid sample rate {sampleRate} Hz"));
        }

        var format = WavFormat.Validate(new WavFormat(type, channels, (int)sampleRate, bits, validBits, extensible, channelMask));
        if (blockAlign != format.BlockAlign)
        {
            throw new WavFormatException(Invariant($"inconsistent fmt chunk: block align {blockAlign}, expected {format.BlockAlign} for {format}"));
        }

        return format;
    }

    private static WavInput Data(Stream stream, WavFormat format, long size)
    {
        // A cut-off file is the likelier story when both checks fail, so it is told first. On a pipe the
        // length is unknown: a data chunk that claims more than arrives is reported when the stream ends.
        if (stream.CanSeek && stream.Length - stream.Position < size)
        {
            throw TruncatedData(size, stream.Length - stream.Position);
        }

        if (size % format.BlockAlign != 0)
        {
            throw new WavFormatException(Invariant(
                $"the data chunk ({size} bytes) is not a whole number of {format.BlockAlign}-byte frames"));
        }

        return new WavInput(stream, format, size);
    }

    internal static WavFormatException TruncatedData(long declared, long available) =>
        new(Invariant($"truncated file: the data chunk declares {declared} bytes but only {available} are present"));

    private static void Skip(Stream stream, long count, string chunkId)
    {
        if (stream.CanSeek)
        {
            if (stream.Length - stream.Position < count)
            {
                throw new WavFormatException($"truncated file: the '{Printable(chunkId)}' chunk is cut off");
            }

            stream.Seek(count, SeekOrigin.Current);
            return;
        }

        Span<byte> scratch = stackalloc byte[4096];
        while (count > 0)
        {
            int got = stream.Read(scratch[..(int)Math.Min(scratch.Length, count)]);
            if (got == 0)
            {
                throw new WavFormatException($"truncated file: the '{Printable(chunkId)}' chunk is cut off");
            }

            count -= got;
        }
    }

    // Chunks of odd size are followed by a pad byte; a file that ends right there without it is accepted.
    private static int SkipPad(Stream stream, long size)
    {
        if ((size & 1) == 0)
        {
            return 0;
        }

        Span<byte> pad = stackalloc byte[1];
        return stream.Read(pad);
    }

    private static string FourCC(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);

    private static string Printable(string id) =>
        string.Concat(id.Select(c => c is >= ' ' and <= '~' ? c : '?'));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
