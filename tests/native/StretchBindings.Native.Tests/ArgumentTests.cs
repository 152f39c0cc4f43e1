namespace StretchBindings.Native.Tests;

/// <summary>Bad arguments give the documented negative status, never a crash.</summary>
public class ArgumentTests
{
    private static readonly IntPtr Garbage = new(0x1234);

    [Fact]
    public void Create_with_null_out_pointer_is_invalid_argument()
    {
        Assert.Equal(StretchStatus.InvalidArgument, NativeMethods.CreateRaw(2, 48000, StretchPreset.Default, IntPtr.Zero));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(NativeMethods.MaxChannels + 1)]
    public void Create_with_unsupported_channel_count_is_out_of_range(int channels)
    {
        IntPtr handle = Garbage;
        Assert.Equal(StretchStatus.OutOfRange, NativeMethods.Create(channels, 48000, StretchPreset.Default, ref handle));
        Assert.Equal(IntPtr.Zero, handle);
    }

    [Theory]
    [InlineData(NativeMethods.MinSampleRate - 1)]
    [InlineData(NativeMethods.MaxSampleRate + 1)]
    [InlineData(0.0)]
    [InlineData(-48000.0)]
    public void Create_with_unsupported_sample_rate_is_out_of_range(double sampleRate)
    {
        IntPtr handle = Garbage;
        Assert.Equal(StretchStatus.OutOfRange, NativeMethods.Create(2, sampleRate, StretchPreset.Default, ref handle));
        Assert.Equal(IntPtr.Zero, handle);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Create_with_non_finite_sample_rate_is_invalid_argument(double sampleRate)
    {
        IntPtr handle = Garbage;
        Assert.Equal(StretchStatus.InvalidArgument, NativeMethods.Create(2, sampleRate, StretchPreset.Default, ref handle));
        Assert.Equal(IntPtr.Zero, handle);
    }

    [Fact]
    public void Create_with_unknown_preset_fails_cleanly()
    {
        IntPtr handle = Garbage;
        StretchStatus status = NativeMethods.Create(2, 48000, (StretchPreset)42, ref handle);
        Assert.True(status < 0, $"expected an error status, got {status}");
        Assert.Equal(IntPtr.Zero, handle);
    }

    [Theory]
    [InlineData(NativeMethods.MaxSemitones + 1)]
    [InlineData(-NativeMethods.MaxSemitones - 1)]
    [InlineData(24.001)]
    public void Transpose_semitones_out_of_range(double semitones)
    {
        using var instance = new Instance();
        Assert.Equal(StretchStatus.OutOfRange, NativeMethods.SetTransposeSemitones(instance.Handle, semitones));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Transpose_semitones_non_finite_is_invalid_argument(double semitones)
    {
        using var instance = new Instance();
        Assert.Equal(StretchStatus.InvalidArgument, NativeMethods.SetTransposeSemitones(instance.Handle, semitones));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.2499)]
    [InlineData(4.001)]
    [InlineData(-1.0)]
    public void Transpose_factor_out_of_range(double factor)
    {
        using var instance = new Instance();
        Assert.Equal(StretchStatus.OutOfRange, NativeMethods.SetTransposeFactor(instance.Handle, factor));
    }

    [Fact]
    public void Transpose_factor_nan_is_invalid_argument()
    {
        using var instance = new Instance();
        Assert.Equal(StretchStatus.InvalidArgument, NativeMethods.SetTransposeFactor(instance.Handle, double.NaN));
    }

    [Fact]
    public void Null_instance_is_invalid_argument_everywhere()
    {
        float[] buffer = new float[8];

        Assert.Equal(StretchStatus.InvalidArgument, NativeMethods.SetTransposeSemitones(IntPtr.Zero, 1));
        Assert.Equal(StretchStatus.InvalidArgument, NativeMethods.SetTransposeFactor(IntPtr.Zero, 1));
        Assert.Equal(StretchStatus.InvalidArgument, NativeMethods.SetFormantPreservation(IntPtr.Zero, 1));
        Assert.Equal(StretchStatus.InvalidArgument, NativeMethods.Reset(IntPtr.Zero));
        Assert.Equal(StretchStatus.InvalidArgument, NativeMethods.Process(IntPtr.Zero, buffer, 8, buffer, 8));
        Assert.Equal(StretchStatus.InvalidArgument, NativeMethods.Flush(IntPtr.Zero, buffer, 8));
        Assert.Equal(StretchStatus.InvalidArgument, NativeMethods.Render(IntPtr.Zero, buffer, 8, buffer, 8));
        Assert.True(NativeMethods.Channels(IntPtr.Zero) < 0);
        Assert.True(NativeMethods.InputLatency(IntPtr.Zero) < 0);
        Assert.True(NativeMethods.OutputLatency(IntPtr.Zero) < 0);
        Assert.True(NativeMethods.TailFrames(IntPtr.Zero) < 0);
    }

    [Theory]
    [InlineData(3, 4)]
    [InlineData(4, 3)]
    [InlineData(1, 2)]
    public void Process_length_not_a_multiple_of_channels_is_bad_length(int inputSamples, int outputSamples)
    {
        using var instance = new Instance(channels: 2);
        float[] input = new float[inputSamples];
        float[] output = new float[outputSamples];
        Assert.Equal(StretchStatus.BadLength, NativeMethods.Process(instance.Handle, input, inputSamples, output, outputSamples));
    }

    [Fact]
    public void Flush_and_render_lengths_not_a_multiple_of_channels_are_bad_length()
    {
        using var instance = new Instance(channels: 3);
        float[] buffer = new float[3 * 2048];

        Assert.Equal(StretchStatus.BadLength, NativeMethods.Flush(instance.Handle, buffer, 4));
        Assert.Equal(StretchStatus.BadLength, NativeMethods.Render(instance.Handle, buffer, 3 * 2048 - 1, buffer, 3 * 2048));
        Assert.Equal(StretchStatus.BadLength, NativeMethods.Render(instance.Handle, buffer, 3 * 2048, buffer, 3 * 2048 + 1));
    }

    [Fact]
    public void Negative_lengths_are_invalid_argument()
    {
        using var instance = new Instance(channels: 2);
        float[] buffer = new float[16];

        Assert.Equal(StretchStatus.InvalidArgument, NativeMethods.Process(instance.Handle, buffer, -2, buffer, 2));
        Assert.Equal(StretchStatus.InvalidArgument, NativeMethods.Process(instance.Handle, buffer, 2, buffer, -2));
        Assert.Equal(StretchStatus.InvalidArgument, NativeMethods.Flush(instance.Handle, buffer, -2));
    }

    [Fact]
    public void Null_buffers_with_a_length_are_invalid_argument()
    {
        using var instance = new Instance(channels: 2);
        float[] buffer = new float[16];

        Assert.Equal(StretchStatus.InvalidArgument, NativeMethods.Process(instance.Handle, null, 16, buffer, 16));
        Assert.Equal(StretchStatus.InvalidArgument, NativeMethods.Process(instance.Handle, buffer, 16, null, 16));
        Assert.Equal(StretchStatus.InvalidArgument, NativeMethods.Flush(instance.Handle, null, 16));
    }

    [Fact]
    public void Null_buffers_with_zero_length_are_accepted()
    {
        using var instance = new Instance(channels: 2);

        Assert.Equal(StretchStatus.Ok, NativeMethods.Process(instance.Handle, null, 0, null, 0));
        Assert.Equal(StretchStatus.Ok, NativeMethods.Flush(instance.Handle, null, 0));
    }

    [Fact]
    public void Time_ratio_beyond_four_is_out_of_range_for_long_calls()
    {
        using var instance = new Instance(channels: 1);
        int inputFrames = 2 * NativeMethods.RatioCheckFrames;
        float[] input = Signals.Sine(1, 48000, 440, inputFrames);
        float[] tooLong = new float[5 * inputFrames];
        float[] tooShort = new float[inputFrames / 5];

        Assert.Equal(StretchStatus.OutOfRange, NativeMethods.Process(instance.Handle, input, input.Length, tooLong, tooLong.Length));
        Assert.Equal(StretchStatus.OutOfRange, NativeMethods.Render(instance.Handle, input, input.Length, tooLong, tooLong.Length));
        Assert.Equal(StretchStatus.OutOfRange, NativeMethods.Render(instance.Handle, input, input.Length, tooShort, tooShort.Length));
    }
}
