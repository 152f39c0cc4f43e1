using System.Buffers.Binary;
using System.Globalization;

namespace StretchCli.Wav;

/// <summary>
/// Writes float samples as a RIFF/WAVE file in a given <see cref="WavFormat"/>; <see cref="WavOutput"/> streams
/// them block by block. Integer formats are clamped and rounded without dither (see <see cref="SampleCodec"/>).
/// </summary>
public static class WavWriter
{
    /// <summary>
    /// Writes <paramref name="samples"/> to <paramref name="path"/>, through <see cref="OutputFile"/>: a regular
    /// file is replaced only once complete; a symlink, a device or '-' is written through.
    /// </summary>
    public static void Write(string path, WavFormat format, ReadOnlySpan<float> samples)
    {
        using var file = OutputFile.Open(path);
        Write(file.Stream, format, samples);
        file.Commit();
    }

    /// <summary>Writes <paramref name="samples"/> (interleaved) to <paramref name="stream"/> as a complete WAV file.</summary>
    public static void Write(Stream stream, WavFormat format, ReadOnlySpan<float> samples)
    {
        ArgumentNullException.ThrowIfNull(format);
        WavFormat.Validate(format);
        if (samples.Length % format.Channels != 0)
        {
            throw new ArgumentException("The sample count is not a multiple of the channel count.", nameof(samples));
        }

        var output = new WavOutput(stream, format, samples.Length / format.Channels);
        output.Write(samples);
        output.Complete();
    }

    /// <summary>
    /// Writes the header of a file of <paramref name="frames"/> frames: the sizes are known before the samples,
    /// so the file can go to a stream that cannot seek back (a pipe, standard output).
    /// </summary>
    internal static void WriteHeader(Stream stream, WavFormat format, long frames)
    {
        ArgumentNullException.ThrowIfNull(stream);
        WavFormat.Validate(format);
        bool isFloat = format.SampleType == WavSampleType.Float;
        int fmtSize = format.Extensible ? 40 : isFloat ? 18 : 16;
        // Non-PCM formats carry a fact chunk with the frame count.
        int factSize = isFloat ? 12 : 0;
        long dataSize = frames * format.BlockAlign;
        long riffSize = 4 + 8 + fmtSize + factSize + 8 + dataSize + (dataSize & 1);
        if (riffSize > uint.MaxValue)
        {
            throw new WavFormatException(string.Create(CultureInfo.InvariantCulture,
                $"the output ({dataSize} bytes of samples) is too large for a WAV file (4 GiB)"));
        }

        Span<byte> header = stackalloc byte[12 + 8 + 40 + 12 + 8];
        int at = 0;
        WriteId(header, ref at, "RIFF");
        WriteU32(header, ref at, (uint)riffSize);
        WriteId(header, ref at, "WAVE");

        WriteId(header, ref at, "fmt ");
        WriteU32(header, ref at, (uint)fmtSize);
        ushort tag = format.Extensible ? (ushort)0xFFFE : isFloat ? (ushort)3 : (ushort)1;
        WriteU16(header, ref at, tag);
        WriteU16(header, ref at, (ushort)format.Channels);
        WriteU32(header, ref at, (uint)format.SampleRate);
        WriteU32(header, ref at, (uint)(format.SampleRate * format.BlockAlign));
        WriteU16(header, ref at, (ushort)format.BlockAlign);
        // Plain PCM names its significant bits (20 in 3-byte samples); the extensible header names the
        // container and gives the valid bits below.
        WriteU16(header, ref at, (ushort)(format.Extensible ? format.BitsPerSample : format.ValidBitsPerSample));
        if (format.Extensible)
        {
            WriteU16(header, ref at, 22);
            WriteU16(header, ref at, (ushort)format.ValidBitsPerSample);
            WriteU32(header, ref at, format.ChannelMask);
            // KSDATAFORMAT_SUBTYPE_PCM or _IEEE_FLOAT: the format tag followed by a fixed suffix.
            WriteU16(header, ref at, isFloat ? (ushort)3 : (ushort)1);
            WavFormat.SubFormatSuffix.CopyTo(header[at..]);
            at += WavFormat.SubFormatSuffix.Length;
        }
        else if (isFloat)
        {
            WriteU16(header, ref at, 0);
        }

        if (isFloat)
        {
            WriteId(header, ref at, "fact");
            WriteU32(header, ref at, 4);
            WriteU32(header, ref at, (uint)frames);
        }

        WriteId(header, ref at, "data");
        WriteU32(header, ref at, (uint)dataSize);
        stream.Write(header[..at]);
    }

    private static void WriteId(Span<byte> buffer, ref int at, string id)
    {
        for (int i = 0; i < 4; i++)
        {
            buffer[at + i] = (byte)id[i];
        }

        at += 4;
    }

    private static void WriteU16(Span<byte> buffer, ref int at, ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(buffer[at..], value);
        at += 2;
    }

    private static void WriteU32(Span<byte> buffer, ref int at, uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[at..], value);
        at += 4;
    }
}
