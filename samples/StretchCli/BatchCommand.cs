using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using StretchCli.CommandLine;
using StretchCli.Wav;

namespace StretchCli;

/// <summary>
/// Stretches every regular .wav file of a folder on all cores (others, such as FIFOs, are skipped and named). Each worker owns its <see cref="StretchCache"/>, so no
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

        // Regular files only: opening a FIFO named *.wav would wait for a writer forever.
        (string[] inputs, string[] skipped) = CliException.Wrap($"cannot list {inputFolder}", () =>
        {
            string[] candidates = Directory.EnumerateFiles(inputFolder)
                .Where(path => path.EndsWith(".wav", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
                .ToArray();
            // One look at each file, so that none can land in both lists or in neither.
            ILookup<bool, string> byRegular = candidates.ToLookup(path => FileKind.Of(path) == FileKind.Kind.Regular);
            return (byRegular[true].ToArray(), byRegular[false].ToArray());
        });
        foreach (string path in skipped)
        {
            output.WriteLine($"skipped {Path.GetFileName(path)}: not a regular file");
        }

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

    private static string? StretchOne(StretchCache cache, string input, string output, CliOptions options, Action<long, long>? progress)
    {
        try
        {
            (Stream stream, AudioSource source) = FileJob.Open(input);
            using (stream)
            {
                var stretch = CliException.Wrap("cannot create the stretcher", () => cache.Get(source.Format.Channels, source.Format.SampleRate));
                FileJob.Stretch(stretch, source, output, FileJob.OutputFormat(source.Format, options.FloatOutput), options.Settings,
                    progress is null ? null : frames => progress(frames, source.Frames));
            }

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
        public Action<long, long> Start(int index)
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
