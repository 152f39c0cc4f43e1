using StretchCli.Wav;

namespace StretchBindings.StretchCli.Tests;

public sealed class WavErrorTests
{
    private static readonly byte[] Valid = RawWav.File(
        RawWav.Fmt(RawWav.Pcm, 2, 44100, 16),
        RawWav.Data(RawWav.Int16(Enumerable.Range(0, 2000).Select(i => (short)(i * 13)))));

    [Fact]
    public void EmptyFile() => AssertFails([], "empty");

    [Fact]
    public void NotRiff() => AssertFails("hello, this is plain text and no audio"u8.ToArray(), "not a WAV file");

    [Fact]
    public void TinyFileThatIsNotRiff() => AssertFails("ok"u8.ToArray(), "not a WAV file");

    [Fact]
    public void RiffButNotWave() => AssertFails(Replace(Valid, 8, "AVI "u8), "'AVI '");

    [Fact]
    public void BigEndianRifx() => AssertFails(Replace(Valid, 0, "RIFX"u8), "RIFX");

    [Fact]
    public void Rf64() => AssertFails(Replace(Valid, 0, "RF64"u8), "RF64");

    [Theory]
    [InlineData(3)]
    [InlineData(11)]
    [InlineData(16)]
    [InlineData(30)]
    public void TruncatedHeader(int length) => AssertFails(Valid[..length], "truncated");

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(1000)]
    public void TruncatedData(int missing) => AssertFails(Valid[..^missing], "truncated");

    [Fact]
    public void TruncatedData_OnANonSeekableStreamToo()
    {
        var stream = new NonSeekableStream(Valid[..^10]);
        var error = Assert.Throws<WavFormatException>(() => WavReader.Read(stream));
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DataSizeFromAStreamingRecorderThatNeverFinished() =>
        AssertFails(RawWav.File(RawWav.Fmt(RawWav.Pcm, 1, 44100, 16)).Concat("data"u8.ToArray()).Concat(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 1, 2 }).ToArray(), "truncated");

    [Fact]
    public void DataNotAWholeNumberOfFrames() =>
        AssertFails(RawWav.File(RawWav.Fmt(RawWav.Pcm, 2, 44100, 16), RawWav.Data(new byte[6])), "whole number");

    [Fact]
    public void MissingFmt() => AssertFails(RawWav.File(RawWav.Chunk("LIST", 4), RawWav.Data(new byte[4])), "missing fmt");

    [Fact]
    public void MissingData() => AssertFails(RawWav.File(RawWav.Fmt(RawWav.Pcm, 1, 44100, 16), RawWav.Chunk("LIST", 3)), "missing data");

    [Fact]
    public void EightBitPcm() => AssertFails(RawWav.File(RawWav.Fmt(RawWav.Pcm, 1, 8000, 8), RawWav.Data(new byte[8])), "8-bit PCM");

    [Fact]
    public void ALaw() => AssertFails(RawWav.File(RawWav.Fmt(RawWav.ALaw, 1, 8000, 8), RawWav.Data(new byte[8])), "A-law");

    [Fact]
    public void MuLaw() => AssertFails(RawWav.File(RawWav.Fmt(RawWav.MuLaw, 1, 8000, 8), RawWav.Data(new byte[8])), "mu-law");

    [Fact]
    public void Float64() => AssertFails(RawWav.File(RawWav.Fmt(RawWav.Float, 1, 44100, 64), RawWav.Data(new byte[16])), "64-bit float");

    [Fact]
    public void ExtensibleFloat64() =>
        AssertFails(RawWav.File(RawWav.FmtExtensible(RawWav.Float, 2, 44100, 64, 64, 3), RawWav.Data(new byte[32])), "64-bit float");

    [Fact]
    public void UnknownFormatTag() => AssertFails(RawWav.File(RawWav.Fmt(0x0011, 1, 44100, 4, 256), RawWav.Data(new byte[256])), "0x0011");

    [Fact]
    public void ExtensibleWithAForeignSubFormat() =>
        AssertFails(
            RawWav.File(RawWav.FmtExtensible(RawWav.Pcm, 2, 44100, 16, 16, 3, guidTail: new byte[14]), RawWav.Data(new byte[8])),
            "sub-format");

    [Fact]
    public void NineChannels() => AssertFails(RawWav.File(RawWav.Fmt(RawWav.Pcm, 9, 44100, 16), RawWav.Data(new byte[18])), "9 channels");

    [Fact]
    public void ZeroChannels() => AssertFails(RawWav.File(RawWav.Fmt(RawWav.Pcm, 0, 44100, 16, blockAlign: 2), RawWav.Data(new byte[4])), "0 channels");

    [Fact]
    public void BlockAlignDisagreesWithChannelsAndBits() =>
        AssertFails(RawWav.File(RawWav.Fmt(RawWav.Pcm, 2, 44100, 16, blockAlign: 6), RawWav.Data(new byte[12])), "block align");

    [Fact]
    public void UnknownChunkRunningPastTheEnd() =>
        AssertFails(RawWav.File(RawWav.Fmt(RawWav.Pcm, 1, 44100, 16), RawWav.Chunk("LIST", 100))[..60], "truncated");

    [Fact]
    public void WriterRejectsUnsupportedFormats()
    {
        Assert.Throws<WavFormatException>(() => WavWriter.Write(new MemoryStream(), WavFormat.Pcm(1, 44100, 8), [0f]));
        Assert.Throws<WavFormatException>(() => WavWriter.Write(new MemoryStream(), WavFormat.Pcm(9, 44100, 16), new float[9]));
        Assert.Throws<ArgumentException>(() => WavWriter.Write(new MemoryStream(), WavFormat.Pcm(2, 44100, 16), new float[3]));
    }

    private static void AssertFails(byte[] file, string expected)
    {
        var error = Assert.Throws<WavFormatException>(() => WavReader.Read(new MemoryStream(file)));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    private static byte[] Replace(byte[] file, int offset, ReadOnlySpan<byte> bytes)
    {
        byte[] copy = (byte[])file.Clone();
        bytes.CopyTo(copy.AsSpan(offset));
        return copy;
    }

    private sealed class NonSeekableStream(byte[] bytes) : Stream
    {
        private readonly MemoryStream _inner = new(bytes);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
