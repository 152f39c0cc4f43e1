using System.Diagnostics;
using Spectre.Console;
using StretchBindings;
using StretchCli.CommandLine;
using StretchCli.Wav;

namespace StretchCli;

/// <summary>Stretches one WAV file, or the built-in demo.</summary>
public static class SingleFileCommand
{
    /// <summary>The demo is written at 24 bits unless --float: more than enough, and every player reads it.</summary>
    public static readonly WavFormat DemoFormat = WavFormat.Pcm(DemoSignal.Channels, DemoSignal.SampleRate, 24);

    /// <summary>Runs <paramref name="options"/> (<see cref="CliMode.File"/> or <see cref="CliMode.Demo"/>).</summary>
    /// <exception cref="CliException">Reading, stretching or writing failed.</exception>
    public static int Run(CliOptions options, TextWriter output, IAnsiConsole? progressConsole)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);

        var clock = Stopwatch.StartNew();
        bool demo = options.Mode == CliMode.Demo;
        string outputPath;
        Stream? inputStream = null;
        AudioSource source;
        if (demo)
        {
            source = AudioSource.FromSamples("demo", DemoFormat, DemoSignal.Create());
            outputPath = options.Output ?? Program.DefaultDemoPath;
            string? folder = outputPath == "-" ? null : Path.GetDirectoryName(Path.GetFullPath(outputPath));
            if (folder is not null)
            {
                CliException.Wrap($"cannot create {folder}", () => Directory.CreateDirectory(folder));
            }
        }
        else
        {
            string input = options.Input ?? throw new UsageException("missing input file");
            outputPath = options.Output ?? throw new UsageException("missing output file");
            (inputStream, source) = FileJob.Open(input);
        }

        using (inputStream)
        {
            WavFormat format = source.Format;
            WavFormat outputFormat = FileJob.OutputFormat(format, options.FloatOutput);
            Plots.SpectrogramPair? plot = options.Plot is null ? null : new Plots.SpectrogramPair(format.Channels, format.SampleRate, source.Frames,
                Stretch.OutputFrames(source.Frames, options.Settings.Tempo));
            long outputFrames;
            using (var stretch = CliException.Wrap("cannot create the stretcher", () => new Stretch(format.Channels, format.SampleRate, options.Settings.Preset)))
            {
                long Work(Action<long>? progress) =>
                    FileJob.Stretch(stretch, source, outputPath, outputFormat, options.Settings, progress,
                        plot is null ? null : plot.AddInput, plot is null ? null : plot.AddOutput);

                if (progressConsole is null)
                {
                    outputFrames = Work(null);
                }
                else
                {
                    outputFrames = progressConsole.Progress()
                        .AutoClear(true)
                        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                        .Start(context =>
                        {
                            ProgressTask task = context.AddTask(Markup.Escape(Path.GetFileName(source.Name)), maxValue: Math.Max(1, source.Frames));
                            return Work(frames => task.Value = frames);
                        });
                }
            }

            if (plot is not null && options.Plot is { } plotPath)
            {
                CliException.Wrap($"cannot write {plotPath}", () =>
                {
                    plot.Save(plotPath, Path.GetFileName(source.Name), options.Settings.ToString());
                    return true;
                });
            }

            string shownPath = demo && outputPath != "-" ? Path.GetFullPath(outputPath) : outputPath;
            string summary = FileJob.Summary(shownPath, outputFormat, source.Frames, outputFrames, options.Settings, clock.Elapsed);
            output.WriteLine(demo ? $"demo written to {summary}" : summary);
        }

        return Program.ExitOk;
    }
}
