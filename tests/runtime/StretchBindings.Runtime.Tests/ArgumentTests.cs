namespace StretchBindings.Runtime.Tests;

/// <summary>Bad arguments throw ArgumentExceptions that name the parameter and say what to do.</summary>
public sealed class ArgumentTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(9)]
    public void A_channel_count_outside_1_to_8_is_refused(int channels)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => new Stretch(channels, 44100));
        Assert.Equal("channels", exception.ParamName);
        Assert.Contains("1 to 8", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(7999.0)]
    [InlineData(192001.0)]
    [InlineData(0.0)]
    public void A_sample_rate_that_is_not_finite_or_out_of_range_is_refused(double sampleRate)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => new Stretch(2, sampleRate));
        Assert.Equal("sampleRate", exception.ParamName);
        Assert.Contains("8000 to 192000", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_preset_is_refused()
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => new Stretch(2, 44100, (StretchPreset)7));
        Assert.Equal("preset", exception.ParamName);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(24.5)]
    [InlineData(-30.0)]
    [InlineData(double.NegativeInfinity)]
    public void A_transposition_out_of_range_or_NaN_is_refused(double semitones)
    {
        using var stretch = new Stretch(1, 44100);
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => stretch.SetTransposeSemitones(semitones));
        Assert.Equal("semitones", exception.ParamName);
        Assert.Contains("-24 to +24", exception.Message, StringComparison.Ordinal);

        var factor = Assert.Throws<ArgumentOutOfRangeException>(() => stretch.SetTransposeFactor(double.IsNaN(semitones) ? semitones : 8.0));
        Assert.Equal("factor", factor.ParamName);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(0.0)]
    [InlineData(0.2)]
    [InlineData(4.5)]
    [InlineData(-1.0)]
    public void A_tempo_out_of_range_or_NaN_is_refused(double tempo)
    {
        using var stretch = new Stretch(2, 44100);
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => stretch.Render(new float[2000], tempo));
        Assert.Equal("tempo", exception.ParamName);
        Assert.Contains("0.25", exception.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Stretch.OutputFrames(1000, tempo));
    }

    [Fact]
    public void A_buffer_that_is_not_whole_frames_is_refused()
    {
        using var stretch = new Stretch(2, 44100);
        var process = Assert.Throws<ArgumentException>(() => stretch.Process(new float[2001], new float[2000]));
        Assert.Equal("input", process.ParamName);
        Assert.Contains("2-channel frames", process.Message, StringComparison.Ordinal);

        var output = Assert.Throws<ArgumentException>(() => stretch.Render(new float[2000], new float[2001]));
        Assert.Equal("output", output.ParamName);

        Assert.Throws<ArgumentException>(() => stretch.Render(new float[3], 1.0));
        Assert.Throws<ArgumentException>(() => stretch.Flush(new float[3]));
    }

    [Theory]
    [InlineData(1000, 5000)]
    [InlineData(8000, 1000)]
    [InlineData(0, 1000)]
    [InlineData(1000, 0)]
    public void A_render_whose_lengths_give_a_ratio_beyond_4_is_refused(int inputFrames, int outputFrames)
    {
        using var stretch = new Stretch(1, 44100);
        var exception = Assert.Throws<ArgumentException>(() => stretch.Render(new float[inputFrames], new float[outputFrames]));
        Assert.Contains("1/4 to 4 times", exception.Message, StringComparison.Ordinal);
        Assert.Contains("OutputFrames", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_streaming_call_with_a_ratio_beyond_4_is_refused_but_short_uneven_blocks_pass()
    {
        using var stretch = new Stretch(1, 44100);
        Assert.Throws<ArgumentException>(() => stretch.Process(new float[4096], new float[500]));

        // Below the checked length a block may split the ratio unevenly, as block rounding needs.
        stretch.Process(new float[100], new float[1]);
    }

    [Fact]
    public void Planar_arrays_must_match_the_instance_and_each_other()
    {
        using var stretch = new Stretch(2, 44100);
        var count = Assert.Throws<ArgumentException>(() => stretch.Render([new float[100]], 1.0));
        Assert.Contains("2 channels, not 1", count.Message, StringComparison.Ordinal);

        var lengths = Assert.Throws<ArgumentException>(() => stretch.Render([new float[100], new float[99]], 1.0));
        Assert.Contains("one length", lengths.Message, StringComparison.Ordinal);

        Assert.Throws<ArgumentException>(() => stretch.Render([new float[100], null!], 1.0));
        Assert.Throws<ArgumentNullException>(() => stretch.Render((float[][])null!, 1.0));
    }

    [Fact]
    public void Non_finite_input_samples_are_treated_as_silence_not_an_error()
    {
        using var stretch = new Stretch(1, 44100);
        float[] input = TestSignals.Music(1, 44100, 0.3);
        float[] silenced = (float[])input.Clone();
        float[] poisoned = (float[])input.Clone();
        for (int i = 5000; i < 5100; i++)
        {
            silenced[i] = 0;
            poisoned[i] = i % 2 == 0 ? float.NaN : float.PositiveInfinity;
        }

        float[] expected = stretch.Render(silenced, 1.25);
        float[] actual = stretch.Render(poisoned, 1.25);

        Assert.All(actual, sample => Assert.True(float.IsFinite(sample)));
        Assert.True(TestSignals.BitIdentical(expected, actual));
    }
}
