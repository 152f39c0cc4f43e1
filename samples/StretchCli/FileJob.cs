using System.Globalization;
using StretchBindings;
using StretchCli.Wav;

namespace StretchCli;

/// <summary>Audio to stretch: its format, its length and where its frames come from.</summary>
/// <param name="Name">How messages name it (the path, or "demo").</param>
/// <param name="Format">The format read.</param>
/// <param name="Frames">Its length in frames.</param>
/// <param name="Read">Reads the next frames.</param>
public sealed record AudioSource(string Name, WavFormat Format, long Frames, FrameReader Read)
{
    /// <summary>Audio held in memory (the demo).</summary>
    public static AudioSource FromSamples(string name, WavFormat format, float[] samples)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(samples);
        int done = 0;
        return new AudioSource(name, format, samples.Length / format.Channels, destination =>
        {
            int count = Math.Min(destination.Length, samples.Length - done) / format.Channels * format.Channels;
            samples.AsSpan(done, count).CopyTo(destination);
            done += count;
            return count / format.Channels;
        });
    }
}

/// <summary>
/// The work on one file, shared by single-file and batch runs: read, stretch and write block by block, so that
/// memory stays a few blocks (plus the stretcher) whatever the file's length.
/// </summary>
public static class FileJob
{
    /// <summary>
    /// Opens <paramref name="path"/> ('-' for standard input) and reads its header. The stream is returned for the
    /// caller to dispose.
    /// </summary>
    /// <exception cref="CliException">The file cannot be opened, or its header is not a supported WAV header.</exception>
    public static (Stream Stream, AudioSource Source) Open(string path)
    {
        Stream stream = CliException.Wrap($"cannot read {path}", () => path == "-"
            ? Console.OpenStandardInput()
            : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan));
        try
        {
            WavInput input = CliException.Wrap($"cannot read {path}", () =>
            {
                WavInput opened = WavReader.Open(stream);
                CheckSampleRate(opened.Format);
                return opened;
            });
            return (stream, new AudioSource(path, input.Format, input.Frames, destination =>
            {
                try
                {
                    return input.Read(destination);
                }
                catch (Exception e) when (e is not CliException)
                {
                    throw new CliException($"cannot read {path}: {CliException.Describe(e)}", e);
                }
            }));
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Stretches <paramref name="source"/> with <paramref name="stretch"/> into <paramref name="outputPath"/>
    /// (through <see cref="OutputFile"/>) as <paramref name="outputFormat"/>. <paramref name="inputTap"/> and
    /// <paramref name="outputTap"/>, if given, see every block read and written.
    /// </summary>
    /// <returns>The output length in frames.</returns>
    /// <exception cref="CliException">Reading, stretching or writing failed.</exception>
    public static long Stretch(
        Stretch stretch, AudioSource source, string outputPath, WavFormat outputFormat, StretchSettings settings,
        Action<long>? progress = null, FrameWriter? inputTap = null, FrameWriter? outputTap = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(settings);
        long outputFrames = StretchBindings.Stretch.OutputFrames(source.Frames, settings.Tempo);
        string cannotWrite = $"cannot write {outputPath}";
        using OutputFile file = CliException.Wrap(cannotWrite, () => OutputFile.Open(outputPath));
        WavOutput output = CliException.Wrap(cannotWrite, () => new WavOutput(file.Stream, outputFormat, outputFrames));
        FrameReader read = inputTap is null ? source.Read : destination =>
        {
            int frames = source.Read(destination);
            inputTap(destination[..(frames * source.Format.Channels)]);
            return frames;
        };
        FrameWriter write = samples =>
        {
            try
            {
                output.Write(samples);
            }
            catch (Exception e) when (e is not CliException)
            {
                throw new CliException($"{cannotWrite}: {CliException.Describe(e)}", e);
            }

            outputTap?.Invoke(samples);
        };

        string name = source.Name == "-" ? "standard input" : Path.GetFileName(source.Name);
        try
        {
            AudioStretcher.Run(stretch, source.Frames, read, write, settings, progress);
        }
        catch (Exception e) when (e is not CliException)
        {
            throw new CliException($"cannot stretch {name}: {CliException.Describe(e)}", e);
        }

        CliException.Wrap(cannotWrite, () =>
        {
            output.Complete();
            file.Commit();
            return true;
        });
        return outputFrames;
    }

    /// <summary>The format to write: the input's, or 32-bit float with the same layout.</summary>
    public static WavFormat OutputFormat(WavFormat input, bool floatOutput) => floatOutput ? input.AsFloat32() : input;

    /// <summary>The one-line report of a finished file.</summary>
    public static string Summary(string outputPath, WavFormat format, long inputFrames, long outputFrames, StretchSettings settings, TimeSpan elapsed) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{outputPath}: {(double)inputFrames / format.SampleRate:0.00} s -> {(double)outputFrames / format.SampleRate:0.00} s, {settings}; {format}; {elapsed.TotalSeconds:0.00} s");

    private static void CheckSampleRate(WavFormat format)
    {
        if (format.SampleRate < StretchBindings.Stretch.MinSampleRate || format.SampleRate > StretchBindings.Stretch.MaxSampleRate)
        {
            throw new WavFormatException(string.Create(CultureInfo.InvariantCulture,
                $"sample rate {format.SampleRate} Hz is not supported ({StretchBindings.Stretch.MinSampleRate} to {StretchBindings.Stretch.MaxSampleRate} Hz)"));
        }
    }
}
