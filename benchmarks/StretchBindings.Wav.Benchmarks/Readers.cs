using NAudio.Wave;
using StretchCli.Wav;

namespace StretchBindings.Wav.Benchmarks;

/// <summary>Both sides reading a whole stream as float samples, block by block, the way the CLI streams a file.</summary>
public static class Readers
{
    public const int BlockFrames = 4096;

    /// <summary>The CLI's reader; returns the frames read.</summary>
    public static long Ours(Stream stream, float[] block)
    {
        WavInput input = WavReader.Open(stream);
        long frames = 0;
        int got;
        while ((got = input.Read(block)) > 0)
        {
            frames += got;
        }

        return frames;
    }

    /// <summary>NAudio.Core's WaveFileReader through its sample provider (floats, as the stretcher takes them).</summary>
    public static long NAudio(Stream stream, float[] block)
    {
        using var reader = new WaveFileReader(stream);
        ISampleProvider samples = reader.ToSampleProvider();
        int channels = reader.WaveFormat.Channels;
        long frames = 0;
        int got;
        while ((got = samples.Read(block.AsSpan(0, block.Length / channels * channels))) > 0)
        {
            frames += got / channels;
        }

        return frames;
    }

    public static long Read(string side, Stream stream, float[] block) =>
        side == "ours" ? Ours(stream, block) : NAudio(stream, block);
}
