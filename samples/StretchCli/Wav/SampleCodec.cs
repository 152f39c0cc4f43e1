using System.Buffers.Binary;

namespace StretchCli.Wav;

/// <summary>
/// Converts between the little-endian sample encodings of WAV data and float samples. Integers map to
/// [-1, 1) by dividing by 2^(bits-1), so 16- and 24-bit values survive a round trip bit for bit. Writing
/// integers clamps to the range and rounds to the nearest step; no dither is added, so quiet passages
/// written at 16 bits carry plain truncation-free rounding error rather than shaped noise.
/// </summary>
public static class SampleCodec
{
    /// <summary>Decodes <c>destination.Length</c> samples of <paramref name="format"/> from <paramref name="source"/>.</summary>
    public static void Decode(WavFormat format, ReadOnlySpan<byte> source, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(format);
        int size = format.BytesPerSample;
        if (source.Length < destination.Length * size)
        {
            throw new ArgumentException("Source is shorter than the samples requested.", nameof(source));
        }

        switch (format.SampleType, format.BitsPerSample)
        {
            case (WavSampleType.Float, 32):
                for (int i = 0; i < destination.Length; i++)
                {
                    destination[i] = BinaryPrimitives.ReadSingleLittleEndian(source.Slice(i * 4, 4));
                }

                break;
            case (WavSampleType.Pcm, 16):
                for (int i = 0; i < destination.Length; i++)
                {
                    destination[i] = BinaryPrimitives.ReadInt16LittleEndian(source.Slice(i * 2, 2)) * (1f / 32768f);
                }

                break;
            case (WavSampleType.Pcm, 24):
                for (int i = 0; i < destination.Length; i++)
                {
                    int o = i * 3;
                    int value = source[o] | (source[o + 1] << 8) | ((sbyte)source[o + 2] << 16);
                    destination[i] = value * (1f / 8388608f);
                }

                break;
            case (WavSampleType.Pcm, 32):
                for (int i = 0; i < destination.Length; i++)
                {
                    // Through double so the one rounding step is the final one to float.
                    destination[i] = (float)(BinaryPrimitives.ReadInt32LittleEndian(source.Slice(i * 4, 4)) * (1.0 / 2147483648.0));
                }

                break;
            default:
                throw new WavFormatException($"cannot decode {format}");
        }
    }

    /// <summary>Encodes <paramref name="source"/> as <paramref name="format"/> into <paramref name="destination"/>.</summary>
    public static void Encode(WavFormat format, ReadOnlySpan<float> source, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(format);
        int size = format.BytesPerSample;
        if (destination.Length < source.Length * size)
        {
            throw new ArgumentException("Destination is shorter than the encoded samples.", nameof(destination));
        }

        if (format.SampleType == WavSampleType.Float)
        {
            for (int i = 0; i < source.Length; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(destination.Slice(i * 4, 4), source[i]);
            }

            return;
        }

        // Quantize to the valid bits, then left-align in the container as WAVE_FORMAT_EXTENSIBLE requires.
        int shift = format.BitsPerSample - format.ValidBitsPerSample;
        double scale = Math.ScaleB(1.0, format.ValidBitsPerSample - 1);
        for (int i = 0; i < source.Length; i++)
        {
            int value = Quantize(source[i], scale) << shift;
            Span<byte> slot = destination.Slice(i * size, size);
            switch (size)
            {
                case 2:
                    BinaryPrimitives.WriteInt16LittleEndian(slot, (short)value);
                    break;
                case 3:
                    slot[0] = (byte)value;
                    slot[1] = (byte)(value >> 8);
                    slot[2] = (byte)(value >> 16);
                    break;
                default:
                    BinaryPrimitives.WriteInt32LittleEndian(slot, value);
                    break;
            }
        }
    }

    /// <summary>Rounds <paramref name="sample"/> * <paramref name="scale"/> to the nearest integer within [-scale, scale - 1]; NaN becomes 0.</summary>
    private static int Quantize(float sample, double scale)
    {
        if (float.IsNaN(sample))
        {
            return 0;
        }

        double value = Math.Round(sample * scale, MidpointRounding.AwayFromZero);
        return (int)Math.Clamp(value, -scale, scale - 1);
    }
}
