using System.Reflection;
using StretchBindings.Generator.Tests.Native;
using StretchBindings.Interop;

namespace StretchBindings.Generator.Tests.EndToEnd;

/// <summary>libstretch through the projection generated from its checked-in manifest.</summary>
public sealed unsafe class StretchTests
{
    [Fact]
    public void The_raw_layer_keeps_c_names_and_reads_strings()
    {
        string headerVersion = $"{StretchNative.STRETCH_VERSION_MAJOR}.{StretchNative.STRETCH_VERSION_MINOR}.{StretchNative.STRETCH_VERSION_PATCH}";
        Assert.Equal(headerVersion, NativeStrings.FromUtf8NullTerminated(StretchNative.stretch_version()));
        Assert.Equal("success", NativeStrings.FromUtf8NullTerminated(StretchNative.stretch_status_message(StretchStatus.Ok)));
        Assert.Equal(8, StretchNative.STRETCH_MAX_CHANNELS);
    }

    [Fact]
    public void An_instance_reports_its_configuration()
    {
        using var stretch = new Stretch(2, 48000, StretchPreset.Default);
        Assert.Equal(2, stretch.Channels);
        Assert.True(stretch.InputLatency > 0);
        Assert.True(stretch.OutputLatency > 0);
        Assert.True(stretch.TailFrames >= stretch.OutputLatency);
    }

    [Fact]
    public void Process_and_flush_stream_audio_through_spans()
    {
        using var stretch = new Stretch(1, 48000, StretchPreset.Cheaper);
        stretch.SetTransposeSemitones(3);
        stretch.SetFormantPreservation(1);
        float[] input = Enumerable.Range(0, 4800).Select(i => MathF.Sin(i * 0.05f)).ToArray();
        float[] output = new float[9600];
        stretch.Process(input, output);
        float[] tail = new float[stretch.TailFrames];
        stretch.Flush(tail);
        Assert.Contains(output.Concat(tail), sample => MathF.Abs(sample) > 0.01f);
    }

    [Fact]
    public void Render_stretches_a_whole_buffer()
    {
        using var stretch = new Stretch(2, 44100, StretchPreset.Default);
        float[] input = Enumerable.Range(0, 2 * 8820).Select(i => MathF.Sin(i * 0.01f)).ToArray();
        float[] output = new float[2 * 17640];
        stretch.Render(input, output);
        Assert.Contains(output, sample => MathF.Abs(sample) > 0.01f);
    }

    [Fact]
    public void A_status_error_is_a_typed_exception_with_the_native_message()
    {
        using var stretch = new Stretch(2, 48000, StretchPreset.Default);
        StretchException error = Assert.Throws<StretchException>(() => stretch.Process(new float[3], new float[4]));
        Assert.Equal(StretchStatus.ErrorBadLength, error.Status);
        Assert.Equal("stretch_process", error.Function);
        Assert.StartsWith("bad length", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<NativeStatusException>(error);

        StretchException range = Assert.Throws<StretchException>(() => stretch.SetTransposeSemitones(100));
        Assert.Equal(StretchStatus.ErrorOutOfRange, range.Status);
    }

    [Fact]
    public void A_failing_create_throws()
    {
        StretchException error = Assert.Throws<StretchException>(() => new Stretch(99, 48000, StretchPreset.Default));
        Assert.Equal(StretchStatus.ErrorOutOfRange, error.Status);
        Assert.Equal("stretch_create", error.Function);
    }

    [Fact]
    public void A_disposed_instance_throws_ObjectDisposedException()
    {
        var stretch = new Stretch(1, 48000, StretchPreset.Default);
        stretch.Dispose();
        Assert.True(stretch.Handle.IsClosed);
        Assert.Throws<ObjectDisposedException>(() => stretch.Reset());
        stretch.Dispose();
    }

    [Fact]
    public void The_instance_type_is_marked_not_thread_safe()
    {
        Assert.NotNull(typeof(Stretch).GetCustomAttribute<NotThreadSafeAttribute>());
        Assert.Equal("StretchBindings.Interop.NotThreadSafeAttribute", typeof(NotThreadSafeAttribute).FullName);
    }

    [Fact]
    public void Use_while_another_call_holds_the_instance_is_refused_and_Dispose_waits_for_that_call()
    {
        var stretch = new Stretch(1, 48000, StretchPreset.Default);

        // Stand in for a second thread that is in the middle of a call.
        using (stretch.Handle.Lease(nameof(Stretch)))
        {
            InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => stretch.Reset());
            Assert.Contains("another thread", error.Message, StringComparison.Ordinal);

            // Dispose does not throw, and does not free the instance under the running call.
            stretch.Dispose();
            Assert.False(stretch.Handle.IsClosed);
            Assert.Throws<ObjectDisposedException>(() => stretch.Reset());
        }

        // The call's end released it.
        Assert.True(stretch.Handle.IsClosed);
        Assert.Throws<ObjectDisposedException>(() => stretch.Channels);
        stretch.Dispose();
    }

    [Fact]
    public void Concurrent_callers_get_exceptions_not_corruption()
    {
        using var stretch = new Stretch(2, 48000, StretchPreset.Default);
        float[][] inputs = [new float[2 * 4800], new float[2 * 4800]];
        int conflicts = 0;
        var start = new Barrier(2);
        Parallel.For(0, 2, worker =>
        {
            float[] output = new float[2 * 4800];
            start.SignalAndWait();
            for (int i = 0; i < 200; i++)
            {
                try
                {
                    stretch.Process(inputs[worker], output);
                }
                catch (InvalidOperationException)
                {
                    Interlocked.Increment(ref conflicts);
                }
            }
        });

        // Whether the two threads ever overlapped depends on scheduling; every overlap was caught, and the instance still works.
        Assert.InRange(conflicts, 0, 400);
        stretch.Reset();
        Assert.Equal(2, stretch.Channels);
    }

    [Fact]
    public void The_handle_is_usable_for_raw_calls()
    {
        using var stretch = new Stretch(2, 48000, StretchPreset.Default);
        Assert.Equal(2, StretchNative.stretch_channels(stretch.Handle.Pointer));
        float[] input = new float[2 * 480];
        float[] output = new float[2 * 480];
        Assert.Equal(StretchStatus.Ok, StretchNative.stretch_process(stretch.Handle.Pointer, input, output));
    }
}
