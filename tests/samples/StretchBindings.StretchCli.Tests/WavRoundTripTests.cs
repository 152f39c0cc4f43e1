using StretchCli.Wav;

namespace StretchBindings.StretchCli.Tests;

public sealed class WavRoundTripTests
{
    public static TheoryData<int, int> BitsAndChannels()
    {
        var data = new TheoryData<int, int>();
        foreach (int bits in new[] { 16, 24 })
        {
            foreach (int channels in new[] { 1, 2, 8 })
            {
                data.Add(bits, channels);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BitsAndChannels))]
    public void Pcm16And24_FileRoundTripIsBitExact(int bits, int channels)
    {
        int[] values = TestData.Integers(1000 * channels, bits, seed: bits + channels);
        byte[] data = bits == 16 ? RawWav.Int16(values.Select(v => (short)v)) : RawWav.Int24(values);
        byte[] original = RawWav.File(RawWav.Fmt(RawWav.Pcm, channels, 44100, bits), RawWav.Data(data));

        WavAudio audio = WavReader.Read(new MemoryStream(original));

        Assert.Equal(WavFormat.Pcm(channels, 44100, bits), audio.Format);
        Assert.Equal(1000, audio.Frames);
        double scale = Math.ScaleB(1.0, bits - 1);
        Assert.Equal(values.Select(v => (float)(v / scale)), audio.Samples);
        Assert.Equal(original, Write(audio.Format, audio.Samples));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(8)]
    public void Pcm32_ValuesWithin24SignificantBitsRoundTripExactly_OthersWithinFloatPrecision(int channels)
    {
        // Samples pass through float (24-bit mantissa): 32-bit integers keep their top 24 bits exactly.
        int[] aligned = TestData.Integers(500 * channels, 24, seed: channels).Select(v => v << 8).ToArray();
        byte[] alignedFile = RawWav.File(RawWav.Fmt(RawWav.Pcm, channels, 48000, 32), RawWav.Data(RawWav.Int32(aligned)));
        WavAudio audio = WavReader.Read(new MemoryStream(alignedFile));
        Assert.Equal(WavFormat.Pcm(channels, 48000, 32), audio.Format);
        Assert.Equal(alignedFile, Write(audio.Format, audio.Samples));

        int[] full = TestData.Integers(500 * channels, 32, seed: 100 + channels);
        byte[] fullFile = RawWav.File(RawWav.Fmt(RawWav.Pcm, channels, 48000, 32), RawWav.Data(RawWav.Int32(full)));
        byte[] rewritten = Write(WavFormat.Pcm(channels, 48000, 32), WavReader.Read(new MemoryStream(fullFile)).Samples);
        int[] back = ReadInts32(rewritten);
        for (int i = 0; i < full.Length; i++)
        {
            Assert.InRange((long)back[i] - full[i], -128, 128);
        }

        Assert.Equal(int.MinValue, back[0]);
        // int.MaxValue is not a float: it rounds up to 2^31 and must clamp back rather than wrap to the minimum.
        Assert.Equal(int.MaxValue, back[^1]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(8)]
    public void Float32_RoundTripIsBitExact_EvenBeyondFullScale(int channels)
    {
        var random = new Random(channels);
        float[] values = Enumerable.Range(0, 700 * channels).Select(_ => (float)((random.NextDouble() * 4) - 2)).ToArray();
        values[0] = 1e-30f;
        values[1] = -0f;
        byte[] canonical = RawWav.File(
            RawWav.Fmt(RawWav.Float, channels, 96000, 32, withCbSize: true), ("fact", BitConverter.GetBytes(700)), RawWav.Data(RawWav.Single(values)));
        // Many writers leave out cbSize and fact for float; both layouts must read the same.
        byte[] minimal = RawWav.File(RawWav.Fmt(RawWav.Float, channels, 96000, 32), RawWav.Data(RawWav.Single(values)));

        foreach (byte[] file in new[] { canonical, minimal })
        {
            WavAudio audio = WavReader.Read(new MemoryStream(file));

            Assert.Equal(WavFormat.Float32(channels, 96000), audio.Format);
            Assert.Equal(values.Select(BitConverter.SingleToInt32Bits), audio.Samples.Select(BitConverter.SingleToInt32Bits));
            Assert.Equal(canonical, Write(audio.Format, audio.Samples));
        }
    }

    [Fact]
    public void Extensible_Pcm24SixChannels_KeepsMaskAndRoundTripsBitExact()
    {
        int[] values = TestData.Integers(6 * 300, 24, seed: 7);
        byte[] original = RawWav.File(RawWav.FmtExtensible(RawWav.Pcm, 6, 48000, 24, 24, 0x3F), RawWav.Data(RawWav.Int24(values)));

        WavAudio audio = WavReader.Read(new MemoryStream(original));

        Assert.Equal(WavFormat.Pcm(6, 48000, 24).AsExtensible(0x3F), audio.Format);
        Assert.Equal(original, Write(audio.Format, audio.Samples));
    }

    [Fact]
    public void Extensible_Float32_RoundTripsBitExact()
    {
        float[] values = [0.25f, -0.5f, 0.125f, -1f, 1f, 0.75f];
        byte[] original = RawWav.File(
            RawWav.FmtExtensible(RawWav.Float, 2, 44100, 32, 32, 0x3),
            ("fact", BitConverter.GetBytes(3)),
            RawWav.Data(RawWav.Single(values)));

        WavAudio audio = WavReader.Read(new MemoryStream(original));

        Assert.Equal(WavFormat.Float32(2, 44100).AsExtensible(0x3), audio.Format);
        Assert.Equal(values, audio.Samples);
        Assert.Equal(original, Write(audio.Format, audio.Samples));
    }

    [Fact]
    public void Extensible_24BitsIn32_ReadsScaledAndWritesWithLowByteZero()
    {
        int[] values = [0x7FFFFF, -0x800000, 1, -1, 0x123456, 0];
        byte[] original = RawWav.File(
            RawWav.FmtExtensible(RawWav.Pcm, 2, 44100, 32, 24, 0x3),
            RawWav.Data(RawWav.Int32(values.Select(v => v << 8))));

        WavAudio audio = WavReader.Read(new MemoryStream(original));

        Assert.Equal(new WavFormat(WavSampleType.Pcm, 2, 44100, 32, 24, true, 0x3), audio.Format);
        Assert.Equal(values.Select(v => v / 8388608f), audio.Samples);
        Assert.Equal(original, Write(audio.Format, audio.Samples));
    }

    [Fact]
    public void Extensible_ValidBits20In24_QuantizesTo20Bits()
    {
        var format = new WavFormat(WavSampleType.Pcm, 1, 44100, 24, 20, true, 0x4);
        byte[] file = Write(format, [0.5f, 1f / (1 << 20), -1f]);

        WavAudio audio = WavReader.Read(new MemoryStream(file));

        Assert.Equal(format, audio.Format);
        // 2^-20 is half a 20-bit step: rounds away from zero to one step (2^-19), stored left-aligned.
        Assert.Equal([0.5f, 1f / (1 << 19), -1f], audio.Samples);
    }

    [Fact]
    public void Plain20BitPcm_IsWrittenBackAsPlain20BitPcm()
    {
        // 20 significant bits in 3-byte samples, as a plain (non-extensible) fmt chunk declares them.
        var format = new WavFormat(WavSampleType.Pcm, 1, 44100, 24, 20, false, 0);
        byte[] file = Write(format, [0.5f, -1f]);

        Assert.Equal(20, BitConverter.ToUInt16(file, 34));
        WavAudio audio = WavReader.Read(new MemoryStream(file));
        Assert.Equal(format, audio.Format);
        Assert.Equal(file, Write(audio.Format, audio.Samples));
    }

    [Fact]
    public void OddSizedUnknownChunks_AreSkippedWithTheirPadByte()
    {
        short[] values = [1, -2, 3, -4, 32767, -32768];
        byte[] file = RawWav.File(
            RawWav.Chunk("JUNK", 5),
            RawWav.Fmt(RawWav.Pcm, 2, 44100, 16),
            RawWav.Chunk("LIST", 3),
            RawWav.Chunk("bext", 1),
            RawWav.Data(RawWav.Int16(values)),
            RawWav.Chunk("id3 ", 7));

        WavAudio audio = WavReader.Read(new MemoryStream(file));

        Assert.Equal(WavFormat.Pcm(2, 44100, 16), audio.Format);
        Assert.Equal(values.Select(v => v / 32768f), audio.Samples);
    }

    [Fact]
    public void DataBeforeFmt_IsReadFromSeekableStreams()
    {
        short[] values = [100, -100, 200, -200];
        byte[] file = RawWav.File(RawWav.Data(RawWav.Int16(values)), RawWav.Chunk("LIST", 9), RawWav.Fmt(RawWav.Pcm, 1, 8000, 16));

        WavAudio audio = WavReader.Read(new MemoryStream(file));

        Assert.Equal(WavFormat.Pcm(1, 8000, 16), audio.Format);
        Assert.Equal(values.Select(v => v / 32768f), audio.Samples);
    }

    [Fact]
    public void OddSizedData_OfTwentyFourBitMono_IsPaddedOnWriteAndReadBack()
    {
        var format = WavFormat.Pcm(1, 44100, 24);
        byte[] file = Write(format, [0.5f]);

        Assert.Equal(0, file.Length % 2);
        Assert.Equal(file.Length - 8, BitConverter.ToInt32(file, 4));
        Assert.Equal([0.5f], WavReader.Read(new MemoryStream(file)).Samples);
    }

    [Fact]
    public void WriteToPath_ReplacesTheFileAndLeavesNoTemporaryFile()
    {
        using var folder = new TemporaryDirectory("stretchcli-tests-");
        string path = folder.File("out.wav");
        System.IO.File.WriteAllText(path, "old contents");

        WavWriter.Write(path, WavFormat.Pcm(1, 44100, 16), [0.25f, -0.25f]);

        Assert.Equal([0.25f, -0.25f], WavReader.Read(path).Samples);
        Assert.Equal(["out.wav"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Encode_ClampsAndRoundsToNearest()
    {
        var format = WavFormat.Pcm(1, 44100, 16);
        float[] samples = [1.5f, -1.5f, 1f, -1f, 0.6f / 32768, 0.4f / 32768, -0.6f / 32768, float.NaN, 100.5f / 32768];
        var bytes = new byte[samples.Length * 2];

        SampleCodec.Encode(format, samples, bytes);

        short[] values = Enumerable.Range(0, samples.Length).Select(i => BitConverter.ToInt16(bytes, i * 2)).ToArray();
        Assert.Equal([32767, -32768, 32767, -32768, 1, 0, -1, 0, 101], values);
    }

    private static byte[] Write(WavFormat format, float[] samples)
    {
        var stream = new MemoryStream();
        WavWriter.Write(stream, format, samples);
        return stream.ToArray();
    }

    private static int[] ReadInts32(byte[] file)
    {
        // The writer's PCM header is 44 bytes.
        return Enumerable.Range(0, (file.Length - 44) / 4).Select(i => BitConverter.ToInt32(file, 44 + (i * 4))).ToArray();
    }
}
