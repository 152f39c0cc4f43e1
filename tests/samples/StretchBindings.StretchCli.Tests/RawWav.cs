using System.Buffers.Binary;
using System.Text;

namespace StretchBindings.StretchCli.Tests;

/// <summary>
/// Builds WAV bytes chunk by chunk, independently of the program's writer, so the reader is checked against
/// files laid out by hand (including layouts the writer never produces).
/// </summary>
internal static class RawWav
{
    public const ushort Pcm = 1;
    public const ushort Float = 3;
    public const ushort ALaw = 6;
    public const ushort MuLaw = 7;
    public const ushort Extensible = 0xFFFE;

    /// <summary>A RIFF/WAVE file of the given chunks, each padded to an even size as RIFF requires.</summary>
    public static byte[] File(params (string Id, byte[] Body)[] chunks)
    {
        var body = new MemoryStream();
        body.Write("WAVE"u8);
        foreach ((string id, byte[] data) in chunks)
        {
            body.Write(Encoding.ASCII.GetBytes(id));
            body.Write(U32((uint)data.Length));
            body.Write(data);
            if (data.Length % 2 == 1)
            {
                body.WriteByte(0);
            }
        }

        var file = new MemoryStream();
        file.Write("RIFF"u8);
        file.Write(U32((uint)body.Length));
        body.Position = 0;
        body.CopyTo(file);
        return file.ToArray();
    }

    /// <summary>A plain fmt chunk; <paramref name="withCbSize"/> adds the (zero) extension size, as non-PCM formats should.</summary>
    public static (string, byte[]) Fmt(ushort tag, int channels, int sampleRate, int bits, int? blockAlign = null, bool withCbSize = false)
    {
        int align = blockAlign ?? channels * bits / 8;
        var fmt = new byte[withCbSize ? 18 : 16];
        BinaryPrimitives.WriteUInt16LittleEndian(fmt, tag);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(2), (ushort)channels);
        BinaryPrimitives.WriteUInt32LittleEndian(fmt.AsSpan(4), (uint)sampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(fmt.AsSpan(8), (uint)(sampleRate * align));
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(12), (ushort)align);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(14), (ushort)bits);
        return ("fmt ", fmt);
    }

    public static (string, byte[]) FmtExtensible(ushort subFormat, int channels, int sampleRate, int bits, int validBits, uint channelMask, byte[]? guidTail = null)
    {
        (_, byte[] basic) = Fmt(Extensible, channels, sampleRate, bits);
        var fmt = new byte[40];
        basic.CopyTo(fmt, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(16), 22);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(18), (ushort)validBits);
        BinaryPrimitives.WriteUInt32LittleEndian(fmt.AsSpan(20), channelMask);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt.AsSpan(24), subFormat);
        (guidTail ?? [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71]).CopyTo(fmt, 26);
        return ("fmt ", fmt);
    }

    public static (string, byte[]) Data(byte[] samples) => ("data", samples);

    public static (string, byte[]) Chunk(string id, int size) =>
        (id, Enumerable.Range(0, size).Select(i => (byte)(i * 37 + 11)).ToArray());

    public static byte[] Int16(IEnumerable<short> values) =>
        values.SelectMany(v => { var b = new byte[2]; BinaryPrimitives.WriteInt16LittleEndian(b, v); return b; }).ToArray();

    public static byte[] Int24(IEnumerable<int> values) =>
        values.SelectMany(v => new[] { (byte)v, (byte)(v >> 8), (byte)(v >> 16) }).ToArray();

    public static byte[] Int32(IEnumerable<int> values) =>
        values.SelectMany(v => { var b = new byte[4]; BinaryPrimitives.WriteInt32LittleEndian(b, v); return b; }).ToArray();

    public static byte[] Single(IEnumerable<float> values) =>
        values.SelectMany(v => { var b = new byte[4]; BinaryPrimitives.WriteSingleLittleEndian(b, v); return b; }).ToArray();

    private static byte[] U32(uint value)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        return b;
    }
}
