using StretchBindings.Manifest;
using StretchBindings.Scanner.Scanning;
using StretchBindings.Scanner.Tests.Infrastructure;

namespace StretchBindings.Scanner.Tests;

/// <summary>A C++ header: C declarations inside extern "C" are recorded, C++ ones listed as unsupported.</summary>
public sealed class CxxTests
{
    private static readonly Lazy<NativeManifest> Manifest = new(() => Scans.Header("cplusplus.hpp", LanguageStandard.Cxx17).Manifest);

    [ClangFact]
    public void Extern_c_declarations_are_recorded()
    {
        NativeManifest manifest = Manifest.Value;
        Assert.Equal("c++17", manifest.Language);
        Assert.Equal(8, manifest.Record("point").Size);
        NativeFunction length = manifest.Function("point_length");
        Assert.Null(length.Unsupported);
        Assert.Equal("point", length.Parameter("p").Type.Pointee!.Name);
    }

    [ClangTheory]
    [InlineData("shape", "class", "C++ class")]
    [InlineData("counter", "class", "member functions")]
    [InlineData("maximum", "template", "template")]
    [InlineData("box", "template", "template")]
    [InlineData("geometry", "namespace", "namespace")]
    [InlineData("mangled_function", "function", "C++ linkage")]
    public void Cxx_constructs_are_unsupported_with_a_reason(string name, string kind, string reason)
    {
        NativeUnsupported entry = Assert.Single(Manifest.Value.Unsupported, u => u.Name == name);
        Assert.Equal(kind, entry.Kind);
        Assert.Contains(reason, entry.Reason, StringComparison.Ordinal);
        Assert.Equal("cplusplus.hpp", entry.Location!.File);
        Assert.DoesNotContain(Manifest.Value.Records, r => r.Name == name);
        Assert.DoesNotContain(Manifest.Value.Functions, f => f.Name == name);
    }

    [ClangFact]
    public void References_make_a_function_unsupported()
    {
        NativeFunction byReference = Manifest.Value.Function("by_reference");
        Assert.Contains("C++ reference", byReference.Unsupported, StringComparison.Ordinal);
        Assert.Equal(NativeTypeKind.Unsupported, byReference.Parameter("value").Type.Kind);
    }
}
