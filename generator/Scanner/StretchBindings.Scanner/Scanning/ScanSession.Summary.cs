using StretchBindings.Manifest;
using StretchBindings.Scanner.Clang;

namespace StretchBindings.Scanner.Scanning;

/// <summary>
/// What the scan says about the header as a whole: one info for the functions no library exports
/// (<c>static inline</c> functions, function-like macros), and a warning, with its reason, when the
/// header yields no function at all.
/// </summary>
internal sealed partial class ScanSession
{
    private const int NamesListed = 8;

    private readonly List<(string Name, NativeLocation Location)> _staticFunctions = [];
    private readonly List<(string Name, NativeLocation Location)> _functionLikeMacros = [];

    // Functions declared in headers that are neither the library's nor the system's, by file.
    private readonly Dictionary<string, int> _functionsOutsideRoots = new(StringComparer.Ordinal);

    private void NoteOutsideRoots(CXCursor cursor)
    {
        if (cursor.Kind != CXCursorKind.FunctionDecl
            || LibClang.clang_Location_isInSystemHeader(LibClang.clang_getCursorLocation(cursor)) != 0)
        {
            return;
        }

        (nint file, _, _) = LibClang.clang_getCursorLocation(cursor).ExpansionLocation();
        if (file != nint.Zero)
        {
            string path = Path.GetFullPath(ClangExtensions.FileName(file));
            _functionsOutsideRoots[path] = _functionsOutsideRoots.GetValueOrDefault(path) + 1;
        }
    }

    private void Summarize(int keptFunctions)
    {
        int notExported = _staticFunctions.Count + _functionLikeMacros.Count;
        if (notExported > 0)
        {
            NativeLocation first = _staticFunctions.Concat(_functionLikeMacros).Select(n => n.Location)
                .OrderBy(l => l.File, StringComparer.Ordinal).ThenBy(l => l.Line).First();
            IEnumerable<string> names = _staticFunctions.Concat(_functionLikeMacros).Select(n => n.Name).Distinct().Take(NamesListed);
            string more = notExported > NamesListed ? ", …" : string.Empty;
            _warnings.Add(At(first, DiagnosticSeverity.Info, ScanDiagnosticIds.NotExported,
                $"{NotExportedCount()} {(notExported == 1 ? "is" : "are")} not bound: no library exports them ({string.Join(", ", names)}{more})"));
        }

        if (keptFunctions == 0)
        {
            _warnings.Add(At(new NativeLocation(RelativePath(_headerPath), 1, 1), DiagnosticSeverity.Warning, ScanDiagnosticIds.NoFunctions,
                $"'{Path.GetFileName(_headerPath)}' yields no function: {NoFunctionReason()}"));
        }
    }

    private string NoFunctionReason()
    {
        if (_functions.Count > 0)
        {
            return $"none of its {Count(_functions.Count, "function")} matches Functions '{string.Join(";", _options.Functions)}'";
        }

        var reasons = new List<string>();
        if (_functionsOutsideRoots.Count > 0)
        {
            (string file, int count) = _functionsOutsideRoots.OrderByDescending(f => f.Value).ThenBy(f => f.Key, StringComparer.Ordinal).First();
            int total = _functionsOutsideRoots.Values.Sum();
            reasons.Add($"{Count(total, "function")} {(total == 1 ? "is" : "are")} declared in included headers outside the library's include roots " +
                $"({string.Join(", ", _roots.Roots.Select(r => $"'{r}'"))}), {count} in '{file}': " +
                $"add '{Path.GetDirectoryName(file)}' to IncludeDirectories (-I) to bind them");
        }

        if (_staticFunctions.Count + _functionLikeMacros.Count > 0)
        {
            reasons.Add($"its {NotExportedCount()} {(_staticFunctions.Count + _functionLikeMacros.Count == 1 ? "is" : "are")} not exported by any library");
        }

        if (reasons.Count == 0)
        {
            reasons.Add(_functionsOutsideRoots.Count == 0 && _records.Count + _enums.Count + _typedefs.Count + _macroCandidates.Count == 0
                ? "it declares nothing (check the defines: the declarations may be behind an #if)"
                : "it declares types and constants only");
        }

        return string.Join("; ", reasons);
    }

    // "3 static inline functions and 2 function-like macros", without a part that is zero.
    private string NotExportedCount()
    {
        var parts = new List<string>();
        if (_staticFunctions.Count > 0)
        {
            parts.Add(Count(_staticFunctions.Count, "static inline function"));
        }

        if (_functionLikeMacros.Count > 0)
        {
            parts.Add(Count(_functionLikeMacros.Count, "function-like macro"));
        }

        return string.Join(" and ", parts);
    }

    private static string Count(int count, string what) => count == 1 ? $"1 {what}" : $"{count} {what}s";

    private ScanDiagnostic At(NativeLocation location, DiagnosticSeverity severity, string id, string message) =>
        new(severity, message, Path.GetFullPath(Path.Combine(_baseDirectory, location.File)), location.Line, location.Column) { Id = id };
}
