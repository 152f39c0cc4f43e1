using System.Runtime.InteropServices;

namespace StretchBindings.Native.Tests;

/// <summary>Mirror of <c>stretch_status</c>.</summary>
public enum StretchStatus
{
    Ok = 0,
    InvalidArgument = -1,
    BadLength = -2,
    OutOfRange = -3,
    BadState = -4,
    OutOfMemory = -5,
    Internal = -6,
}

/// <summary>Mirror of <c>stretch_preset</c>.</summary>
public enum StretchPreset
{
    Default = 0,
    Cheaper = 1,
}

/// <summary>
/// Hand-written declarations of the C ABI in native/include/stretch/stretch.h. They use the
/// plainest marshalling there is (IntPtr handles, pinned float arrays) so that a failure here
/// points at the library, not at the bindings.
/// </summary>
internal static class NativeMethods
{
    private const string Library = "stretch";

    public const int MaxChannels = 8;
    public const int MinSampleRate = 8000;
    public const int MaxSampleRate = 192000;
    public const int MaxSemitones = 24;
    public const int RatioCheckFrames = 1024;

    [DllImport(Library, EntryPoint = "stretch_status_message", ExactSpelling = true)]
    public static extern IntPtr StatusMessagePtr(StretchStatus status);

    [DllImport(Library, EntryPoint = "stretch_version", ExactSpelling = true)]
    public static extern IntPtr VersionPtr();

    [DllImport(Library, EntryPoint = "stretch_create", ExactSpelling = true)]
    public static extern StretchStatus Create(int channels, double sampleRate, StretchPreset preset, ref IntPtr instance);

    /// <summary>The same entry point with a raw out pointer, so that NULL can be passed.</summary>
    [DllImport(Library, EntryPoint = "stretch_create", ExactSpelling = true)]
    public static extern StretchStatus CreateRaw(int channels, double sampleRate, StretchPreset preset, IntPtr outPointer);

    [DllImport(Library, EntryPoint = "stretch_destroy", ExactSpelling = true)]
    public static extern void Destroy(IntPtr instance);

    [DllImport(Library, EntryPoint = "stretch_set_transpose_semitones", ExactSpelling = true)]
    public static extern StretchStatus SetTransposeSemitones(IntPtr instance, double semitones);

    [DllImport(Library, EntryPoint = "stretch_set_transpose_factor", ExactSpelling = true)]
    public static extern StretchStatus SetTransposeFactor(IntPtr instance, double factor);

    [DllImport(Library, EntryPoint = "stretch_set_formant_preservation", ExactSpelling = true)]
    public static extern StretchStatus SetFormantPreservation(IntPtr instance, int enabled);

    [DllImport(Library, EntryPoint = "stretch_channels", ExactSpelling = true)]
    public static extern int Channels(IntPtr instance);

    [DllImport(Library, EntryPoint = "stretch_input_latency", ExactSpelling = true)]
    public static extern int InputLatency(IntPtr instance);

    [DllImport(Library, EntryPoint = "stretch_output_latency", ExactSpelling = true)]
    public static extern int OutputLatency(IntPtr instance);

    [DllImport(Library, EntryPoint = "stretch_tail_frames", ExactSpelling = true)]
    public static extern int TailFrames(IntPtr instance);

    [DllImport(Library, EntryPoint = "stretch_reset", ExactSpelling = true)]
    public static extern StretchStatus Reset(IntPtr instance);

    [DllImport(Library, EntryPoint = "stretch_process", ExactSpelling = true)]
    public static extern StretchStatus Process(IntPtr instance, float[]? input, int inputSamples, float[]? output, int outputSamples);

    [DllImport(Library, EntryPoint = "stretch_flush", ExactSpelling = true)]
    public static extern StretchStatus Flush(IntPtr instance, float[]? output, int outputSamples);

    [DllImport(Library, EntryPoint = "stretch_render", ExactSpelling = true)]
    public static extern StretchStatus Render(IntPtr instance, float[]? input, int inputSamples, float[]? output, int outputSamples);

    public static string Version() => Marshal.PtrToStringUTF8(VersionPtr()) ?? throw new InvalidOperationException("stretch_version returned NULL");

    public static string StatusMessage(StretchStatus status) =>
        Marshal.PtrToStringUTF8(StatusMessagePtr(status)) ?? throw new InvalidOperationException("stretch_status_message returned NULL");
}

/// <summary>Owns one native instance for the length of a test.</summary>
internal sealed class Instance : IDisposable
{
    public Instance(int channels = 2, double sampleRate = 48000, StretchPreset preset = StretchPreset.Default)
    {
        IntPtr handle = IntPtr.Zero;
        StretchStatus status = NativeMethods.Create(channels, sampleRate, preset, ref handle);
        Assert.Equal(StretchStatus.Ok, status);
        Assert.NotEqual(IntPtr.Zero, handle);
        Handle = handle;
        ChannelCount = channels;
    }

    public IntPtr Handle { get; private set; }

    public int ChannelCount { get; }

    public void Dispose()
    {
        NativeMethods.Destroy(Handle);
        Handle = IntPtr.Zero;
    }
}
