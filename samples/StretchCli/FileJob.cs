using System.Globalization;
using StretchBindings;
using StretchCli.Wav;

namespace StretchCli;

/// <summary>The work on one file, shared by single-file and batch runs: read, stretch, write.</summary>
public static class FileJob
{
    /// <summary>Reads <paramref name="path"/>, checking that the stretcher takes its format.</summary>
    /// <exception cref="CliException">The file cannot be read or is not supported.</exception>
    public static WavAudio Read(string path) =>
        CliException.Wrap($"cannot read {path}", () =>
        {
            WavAudio audio = WavReader.Read(path);
            CheckSampleRate(audio.Format);
            return audio;
        });

    /// <summary>Stretches <paramref name="audio"/> with <paramref name="stretch"/>.</summary>
    /// <exception cref="CliException">Stretching failed.</exception>
    public static float[] Process(Stretch stretch, WavAudio audio, StretchSettings settings, string name, Action<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(audio);
        ArgumentNullException.ThrowIfNull(settings);

        // The whole output is held in one array; say so plainly instead of failing deep inside.
        if ((long)Math.Round(audio.Frames / settings.Tempo) * audio.Format.Channels > Array.MaxLength)
        {
            throw new CliException(string.Create(CultureInfo.InvariantCulture,
                $"cannot stretch {name}: at tempo {settings.Tempo} the output would be too long to process in memory; split the file"));
        }

        return CliException.Wrap($"cannot stretch {name}", () => AudioStretcher.Run(stretch, audio.Samples, settings, progress));
    }

    /// <summary>Writes <paramref name="samples"/> to <paramref name="path"/> as <paramref name="format"/>.</summary>
    /// <exception cref="CliException">The file cannot be written.</exception>
    public static void Write(string path, WavFormat format, float[] samples) =>
        CliException.Wrap($"cannot write {path}", () =>
        {
            WavWriter.Write(path, format, samples);
            return true;
        });

    /// <summary>The format to write: the input's, or 32-bit float with the same layout.</summary>
    public static WavFormat OutputFormat(WavFormat input, bool floatOutput) => floatOutput ? input.AsFloat32() : input;

    /// <summary>The one-line report of a finished file.</summary>
    public static string Summary(string outputPath, WavFormat format, int inputFrames, int outputFrames, StretchSettings settings, TimeSpan elapsed) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{outputPath}: {(double)inputFrames / format.SampleRate:0.00} s -> {(double)outputFrames / format.SampleRate:0.00} s, {settings}; {format}; {elapsed.TotalSeconds:0.00} s");

    private static void CheckSampleRate(WavFormat format)
    {
        if (format.SampleRate < Stretch.MinSampleRate || format.SampleRate > Stretch.MaxSampleRate)
        {
            throw new WavFormatException(string.Create(CultureInfo.InvariantCulture,
                $"sample rate {format.SampleRate} Hz is not supported ({Stretch.MinSampleRate} to {Stretch.MaxSampleRate} Hz)"));
        }
    }
}
