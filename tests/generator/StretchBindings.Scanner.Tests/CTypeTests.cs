using StretchBindings.Manifest;
using StretchBindings.Scanner.Scanning;
using StretchBindings.Scanner.Tests.Infrastructure;

namespace StretchBindings.Scanner.Tests;

/// <summary>Headers/ctypes.h: prototypes, globals, records of other headers, bit-fields, platform-sized integers.</summary>
public sealed class CTypeTests
{
    private static readonly Lazy<NativeManifest> Manifest = new(() => Scans.Header("ctypes.h").Manifest);

    [ClangFact]
    public void A_function_without_a_prototype_takes_no_parameters_and_is_not_variadic()
    {
        NativeFunction oldStyle = Manifest.Value.Function("old_style");
        Assert.False(oldStyle.Variadic);
        Assert.Empty(oldStyle.Parameters);
        Assert.False(Manifest.Value.Function("no_arguments").Variadic);
        Assert.True(Manifest.Value.Function("formatted").Variadic);
    }

    [ClangFact]
    public void Extern_globals_are_recorded_with_their_type_and_static_ones_are_unsupported()
    {
        NativeManifest manifest = Manifest.Value;
        Assert.Equal(["counter", "names", "ratio"], manifest.Globals.Select(g => g.Name));

        NativeGlobal counter = manifest.Globals[0];
        Assert.Equal(("int", false), (counter.Type.Name, counter.Type.Const));
        Assert.Equal(new NativeLocation("ctypes.h", 15, 12), counter.Location);
        Assert.True(manifest.Globals[2].Type.Const);
        Assert.Equal((NativeTypeKind.Array, 4L), (manifest.Globals[1].Type.Kind, manifest.Globals[1].Type.Length));

        NativeUnsupported hidden = Assert.Single(manifest.Unsupported, u => u.Name == "hidden");
        Assert.Equal("variable", hidden.Kind);
        Assert.Contains("internal linkage", hidden.Reason, StringComparison.Ordinal);
    }

    [ClangFact]
    public void A_record_of_another_header_held_by_value_is_recorded_without_a_location()
    {
        NativeManifest manifest = Manifest.Value;
        NativeRecord timeval = manifest.Record("timeval");
        Assert.Null(timeval.Location);
        Assert.Equal(16, timeval.Size);
        Assert.Equal(["tv_sec", "tv_usec"], timeval.Fields.Select(f => f.Name));
        Assert.All(timeval.Fields, f => Assert.Null(f.Location)); // Nothing of another header's place goes into the manifest.

        // Behind a pointer (timespec, named here first: an opaque record as before) or inside va_list
        // (an array parameter is a pointer): not given a layout.
        Assert.True(manifest.Record("timespec").Opaque);
        Assert.DoesNotContain(manifest.Records, r => r.Name == "__va_list_tag");
        Assert.Equal(["ctypes.h"], manifest.Files);
    }

    [ClangFact]
    public void A_record_with_bit_fields_keeps_its_fields_and_is_supported()
    {
        NativeRecord timed = Manifest.Value.Record("timed");
        Assert.Null(timed.Unsupported);
        NativeField ready = timed.Field("ready");
        Assert.True(ready.BitField);
        Assert.Equal((192L, 1), (ready.BitOffset!.Value, ready.BitWidth!.Value));
    }

    [ClangTheory]
    [InlineData("x86_64-pc-linux-gnu", 8, 4, true)]
    [InlineData("aarch64-linux-gnu", 8, 4, false)]
    [InlineData("x86_64-pc-windows-msvc", 4, 2, false)]
    public void Long_and_wchar_t_have_the_target_s_size(string triple, int longSize, int wcharSize, bool wcharSigned)
    {
        // Another target's system headers are not installed: the header uses builtin types only.
        NativeManifest platform = HeaderScanner.Scan(new ScanOptions
        {
            HeaderPath = TestPaths.Header("platform.h"),
            Library = "platform",
            TargetTriple = triple,
        }).Manifest;

        NativeRecord record = platform.Record("platform");
        Assert.Equal(("long", longSize), (record.Field("l").Type.Name, record.Field("l").Type.Size));
        Assert.Equal(("unsigned long", longSize, false), (record.Field("ul").Type.Name, record.Field("ul").Type.Size, record.Field("ul").Type.Signed));
        Assert.Equal((wcharSize, wcharSigned), (record.Field("w").Type.Size, record.Field("w").Type.Signed));
    }
}
