using StretchBindings.Manifest;
using StretchBindings.Scanner.Tests.Infrastructure;

namespace StretchBindings.Scanner.Tests;

/// <summary>Headers beside the scanned one are recorded only when asked for; system headers never.</summary>
public sealed class SiblingHeaderTests
{
    [ClangFact]
    public void Only_the_named_header_by_default()
    {
        NativeManifest manifest = Scans.Header("siblings/main.h").Manifest;
        Assert.Equal(["main_function"], manifest.Functions.Select(f => f.Name));
        Assert.Empty(manifest.Records);
        Assert.Empty(manifest.Constants);
        Assert.Equal(["main.h"], manifest.Files);

        // Types from other headers are still fully described where they are used.
        NativeType part = manifest.Function("main_function").Parameter("part").Type.Pointee!;
        Assert.Equal(("part_t", "part", 4L), (part.Typedef, part.Name, part.Size));
        NativeType inner = manifest.Function("main_function").Parameter("inner").Type;
        Assert.Equal(("inner_t", "unsigned short"), (inner.Typedef, inner.Name));
    }

    [ClangFact]
    public void With_siblings_headers_in_the_same_directory_tree_are_recorded()
    {
        NativeManifest manifest = Scans.Header("siblings/main.h", siblings: true).Manifest;
        Assert.Equal(["inner_function", "main_function", "part_function"], manifest.Functions.Select(f => f.Name));
        Assert.Equal(["part"], manifest.Records.Select(r => r.Name));
        Assert.Equal(16L, manifest.Constant("PART_LIMIT").Integer());
        Assert.Equal(["detail/inner.h", "main.h", "part.h"], manifest.Files);
        Assert.Equal("detail/inner.h", manifest.Function("inner_function").Location!.File);
        Assert.DoesNotContain(manifest.Typedefs, t => t.Name == "size_t");
    }
}
