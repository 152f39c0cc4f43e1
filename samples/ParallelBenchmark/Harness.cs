using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using StretchBindings;

namespace ParallelBenchmark;

/// <summary>How the workers call <c>stretch_render</c>.</summary>
internal enum RenderBinding
{
    /// <summary><see cref="Stretch.Render(ReadOnlySpan{float}, Span{float})"/>: the generated binding, GC transition kept.</summary>
    Generated,

    /// <summary><see cref="WrongBinding"/>: a hand-written import with <c>[SuppressGCTransition]</c>.</summary>
    SuppressedTransition,
}

/// <summary>The input every worker renders, its settings and the serial reference output.</summary>
internal sealed class Workload
{
    public const double Tempo = 1.25;
    public const double TransposeSemitones = 3;
    public const StretchPreset Preset = StretchPreset.Default;

    public Workload(float[] input, double audioSeconds)
    {
        Input = input;
        AudioSeconds = audioSeconds;
        int outputFrames = Stretch.OutputFrames(input.Length / Signal.Channels, Tempo);
        Reference = new float[outputFrames * Signal.Channels];
    }

    public float[] Input { get; }

    /// <summary>The serial reference: every other output must match it bit for bit.</summary>
    public float[] Reference { get; }

    public double AudioSeconds { get; }

    public static Stretch CreateStretch()
    {
        var stretch = new Stretch(Signal.Channels, Signal.SampleRate, Preset);
        stretch.SetTransposeSemitones(TransposeSemitones);
        return stretch;
    }

    public static void Render(Stretch stretch, ReadOnlySpan<float> input, Span<float> output, RenderBinding binding)
    {
        if (binding == RenderBinding.Generated)
        {
            stretch.Render(input, output);
        }
        else
        {
            WrongBinding.Render(stretch, input, output);
        }
    }

    /// <summary>Bit-for-bit comparison (NaN and -0 included), as bytes.</summary>
    public static bool Identical(ReadOnlySpan<float> a, ReadOnlySpan<float> b) =>
        MemoryMarshal.AsBytes(a).SequenceEqual(MemoryMarshal.AsBytes(b));
}

/// <summary>
/// One measurement: its wall time, every render's length, when each worker finished (seconds after the
/// start), the pauses seen meanwhile, and the cores used by this process and by others.
/// </summary>
internal sealed record RunResult(
    double WallSeconds,
    List<double> RenderMs,
    List<double> ThreadSeconds,
    bool Identical,
    List<double> PauseStopwatchMs,
    List<double> PauseRuntimeMs,
    double ProcessCores,
    double? OtherCores);

/// <summary>
/// Runs <c>threads</c> workers, each with its own <see cref="Stretch"/> and output buffer, that render the
/// same input <c>repeat</c> times, while the <see cref="GcProbe"/> thread allocates and collects.
/// </summary>
internal static class Harness
{
    public static RunResult Run(Workload workload, int threads, int repeat, RenderBinding binding, int gcIntervalMs)
    {
        var results = new WorkerResult?[threads];
        var failures = new Exception?[threads];
        using var ready = new Barrier(threads + 1);
        var workers = new Thread[threads];
        for (int t = 0; t < threads; t++)
        {
            int index = t;
            workers[t] = new Thread(() =>
            {
                try
                {
                    results[index] = Work(workload, repeat, binding, ready);
                }
                catch (Exception exception)
                {
                    failures[index] = exception;
                    try
                    {
                        ready.RemoveParticipant();   // do not leave the others waiting at the barrier
                    }
                    catch (InvalidOperationException)
                    {
                        // Already past the barrier.
                    }
                }
            })
            {
                IsBackground = true,
                Name = $"render-{index}",
            };
        }

        using var probe = new GcProbe(gcIntervalMs);
        foreach (Thread worker in workers)
        {
            worker.Start();
        }

        // Every worker has created its instance and rendered once (warm-up); release them all at once.
        ready.SignalAndWait();
        CpuMeter cpu = CpuMeter.Start();
        long start = Stopwatch.GetTimestamp();
        probe.Start();
        foreach (Thread worker in workers)
        {
            worker.Join();
        }

        long end = Stopwatch.GetTimestamp();
        double wallSeconds = Stopwatch.GetElapsedTime(start, end).TotalSeconds;
        (double processCores, double? otherCores) = cpu.Stop(wallSeconds);
        (List<double> pauseStopwatchMs, List<double> pauseRuntimeMs) = probe.Stop(end);

        if (Array.Find(failures, failure => failure is not null) is { } firstFailure)
        {
            ExceptionDispatchInfo.Throw(firstFailure);
        }

        var renderMs = new List<double>(threads * repeat);
        var threadSeconds = new List<double>(threads);
        bool identical = true;
        foreach (WorkerResult? result in results)
        {
            renderMs.AddRange(result!.RenderMs);
            threadSeconds.Add(Stopwatch.GetElapsedTime(start, result.Finished).TotalSeconds);
            identical &= result.Identical;
        }

        return new RunResult(wallSeconds, renderMs, threadSeconds, identical, pauseStopwatchMs, pauseRuntimeMs, processCores, otherCores);
    }

    private static WorkerResult Work(Workload workload, int repeat, RenderBinding binding, Barrier ready)
    {
        // One instance per thread: Stretch is single-threaded, and independent instances share nothing.
        using Stretch stretch = Workload.CreateStretch();
        var output = new float[workload.Reference.Length];

        // Warm-up: JIT, first touch of the buffers, the instance's own memory.
        Workload.Render(stretch, workload.Input, output, binding);
        bool identical = Workload.Identical(output, workload.Reference);
        ready.SignalAndWait();

        var renderMs = new double[repeat];
        for (int i = 0; i < repeat; i++)
        {
            long start = Stopwatch.GetTimestamp();
            Workload.Render(stretch, workload.Input, output, binding);
            renderMs[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;

            // Inside the timed region: a memcmp of the output, well under 1% of a render.
            identical &= Workload.Identical(output, workload.Reference);
        }

        return new WorkerResult(renderMs, identical, Stopwatch.GetTimestamp());
    }

    private sealed record WorkerResult(double[] RenderMs, bool Identical, long Finished);
}
