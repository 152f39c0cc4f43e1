using System.Globalization;

namespace StretchCli.Wav;

/// <summary>How samples are encoded in a WAV file.</summary>
public enum WavSampleType
{
    /// <summary>Signed integer PCM (16, 24 or 32 bits).</summary>
    Pcm,

    /// <summary>IEEE 754 float, 32 bits.</summary>
    Float,
}

/// <summary>
/// The format of a WAV file as far as this program supports it: PCM 16/24/32-bit, float 32-bit, 1 to 8
/// channels, in a plain or a WAVE_FORMAT_EXTENSIBLE fmt chunk.
/// </summary>
/// <param name="SampleType">Integer PCM or float.</param>
/// <param name="Channels">Interleaved channels, 1 to <see cref="MaxChannels"/>.</param>
/// <param name="SampleRate">Frames per second.</param>
/// <param name="BitsPerSample">Container size of one sample: 16, 24 or 32.</param>
/// <param name="ValidBitsPerSample">Significant bits (extensible files may hold 20 bits in 24, or 24 in 32); equals <paramref name="BitsPerSample"/> otherwise.</param>
/// <param name="Extensible">Whether the fmt chunk is WAVE_FORMAT_EXTENSIBLE.</param>
/// <param name="ChannelMask">Speaker positions of an extensible file; 0 otherwise.</param>
public sealed record WavFormat(
    WavSampleType SampleType,
    int Channels,
    int SampleRate,
    int BitsPerSample,
    int ValidBitsPerSample,
    bool Extensible,
    uint ChannelMask)
{
    /// <summary>The last 14 bytes of every KSDATAFORMAT_SUBTYPE_* GUID built from a format tag (…-0000-0010-8000-00AA00389B71).</summary>
    internal static ReadOnlySpan<byte> SubFormatSuffix => [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];

    /// <summary>Most channels supported, as many as the stretcher takes.</summary>
    public const int MaxChannels = 8;

    /// <summary>Bytes of one frame (one sample of every channel).</summary>
    public int BlockAlign => Channels * BytesPerSample;

    /// <summary>Bytes of one sample.</summary>
    public int BytesPerSample => BitsPerSample / 8;

    /// <summary>A plain (non-extensible) integer PCM format.</summary>
    public static WavFormat Pcm(int channels, int sampleRate, int bitsPerSample) =>
        Validate(new WavFormat(WavSampleType.Pcm, channels, sampleRate, bitsPerSample, bitsPerSample, false, 0));

    /// <summary>A plain (non-extensible) 32-bit float format.</summary>
    public static WavFormat Float32(int channels, int sampleRate) =>
        Validate(new WavFormat(WavSampleType.Float, channels, sampleRate, 32, 32, false, 0));

    /// <summary>The same format written as WAVE_FORMAT_EXTENSIBLE with the given speaker mask.</summary>
    public WavFormat AsExtensible(uint channelMask) => Validate(this with { Extensible = true, ChannelMask = channelMask });

    /// <summary>The same layout (channels, rate, extensible header, mask) with 32-bit float samples.</summary>
    public WavFormat AsFloat32() => this with { SampleType = WavSampleType.Float, BitsPerSample = 32, ValidBitsPerSample = 32 };

    /// <summary>A short description such as "24-bit PCM, 2 ch, 48000 Hz".</summary>
    public override string ToString()
    {
        string bits = ValidBitsPerSample != BitsPerSample
            ? string.Create(CultureInfo.InvariantCulture, $"{ValidBitsPerSample}-in-{BitsPerSample}-bit")
            : string.Create(CultureInfo.InvariantCulture, $"{BitsPerSample}-bit");
        string type = SampleType == WavSampleType.Float ? "float" : "PCM";
        string extensible = Extensible ? " (extensible)" : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"{bits} {type}{extensible}, {Channels} ch, {SampleRate} Hz");
    }

    /// <summary>Throws <see cref="WavFormatException"/> unless this program can read and write the format.</summary>
    public static WavFormat Validate(WavFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        if (format.Channels < 1 || format.Channels > MaxChannels)
        {
            throw new WavFormatException(string.Create(CultureInfo.InvariantCulture,
                $"{format.Channels} channels are not supported (1 to {MaxChannels})"));
        }

        if (format.SampleRate <= 0)
        {
            throw new WavFormatException(string.Create(CultureInfo.InvariantCulture, $"invalid sample rate {format.SampleRate} Hz"));
        }

        if (format.SampleType == WavSampleType.Float && format.BitsPerSample != 32)
        {
            throw new WavFormatException(string.Create(CultureInfo.InvariantCulture,
                $"{format.BitsPerSample}-bit float samples are not supported (only 32-bit float)"));
        }

        if (format.SampleType == WavSampleType.Pcm && format.BitsPerSample is not (16 or 24 or 32))
        {
            throw new WavFormatException(string.Create(CultureInfo.InvariantCulture,
                $"{format.BitsPerSample}-bit PCM is not supported (16, 24 or 32-bit)"));
        }

        if (format.ValidBitsPerSample < 1 || format.ValidBitsPerSample > format.BitsPerSample)
        {
            throw new WavFormatException(string.Create(CultureInfo.InvariantCulture,
                $"invalid valid-bits {format.ValidBitsPerSample} for {format.BitsPerSample}-bit samples"));
        }

        if (format.SampleType == WavSampleType.Float && format.ValidBitsPerSample != 32)
        {
            throw new WavFormatException("float samples must use all 32 bits");
        }

        return format;
    }
}
