using System.CommandLine;
using System.CommandLine.Invocation;
using System.Diagnostics;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text.Json;
using StretchBindings;

namespace ParallelBenchmark;

/// <summary>
/// Serial vs parallel throughput of independent libstretch instances (the .NET twin of the Python
/// world's benchmark_multithread.py), the GC pauses an allocating thread sees meanwhile, and the same
/// harness through a deliberately wrong binding that suppresses the GC transition of a long call.
/// </summary>
internal static class Program
{
    /// <summary>Target at min(--threads, cores) threads: efficiency ≥ 0.95, that is ≥ 1.9× on 2 cores.</summary>
    private const double TargetEfficiency = 0.95;

    private static bool s_quiet;

    public static int Main(string[] args)
    {
        ParseResult parse = Options.Command.Parse(args);
        if (parse.Action is not null and not ParseErrorAction)
        {
            // --help, and the [suggest] directive of tab completion.
            return parse.Invoke();
        }

        Options options;
        try
        {
            options = Options.From(parse);
        }
        catch (OptionException exception)
        {
            Console.Error.WriteLine($"ParallelBenchmark: {exception.Message}");
            Console.Error.WriteLine("Run with --help for the options.");
            return 2;
        }

        s_quiet = options.Json;
        BenchmarkReport report = Measure(options);

        if (options.Json)
        {
            Console.WriteLine(JsonSerializer.Serialize(report, ReportJsonContext.Default.BenchmarkReport));
        }
        else
        {
            ConsoleReport.Print(report, Console.Out);
        }

        if (options.Plot is { } plot)
        {
            Charts.Save(report, plot);
            Progress($"charts written to {Path.GetFullPath(plot)}");
        }

        return report.OutputsIdentical ? 0 : 1;
    }

    private static BenchmarkReport Measure(Options options)
    {
        var machine = new MachineInfo
        {
            ProcessorCount = Environment.ProcessorCount,
            Runtime = RuntimeInformation.FrameworkDescription,
            Os = RuntimeInformation.OSDescription,
            ServerGc = GCSettings.IsServerGC,
            GcLatencyMode = GCSettings.LatencyMode.ToString(),
            LoadAverageStart = ReadLoadAverage(),
        };

        Progress($"generating {options.Seconds:0.#} s of stereo test signal...");
        float[] input = Signal.Create(options.Seconds);
        var workload = new Workload(input, input.Length / Signal.Channels / (double)Signal.SampleRate);
        var workloadInfo = new WorkloadInfo
        {
            AudioSeconds = workload.AudioSeconds,
            SampleRate = Signal.SampleRate,
            Channels = Signal.Channels,
            Tempo = Workload.Tempo,
            TransposeSemitones = Workload.TransposeSemitones,
            Preset = Workload.Preset.ToString(),
            InputSamples = input.Length,
            OutputSamples = workload.Reference.Length,
            RendersPerThread = options.Repeat,
            Rounds = options.Rounds,
            GcIntervalMs = options.GcIntervalMs,
        };
        var report = new BenchmarkReport { Machine = machine, Workload = workloadInfo, Scaling = [] };

        // The serial reference, on this thread with the generated binding; the first render is the warm-up.
        bool identical;
        using (Stretch stretch = Workload.CreateStretch())
        {
            Progress("serial reference render (warm-up)...");
            stretch.Render(input, workload.Reference);
            var again = new float[workload.Reference.Length];
            long start = Stopwatch.GetTimestamp();
            stretch.Render(input, again);
            workloadInfo.SerialRenderMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            identical = Workload.Identical(again, workload.Reference);
        }

        if (options.Sections != Sections.GcStall)
        {
            identical &= MeasureScaling(options, workload, report);
        }

        if (options.Sections != Sections.Scaling)
        {
            identical &= MeasureGcStall(options, workload, report);
        }

        report.OutputsIdentical = identical;
        report.Machine.LoadAverageEnd = ReadLoadAverage();
        return report;
    }

    private static bool MeasureScaling(Options options, Workload workload, BenchmarkReport report)
    {
        int maxThreads = options.Threads;
        var runs = new List<RunResult>[maxThreads + 1];
        var pausesStopwatch = new List<double>[maxThreads + 1];
        var pausesRuntime = new List<double>[maxThreads + 1];
        for (int n = 1; n <= maxThreads; n++)
        {
            runs[n] = [];
            pausesStopwatch[n] = [];
            pausesRuntime[n] = [];
        }

        bool identical = true;
        // Rounds are interleaved (1, 2, ..., N, 1, 2, ...) so that a change of load spreads over every row.
        for (int round = 1; round <= options.Rounds; round++)
        {
            for (int n = 1; n <= maxThreads; n++)
            {
                Progress($"scaling: round {round}/{options.Rounds}, {n} thread{(n == 1 ? "" : "s")} x {options.Repeat} renders...");
                RunResult run = Harness.Run(workload, n, options.Repeat, RenderBinding.Generated, options.GcIntervalMs);
                runs[n].Add(run);
                pausesStopwatch[n].AddRange(run.PauseStopwatchMs);
                pausesRuntime[n].AddRange(run.PauseRuntimeMs);
                identical &= run.Identical;
            }
        }

        double serialThroughput = 0;
        for (int n = 1; n <= maxThreads; n++)
        {
            // The median round gives the wall time and the render length, so that they agree with each other;
            // the pauses are those of every round.
            RunResult median = MedianRun(runs[n]);
            double wall = median.WallSeconds;
            int renderCount = n * options.Repeat;
            double throughput = renderCount * workload.AudioSeconds / wall;
            if (n == 1)
            {
                serialThroughput = throughput;
            }

            double speedup = throughput / serialThroughput;
            report.Scaling.Add(new ScalingRow
            {
                Threads = n,
                Renders = renderCount,
                WallSeconds = wall,
                RoundWallSeconds = runs[n].ConvertAll(run => run.WallSeconds),
                ThroughputRealtime = throughput,
                Speedup = speedup,
                Efficiency = speedup / n,
                MeanRenderMs = median.RenderMs.Average(),
                ThreadFinishSeconds = median.ThreadSeconds,
                ProcessCpuCores = median.ProcessCores,
                OtherCpuCores = median.OtherCores,
                GcPauseStopwatch = PauseStats.From(pausesStopwatch[n]),
                GcPauseRuntime = PauseStats.From(pausesRuntime[n]),
            });
        }

        int targetThreads = Math.Min(maxThreads, Environment.ProcessorCount);
        if (targetThreads >= 2)
        {
            ScalingRow row = report.Scaling[targetThreads - 1];
            report.Target = new TargetInfo
            {
                Threads = targetThreads,
                MinSpeedup = TargetEfficiency * targetThreads,
                MinEfficiency = TargetEfficiency,
                MeasuredSpeedup = row.Speedup,
                MeasuredEfficiency = row.Efficiency,
                Met = row.Efficiency >= TargetEfficiency,
            };
        }

        return identical;
    }

    private static bool MeasureGcStall(Options options, Workload workload, BenchmarkReport report)
    {
        // At least two threads run long calls, as in the scenario the analyzer warns about.
        int threads = Math.Max(2, options.Threads);
        var runs = new Dictionary<RenderBinding, List<RunResult>>
        {
            [RenderBinding.Generated] = [],
            [RenderBinding.SuppressedTransition] = [],
        };

        // Alternate the two bindings round by round, so that both see the same load.
        for (int round = 1; round <= options.Rounds; round++)
        {
            foreach (RenderBinding binding in (ReadOnlySpan<RenderBinding>)[RenderBinding.Generated, RenderBinding.SuppressedTransition])
            {
                Progress($"gc stall: round {round}/{options.Rounds}, {Describe(binding)}, {threads} threads x {options.Repeat} renders...");
                runs[binding].Add(Harness.Run(workload, threads, options.Repeat, binding, options.GcIntervalMs));
            }
        }

        StallRun Summarize(RenderBinding binding)
        {
            List<RunResult> results = runs[binding];
            RunResult median = MedianRun(results);
            double wall = median.WallSeconds;
            List<double> renderMs = results.SelectMany(run => run.RenderMs).ToList();
            return new StallRun
            {
                Binding = binding == RenderBinding.Generated
                    ? "Stretch.Render (generated binding, GC transition kept)"
                    : "[DllImport, SuppressGCTransition] stretch_render (wrong)",
                WallSeconds = wall,
                ThroughputRealtime = threads * options.Repeat * workload.AudioSeconds / wall,
                MeanRenderMs = renderMs.Average(),
                MaxRenderMs = renderMs.Max(),
                ProcessCpuCores = median.ProcessCores,
                OtherCpuCores = median.OtherCores,
                GcPauseStopwatch = PauseStats.From(results.SelectMany(run => run.PauseStopwatchMs).ToList()),
                GcPauseRuntime = PauseStats.From(results.SelectMany(run => run.PauseRuntimeMs).ToList()),
                OutputsIdentical = results.TrueForAll(run => run.Identical),
            };
        }

        var comparison = new GcStallComparison
        {
            Threads = threads,
            Correct = Summarize(RenderBinding.Generated),
            SuppressedTransition = Summarize(RenderBinding.SuppressedTransition),
        };
        report.GcStall = comparison;
        return comparison.Correct.OutputsIdentical && comparison.SuppressedTransition.OutputsIdentical;
    }

    private static string Describe(RenderBinding binding) =>
        binding == RenderBinding.Generated ? "correct binding" : "suppressed transition (wrong)";

    /// <summary>The round of median wall time; of an even count, the faster of the two middle ones.</summary>
    private static RunResult MedianRun(List<RunResult> runs)
    {
        RunResult[] sorted = [.. runs];
        Array.Sort(sorted, (a, b) => a.WallSeconds.CompareTo(b.WallSeconds));
        return sorted[(sorted.Length - 1) / 2];
    }

    private static string? ReadLoadAverage()
    {
        try
        {
            string text = File.ReadAllText("/proc/loadavg");
            string[] fields = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return fields.Length >= 3 ? string.Join(' ', fields[..3]) : text.Trim();
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Progress goes to stderr, and not at all with --json: stdout holds only the results.</summary>
    private static void Progress(string message)
    {
        if (!s_quiet)
        {
            Console.Error.WriteLine(message);
        }
    }
}
