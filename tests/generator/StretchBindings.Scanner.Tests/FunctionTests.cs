using StretchBindings.Manifest;
using StretchBindings.Scanner.Tests.Infrastructure;

namespace StretchBindings.Scanner.Tests;

public sealed class FunctionTests
{
    private static readonly Lazy<NativeManifest> Manifest = new(() => Scans.Header("functions.h").Manifest);

    [ClangFact]
    public void Long_is_recorded_as_c_long_with_its_target_size()
    {
        NativeFunction sum = Manifest.Value.Function("sum_longs");
        NativeType a = sum.Parameter("a").Type;
        Assert.Equal((NativeTypeKind.Int, "long", 8L, true, (string?)null), (a.Kind, a.Name, a.Size, a.Signed, a.Typedef));
        Assert.Equal(("unsigned long", false), (sum.Parameter("b").Type.Name, sum.Parameter("b").Type.Signed));
        Assert.Equal(("long long", 8L), (sum.Parameter("c").Type.Name, sum.Parameter("c").Type.Size));
        Assert.Equal("long", sum.ReturnType.Name);
        Assert.Equal("c", sum.CallingConvention);
        Assert.Equal("x86_64-pc-linux-gnu", Manifest.Value.TargetTriple);
        Assert.Equal(8, Manifest.Value.PointerSize);
    }

    [ClangFact]
    public void Typedef_names_are_kept_beside_the_canonical_type()
    {
        NativeFunction mix = Manifest.Value.Function("mix");
        (string Parameter, string Typedef, string Name, long Size, bool Signed)[] expected =
        [
            ("a", "int8_t", "signed char", 1, true),
            ("b", "uint16_t", "unsigned short", 2, false),
            ("c", "int32_t", "int", 4, true),
            ("d", "uint64_t", "unsigned long", 8, false),
            ("e", "size_t", "unsigned long", 8, false),
            ("f", "ptrdiff_t", "long", 8, true),
            ("g", "intptr_t", "long", 8, true),
        ];
        foreach ((string parameter, string typedef, string name, long size, bool signed) in expected)
        {
            NativeType type = mix.Parameter(parameter).Type;
            Assert.Equal((typedef, name, size, signed), (type.Typedef!, type.Name!, type.Size, type.Signed));
        }

        Assert.Equal((NativeTypeKind.Bool, 1L), (mix.Parameter("h").Type.Kind, mix.Parameter("h").Type.Size));
        Assert.Equal("int64_t", mix.ReturnType.Typedef);
    }

    [ClangFact]
    public void Function_pointers_keep_their_signature()
    {
        NativeManifest manifest = Manifest.Value;
        NativeType progress = manifest.Typedef("progress_fn").Type;
        Assert.Equal(NativeTypeKind.Pointer, progress.Kind);
        NativeType signature = progress.Pointee!;
        Assert.Equal(NativeTypeKind.Function, signature.Kind);
        Assert.Equal("int", signature.Signature!.ReturnType.Name);
        Assert.Equal(["void *", "size_t", "size_t"], signature.Signature.Parameters.Select(p => p.Spelling));
        Assert.False(signature.Signature.Variadic);

        NativeFunction run = manifest.Function("run_with_progress");
        Assert.Equal("progress_fn", run.Parameter("progress").Type.Typedef);
        Assert.Equal(NativeTypeKind.Function, run.Parameter("release").Type.Pointee!.Kind);
        Assert.Equal("release_fn", run.Parameter("release").Type.Pointee!.Typedef);
        Assert.Equal("progress_fn", manifest.Function("default_progress").ReturnType.Typedef);
        Assert.Equal(NativeTypeKind.Function, manifest.Typedef("release_fn").Type.Kind);
    }

    [ClangFact]
    public void Variadic_functions_and_empty_parameter_lists()
    {
        NativeFunction log = Manifest.Value.Function("log_message");
        Assert.True(log.Variadic);
        Assert.Equal(["level", "format"], log.Parameters.Select(p => p.Name));
        Assert.True(log.Parameter("format").Type.Pointee!.Const);
        Assert.Equal("A printf-like function.", log.Doc!.Brief);

        NativeFunction none = Manifest.Value.Function("no_arguments");
        Assert.False(none.Variadic);
        Assert.Empty(none.Parameters);
        Assert.Equal(NativeTypeKind.Void, none.ReturnType.Kind);
    }

    [ClangFact]
    public void Array_parameters_are_pointers_to_the_callee()
    {
        NativeFunction fill = Manifest.Value.Function("fill");
        Assert.Equal("float[16]", fill.Parameter("samples").Type.Spelling);
        Assert.Equal("const double *", fill.Parameter("weights").Type.Spelling);
        Assert.Equal(NativeTypeKind.Array, fill.Parameter("names").Type.Kind);
    }

    [ClangFact]
    public void Unions_by_value_are_unsupported_with_a_reason_but_fine_behind_pointers()
    {
        NativeManifest manifest = Manifest.Value;
        Assert.Contains("union", manifest.Function("make_value").Unsupported, StringComparison.Ordinal);
        Assert.Contains("parameter 'value'", manifest.Function("value_as_double").Unsupported, StringComparison.Ordinal);
        Assert.Null(manifest.Function("value_ptr_as_double").Unsupported);
        Assert.Equal(NativeTypeKind.Union, manifest.Typedef("value_t").Type.Kind);
    }

    [ClangFact]
    public void Declarations_that_cannot_be_bound_are_listed_not_dropped()
    {
        NativeManifest manifest = Manifest.Value;
        Assert.DoesNotContain(manifest.Functions, f => f.Name == "twice");
        NativeUnsupported twice = Assert.Single(manifest.Unsupported, u => u.Name == "twice");
        Assert.Equal("function", twice.Kind);
        Assert.Contains("internal linkage", twice.Reason, StringComparison.Ordinal);

        Assert.Equal("int", Assert.Single(manifest.Globals, g => g.Name == "global_counter").Type.Name);
        Assert.DoesNotContain(manifest.Unsupported, u => u.Name == "global_counter");
        NativeUnsupported square = Assert.Single(manifest.Unsupported, u => u.Name == "SQUARE");
        Assert.Equal(("macro", "functions.h", 59), (square.Kind, square.Location!.File, square.Location.Line));
    }

    [ClangFact]
    public void Locations_are_relative_to_the_header()
    {
        NativeFunction sum = Manifest.Value.Function("sum_longs");
        Assert.Equal(new NativeLocation("functions.h", 23, 6), sum.Location);
        Assert.Equal(["functions.h"], Manifest.Value.Files);
    }
}
