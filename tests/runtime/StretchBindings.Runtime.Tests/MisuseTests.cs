namespace StretchBindings.Runtime.Tests;

/// <summary>
/// Misuse is an exception, never corruption or a crash: one instance entered by two threads at
/// once, and use after Dispose.
/// </summary>
public sealed class MisuseTests(ITestOutputHelper output)
{
    // Long enough (a few hundred milliseconds of native work) that the second thread is sure to find the
    // first one inside the native call, and still there a moment later.
    private static readonly float[] LongInput = TestSignals.Music(2, 44100, 40.0);

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
    public async Task A_second_thread_streaming_planar_audio_into_a_running_instance_is_turned_away_without_harm()
    {
        // The planar overload interleaves into buffers of its own call; an intruder must not reach them.
        float[][] planar = Planar(LongInput, 2);
        int outputFrames = planar[0].Length;
        float[][] reference = [new float[outputFrames], new float[outputFrames]];
        using (var alone = new Stretch(2, 44100))
        {
            alone.Process(planar, reference);
        }

        using var stretch = new Stretch(2, 44100);
        float[][] result = [new float[outputFrames], new float[outputFrames]];
        float[][] intruderIn = Planar(TestSignals.Music(2, 44100, 0.1, seed: 3), 2);
        float[][] intruderOut = [new float[intruderIn[0].Length], new float[intruderIn[0].Length]];
        int rejected = 0;
#pragma warning disable SB1001 // Deliberate: the test shares one instance to provoke concurrent use.
        Task streamer = Task.Factory.StartNew(() =>
        {
            while (true)
            {
                try
                {
                    stretch.Process(planar, result);
                    return;
                }
                catch (InvalidOperationException)
                {
                    // The probe below held the instance for a moment; the guard turned this call away
                    // before any native work, so the stream is still untouched: try again.
                }
            }
        }, TaskCreationOptions.LongRunning);

        // Probe with a call that changes nothing until the stream is inside the native call...
        bool inside = false;
        while (!inside && !streamer.IsCompleted)
        {
            try
            {
                _ = stretch.Channels;
            }
            catch (InvalidOperationException)
            {
                inside = true;
            }
        }

        // ...then try to stream into it.
        while (!streamer.IsCompleted)
        {
            try
            {
                stretch.Process(intruderIn, intruderOut);
            }
            catch (InvalidOperationException)
            {
                rejected++;
            }
        }
#pragma warning restore SB1001

        await streamer;
        output.WriteLine($"rejected {rejected} planar calls during the stream");
        Assert.True(rejected > 0, "the intruding thread never overlapped the stream");
        Assert.True(TestSignals.BitIdentical(reference[0], result[0]) && TestSignals.BitIdentical(reference[1], result[1]),
            "the stream's output was changed by the intruder");
    }

    [Fact]
    public async Task Dispose_from_another_thread_during_a_call_does_not_throw_and_the_instance_is_freed_when_the_call_ends()
    {
        var stretch = new Stretch(2, 44100);
#pragma warning disable SB1001 // Deliberate: the test disposes the instance while another thread renders with it.
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
        stretch.Dispose();
        stretch.Dispose();
#pragma warning restore SB1001

        // Dispose left the release to the running render; calls meanwhile see the instance disposed.
        Assert.Throws<ObjectDisposedException>(() => stretch.Channels);
        float[] result = await renderer;

        // The render ran to its end on a live instance, which its end then released.
        Assert.Equal(LongInput.Length, result.Length);
        Assert.True(TestSignals.HasSignal(result));
        Assert.True(stretch.Handle.IsClosed);
        Assert.Throws<ObjectDisposedException>(() => stretch.Channels);
        stretch.Dispose();
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

    private static float[][] Planar(float[] interleaved, int channels)
    {
        int frames = interleaved.Length / channels;
        var planar = new float[channels][];
        for (int c = 0; c < channels; c++)
        {
            planar[c] = new float[frames];
            for (int i = 0; i < frames; i++)
            {
                planar[c][i] = interleaved[i * channels + c];
            }
        }

        return planar;
    }
}
