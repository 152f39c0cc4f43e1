using System.Diagnostics;

namespace StretchBindings.Runtime.Tests;

/// <summary>
/// Long native calls keep their GC transition, so the garbage collector never waits for them: a
/// thread that allocates and collects while two threads run long Process calls sees pauses as short
/// as without them. (The opposite, a long call wrongly marked SuppressGCTransition, stalls every
/// collection until it returns; samples/ParallelBenchmark shows it.)
/// </summary>
public sealed class GcPauseTests(ITestOutputHelper output)
{
    private const double Tempo = 1.25;
    private static readonly TimeSpan MinimumCall = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan PauseBound = TimeSpan.FromMilliseconds(50);

    // Five minutes of stereo audio (about 100 MB of input): calls of 200 ms even at 1,500x realtime.
    private const double MaximumSeconds = 300;

    [Fact]
    public async Task Collections_are_not_held_up_by_long_Process_calls_on_two_threads()
    {
        double[] baseline = MeasurePauses(TimeSpan.FromMilliseconds(500), () => false);

        // The machine's speed varies with its load: lengthen the input until every call lasts long enough.
        double seconds = SecondsForCallsOf(MinimumCall);
        for (int attempt = 1; ; attempt++)
        {
            (double[] during, TimeSpan shortestCall, int calls) = await MeasureDuringLongCalls(TestSignals.Music(2, 44100, seconds));
            output.WriteLine($"attempt {attempt}: {seconds:F1} s of audio per call; {calls} native calls, shortest {shortestCall.TotalMilliseconds:F0} ms");
            if (shortestCall < MinimumCall && attempt < 4)
            {
                seconds = Math.Min(MaximumSeconds, seconds * 2 * MinimumCall / shortestCall);
                continue;
            }

            output.WriteLine($"GC pauses alone:            {Describe(baseline)}");
            output.WriteLine($"GC pauses during the calls: {Describe(during)}");
            Assert.True(shortestCall >= MinimumCall, $"the native calls were too short to prove anything ({shortestCall.TotalMilliseconds:F0} ms)");
            Assert.True(during.Length >= 20, $"only {during.Length} collections were measured");
            // 50 ms, or twice what collections take without the native work when other processes load the
            // machine; a collector that waited for the calls would pause for about a call (200 ms or more).
            double p99 = Percentile(during, 0.99);
            double bound = Math.Max(PauseBound.TotalMilliseconds, 2 * Percentile(baseline, 0.99));
            Assert.True(bound < shortestCall.TotalMilliseconds / 2, $"the machine is too loaded to tell: p99 GC pause {Percentile(baseline, 0.99):F1} ms with no native work");
            Assert.True(p99 < bound,
                $"p99 GC pause {p99:F1} ms (bound {bound:F0} ms) while native calls of {shortestCall.TotalMilliseconds:F0} ms or more ran: the collector waited for them");
            return;
        }
    }

    /// <summary>Two threads run Process on their own instances while this one allocates and collects.</summary>
    private static async Task<(double[] Pauses, TimeSpan ShortestCall, int Calls)> MeasureDuringLongCalls(float[] input)
    {
        using var stop = new CancellationTokenSource();
        var callTimes = new List<TimeSpan>[2];
        var workers = new Task[2];
        for (int w = 0; w < workers.Length; w++)
        {
            var times = callTimes[w] = new List<TimeSpan>();
            workers[w] = Task.Factory.StartNew(() =>
            {
                using var stretch = new Stretch(2, 44100);
                var outputBuffer = new float[Stretch.OutputFrames(input.Length / 2, Tempo) * 2];
                // Three calls each at least, and on until the collecting thread is done.
                while (times.Count < 3 || !stop.IsCancellationRequested)
                {
                    var watch = Stopwatch.StartNew();
                    stretch.Process(input, outputBuffer);
                    times.Add(watch.Elapsed);
                }
            }, TaskCreationOptions.LongRunning);
        }

        double[] during = MeasurePauses(TimeSpan.FromSeconds(1.5), () => workers.Any(w => w.IsCompleted));
        stop.Cancel();
        await Task.WhenAll(workers);
        List<TimeSpan> all = callTimes.SelectMany(t => t).ToList();
        return (during, all.Min(), all.Count);
    }

    /// <summary>Seconds of audio whose Process call lasts about twice the given time on this machine, measured.</summary>
    private static double SecondsForCallsOf(TimeSpan minimum)
    {
        const double probeSeconds = 2.0;
        float[] probe = TestSignals.Music(2, 44100, probeSeconds);
        using var stretch = new Stretch(2, 44100);
        var outputBuffer = new float[Stretch.OutputFrames(probe.Length / 2, Tempo) * 2];
        stretch.Process(probe, outputBuffer);
        var watch = Stopwatch.StartNew();
        stretch.Process(probe, outputBuffer);
        double perSecond = watch.Elapsed.TotalSeconds / probeSeconds;
        return Math.Clamp(2 * minimum.TotalSeconds / perSecond, probeSeconds, MaximumSeconds);
    }

    /// <summary>Allocates garbage and times blocking gen-0 collections, in milliseconds.</summary>
    private static double[] MeasurePauses(TimeSpan duration, Func<bool> abort)
    {
        var pauses = new List<double>();
        var total = Stopwatch.StartNew();
        var keep = new object[64];
        int n = 0;
        while (total.Elapsed < duration && !abort())
        {
            for (int i = 0; i < 2000; i++)
            {
                keep[n++ % keep.Length] = new byte[256];
            }

            long start = Stopwatch.GetTimestamp();
            GC.Collect(0, GCCollectionMode.Forced, blocking: true);
            pauses.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            Thread.Sleep(5);
        }

        GC.KeepAlive(keep);
        return pauses.ToArray();
    }

    private static double Percentile(double[] values, double p)
    {
        double[] sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }

    private static string Describe(double[] pauses) =>
        pauses.Length == 0 ? "none" : $"{pauses.Length} collections, p50 {Percentile(pauses, 0.5):F2} ms, p99 {Percentile(pauses, 0.99):F2} ms, max {pauses.Max():F2} ms";
}
