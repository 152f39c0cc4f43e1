using NAudio.Wave;

namespace StretchBindings.NAudio;

/// <summary>Stretches WAV files through <see cref="StretchSampleProvider"/>, off the calling thread, block by block.</summary>
public static class StretchFile
{
    private const int ReadFrames = 8192;

    /// <summary>
    /// Reads <paramref name="inputPath"/> (any WAV file NAudio's <see cref="WaveFileReader"/> reads as samples:
    /// PCM 8/16/24/32-bit or float), stretches it and writes 32-bit float WAV to <paramref name="outputPath"/>,
    /// time-aligned and exactly <see cref="Stretch.OutputFrames(long, double)"/> frames long. Memory is a few
    /// blocks whatever the file's length. A cancelled or failed run deletes the partial output.
    /// </summary>
    /// <param name="inputPath">The WAV file to read.</param>
    /// <param name="outputPath">The WAV file to write (replaced).</param>
    /// <param name="tempo">Playback speed, <see cref="Stretch.MinTempo"/> to <see cref="Stretch.MaxTempo"/>.</param>
    /// <param name="semitones">Transposition, -<see cref="Stretch.MaxSemitones"/> to +<see cref="Stretch.MaxSemitones"/>.</param>
    /// <param name="preserveFormants">Whether transposed voices keep their formants.</param>
    /// <param name="preset">Quality preset.</param>
    /// <param name="progress">Receives the fraction of the input read, 0 to 1.</param>
    /// <param name="cancellationToken">Checked between blocks.</param>
    /// <returns>The output length in frames.</returns>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public static Task<long> StretchAsync(string inputPath, string outputPath, double tempo, double semitones = 0,
        bool preserveFormants = false, StretchPreset preset = StretchPreset.Default,
        IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputPath);
        ArgumentNullException.ThrowIfNull(outputPath);
        Stretch.OutputFrames(0L, tempo);
        return Task.Run(() => Run(inputPath, outputPath, tempo, semitones, preserveFormants, preset, progress, cancellationToken), cancellationToken);
    }

    private static long Run(string inputPath, string outputPath, double tempo, double semitones, bool preserveFormants,
        StretchPreset preset, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        long frames = 0;
        bool created = false;
        try
        {
            using var reader = new WaveFileReader(inputPath);
            using var provider = new StretchSampleProvider(reader.ToSampleProvider(), preset)
            {
                Tempo = tempo,
                Semitones = semitones,
                PreserveFormants = preserveFormants,
            };
            using var writer = new WaveFileWriter(outputPath, provider.WaveFormat);
            created = true;
            int channels = provider.WaveFormat.Channels;
            var buffer = new float[ReadFrames * channels];
            int read;
            while ((read = provider.Read(buffer)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                writer.WriteSamples(buffer, 0, read);
                frames += read / channels;
                progress?.Report(reader.Length == 0 ? 1 : (double)reader.Position / reader.Length);
            }

            progress?.Report(1);
            return frames;
        }
        catch when (created)
        {
            File.Delete(outputPath);
            throw;
        }
    }
}
