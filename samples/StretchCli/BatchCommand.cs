using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using StretchCli.CommandLine;
using StretchCli.Wav;

namespace StretchCli;

/// <summary>
/// Stretches every .wav file of a folder on all cores. Each worker owns its <see cref="StretchCache"/>, so no
/// Stretch instance is ever shared between threads. A failed file is reported and the others go on.
/// </summary>
public static class BatchCommand
{
    /// <summary>Runs <paramref name="options"/> (<see cref="CliMode.Batch"/>).</summary>
    /// <returns><see cref="Program.ExitOk"/> when every file was stretched, <see cref="Program.ExitFailed"/> otherwise.</returns>
    public static int Run(CliOptions options, TextWriter output, TextWriter error, IAnsiConsole? progressConsole)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        string inputFolder = options.Input ?? throw new UsageException("--batch needs an input folder");
        string outputFolder = options.Output ?? throw new UsageException("--batch needs an output folder");
        if (!Directory.Exists(inputFolder))
        {
            throw new CliException($"input folder {inputFolder} does not exist");
        }

        string[] inputs = CliException.Wrap($"cannot list {inputFolder}", () => Directory.EnumerateFiles(inputFolder)
            .Where(path => path.EndsWith(".wav", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToArray());
        if (inputs.Length == 0)
        {
            throw new CliException($"no .wav files in {inputFolder}");
        }

        CliException.Wrap($"cannot create {outputFolder}", () => Directory.CreateDirectory(outputFolder));
        string[] outputs = inputs.Select(path => Path.Combine(outputFolder, Path.GetFileName(path))).ToArray();

        var clock = Stopwatch.StartNew();
        string?[] failures = progressConsole is null
            ? RunAll(inputs, outputs, options, reporter: null)
            : progressConsole.Progress()
                .AutoClear(true)
                .HideCompleted(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .Start(context => RunAll(inputs, outputs, options, new ProgressReporter(context, inputs)));

        int failed = 0;
        for (int i = 0; i < failures.Length; i++)
        {
            if (failures[i] is { } message)
            {
                error.WriteLine($"error: {message}");
                failed++;
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{inputs.Length - failed} of {inputs.Length} files stretched into {outputFolder} ({options.Settings}), {failed} failed; {clock.Elapsed.TotalSeconds:0.00} s"));
        return failed == 0 ? Program.ExitOk : Program.ExitFailed;
    }

    /// <summary>Stretches each input into its output; returns, per file, null or why it failed.</summary>
    private static string?[] RunAll(string[] inputs, string[] outputs, CliOptions options, ProgressReporter? reporter)
    {
        var failures = new string?[inputs.Length];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount };
        // One file at a time per worker: files differ in length, so handing them out in chunks would leave cores idle.
        var files = Partitioner.Create(Enumerable.Range(0, inputs.Length), EnumerablePartitionerOptions.NoBuffering);
        Parallel.ForEach(
            files,
            parallel,
            () => new StretchCache(options.Settings.Preset),
            (index, _, cache) =>
            {
                failures[index] = StretchOne(cache, inputs[index], outputs[index], options, reporter?.Start(index));
                return cache;
            },
            cache => cache.Dispose());
        return failures;
    }

    private static string? StretchOne(StretchCache cache, string input, string output, CliOptions options, Action<int, int>? progress)
    {
        try
        {
            WavAudio audio = FileJob.Read(input);
            var stretch = CliException.Wrap("cannot create the stretcher", () => cache.Get(audio.Format.Channels, audio.Format.SampleRate));
            float[] stretched = FileJob.Process(stretch, audio, options.Settings, Path.GetFileName(input),
                progress is null ? null : frames => progress(frames, audio.Frames));
            FileJob.Write(output, FileJob.OutputFormat(audio.Format, options.FloatOutput), stretched);
            return null;
        }
        catch (Exception e)
        {
            return CliException.Describe(e);
        }
        finally
        {
            progress?.Invoke(1, 1);
        }
    }

    /// <summary>Draws a bar for the whole batch (weighted by file size) and one for each file being stretched.</summary>
    private sealed class ProgressReporter
    {
        private readonly ProgressContext _context;
        private readonly string[] _inputs;
        private readonly long[] _sizes;
        private readonly ProgressTask _overall;

        public ProgressReporter(ProgressContext context, string[] inputs)
        {
            _context = context;
            _inputs = inputs;
            _sizes = inputs.Select(path => Math.Max(1, new FileInfo(path).Length)).ToArray();
            _overall = context.AddTask(string.Create(CultureInfo.InvariantCulture, $"{inputs.Length} files"), maxValue: _sizes.Sum());
        }

        /// <summary>Adds the bar of file <paramref name="index"/>; the callback takes (frames done, frames in all).</summary>
        public Action<int, int> Start(int index)
        {
            ProgressTask task = _context.AddTask(Markup.Escape(Path.GetFileName(_inputs[index])), maxValue: 1);
            double reported = 0;
            return (done, total) =>
            {
                double fraction = total == 0 ? 1 : (double)done / total;
                task.Value = fraction;
                _overall.Increment((fraction - reported) * _sizes[index]);
                reported = fraction;
                if (fraction >= 1)
                {
                    task.StopTask();
                }
            };
        }
    }
}
