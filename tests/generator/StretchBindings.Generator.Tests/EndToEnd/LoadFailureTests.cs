using StretchBindings.Generator.Tests.Native;
using StretchBindings.Interop;

namespace StretchBindings.Generator.Tests.EndToEnd;

/// <summary>
/// Calls bound from Manifests/absent.h, scanned while this assembly builds: one into a library that does
/// not exist, one into zlib for a function it does not have. Each fails with an exception that names the
/// binding, the library and the C function, and still derives from the runtime's own exception.
/// </summary>
public sealed unsafe class LoadFailureTests
{
    [Fact]
    public void A_missing_library_is_named_with_the_function_and_the_places_searched()
    {
        var exception = Assert.Throws<NativeLibraryNotFoundException>(() => AbsentLibrary.stretchbindings_absent_function(1));

        Assert.Equal("stretchbindings-absent", exception.Library);
        Assert.Equal("stretchbindings_absent_function", exception.EntryPoint);
        Assert.Equal(typeof(AbsentLibrary).FullName, exception.Binding);
        string folder = Path.GetDirectoryName(typeof(AbsentLibrary).Assembly.Location)!;
        Assert.Contains(Path.Combine(folder, "libstretchbindings-absent.so"), exception.Searched);
        Assert.Contains("LD_LIBRARY_PATH", exception.Searched[^1], StringComparison.Ordinal);
        Assert.StartsWith(
            "The native library 'stretchbindings-absent' that StretchBindings.Generator.Tests.Native.AbsentLibrary binds could not be loaded for a call of the C function 'stretchbindings_absent_function'. Searched, in order: ",
            exception.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(folder, "libstretchbindings-absent.so"), exception.Message, StringComparison.Ordinal);
        Assert.IsType<DllNotFoundException>(exception.InnerException, exactMatch: false);
        Assert.IsAssignableFrom<DllNotFoundException>(exception);
    }

    [Fact]
    public void A_missing_function_is_named_with_its_library()
    {
        var exception = Assert.Throws<NativeEntryPointNotFoundException>(() => ZlibAbsentFunction.zlib_absent_function(1));

        Assert.Equal("z", exception.Library);
        Assert.Equal("zlib_absent_function", exception.EntryPoint);
        Assert.Equal(
            "The native library 'z' was loaded but has no C function 'zlib_absent_function', which StretchBindings.Generator.Tests.Native.ZlibAbsentFunction binds: " +
            "the library is older than, or built with other options than, the header the bindings were generated from.",
            exception.Message);
        Assert.IsAssignableFrom<EntryPointNotFoundException>(exception);
    }

    [Fact]
    public void Functions_the_library_has_still_bind_beside_one_it_lacks()
    {
        // zlib is registered with a function it lacks (above); its other imports still resolve.
        Assert.Throws<NativeEntryPointNotFoundException>(() => ZlibAbsentFunction.zlib_absent_function(1));
        Assert.StartsWith("1.", new string((sbyte*)Zlib.zlibVersion()), StringComparison.Ordinal);
        Assert.Equal(1UL, (ulong)Zlib.adler32(new System.Runtime.InteropServices.CULong(1), null, 0).Value);
    }
}
