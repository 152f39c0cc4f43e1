using System.Runtime.InteropServices;

namespace StretchBindings.Runtime.Tests;

/// <summary>
/// Long native calls keep their GC transition, so the garbage collector never waits for them: a
/// collection started while another thread is inside a long Process call finishes before that call does.
/// </summary>
/// <remarks>
/// The check is an ordering, not a time. The call writes its output front to back, so "first sample
/// written, last sample not yet" means the thread is inside the native code, and a collection that
/// returns while the last sample is still unwritten did not wait for the call. A collector that waited
/// (a long call wrongly marked SuppressGCTransition) can only return once the call has returned, that is
/// after the last sample was written: the control test makes that call and sees no such collection.
/// The machine's load changes how often the probe gets a chance, never what it observes.
/// </remarks>
public sealed class GcPauseTests(ITestOutputHelper output)
{
    private const double Tempo = 1.25;

    // Ten seconds of stereo audio: calls of tens of milliseconds even at several hundred times realtime,
    // against gen-0 collections of a millisecond or so.
    private const double InputSeconds = 10;

    [Fact]
    public void Collections_finish_while_a_long_Process_call_is_still_running()
    {
        float[] input = TestSignals.Music(2, 44100, InputSeconds);
        using var stretch = new Stretch(2, 44100);
        var outputBuffer = new float[Stretch.OutputFrames(input.Length / 2, Tempo) * 2];

        Probe probe = CollectDuringCalls(outputBuffer, () => stretch.Process(input, outputBuffer), maximumCalls: 40, enough: 5);

        output.WriteLine($"generated binding: {probe}");
        Assert.True(probe.FinishedFirst >= 3,
            $"only {probe.FinishedFirst} of {probe.Collections} collections started during {probe.Calls} Process calls finished before the call: {probe}");
    }

    /// <summary>
    /// The control: the same call through a function pointer marked SuppressGCTransition. Every collection
    /// started during it has to wait for it, so the probe above can tell the two apart.
    /// </summary>
    [Fact]
    public unsafe void The_probe_sees_a_collector_that_waits_for_the_call()
    {
        float[] input = TestSignals.Music(2, 44100, InputSeconds);
        var outputBuffer = new float[Stretch.OutputFrames(input.Length / 2, Tempo) * 2];
        nint library = NativeLibrary.Load("stretch", typeof(Stretch).Assembly, null);
        var create = (delegate* unmanaged<int, double, int, nint*, int>)NativeLibrary.GetExport(library, "stretch_create");
        var destroy = (delegate* unmanaged<nint, void>)NativeLibrary.GetExport(library, "stretch_destroy");
        var process = (delegate* unmanaged[SuppressGCTransition]<nint, float*, int, float*, int, int>)NativeLibrary.GetExport(library, "stretch_process");
        nint created;
        Assert.Equal(0, create(2, 44100, 0, &created));
        nint instance = created;
        try
        {
            Probe probe = CollectDuringCalls(outputBuffer, () =>
            {
                fixed (float* source = input)
                fixed (float* target = outputBuffer)
                {
                    Assert.Equal(0, process(instance, source, input.Length, target, outputBuffer.Length));
                }
            }, maximumCalls: 6, enough: int.MaxValue);

            output.WriteLine($"SuppressGCTransition: {probe}");
            Assert.True(probe.Collections >= 2, $"too few collections started during the calls to judge: {probe}");
            Assert.Equal(0, probe.FinishedFirst);
        }
        finally
        {
            destroy(instance);
        }
    }

    private readonly record struct Probe(int Calls, int Collections, int FinishedFirst)
    {
        public override string ToString() =>
            $"{Calls} calls, {Collections} collections started inside one, {FinishedFirst} finished before it";
    }

    /// <summary>
    /// One thread repeats <paramref name="call"/>, clearing its output to NaN before each; this one starts a
    /// blocking gen-0 collection whenever a call is inside the native code, and sees whether the call is still
    /// there when the collection returns. Stops after <paramref name="maximumCalls"/> calls, or once
    /// <paramref name="enough"/> collections finished first.
    /// </summary>
    private static Probe CollectDuringCalls(float[] outputBuffer, Action call, int maximumCalls, int enough)
    {
        int calls = 0;
        int phase = 0;
        bool stop = false;
        Exception? failure = null;
        var worker = new Thread(() =>
        {
            try
            {
                while (calls < maximumCalls && !Volatile.Read(ref stop))
                {
                    Array.Fill(outputBuffer, float.NaN);
                    // Odd while call number k runs (2k + 1), even between calls: the buffer is cleared for
                    // the call whenever the phase is odd. (Array.Fill's own order of stores is unspecified.)
                    Volatile.Write(ref phase, 2 * calls + 1);
                    call();
                    Volatile.Write(ref phase, 2 * calls + 2);
                    Interlocked.Increment(ref calls);
                }
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        worker.Start();

        int collections = 0;
        int finishedFirst = 0;
        var garbage = new object[64];
        int allocated = 0;
        while (worker.IsAlive)
        {
            // A call is running on a cleared buffer; its first sample is written and its last is not, both
            // read while the phase stayed the same: the thread is inside the native code of that call.
            int running = Volatile.Read(ref phase);
            bool inside = running % 2 == 1 &&
                          !float.IsNaN(Volatile.Read(ref outputBuffer[0])) &&
                          float.IsNaN(Volatile.Read(ref outputBuffer[^1])) &&
                          Volatile.Read(ref phase) == running;
            if (inside)
            {
                for (int i = 0; i < 1000; i++)
                {
                    garbage[allocated++ % garbage.Length] = new byte[256];
                }

                GC.Collect(0, GCCollectionMode.Forced, blocking: true);
                collections++;
                // Still unwritten, and still the same call: the collection did not wait for it.
                if (float.IsNaN(Volatile.Read(ref outputBuffer[^1])) && Volatile.Read(ref phase) == running)
                {
                    finishedFirst++;
                    if (finishedFirst >= enough)
                    {
                        Volatile.Write(ref stop, true);
                    }
                }

                // Wait for the next call: one collection per call keeps the counts independent.
                int call0 = Volatile.Read(ref calls);
                while (worker.IsAlive && Volatile.Read(ref calls) == call0)
                {
                    Thread.Sleep(1);
                }
            }
            else
            {
                Thread.Sleep(1);
            }
        }

        worker.Join();
        GC.KeepAlive(garbage);
        if (failure is not null)
        {
            throw new InvalidOperationException("the call failed on its thread", failure);
        }

        return new Probe(calls, collections, finishedFirst);
    }
}
