using StretchBindings.Scanner.Scanning;
using StretchBindings.Scanner.Tests.Infrastructure;

namespace StretchBindings.Scanner.Tests;

public sealed class ErrorTests
{
    [ClangFact]
    public void A_header_that_does_not_parse_gives_clangs_diagnostics_with_places()
    {
        ScanException exception = Assert.Throws<ScanException>(() => Scans.Header("syntax_error.h"));
        ScanDiagnostic first = exception.Diagnostics[0];
        Assert.Equal(DiagnosticSeverity.Error, first.Severity);
        Assert.Equal(TestPaths.Header("syntax_error.h"), first.File);
        Assert.Equal((7, 18), (first.Line, first.Column));
        Assert.Contains("expected ';'", first.Message, StringComparison.Ordinal);
        Assert.StartsWith($"{TestPaths.Header("syntax_error.h")}:7:18: error: ", first.ToString(), StringComparison.Ordinal);
    }

    [ClangFact]
    public void A_missing_include_is_an_error_at_the_include()
    {
        using TemporaryDirectory directory = TestPaths.CreateTemporaryDirectory();
        string header = directory.File("missing.h");
        File.WriteAllText(header, "#include \"not_there.h\"\nint f(void);\n");
        ScanException exception = Assert.Throws<ScanException>(() => HeaderScanner.Scan(new ScanOptions { HeaderPath = header, Library = "x" }));
        ScanDiagnostic error = Assert.Single(exception.Diagnostics);
        Assert.Equal((header, 1, 10), (error.File, error.Line, error.Column));
        Assert.Contains("'not_there.h' file not found", error.Message, StringComparison.Ordinal);
    }

    [ClangFact]
    public void A_missing_header_is_a_scan_error_not_a_crash()
    {
        ScanException exception = Assert.Throws<ScanException>(() =>
            HeaderScanner.Scan(new ScanOptions { HeaderPath = "/nonexistent/header.h", Library = "x" }));
        Assert.Contains("/nonexistent/header.h", exception.Message, StringComparison.Ordinal);
    }
}
