using System.Runtime.InteropServices;
using StretchBindings.Generator.Tests.Native;
using StretchBindings.Interop;

namespace StretchBindings.Generator.Tests.EndToEnd;

/// <summary>
/// libc's own globals, declared again in Manifests/ctypes.h and bound as properties over the
/// addresses libc exports: read and written in place, the same memory C sees.
/// </summary>
public sealed unsafe class GlobalTests
{
    private static int* Exported(string name) => (int*)NativeLibrary.GetExport(NativeLibrary.Load(CTypes.LibraryName), name);

    [Fact]
    public void An_int_global_is_read_and_written_in_place()
    {
        int* opterr = Exported("opterr");
        int saved = *opterr;
        try
        {
            Assert.Equal(saved, CTypes.opterr);
            CTypes.opterr = 12345;
            Assert.Equal(12345, *opterr);
            *opterr = 678;
            Assert.Equal(678, CTypes.opterr);
        }
        finally
        {
            *opterr = saved;
        }
    }

    [Fact]
    public void A_pointer_global_is_the_process_environment()
    {
        var entries = new List<string>();
        for (byte** entry = CTypes.environ; *entry != null; entry++)
        {
            entries.Add(NativeStrings.FromUtf8NullTerminated(*entry)!);
        }

        Assert.Contains(entries, e => e.StartsWith("PATH=", StringComparison.Ordinal));
    }

    [Fact]
    public void A_global_the_library_does_not_export_throws_when_read()
    {
        Assert.Throws<EntryPointNotFoundException>(() => CTypes.ct_missing_constant);
    }
}
