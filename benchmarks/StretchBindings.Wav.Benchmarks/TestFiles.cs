using System.Buffers.Binary;
using System.Text;
using StretchCli.Wav;

namespace StretchBindings.Wav.Benchmarks;

/// <summary>
/// The WAV files both sides read: written with the CLI's writer where it supports the format, and byte
/// by byte here for what it does not write (float64, RF64, 8-bit) and for headers that lie.
/// </summary>
public static class TestFiles
{
    public static string Directory { get; } = Path.Combine(Path.GetTempPath(), "stretch-wav-bench");

    /// <summary>A stereo test signal: two sines at -6 dBFS, the same for every run.</summary>
    public static float[] Signal(int frames, int channels = 2)
    {
        var samples = new float[frames * channels];
        for (int i = 0; i < frames; i++)
        {
            for (int c = 0; c < channels; c++)
            {
                samples[i * channels + c] = 0.5f * MathF.Sin(2 * MathF.PI * (220f + 110f * c) * i / 48000f);
            }
        }

        return samples;
    }

    /// <summary>Writes <paramref name="samples"/> with the CLI's writer (the reference both readers read).</summary>
    public static string Write(string name, WavFormat format, float[] samples)
    {
        System.IO.Directory.CreateDirectory(Directory);
        string path = Path.Combine(Directory, name);
        using FileStream stream = File.Create(path);
        WavWriter.Write(stream, format, samples);
        return path;
    }

    /// <summary>
    /// A file of raw samples behind a hand-built header: <paramref name="tag"/> (1 PCM, 3 float),
    /// <paramref name="bits"/> per sample, and the sizes the header claims (null: the true ones).
    /// </summary>
    public static string Raw(string name, ushort tag, int bits, byte[] data, int channels = 2, uint? riffSize = null, uint? dataSize = null)
    {
        System.IO.Directory.CreateDirectory(Directory);
        string path = Path.Combine(Directory, name);
        using var stream = File.Create(path);
        using var writer = new BinaryWriter(stream, Encoding.ASCII);
        writer.Write("RIFF"u8);
        writer.Write(riffSize ?? (uint)(4 + 8 + 16 + 8 + data.Length));
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write(tag);
        writer.Write((ushort)channels);
        writer.Write(48000);
        writer.Write(48000 * channels * bits / 8);
        writer.Write((ushort)(channels * bits / 8));
        writer.Write((ushort)bits);
        writer.Write("data"u8);
        writer.Write(dataSize ?? (uint)data.Length);
        writer.Write(data);
        return path;
    }

    /// <summary>An RF64 file (EBU Tech 3306): sizes 0xFFFFFFFF in the RIFF and data headers, the true ones in a ds64 chunk.</summary>
    public static string Rf64(string name, byte[] data, int channels = 2)
    {
        System.IO.Directory.CreateDirectory(Directory);
        string path = Path.Combine(Directory, name);
        using var stream = File.Create(path);
        using var writer = new BinaryWriter(stream, Encoding.ASCII);
        writer.Write("RF64"u8);
        writer.Write(uint.MaxValue);
        writer.Write("WAVEds64"u8);
        writer.Write(28);
        writer.Write((long)(4 + 36 + 24 + 8 + data.Length));
        writer.Write((long)data.Length);
        writer.Write((long)(data.Length / (2 * channels)));
        writer.Write(0);
        writer.Write("fmt "u8);
        writer.Write(16);
        writer.Write((ushort)1);
        writer.Write((ushort)channels);
        writer.Write(48000);
        writer.Write(48000 * channels * 2);
        writer.Write((ushort)(channels * 2));
        writer.Write((ushort)16);
        writer.Write("data"u8);
        writer.Write(uint.MaxValue);
        writer.Write(data);
        return path;
    }

    public static byte[] Pcm16(float[] samples)
    {
        var bytes = new byte[samples.Length * 2];
        for (int i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(i * 2), (short)(samples[i] * 32767));
        }

        return bytes;
    }

    public static byte[] Float64(float[] samples)
    {
        var bytes = new byte[samples.Length * 8];
        for (int i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * 8), samples[i]);
        }

        return bytes;
    }

    public static byte[] Pcm8(float[] samples) => samples.Select(s => (byte)(128 + s * 127)).ToArray();
}
