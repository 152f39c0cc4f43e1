using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using StretchBindings.RealLibraries.Tests.Samplerate;

namespace StretchBindings.RealLibraries.Tests;

/// <summary>
/// libsamplerate, an audio resampler, through its bindings: a one-call conversion of a tone (a struct of
/// pointers and C <c>long</c>s in and out), the pull API that reads its input through a function pointer, and
/// its error codes.
/// </summary>
public sealed unsafe class SamplerateTests
{
    private const double ToneHz = 1000.0;

    [Fact]
    public void Converter_names_come_back_as_strings()
    {
        Assert.Equal("Best Sinc Interpolator", Text(SamplerateNative.src_get_name(SamplerateNative.SRC_SINC_BEST_QUALITY)));
        Assert.Equal("Linear Interpolator", Text(SamplerateNative.src_get_name(SamplerateNative.SRC_LINEAR)));
        Assert.True(SamplerateNative.src_get_name(99) is null, "a converter that does not exist has no name");
        Assert.StartsWith("libsamplerate-0.", Text(SamplerateNative.src_get_version()), StringComparison.Ordinal);
    }

    [Fact]
    public void A_tone_converted_to_another_rate_keeps_its_pitch_and_level()
    {
        float[] input = Tone(44100, 22050, 0.5f);
        float[] output = new float[30000];
        SrcData data = default;
        fixed (float* source = input)
        fixed (float* target = output)
        {
            data.data_in = source;
            data.data_out = target;
            data.input_frames = new CLong(input.Length);
            data.output_frames = new CLong(output.Length);
            data.src_ratio = 48000.0 / 44100.0;
            Assert.Equal(0, SamplerateNative.src_simple(&data, SamplerateNative.SRC_SINC_BEST_QUALITY, 1));
        }

        long produced = data.output_frames_gen.Value;
        Assert.Equal(input.Length, data.input_frames_used.Value);
        Assert.InRange(produced, 24000 - 64, 24000);
        // Away from the converter's start-up and end, the tone is still 1 kHz (48 samples a cycle at
        // 48 kHz) and as loud as it went in.
        float[] middle = output[4000..20000];
        Assert.InRange(CyclesPerSecond(middle, 48000), ToneHz - 0.5, ToneHz + 0.5);
        Assert.InRange(Rms(middle), 0.5 / Math.Sqrt(2) * 0.99, 0.5 / Math.Sqrt(2) * 1.01);
    }

    [Fact]
    public void The_pull_api_reads_its_input_through_a_function_pointer()
    {
        var source = new ToneSource(Tone(44100, 2205, 0.25f));
        GCHandle handle = GCHandle.Alloc(source);
        SrcState* state = null;
        try
        {
            int error = -1;
            state = SamplerateNative.src_callback_new(&Supply, SamplerateNative.SRC_SINC_FASTEST, 1, &error, (void*)GCHandle.ToIntPtr(handle));
            Assert.True(state is not null, $"src_callback_new failed with error {error}");
            Assert.Equal(0, error);
            Assert.Equal(1, SamplerateNative.src_get_channels(state));

            // Twice the rate: the converter asks for input as it needs it, a block at a time.
            float[] output = new float[12000];
            long read;
            fixed (float* target = output)
            {
                read = SamplerateNative.src_callback_read(state, 2.0, new CLong(output.Length), target).Value;
            }

            Assert.Equal(output.Length, read);
            Assert.Equal(0, SamplerateNative.src_error(state));
            // 12,000 frames at twice the rate take 6,000 of input: three blocks of 2,205 at least.
            Assert.True(source.Calls >= 3, $"the callback ran {source.Calls} time(s)");
            Assert.InRange(CyclesPerSecond(output[2000..10000], 88200), ToneHz - 0.5, ToneHz + 0.5);
        }
        finally
        {
            if (state is not null)
            {
                Assert.True(SamplerateNative.src_delete(state) is null, "src_delete returns NULL");
            }

            handle.Free();
        }
    }

    [Fact]
    public void Bad_arguments_come_back_as_error_codes()
    {
        int error = 0;
        Assert.True(SamplerateNative.src_new(99, 1, &error) is null, "no state for a converter that does not exist");
        Assert.NotEqual(0, error);
        Assert.False(string.IsNullOrEmpty(Text(SamplerateNative.src_strerror(error))));
        Assert.Equal(0, SamplerateNative.src_is_valid_ratio(1000.0));
        Assert.Equal(1, SamplerateNative.src_is_valid_ratio(2.0));

        // A conversion whose output buffer overlaps its input is refused, not run.
        float[] buffer = new float[256];
        fixed (float* samples = buffer)
        {
            SrcData data = default;
            data.data_in = samples;
            data.data_out = samples + 16;
            data.input_frames = new CLong(128);
            data.output_frames = new CLong(128);
            data.src_ratio = 1.0;
            Assert.NotEqual(0, SamplerateNative.src_simple(&data, SamplerateNative.SRC_LINEAR, 1));
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static CLong Supply(void* state, float** data)
    {
        var source = (ToneSource)GCHandle.FromIntPtr((nint)state).Target!;
        source.Calls++;
        *data = source.Samples;
        return new CLong(source.Length);
    }

    /// <summary>The same block of a tone, handed out on every call (a looping source).</summary>
    private sealed class ToneSource
    {
        // On the pinned object heap: the address handed to the converter stays valid with no handle to free.
        private readonly float[] samples;

        public ToneSource(float[] tone)
        {
            samples = GC.AllocateArray<float>(tone.Length, pinned: true);
            tone.CopyTo(samples, 0);
        }

        public float* Samples => (float*)Unsafe.AsPointer(ref samples[0]);

        public int Length => samples.Length;

        public int Calls { get; set; }
    }

    private static string Text(byte* text) => Marshal.PtrToStringUTF8((nint)text) ?? "";

    /// <summary>A whole number of cycles of the tone, so that a source handing it out again loops without a jump.</summary>
    private static float[] Tone(int rate, int frames, float amplitude)
    {
        int cycles = (int)Math.Round(frames * ToneHz / rate);
        double step = 2 * Math.PI * cycles / frames;
        return Enumerable.Range(0, frames).Select(i => (float)(amplitude * Math.Sin(step * i))).ToArray();
    }

    /// <summary>The tone's frequency from its rising zero crossings, each placed between its two samples.</summary>
    private static double CyclesPerSecond(float[] samples, int rate)
    {
        double first = -1, last = -1;
        int rises = 0;
        for (int i = 1; i < samples.Length; i++)
        {
            if (samples[i - 1] < 0 && samples[i] >= 0)
            {
                double at = i - 1 + (samples[i - 1] / (samples[i - 1] - samples[i]));
                if (rises == 0)
                {
                    first = at;
                }

                last = at;
                rises++;
            }
        }

        Assert.True(rises >= 2, "the output holds no tone");
        return (rises - 1) * (double)rate / (last - first);
    }

    private static double Rms(float[] samples) => Math.Sqrt(samples.Select(s => (double)s * s).Average());
}
