namespace StretchBindings.Runtime.Tests;

/// <summary>
/// Misuse is an exception, never corruption or a crash: one instance entered by two threads at
/// once, and use after Dispose.
/// </summary>
public sealed class MisuseTests(ITestOutputHelper output)
{
    // Long enough that the second thread is sure to find the first one inside the native call.
    private static readonly float[] LongInput = TestSignals.Music(2, 44100, 8.0);

    [Fact]
    public async Task A_second_thread_entering_a_running_instance_gets_InvalidOperationException_and_the_first_call_is_unharmed()
    {
        float[] reference;
        using (var alone = new Stretch(2, 44100))
        {
            reference = alone.Render(LongInput, 1.25);
        }

        using var stretch = new Stretch(2, 44100);
        int rejected = 0;
        int admitted = 0;
        var intruder = new float[2048];
#pragma warning disable SB1001 // Deliberate: the test shares one instance to provoke concurrent use.
        var renderer = StartRendering(stretch, 1.25);
        while (!renderer.IsCompleted)
        {
            try
            {
                // A short call and a long one: both must be turned away while the render runs.
                _ = stretch.Channels;
                stretch.Process(intruder, intruder);
                admitted++;
            }
            catch (InvalidOperationException exception)
            {
                rejected++;
                Assert.Contains("another thread", exception.Message, StringComparison.Ordinal);
            }
        }
#pragma warning restore SB1001

        float[] result = await renderer;
        output.WriteLine($"rejected {rejected} calls during the render, admitted {admitted} (before it began or after it ended)");
        Assert.True(rejected > 0, "the intruding thread never overlapped the render");
        Assert.True(TestSignals.BitIdentical(reference, result), "the interrupted-upon render differs from a render alone");

        // The instance is still whole: the next render gives the same bits again.
        Assert.True(TestSignals.BitIdentical(reference, stretch.Render(LongInput, 1.25)));
    }

    [Fact]
    public async Task Dispose_from_another_thread_during_a_call_is_refused_and_the_call_completes()
    {
        var stretch = new Stretch(2, 44100);
        var renderer = StartRendering(stretch, 1.0);

        // A short call that is refused proves the render holds the instance (it runs for far longer).
        bool held = false;
        while (!held && !renderer.IsCompleted)
        {
            try
            {
                _ = stretch.Channels;
            }
            catch (InvalidOperationException)
            {
                held = true;
            }
        }

        Assert.True(held, "the render ended before the test saw it running");
        var refusal = Record.Exception(stretch.Dispose);
        float[] result = await renderer;

        Assert.IsType<InvalidOperationException>(refusal);
        Assert.Equal(LongInput.Length, result.Length);
        Assert.True(TestSignals.HasSignal(result));

        // Once the call is over, Dispose goes through.
        stretch.Dispose();
        Assert.Throws<ObjectDisposedException>(() => stretch.Channels);
    }

    [Fact]
    public void Every_member_throws_ObjectDisposedException_after_Dispose()
    {
        var stretch = new Stretch(2, 44100);
        stretch.Dispose();
        var buffer = new float[2048];

        Assert.Throws<ObjectDisposedException>(() => stretch.Process(buffer, buffer));
        Assert.Throws<ObjectDisposedException>(() => stretch.Render(buffer, buffer));
        Assert.Throws<ObjectDisposedException>(() => stretch.Render(buffer, 1.25));
        Assert.Throws<ObjectDisposedException>(() => stretch.Flush(buffer));
        Assert.Throws<ObjectDisposedException>(() => stretch.Flush());
        Assert.Throws<ObjectDisposedException>(stretch.Reset);
        Assert.Throws<ObjectDisposedException>(() => stretch.SetTransposeSemitones(1));
        Assert.Throws<ObjectDisposedException>(() => stretch.SetFormantPreservation(true));
        Assert.Throws<ObjectDisposedException>(() => stretch.InputLatency);
        Assert.Throws<ObjectDisposedException>(() => stretch.TailFrames);

        // Disposing twice is allowed, as for every IDisposable.
        stretch.Dispose();
    }

    /// <summary>
    /// Renders <see cref="LongInput"/> on a thread of its own. The render is retried if the test's own
    /// probing happened to hold the instance at the moment it began.
    /// </summary>
    private static Task<float[]> StartRendering(Stretch stretch, double tempo) =>
        Task.Factory.StartNew(() =>
        {
            while (true)
            {
                try
                {
                    return stretch.Render(LongInput, tempo);
                }
                catch (InvalidOperationException)
                {
                }
            }
        }, TaskCreationOptions.LongRunning);

    [Fact]
    public async Task An_instance_may_move_between_threads_when_its_uses_do_not_overlap()
    {
        float[] input = TestSignals.Music(2, 44100, 0.5);
        using var stretch = new Stretch(2, 44100);
        float[] here = stretch.Render(input, 1.25);

        float[] there = await Task.Run(() => stretch.Render(input, 1.25));

        Assert.True(TestSignals.BitIdentical(here, there));
    }
}
