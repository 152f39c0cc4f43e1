using StretchBindings.Manifest;
using StretchBindings.Scanner.Scanning;
using StretchBindings.Scanner.Tests.Infrastructure;

namespace StretchBindings.Scanner.Tests;

/// <summary>
/// The scan follows the library's own includes: headers under the header's directory and its include
/// directories are recorded however they are included; system headers never are.
/// </summary>
public sealed class IncludeRootTests
{
    private static string UmbrellaInclude => TestPaths.Header("umbrella/include");

    private static ScanResult ScanUmbrella() => HeaderScanner.Scan(new ScanOptions
    {
        HeaderPath = Path.Combine(UmbrellaInclude, "umbrella.h"),
        Library = "umbrella",
        IncludeDirectories = [UmbrellaInclude],
    });

    [ClangFact]
    public void Headers_beside_and_below_the_header_are_the_librarys_own()
    {
        NativeManifest manifest = Scans.Header("siblings/main.h").Manifest;
        Assert.Equal(["inner_function", "main_function", "part_function"], manifest.Functions.Select(f => f.Name));
        Assert.Equal(["part"], manifest.Records.Select(r => r.Name));
        Assert.Equal(16L, manifest.Constant("PART_LIMIT").Integer());
        Assert.Equal(["detail/inner.h", "main.h", "part.h"], manifest.Files);
        Assert.Equal("detail/inner.h", manifest.Function("inner_function").Location!.File);
        Assert.DoesNotContain(manifest.Typedefs, t => t.Name == "size_t");
    }

    [ClangFact]
    public void An_umbrella_header_that_includes_with_angle_brackets_yields_the_librarys_declarations()
    {
        NativeManifest manifest = ScanUmbrella().Manifest;
        Assert.Equal(["umbrella_close", "umbrella_open", "umbrella_send"], manifest.Functions.Select(f => f.Name));
        Assert.Equal("umbrella/core.h", manifest.Function("umbrella_open").Location!.File);
        Assert.Equal("Opens a connection.", manifest.Function("umbrella_open").Doc!.Brief);
        Assert.Equal(3L, manifest.Constant("UMBRELLA_VERSION").Integer());
        Assert.Equal(["umbrella.h", "umbrella/core.h", "umbrella/extra.h"], manifest.Files);

        // stdio.h is read but is not the library's: none of its functions, types or macros.
        Assert.DoesNotContain(manifest.Functions, f => f.Name == "printf");
        Assert.DoesNotContain(manifest.Typedefs, t => t.Name is "FILE" or "size_t");
        Assert.DoesNotContain(manifest.Constants, c => c.Name == "EOF");
    }

    [ClangFact]
    public void Static_inline_functions_and_function_like_macros_are_one_info_with_a_count()
    {
        ScanResult result = ScanUmbrella();
        ScanDiagnostic info = Assert.Single(result.Warnings, w => w.Id == ScanDiagnosticIds.NotExported);
        Assert.Equal(DiagnosticSeverity.Info, info.Severity);
        Assert.Equal(
            "1 static inline function and 1 function-like macro are not bound: no library exports them (umbrella_is_open, UMBRELLA_SEND_STRING)",
            info.Message);
        Assert.Equal((Path.Combine(UmbrellaInclude, "umbrella", "extra.h"), 9), (info.File, info.Line));
        Assert.DoesNotContain(result.Warnings, w => w.Id == ScanDiagnosticIds.NoFunctions);
    }

    [ClangFact]
    public void A_header_whose_functions_are_outside_its_include_roots_warns_where_they_are()
    {
        ScanResult result = Scans.Header("outside/api.h");
        Assert.Empty(result.Manifest.Functions);
        ScanDiagnostic warning = Assert.Single(result.Warnings, w => w.Id == ScanDiagnosticIds.NoFunctions);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Equal((TestPaths.Header("outside/api.h"), 1), (warning.File, warning.Line));
        Assert.Contains("'api.h' yields no function: 1 function is declared in included headers outside the library's include roots", warning.Message, StringComparison.Ordinal);
        Assert.Contains($"1 in '{TestPaths.Header("siblings/part.h")}'", warning.Message, StringComparison.Ordinal);
        Assert.Contains($"add '{TestPaths.Header("siblings")}' to IncludeDirectories", warning.Message, StringComparison.Ordinal);
    }

    [ClangFact]
    public void A_header_that_yields_no_function_says_why()
    {
        using TemporaryDirectory directory = TestPaths.CreateTemporaryDirectory();
        string typesOnly = directory.File("types.h");
        File.WriteAllText(typesOnly, "typedef struct point { int x, y; } point;\n#define ORIGIN 0\n");
        ScanDiagnostic types = Assert.Single(HeaderScanner.Scan(new ScanOptions { HeaderPath = typesOnly, Library = "t" }).Warnings);
        Assert.Equal(ScanDiagnosticIds.NoFunctions, types.Id);
        Assert.EndsWith("'types.h' yields no function: it declares types and constants only", types.Message, StringComparison.Ordinal);

        string inline = directory.File("inline.h");
        File.WriteAllText(inline, "static inline int twice(int x) { return 2 * x; }\n");
        ScanResult inlineResult = HeaderScanner.Scan(new ScanOptions { HeaderPath = inline, Library = "i" });
        Assert.Contains(inlineResult.Warnings, w => w.Id == ScanDiagnosticIds.NoFunctions
            && w.Message.EndsWith("its 1 static inline function is not exported by any library", StringComparison.Ordinal));

        string filtered = directory.File("filtered.h");
        File.WriteAllText(filtered, "int a(void);\nint b(void);\n");
        ScanDiagnostic none = Assert.Single(HeaderScanner.Scan(new ScanOptions { HeaderPath = filtered, Library = "f", Functions = ["c*"] }).Warnings);
        Assert.EndsWith("none of its 2 functions matches Functions 'c*'", none.Message, StringComparison.Ordinal);

        string hidden = directory.File("hidden.h");
        File.WriteAllText(hidden, "#ifdef WITH_API\nint api(void);\n#endif\n");
        ScanDiagnostic empty = Assert.Single(HeaderScanner.Scan(new ScanOptions { HeaderPath = hidden, Library = "h" }).Warnings);
        Assert.Contains("it declares nothing (check the defines", empty.Message, StringComparison.Ordinal);
    }

    [ClangFact]
    public void A_header_directly_in_a_system_directory_takes_the_directory_named_after_it()
    {
        // zlib.h sits in /usr/include: its own declarations only, not those of the C library it includes.
        NativeManifest zlib = HeaderScanner.Scan(new ScanOptions { HeaderPath = ZlibTests.ZlibHeader, Library = "z" }).Manifest;
        Assert.Equal(["zlib.h"], zlib.Files);
        Assert.DoesNotContain(zlib.Functions, f => f.Name is "read" or "write" or "open");
    }
}
