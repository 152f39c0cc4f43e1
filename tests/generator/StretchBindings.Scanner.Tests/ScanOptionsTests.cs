using StretchBindings.Manifest;
using StretchBindings.Scanner.Scanning;
using StretchBindings.Scanner.Tests.Infrastructure;

namespace StretchBindings.Scanner.Tests;

public sealed class ScanOptionsTests
{
    [ClangFact]
    public void Defines_reach_the_preprocessor_and_the_manifest()
    {
        using TemporaryDirectory directory = TestPaths.CreateTemporaryDirectory();
        string header = directory.File("configurable.h");
        File.WriteAllText(header, """
            #ifdef WITH_EXTRA
            int extra(int level);
            #endif
            #define LEVEL (BASE_LEVEL + 1)
            int always(void);
            """);

        NativeManifest plain = HeaderScanner.Scan(new ScanOptions { HeaderPath = header, Library = "c", Defines = ["BASE_LEVEL=1"] }).Manifest;
        Assert.Equal(["always"], plain.Functions.Select(f => f.Name));
        Assert.Equal(2L, plain.Constant("LEVEL").Integer());

        NativeManifest extra = HeaderScanner.Scan(new ScanOptions
        {
            HeaderPath = header,
            Library = "c",
            Defines = ["WITH_EXTRA", "BASE_LEVEL=41"],
            Standard = LanguageStandard.C17,
        }).Manifest;
        Assert.Equal(["always", "extra"], extra.Functions.Select(f => f.Name));
        Assert.Equal(42L, extra.Constant("LEVEL").Integer());
        Assert.Equal(["WITH_EXTRA", "BASE_LEVEL=41"], extra.Defines);
        Assert.Equal("c17", extra.Language);
    }

    [ClangFact]
    public void Base_directory_makes_paths_relative_to_it()
    {
        NativeManifest manifest = HeaderScanner.Scan(new ScanOptions
        {
            HeaderPath = TestPaths.StretchHeader,
            Library = "stretch",
            IncludeDirectories = [TestPaths.NativeInclude],
            BaseDirectory = Repository.Root,
        }).Manifest;
        Assert.Equal("native/include/stretch/stretch.h", manifest.Header);
        Assert.All(manifest.Functions, f => Assert.Equal("native/include/stretch/stretch.h", f.Location!.File));
    }

    [ClangFact]
    public void Another_target_changes_sizes()
    {
        using TemporaryDirectory directory = TestPaths.CreateTemporaryDirectory();
        string header = directory.File("sizes.h");
        File.WriteAllText(header, "long size_of_long(long value, void *pointer);\n");
        NativeManifest manifest = HeaderScanner.Scan(new ScanOptions { HeaderPath = header, Library = "s", TargetTriple = "i686-pc-linux-gnu" }).Manifest;
        Assert.Equal(4, manifest.PointerSize);
        Assert.Equal(4L, manifest.Function("size_of_long").Parameter("value").Type.Size);
        Assert.Equal(4L, manifest.Function("size_of_long").Parameter("pointer").Type.Size);
    }
}
