using StretchBindings.Scanner.Clang;

namespace StretchBindings.Scanner.Scanning;

/// <summary>
/// Turns clang's errors into errors that say what to do. Many headers are written for GNU C
/// (<c>typeof</c>, statement expressions, <c>asm</c>) or want <c>_GNU_SOURCE</c>: when the header
/// parses cleanly that way, the first error says which option to set. An <c>#error</c> line and a
/// missing include get their own hint.
/// </summary>
internal static class ErrorHints
{
    private const string GnuSource = "_GNU_SOURCE";

    public static List<ScanDiagnostic> Add(
        List<ScanDiagnostic> errors, ScanOptions options, LibClangInfo clang, ClangIndexHandle index, string headerPath)
    {
        string? hint = DialectHint(options, clang, index, headerPath) ?? LineHint(errors[0]);
        if (hint is null)
        {
            return errors;
        }

        var hinted = new List<ScanDiagnostic>(errors);
        hinted[0] = errors[0] with { Message = $"{errors[0].Message} (hint: {hint})" };
        return hinted;
    }

    // Tries the GNU dialect of the standard, then that with _GNU_SOURCE: the first that parses cleanly is the hint.
    private static string? DialectHint(ScanOptions options, LibClangInfo clang, ClangIndexHandle index, string headerPath)
    {
        LanguageStandard? gnu = ScanOptions.GnuDialect(options.Standard);
        if (gnu is { } dialect && ParsesCleanly(options with { Standard = dialect }, clang, index, headerPath))
        {
            string flag = ScanOptions.StandardFlag(dialect);
            return $"the header is written for GNU C: it parses as {flag}; set LanguageStandard=\"{flag}\" (sb-scan --std {flag})";
        }

        if (options.Defines.Any(d => d == GnuSource || d.StartsWith(GnuSource + "=", StringComparison.Ordinal)))
        {
            return null;
        }

        ScanOptions withDefine = options with { Standard = gnu ?? options.Standard, Defines = [.. options.Defines, GnuSource] };
        if (ParsesCleanly(withDefine, clang, index, headerPath))
        {
            string flag = ScanOptions.StandardFlag(withDefine.Standard);
            return gnu is null
                ? $"the header needs {GnuSource}: add it to Defines (sb-scan -D {GnuSource})"
                : $"the header is written for GNU C with {GnuSource}: set LanguageStandard=\"{flag}\" and Defines=\"{GnuSource}\" (sb-scan --std {flag} -D {GnuSource})";
        }

        return null;
    }

    private static bool ParsesCleanly(ScanOptions options, LibClangInfo clang, ClangIndexHandle index, string headerPath)
    {
        using TranslationUnitHandle unit = ClangParser.Parse(
            index, headerPath, HeaderScanner.CompilerArguments(options, clang), CXTranslationUnitFlags.SkipFunctionBodies);
        return ClangParser.Diagnostics(unit, CXDiagnosticSeverity.Error, path => path).Count == 0;
    }

    private static string? LineHint(ScanDiagnostic error)
    {
        if (error.Message.Contains("file not found", StringComparison.Ordinal))
        {
            return "add the directory that holds it to IncludeDirectories (sb-scan -I <dir>)";
        }

        if (error.File is null || error.Line < 1 || FileKinds.NotRegular(error.File) is not null || !File.Exists(error.File))
        {
            return null;
        }

        string? line = File.ReadLines(error.File).Skip(error.Line - 1).FirstOrDefault();
        string directive = line?.TrimStart().TrimStart('#').TrimStart() ?? string.Empty;
        return line is not null && line.TrimStart().StartsWith('#') && directive.StartsWith("error", StringComparison.Ordinal)
            ? "the header stops itself with #error: it expects a define (Defines, sb-scan -D) or a target (TargetTriple, sb-scan --target) it was not given"
            : null;
    }
}
