namespace StretchBindings.Runtime.Tests;

/// <summary>The hand-written conveniences agree with the generated members they build on.</summary>
public sealed class StretchApiTests
{
    [Theory]
    [InlineData(1000, 1.25, 800)]
    [InlineData(1000, 0.8, 1250)]
    [InlineData(3, 2.0, 2)]
    [InlineData(0, 1.5, 0)]
    [InlineData(1001, 1.0, 1001)]
    [InlineData(5, 4.0, 2)]
    [InlineData(4097, 4.0, 1025)]
    [InlineData(1, 3.0, 1)]
    public void OutputFrames_is_the_input_length_divided_by_the_tempo_rounded_within_the_accepted_ratio(int input, double tempo, int expected) =>
        Assert.Equal(expected, Stretch.OutputFrames(input, tempo));

    [Theory]
    [InlineData(1, 3.0)]
    [InlineData(5, 4.0)]
    [InlineData(9, 4.0)]
    [InlineData(4097, 4.0)]
    [InlineData(3, 0.25)]
    public void Every_length_renders_at_every_tempo_of_the_range(int frames, double tempo)
    {
        using var stretch = new Stretch(2, 44100);
        float[] output = stretch.Render(new float[frames * 2], tempo);
        Assert.Equal(Stretch.OutputFrames(frames, tempo) * 2, output.Length);

        float[] once = Stretch.Render(new float[frames * 2], 2, 44100, tempo);
        Assert.Equal(output.Length, once.Length);
    }

    [Fact]
    public void Render_with_a_tempo_returns_the_expected_length_and_the_same_bits_as_the_span_overload()
    {
        float[] input = TestSignals.Music(2, 44100, 0.8);
        using var stretch = new Stretch(2, 44100);
        stretch.SetTransposeSemitones(3);

        float[] byTempo = stretch.Render(input, 1.25);
        var bySpan = new float[Stretch.OutputFrames(input.Length / 2, 1.25) * 2];
        stretch.Render(input, bySpan);

        Assert.Equal(bySpan.Length, byTempo.Length);
        Assert.True(TestSignals.HasSignal(byTempo));
        Assert.True(TestSignals.BitIdentical(bySpan, byTempo));
    }

    [Fact]
    public void Planar_render_and_process_equal_their_interleaved_forms()
    {
        float[] interleaved = TestSignals.Music(2, 44100, 0.5);
        int frames = interleaved.Length / 2;
        float[][] planar = [new float[frames], new float[frames]];
        for (int i = 0; i < frames; i++)
        {
            planar[0][i] = interleaved[2 * i];
            planar[1][i] = interleaved[2 * i + 1];
        }

        using var stretch = new Stretch(2, 44100);
        float[] expected = stretch.Render(interleaved, 0.8);
        float[][] actual = stretch.Render(planar, 0.8);
        AssertInterleavedEquals(expected, actual);

        stretch.Reset();
        var streamed = new float[interleaved.Length];
        stretch.Process(interleaved, streamed);
        stretch.Reset();
        float[][] planarOutput = [new float[frames], new float[frames]];
        stretch.Process(planar, planarOutput);
        AssertInterleavedEquals(streamed, planarOutput);
    }

    [Fact]
    public void Flush_returns_the_tail_and_then_only_silence()
    {
        float[] input = TestSignals.Music(1, 44100, 0.5);
        using var stretch = new Stretch(1, 44100);
        int outputFrames = Stretch.OutputFrames(input.Length, 1.25);
        var head = new float[outputFrames];
        stretch.Process(input, head);

        int tail = stretch.TailFrames;
        Assert.True(tail > stretch.OutputLatency, $"tail {tail} should outlast the output latency {stretch.OutputLatency}");
        float[] flushed = stretch.Flush();
        Assert.Equal(tail, flushed.Length);
        Assert.True(TestSignals.HasSignal(flushed), "the tail holds the delayed end of the input");

        float[] after = stretch.Flush();
        Assert.All(after, sample => Assert.Equal(0f, sample));
    }

    [Fact]
    public void Configuration_is_reported_back()
    {
        using var stretch = new Stretch(3, 48000, StretchPreset.Cheaper);
        Assert.Equal(3, stretch.Channels);
        Assert.Equal(48000, stretch.SampleRate);
        Assert.Equal(StretchPreset.Cheaper, stretch.Preset);
        Assert.True(stretch.InputLatency > 0);
        Assert.True(stretch.OutputLatency > 0);

        using var best = new Stretch(3, 48000);
        Assert.Equal(StretchPreset.Default, best.Preset);
        Assert.True(best.InputLatency > stretch.InputLatency, "the cheaper preset has the shorter blocks");
    }

    [Fact]
    public void An_instance_wrapped_from_its_handle_works_and_owns_it()
    {
        float[] input = TestSignals.Music(2, 44100, 0.3);
        var original = new Stretch(2, 44100);
        float[] expected = original.Render(input, 1.25);

        using (var wrapped = new Stretch(original.Handle))
        {
            Assert.Equal(2, wrapped.Channels);
            Assert.True(TestSignals.BitIdentical(expected, wrapped.Render(input, 1.25)));
        }

        // Disposing the wrapper released the one native instance both objects stood for.
        Assert.True(original.Handle.IsClosed);
        Assert.Throws<ObjectDisposedException>(() => original.Channels);
        original.Dispose();
    }

    [Fact]
    public void The_native_version_matches_the_package()
    {
        Version package = typeof(Stretch).Assembly.GetName().Version!;
        Assert.Equal($"{package.Major}.{package.Minor}.{package.Build}", Stretch.NativeVersion);
    }

    [Fact]
    public void A_StretchException_carries_the_typed_status_the_function_and_the_librarys_own_message()
    {
        // The message comes from the native stretch_status_message.
        var exception = new StretchException(StretchStatus.ErrorBadState, "stretch_process");
        Assert.Equal(StretchStatus.ErrorBadState, exception.Status);
        Assert.Equal("stretch_process", exception.Function);
        Assert.Contains("state", exception.Message, StringComparison.OrdinalIgnoreCase);
        Assert.True(StretchException.IsError(StretchStatus.ErrorBadState));
        Assert.False(StretchException.IsError(StretchStatus.Ok));
    }

    private static void AssertInterleavedEquals(float[] interleaved, float[][] planar)
    {
        int channels = planar.Length;
        Assert.Equal(interleaved.Length, planar.Sum(c => c.Length));
        for (int c = 0; c < channels; c++)
        {
            for (int i = 0; i < planar[c].Length; i++)
            {
                Assert.Equal(BitConverter.SingleToInt32Bits(interleaved[i * channels + c]), BitConverter.SingleToInt32Bits(planar[c][i]));
            }
        }
    }
}
