namespace StretchCli.Wav;

/// <summary>Decoded audio: interleaved float samples in [-1, 1] and the format they were read from.</summary>
/// <param name="Format">The file's format.</param>
/// <param name="Samples">Interleaved samples, <c>Frames * Format.Channels</c> of them.</param>
public sealed record WavAudio(WavFormat Format, float[] Samples)
{
    /// <summary>Number of frames.</summary>
    public int Frames => Samples.Length / Format.Channels;

    /// <summary>Length in seconds.</summary>
    public double Duration => (double)Frames / Format.SampleRate;
}
