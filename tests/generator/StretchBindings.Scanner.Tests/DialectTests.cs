using StretchBindings.Manifest;
using StretchBindings.Scanner.Scanning;
using StretchBindings.Scanner.Tests.Infrastructure;

namespace StretchBindings.Scanner.Tests;

/// <summary>Options a real header needs (dialect, defines, headers to include first), and errors that say which one is missing.</summary>
public sealed class DialectTests
{
    private static ScanResult Scan(string name, LanguageStandard standard = LanguageStandard.C11, params string[] defines) =>
        HeaderScanner.Scan(new ScanOptions { HeaderPath = TestPaths.Header(name), Library = "d", Standard = standard, Defines = defines });

    [ClangFact]
    public void A_gnu_header_fails_as_c11_with_a_hint_and_scans_as_gnu11()
    {
        ScanException exception = Assert.Throws<ScanException>(() => Scan("dialect/gnu.h"));
        ScanDiagnostic first = exception.Diagnostics[0];
        Assert.Equal((TestPaths.Header("dialect/gnu.h"), 2), (first.File, first.Line));
        Assert.Contains("(hint: the header is written for GNU C: it parses as gnu11; set LanguageStandard=\"gnu11\" (sb-scan --std gnu11))", first.Message, StringComparison.Ordinal);

        NativeManifest manifest = Scan("dialect/gnu.h", LanguageStandard.Gnu11).Manifest;
        Assert.Equal("gnu11", manifest.Language);
        Assert.Equal("gnu_size", manifest.Function("gnu_length").ReturnType.Typedef);
    }

    [ClangFact]
    public void A_header_that_needs_gnu_source_says_so()
    {
        ScanException exception = Assert.Throws<ScanException>(() => Scan("dialect/gnu_source.h"));
        Assert.Contains(
            "(hint: the header is written for GNU C with _GNU_SOURCE: set LanguageStandard=\"gnu11\" and Defines=\"_GNU_SOURCE\" (sb-scan --std gnu11 -D _GNU_SOURCE))",
            exception.Diagnostics[0].Message, StringComparison.Ordinal);

        NativeManifest manifest = Scan("dialect/gnu_source.h", LanguageStandard.Gnu11, "_GNU_SOURCE").Manifest;
        Assert.Equal(["gnu_source_open"], manifest.Functions.Select(f => f.Name));
    }

    [ClangFact]
    public void An_error_directive_hints_at_a_define()
    {
        ScanException exception = Assert.Throws<ScanException>(() => Scan("dialect/needs_define.h"));
        ScanDiagnostic error = Assert.Single(exception.Diagnostics);
        Assert.Equal((TestPaths.Header("dialect/needs_define.h"), 3), (error.File, error.Line));
        Assert.Contains("hint: the header stops itself with #error: it expects a define", error.Message, StringComparison.Ordinal);

        NativeManifest manifest = Scan("dialect/needs_define.h", LanguageStandard.C11, "NEEDS_DEFINE_CONFIG=1").Manifest;
        Assert.Equal(["configured_function"], manifest.Functions.Select(f => f.Name));
    }

    [ClangFact]
    public void A_missing_include_hints_at_include_directories()
    {
        ScanException exception = Assert.Throws<ScanException>(() =>
            HeaderScanner.Scan(new ScanOptions { HeaderPath = TestPaths.Header("umbrella/include/umbrella.h"), Library = "u" }));
        Assert.Contains("'umbrella/core.h' file not found with <angled> include; use \"quotes\" instead (hint: add the directory that holds it to IncludeDirectories", exception.Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [ClangFact]
    public void A_header_that_expects_includes_first_names_them_and_scans_with_IncludeFirst()
    {
        ScanException exception = Assert.Throws<ScanException>(() => Scan("dialect/expects_includes.h"));
        ScanDiagnostic first = exception.Diagnostics[0];
        Assert.Equal((TestPaths.Header("dialect/expects_includes.h"), 4), (first.File, first.Line));
        Assert.EndsWith(
            "(hint: the header uses standard types without including their headers, as if its user had included <stdint.h> and <stdio.h> first: " +
            "set IncludeFirst=\"stdint.h;stdio.h\" (sb-scan --include-first stdint.h --include-first stdio.h))",
            first.Message, StringComparison.Ordinal);

        NativeManifest manifest = HeaderScanner.Scan(new ScanOptions
        {
            HeaderPath = TestPaths.Header("dialect/expects_includes.h"), Library = "d", IncludeFirst = ["stdio.h", "stdint.h"],
        }).Manifest;
        Assert.Equal(["stdio.h", "stdint.h"], manifest.IncludeFirst);
        // The headers included first are the system's: none of their declarations is recorded.
        Assert.Equal(["expects_write"], manifest.Functions.Select(f => f.Name));
        Assert.Equal(["expects_writer"], manifest.Records.Select(r => r.Name));
        Assert.Equal(["expects_includes.h"], manifest.Files);
    }

    [ClangFact]
    public void The_hint_names_the_fewest_headers_that_suffice()
    {
        ScanException exception = Assert.Throws<ScanException>(() => Scan("dialect/expects_stdio.h"));
        Assert.Contains("as if its user had included <stdio.h> first: set IncludeFirst=\"stdio.h\" (sb-scan --include-first stdio.h)",
            exception.Diagnostics[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("c89", "c89")]
    [InlineData("c90", "c89")]
    [InlineData("gnu11", "gnu11")]
    [InlineData("c18", "c17")]
    [InlineData("gnu++17", "gnu++17")]
    public void Standards_parse_by_their_clang_names(string text, string flag)
    {
        Assert.True(ScanOptions.TryParseStandard(text, out LanguageStandard standard));
        Assert.Equal(flag, ScanOptions.StandardFlag(standard));
        Assert.False(ScanOptions.TryParseStandard("c98", out _));
        Assert.Equal(LanguageStandard.Gnu17, ScanOptions.GnuDialect(LanguageStandard.C17));
        Assert.Null(ScanOptions.GnuDialect(LanguageStandard.Gnu11));
    }
}
