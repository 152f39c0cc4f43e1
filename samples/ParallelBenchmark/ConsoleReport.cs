using System.Globalization;

namespace ParallelBenchmark;

/// <summary>The results as plain-text tables.</summary>
internal static class ConsoleReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Print(BenchmarkReport report, TextWriter o)
    {
        MachineInfo machine = report.Machine;
        WorkloadInfo workload = report.Workload;
        o.WriteLine("ParallelBenchmark: libstretch serial vs parallel, with the GC pauses seen meanwhile");
        o.WriteLine(F($"machine:  {machine.ProcessorCount} logical cores, {machine.Runtime}, {(machine.ServerGc ? "server" : "workstation")} GC ({machine.GcLatencyMode})"));
        o.WriteLine(F($"          load average (1/5/15 min) {machine.LoadAverageStart ?? "n/a"} at start, {machine.LoadAverageEnd ?? "n/a"} at end"));
        o.WriteLine(F($"workload: {workload.AudioSeconds:0.0} s of stereo {workload.SampleRate / 1000.0:0.0} kHz music-like signal (chord + vibrato + clicks),"));
        o.WriteLine(F($"          tempo {workload.Tempo}, {workload.TransposeSemitones:+0.#;-0.#} semitones, preset {workload.Preset}; one instance per thread"));
        if (workload.SerialRenderMs is { } renderMs)
        {
            o.WriteLine(F($"          one render: {renderMs:0} ms on one thread ({workload.AudioSeconds * 1000 / renderMs:0}x realtime)"));
        }

        o.WriteLine(F($"          {workload.RendersPerThread} render(s) per thread per measurement; {workload.Rounds} round(s), the median round reported,"));
        o.WriteLine("          (GC pauses: all rounds pooled)");
        o.WriteLine(F($"gc probe: an extra thread allocates garbage, then GC.Collect(0), then sleeps {workload.GcIntervalMs} ms; each collection"));
        o.WriteLine("          timed by a Stopwatch around GC.Collect (sw) and by GC.GetTotalPauseDuration deltas (rt)");
        o.WriteLine("cpu:      cores kept busy by this process / by the rest of the machine (/proc/stat), median round");
        if (report.Scaling.Count > 0)
        {
            o.WriteLine("threads done: when the first and the last thread finished, median round");
        }

        if (report.Scaling.Count > 0)
        {
            PrintScaling(report, o);
        }

        if (report.GcStall is { } stall)
        {
            PrintGcStall(stall, o);
        }

        o.WriteLine();
        o.WriteLine($"outputs identical: {(report.OutputsIdentical ? "yes" : "NO")}");
    }

    private static void PrintScaling(BenchmarkReport report, TextWriter o)
    {
        o.WriteLine();
        o.WriteLine("Scaling: generated binding (Stretch.Render), independent instances");
        var table = new Table(
            ("threads", true), ("renders", false), ("wall (s)", false), ("throughput (x realtime)", false),
            ("speedup", false), ("efficiency", false), ("render (ms)", false), ("threads done (s)", false), ("cpu: ours/others", false),
            ("GC pause sw p50/p99/max (ms)", false), ("rt p50/p99/max (ms)", false), ("GCs", false));
        foreach (ScalingRow row in report.Scaling)
        {
            table.Add(
                row.Threads == 1 ? "1 (serial)" : F($"{row.Threads}"),
                F($"{row.Renders}"),
                F($"{row.WallSeconds:0.000}"),
                F($"{row.ThroughputRealtime:0.0}"),
                F($"{row.Speedup:0.00}x"),
                F($"{row.Efficiency:0.00}"),
                F($"{row.MeanRenderMs:0}"),
                row.ThreadFinishSeconds.Count == 1 ? F($"{row.ThreadFinishSeconds[0]:0.00}") : F($"{row.ThreadFinishSeconds.Min():0.00}-{row.ThreadFinishSeconds.Max():0.00}"),
                Cores(row.ProcessCpuCores, row.OtherCpuCores),
                Pauses(row.GcPauseStopwatch),
                Pauses(row.GcPauseRuntime),
                F($"{row.GcPauseStopwatch.Count}"));
        }

        table.Write(o);
        if (report.Target is { } target)
        {
            o.WriteLine(F($"target: speedup >= {target.MinSpeedup:0.00}x at {target.Threads} threads (efficiency >= {target.MinEfficiency:0.00}): ") +
                (target.Met ? "met" : "NOT met") + F($" (measured {target.MeasuredSpeedup:0.00}x, efficiency {target.MeasuredEfficiency:0.00})"));
            ScalingRow row = report.Scaling[target.Threads - 1];
            if (!target.Met && row.OtherCpuCores is { } others && others >= 0.1)
            {
                o.WriteLine(F($"        other processes kept {others:0.00} of the {report.Machine.ProcessorCount} cores busy during that round, so the {target.Threads} threads"));
                o.WriteLine("        could not all run at once: run again on an idle machine before drawing conclusions");
            }
        }
        else
        {
            o.WriteLine("target: speedup >= 1.9x on 2 cores (efficiency >= 0.95): not evaluated (fewer than 2 threads or cores)");
        }
    }

    private static void PrintGcStall(GcStallComparison stall, TextWriter o)
    {
        o.WriteLine();
        o.WriteLine(F($"GC pauses while {stall.Threads} threads render: correct binding vs suppressed transition (wrong)"));
        StallRun good = stall.Correct;
        StallRun bad = stall.SuppressedTransition;
        var table = new Table(("", true), ("correct: Stretch.Render", false), ("suppressed transition (wrong)", false));
        table.Add("binding", "generated, GC transition kept", "[DllImport, SuppressGCTransition]");
        table.Add("collections measured", F($"{good.GcPauseStopwatch.Count}"), F($"{bad.GcPauseStopwatch.Count}"));
        table.Add("GC pause sw p50 (ms)", Ms(good.GcPauseStopwatch.P50Ms), Ms(bad.GcPauseStopwatch.P50Ms));
        table.Add("GC pause sw p99 (ms)", Ms(good.GcPauseStopwatch.P99Ms), Ms(bad.GcPauseStopwatch.P99Ms));
        table.Add("GC pause sw max (ms)", Ms(good.GcPauseStopwatch.MaxMs), Ms(bad.GcPauseStopwatch.MaxMs));
        table.Add("GC pause rt p50 (ms)", Ms(good.GcPauseRuntime.P50Ms), Ms(bad.GcPauseRuntime.P50Ms));
        table.Add("GC pause rt p99 (ms)", Ms(good.GcPauseRuntime.P99Ms), Ms(bad.GcPauseRuntime.P99Ms));
        table.Add("GC pause rt max (ms)", Ms(good.GcPauseRuntime.MaxMs), Ms(bad.GcPauseRuntime.MaxMs));
        table.Add("render mean / max (ms)", F($"{good.MeanRenderMs:0} / {good.MaxRenderMs:0}"), F($"{bad.MeanRenderMs:0} / {bad.MaxRenderMs:0}"));
        table.Add("wall (s)", F($"{good.WallSeconds:0.000}"), F($"{bad.WallSeconds:0.000}"));
        table.Add("cpu: ours/others (cores)", Cores(good.ProcessCpuCores, good.OtherCpuCores), Cores(bad.ProcessCpuCores, bad.OtherCpuCores));
        table.Add("throughput (x realtime)", F($"{good.ThroughputRealtime:0.0}"), F($"{bad.ThroughputRealtime:0.0}"));
        table.Add("outputs identical", good.OutputsIdentical ? "yes" : "NO", bad.OutputsIdentical ? "yes" : "NO");
        table.Write(o);
        o.WriteLine("With the transition suppressed, a collection cannot start until every thread is out of its native call:");
        o.WriteLine(F($"the median pause ({Ms(bad.GcPauseStopwatch.P50Ms)} ms) is about one render ({good.MeanRenderMs:0} ms through the correct binding), against {Ms(good.GcPauseStopwatch.P50Ms)} ms"));
        o.WriteLine(F($"(max {Ms(good.GcPauseStopwatch.MaxMs)} ms) with the correct binding. The wrong binding's renders also lengthen: a thread that returns"));
        o.WriteLine("while a collection waits is held until the other threads return too.");
    }

    private static string Cores(double process, double? other) =>
        F($"{process:0.00}/") + (other is { } value ? value.ToString("0.00", Invariant) : "n/a");

    private static string Pauses(PauseStats stats) =>
        stats.Count == 0 ? "n/a" : F($"{Ms(stats.P50Ms)} / {Ms(stats.P99Ms)} / {Ms(stats.MaxMs)}");

    /// <summary>Milliseconds with three significant-ish digits: 0.123, 1.23, 12.3, 123.</summary>
    private static string Ms(double value) => double.IsNaN(value)
        ? "n/a"
        : value switch
        {
            < 1 => value.ToString("0.000", Invariant),
            < 10 => value.ToString("0.00", Invariant),
            < 100 => value.ToString("0.0", Invariant),
            _ => value.ToString("0", Invariant),
        };

    private static string F(FormattableString text) => text.ToString(Invariant);

    /// <summary>A plain-text table: columns sized to their content, numbers right-aligned.</summary>
    private sealed class Table
    {
        private readonly (string Header, bool LeftAligned)[] _columns;
        private readonly List<string[]> _rows = [];

        public Table(params (string Header, bool LeftAligned)[] columns) => _columns = columns;

        public void Add(params string[] cells) => _rows.Add(cells);

        public void Write(TextWriter o)
        {
            var widths = new int[_columns.Length];
            for (int c = 0; c < _columns.Length; c++)
            {
                widths[c] = _columns[c].Header.Length;
                foreach (string[] row in _rows)
                {
                    widths[c] = Math.Max(widths[c], row[c].Length);
                }
            }

            WriteRow(o, Array.ConvertAll(_columns, column => column.Header), widths);
            o.WriteLine(string.Join("  ", Array.ConvertAll(widths, width => new string('-', width))));
            foreach (string[] row in _rows)
            {
                WriteRow(o, row, widths);
            }
        }

        private void WriteRow(TextWriter o, string[] cells, int[] widths)
        {
            var parts = new string[cells.Length];
            for (int c = 0; c < cells.Length; c++)
            {
                parts[c] = _columns[c].LeftAligned ? cells[c].PadRight(widths[c]) : cells[c].PadLeft(widths[c]);
            }

            o.WriteLine(string.Join("  ", parts).TrimEnd());
        }
    }
}
