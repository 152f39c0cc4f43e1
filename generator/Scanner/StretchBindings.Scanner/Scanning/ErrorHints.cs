using StretchBindings.Scanner.Clang;

namespace StretchBindings.Scanner.Scanning;

/// <summary>
/// Turns clang's errors into errors that say what to do. Many headers are written for GNU C
/// (<c>typeof</c>, statement expressions, <c>asm</c>) or want <c>_GNU_SOURCE</c>: when the header
/// parses cleanly that way, the first error says which option to set. A header that uses standard
/// types without including their headers (it expects its user to have done so) gets the headers to
/// include first. An <c>#error</c> line and a missing include get their own hint.
/// </summary>
internal static class ErrorHints
{
    private const string GnuSource = "_GNU_SOURCE";

    public static List<ScanDiagnostic> Add(
        List<ScanDiagnostic> errors, ScanOptions options, LibClangInfo clang, ClangIndexHandle index, string headerPath)
    {
        string? hint = DialectHint(options, clang, index, headerPath)
                       ?? IncludeFirstHint(errors, options, clang, index, headerPath)
                       ?? LineHint(errors[0]);
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

    // The standard header that declares each type a header most often uses without including it.
    private static readonly Dictionary<string, string> StandardTypeHeaders = new(StringComparer.Ordinal)
    {
        ["FILE"] = "stdio.h",
        ["size_t"] = "stddef.h",
        ["ptrdiff_t"] = "stddef.h",
        ["wchar_t"] = "stddef.h",
        ["va_list"] = "stdarg.h",
        ["bool"] = "stdbool.h",
        ["int8_t"] = "stdint.h",
        ["int16_t"] = "stdint.h",
        ["int32_t"] = "stdint.h",
        ["int64_t"] = "stdint.h",
        ["uint8_t"] = "stdint.h",
        ["uint16_t"] = "stdint.h",
        ["uint32_t"] = "stdint.h",
        ["uint64_t"] = "stdint.h",
        ["intptr_t"] = "stdint.h",
        ["uintptr_t"] = "stdint.h",
        ["time_t"] = "time.h",
        ["jmp_buf"] = "setjmp.h",
        ["ssize_t"] = "sys/types.h",
        ["off_t"] = "sys/types.h",
        ["pid_t"] = "sys/types.h",
        ["pthread_t"] = "pthread.h",
        ["pthread_mutex_t"] = "pthread.h",
    };

    private const string UnknownTypePrefix = "unknown type name '";

    // The header names standard types it never includes a header for: when including those headers first
    // makes it parse, that is the hint.
    private static string? IncludeFirstHint(
        List<ScanDiagnostic> errors, ScanOptions options, LibClangInfo clang, ClangIndexHandle index, string headerPath)
    {
        List<string> headers = [.. errors
            .Select(e => e.Message.StartsWith(UnknownTypePrefix, StringComparison.Ordinal)
                ? e.Message[UnknownTypePrefix.Length..].TrimEnd('\'')
                : null)
            .Select(type => type is not null && StandardTypeHeaders.TryGetValue(type, out string? header) ? header : null)
            .OfType<string>()
            .Where(h => !options.IncludeFirst.Contains(h))
            .Distinct()
            .Order(StringComparer.Ordinal)];
        bool Suffice(IEnumerable<string> first) =>
            ParsesCleanly(options with { IncludeFirst = [.. options.IncludeFirst, .. first] }, clang, index, headerPath);

        if (headers.Count == 0 || !Suffice(headers))
        {
            return null;
        }

        // One header may declare them all (stdio.h also declares size_t): name the fewest.
        if (headers.Count > 1 && headers.FirstOrDefault(h => Suffice([h])) is { } alone)
        {
            headers = [alone];
        }

        string list = string.Join(";", headers);
        string flags = string.Join(" ", headers.Select(h => "--include-first " + h));
        return $"the header uses standard types without including their headers, as if its user had included {string.Join(" and ", headers.Select(h => "<" + h + ">"))} first: set IncludeFirst=\"{list}\" (sb-scan {flags})";
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
