using System.Runtime.InteropServices;
using StretchBindings;

namespace ParallelBenchmark;

/// <summary>
/// A deliberately wrong binding of <c>stretch_render</c>, kept only to show what it does.
/// <para>
/// <c>[SuppressGCTransition]</c> leaves the calling thread in cooperative mode for the whole native
/// call. A garbage collection has to stop every thread in cooperative mode first, so while this call
/// renders (hundreds of milliseconds) any thread that asks for a collection — and then every thread
/// that allocates — waits for it to return. The header does not annotate <c>stretch_render</c>
/// <c>SB_SHORT_CALL</c>, which is exactly what analyzer SB1003 reports; the generated
/// <see cref="Stretch.Render(ReadOnlySpan{float}, Span{float})"/> keeps the transition.
/// </para>
/// </summary>
internal static unsafe class WrongBinding
{
    // SB1003 is suppressed on purpose: this declaration IS the demonstration of the mistake the analyzer
    // exists to catch (a long native call that the GC cannot interrupt). Never copy it into real code.
#pragma warning disable SB1003
    [DllImport("stretch", EntryPoint = "stretch_render", ExactSpelling = true), SuppressGCTransition]
    private static extern int RenderSuppressed(void* instance, float* input, int inputSamples, float* output, int outputSamples);
#pragma warning restore SB1003

    /// <summary>Renders like <see cref="Stretch.Render(ReadOnlySpan{float}, Span{float})"/>, through the wrong binding.</summary>
    public static void Render(Stretch stretch, ReadOnlySpan<float> input, Span<float> output)
    {
        SafeHandle handle = stretch.Handle;
        bool added = false;
        try
        {
            // Keeps the native instance alive across the raw call, as the generated projection does.
            handle.DangerousAddRef(ref added);
            int status;
            fixed (float* inputPointer = input)
            fixed (float* outputPointer = output)
            {
                status = RenderSuppressed((void*)handle.DangerousGetHandle(), inputPointer, input.Length, outputPointer, output.Length);
            }

            if (status != 0)
            {
                throw new InvalidOperationException($"stretch_render failed with status {status}.");
            }
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }

        GC.KeepAlive(stretch);
    }
}
