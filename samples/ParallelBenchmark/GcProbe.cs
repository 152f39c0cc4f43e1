using System.Diagnostics;

namespace ParallelBenchmark;

/// <summary>
/// The extra allocating thread: allocates garbage, forces a gen-0 collection, times it, sleeps, again.
/// Each collection is timed two ways: a Stopwatch around <see cref="GC.Collect(int)"/> (what the
/// allocating thread waits, suspension of the other threads included) and the delta of
/// <see cref="GC.GetTotalPauseDuration"/> (the runtime's own pause accounting).
/// </summary>
internal sealed class GcProbe : IDisposable
{
    private const int ObjectsPerIteration = 2_000;
    private const int ObjectSize = 100;

    private readonly int _intervalMs;
    private readonly Thread _thread;
    private readonly List<Sample> _samples = new(capacity: 4_096);
    private readonly ManualResetEventSlim _recording = new(false);
    private volatile bool _stop;
    private object? _sink;

    public GcProbe(int intervalMs)
    {
        _intervalMs = intervalMs;
        _thread = new Thread(Run) { IsBackground = true, Name = "gc-probe" };
        _thread.Start();
    }

    /// <summary>Starts recording pauses (the probe idles until then).</summary>
    public void Start() => _recording.Set();

    /// <summary>
    /// Stops the thread and returns the pauses, in milliseconds, of the collections that started before
    /// <paramref name="endTimestamp"/> (a <see cref="Stopwatch"/> timestamp: when the workers finished).
    /// </summary>
    public (List<double> StopwatchMs, List<double> RuntimeMs) Stop(long endTimestamp)
    {
        _stop = true;
        _recording.Set();
        _thread.Join();
        var stopwatchMs = new List<double>(_samples.Count);
        var runtimeMs = new List<double>(_samples.Count);
        foreach (Sample sample in _samples)
        {
            if (sample.Start < endTimestamp)
            {
                stopwatchMs.Add(sample.StopwatchMs);
                runtimeMs.Add(sample.RuntimeMs);
            }
        }

        return (stopwatchMs, runtimeMs);
    }

    public void Dispose()
    {
        if (_thread.IsAlive)
        {
            Stop(Stopwatch.GetTimestamp());
        }

        _recording.Dispose();
    }

    private void Run()
    {
        _recording.Wait();
        while (!_stop)
        {
            // Short-lived garbage for the gen-0 collection to sweep; only the last object survives.
            for (int i = 0; i < ObjectsPerIteration; i++)
            {
                _sink = new byte[ObjectSize];
            }

            TimeSpan pauseBefore = GC.GetTotalPauseDuration();
            long start = Stopwatch.GetTimestamp();
            GC.Collect(0, GCCollectionMode.Forced, blocking: true);
            long end = Stopwatch.GetTimestamp();
            TimeSpan pauseAfter = GC.GetTotalPauseDuration();

            _samples.Add(new Sample(
                start, Stopwatch.GetElapsedTime(start, end).TotalMilliseconds, (pauseAfter - pauseBefore).TotalMilliseconds));
            if (_intervalMs > 0 && !_stop)
            {
                Thread.Sleep(_intervalMs);
            }
        }

        GC.KeepAlive(_sink);
    }

    private readonly record struct Sample(long Start, double StopwatchMs, double RuntimeMs);
}
