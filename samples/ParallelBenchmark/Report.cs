using System.Text.Json.Serialization;

namespace ParallelBenchmark;

/// <summary>Everything the benchmark measured: printed as a table, or as JSON with <c>--json</c>.</summary>
internal sealed class BenchmarkReport
{
    public required MachineInfo Machine { get; init; }

    public required WorkloadInfo Workload { get; init; }

    /// <summary>Rows of the scaling table, thread counts 1..N; empty with <c>--gc-stall</c>.</summary>
    public required List<ScalingRow> Scaling { get; init; }

    public TargetInfo? Target { get; set; }

    /// <summary>The correct and the deliberately wrong binding side by side; null with <c>--no-gc-stall</c>.</summary>
    public GcStallComparison? GcStall { get; set; }

    /// <summary>Every output of every run was bit-identical to the serial reference.</summary>
    public bool OutputsIdentical { get; set; }
}

internal sealed class MachineInfo
{
    public required int ProcessorCount { get; init; }

    public required string Runtime { get; init; }

    public required string Os { get; init; }

    public required bool ServerGc { get; init; }

    public required string GcLatencyMode { get; init; }

    /// <summary>/proc/loadavg when the benchmark started (1, 5 and 15 minute averages).</summary>
    public required string? LoadAverageStart { get; init; }

    /// <summary>/proc/loadavg when it ended.</summary>
    public string? LoadAverageEnd { get; set; }
}

internal sealed class WorkloadInfo
{
    public required double AudioSeconds { get; init; }

    public required int SampleRate { get; init; }

    public required int Channels { get; init; }

    public required double Tempo { get; init; }

    public required double TransposeSemitones { get; init; }

    public required string Preset { get; init; }

    public required int InputSamples { get; init; }

    public required int OutputSamples { get; init; }

    /// <summary>Renders per worker in one measurement.</summary>
    public required int RendersPerThread { get; init; }

    /// <summary>Measurements of each row; the tables report the median round (wall time); the GC pauses are those of every round.</summary>
    public required int Rounds { get; init; }

    /// <summary>Sleep of the allocating thread between two GC.Collect(0) calls.</summary>
    public required int GcIntervalMs { get; init; }

    /// <summary>Length of one render of the serial reference, after warm-up.</summary>
    public double? SerialRenderMs { get; set; }
}

internal sealed class ScalingRow
{
    public required int Threads { get; init; }

    /// <summary>Renders per measurement (threads × renders per thread).</summary>
    public required int Renders { get; init; }

    /// <summary>Wall time of the median round (of an even count, the faster of the two middle rounds).</summary>
    public required double WallSeconds { get; init; }

    public required List<double> RoundWallSeconds { get; init; }

    /// <summary>Seconds of input audio rendered per wall-clock second.</summary>
    public required double ThroughputRealtime { get; init; }

    /// <summary>Throughput relative to the one-thread (serial) row.</summary>
    public required double Speedup { get; init; }

    /// <summary>Speedup divided by the thread count.</summary>
    public required double Efficiency { get; init; }

    /// <summary>Mean length of one render call in the median round.</summary>
    public required double MeanRenderMs { get; init; }

    /// <summary>When each thread finished its renders in the median round, in seconds from the start.</summary>
    public required List<double> ThreadFinishSeconds { get; init; }

    /// <summary>Cores this process kept busy in the median round (CPU time / wall time).</summary>
    public required double ProcessCpuCores { get; init; }

    /// <summary>Cores the rest of the machine kept busy meanwhile (from /proc/stat); null where unknown.</summary>
    public required double? OtherCpuCores { get; init; }

    /// <summary>GC pauses of the allocating thread during every round, timed with a Stopwatch.</summary>
    public required PauseStats GcPauseStopwatch { get; init; }

    /// <summary>The same collections, by GC.GetTotalPauseDuration deltas.</summary>
    public required PauseStats GcPauseRuntime { get; init; }
}

internal sealed class TargetInfo
{
    public required int Threads { get; init; }

    public required double MinSpeedup { get; init; }

    public required double MinEfficiency { get; init; }

    public required double MeasuredSpeedup { get; init; }

    public required double MeasuredEfficiency { get; init; }

    public required bool Met { get; init; }
}

internal sealed class GcStallComparison
{
    public required int Threads { get; init; }

    /// <summary>The generated binding: <c>Stretch.Render</c>, which keeps the GC transition.</summary>
    public required StallRun Correct { get; init; }

    /// <summary>A hand-written <c>[DllImport, SuppressGCTransition]</c> of <c>stretch_render</c> (wrong).</summary>
    public required StallRun SuppressedTransition { get; init; }
}

internal sealed class StallRun
{
    public required string Binding { get; init; }

    public required double WallSeconds { get; init; }

    public required double ThroughputRealtime { get; init; }

    public required double MeanRenderMs { get; init; }

    public required double MaxRenderMs { get; init; }

    /// <summary>Cores this process kept busy in the median round.</summary>
    public required double ProcessCpuCores { get; init; }

    /// <summary>Cores the rest of the machine kept busy meanwhile; null where unknown.</summary>
    public required double? OtherCpuCores { get; init; }

    public required PauseStats GcPauseStopwatch { get; init; }

    public required PauseStats GcPauseRuntime { get; init; }

    public required bool OutputsIdentical { get; init; }
}

/// <summary>Nearest-rank percentiles of a set of pauses, in milliseconds.</summary>
internal sealed class PauseStats
{
    public required int Count { get; init; }

    public required double P50Ms { get; init; }

    public required double P99Ms { get; init; }

    public required double MaxMs { get; init; }

    public static PauseStats From(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            return new PauseStats { Count = 0, P50Ms = double.NaN, P99Ms = double.NaN, MaxMs = double.NaN };
        }

        double[] sorted = [.. values];
        Array.Sort(sorted);
        return new PauseStats
        {
            Count = sorted.Length,
            P50Ms = Percentile(sorted, 0.50),
            P99Ms = Percentile(sorted, 0.99),
            MaxMs = sorted[^1],
        };
    }

    private static double Percentile(double[] sorted, double fraction)
    {
        int rank = (int)Math.Ceiling(fraction * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}

[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(BenchmarkReport))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
