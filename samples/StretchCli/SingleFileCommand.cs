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
        WavAudio audio;
        string outputPath;
        string name;
        if (demo)
        {
            audio = new WavAudio(DemoFormat, DemoSignal.Create());
            outputPath = options.Output ?? Program.DefaultDemoPath;
            name = "demo";
            string? folder = Path.GetDirectoryName(Path.GetFullPath(outputPath));
            if (folder is not null)
            {
                CliException.Wrap($"cannot create {folder}", () => Directory.CreateDirectory(folder));
            }
        }
        else
        {
            string input = options.Input ?? throw new UsageException("missing input file");
            outputPath = options.Output ?? throw new UsageException("missing output file");
            audio = FileJob.Read(input);
            name = Path.GetFileName(input);
        }

        WavFormat format = audio.Format;
        float[] stretched;
        using (var stretch = CliException.Wrap("cannot create the stretcher", () => new Stretch(format.Channels, format.SampleRate, options.Settings.Preset)))
        {
            if (progressConsole is null)
            {
                stretched = FileJob.Process(stretch, audio, options.Settings, name);
            }
            else
            {
                stretched = progressConsole.Progress()
                    .AutoClear(true)
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                    .Start(context =>
                    {
                        ProgressTask task = context.AddTask(Markup.Escape(name), maxValue: Math.Max(1, audio.Frames));
                        return FileJob.Process(stretch, audio, options.Settings, name, frames => task.Value = frames);
                    });
            }
        }

        WavFormat outputFormat = FileJob.OutputFormat(format, options.FloatOutput);
        FileJob.Write(outputPath, outputFormat, stretched);

        string shownPath = demo ? Path.GetFullPath(outputPath) : outputPath;
        string summary = FileJob.Summary(shownPath, outputFormat, audio.Frames, stretched.Length / format.Channels, options.Settings, clock.Elapsed);
        output.WriteLine(demo ? $"demo written to {summary}" : summary);
        return Program.ExitOk;
    }
}
