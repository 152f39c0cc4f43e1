using StretchBindings.Generator.Tests.Native;
using StretchBindings.Generator.Tests.Native.Unmapped;

namespace StretchBindings.Generator.Tests.EndToEnd;

/// <summary>
/// fftw3.h declares functions of three shared libraries (libfftw3, libfftw3f, libfftw3l); the build maps
/// them by prefix, from &lt;NativeHeader&gt; metadata and from a sidecar, and each call reaches its own library.
/// </summary>
public sealed unsafe class FftwTests
{
    // Real-to-halfcomplex of 1, 2, 3, 4: r0 = 10, r1 = -2, r2 = -2, i1 = 2.
    private static readonly double[] Expected = [10, -2, -2, 2];

    [Fact]
    public void A_double_transform_runs_in_libfftw3()
    {
        double[] input = [1, 2, 3, 4];
        double[] output = new double[4];
        fixed (double* i = input)
        fixed (double* o = output)
        {
            // FFTW_R2HC is 0; FFTW_ESTIMATE is 1 << 6.
            var plan = Fftw.fftw_plan_r2r_1d(4, i, o, default, 64);
            Assert.True(plan != null);
            Fftw.fftw_execute(plan);
            Fftw.fftw_destroy_plan(plan);
        }

        Assert.Equal(Expected, output);
    }

    [Fact]
    public void A_float_transform_runs_in_libfftw3f()
    {
        float[] input = [1, 2, 3, 4];
        float[] output = new float[4];
        fixed (float* i = input)
        fixed (float* o = output)
        {
            var plan = Fftw.fftwf_plan_r2r_1d(4, i, o, default, 64);
            Assert.True(plan != null);
            Fftw.fftwf_execute(plan);
            Fftw.fftwf_destroy_plan(plan);
        }

        Assert.Equal(Expected.Select(v => (float)v), output);
    }

    [Fact]
    public void A_long_double_function_mapped_by_the_sidecar_runs_in_libfftw3l()
    {
        Assert.Equal(0, Fftw.fftwl_alignment_of(null));
        Assert.Equal(0, Fftw.fftw_alignment_of(null));
    }

    [Fact]
    public void The_imports_name_each_functions_library()
    {
        Assert.Equal("fftw3f", DllImportOf(typeof(Fftw), nameof(Fftw.fftwf_execute)));
        Assert.Equal("fftw3l", DllImportOf(typeof(Fftw), nameof(Fftw.fftwl_alignment_of)));
        Assert.Equal("fftw3", DllImportOf(typeof(Fftw), nameof(Fftw.fftw_execute)));
    }

    [Fact]
    public void Unmapped_the_call_fails_naming_the_library_and_the_symbol()
    {
        // The binding's own exception (LoadFailureTests), which still is the runtime's EntryPointNotFoundException.
        EntryPointNotFoundException exception = Assert.ThrowsAny<EntryPointNotFoundException>(() => FftwUnmapped.fftwf_alignment_of(null));
        Assert.Contains("'fftwf_alignment_of'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("'fftw3'", exception.Message, StringComparison.Ordinal);
        Assert.Contains(typeof(FftwUnmapped).FullName!, exception.Message, StringComparison.Ordinal);
    }

    private static string? DllImportOf(Type type, string method) =>
        type.GetMethod(method)?.GetCustomAttributes(typeof(System.Runtime.InteropServices.DllImportAttribute), false)
            .Cast<System.Runtime.InteropServices.DllImportAttribute>().SingleOrDefault()?.Value;
}
