using StretchBindings.Manifest;
using StretchBindings.Scanner.Clang;

namespace StretchBindings.Scanner.Scanning;

/// <summary>Object-like macros that may be constants (evaluated later by <see cref="MacroConstants"/>), with their docs.</summary>
internal sealed partial class ScanSession
{
    private readonly Dictionary<string, string[]> _fileLines = new(StringComparer.Ordinal);

    private void VisitMacro(CXCursor cursor)
    {
        if (LibClang.clang_Cursor_isMacroBuiltin(cursor) != 0)
        {
            return;
        }

        string name = cursor.Spelling();
        if (LibClang.clang_Cursor_isMacroFunctionLike(cursor) != 0)
        {
            AddUnsupported(cursor, "macro", "function-like macro: only object-like macros that are constants are recorded");
            _functionLikeMacros.Add((name, Location(cursor)));
            return;
        }

        var identifiers = new List<string>();
        string? expression = MacroConstants.ReadExpression(_unit, cursor, identifiers);
        if (expression is null)
        {
            return;
        }

        NativeLocation location = Location(cursor);
        _macroCandidates[name] = new MacroConstants.Candidate(name, expression, MacroDoc(cursor), location)
        {
            Identifiers = identifiers,
            TokenCount = Math.Max(identifiers.Count, expression.Split(' ').Length),
        };
    }

    // Doc comments attach to declarations, not to macros: read the /** */ or /// block right above the #define.
    private NativeDoc? MacroDoc(CXCursor cursor)
    {
        (nint file, int line, _) = LibClang.clang_getCursorLocation(cursor).ExpansionLocation();
        if (file == nint.Zero || line < 2)
        {
            return null;
        }

        string path = ClangExtensions.FileName(file);
        if (!_fileLines.TryGetValue(path, out string[]? lines))
        {
            lines = File.Exists(path) ? File.ReadAllLines(path) : [];
            _fileLines[path] = lines;
        }

        int end = line - 2;
        if (end < 0 || end >= lines.Length)
        {
            return null;
        }

        string last = lines[end].Trim();
        int start;
        if (last.StartsWith("///", StringComparison.Ordinal) || last.StartsWith("//!", StringComparison.Ordinal))
        {
            start = end;
            while (start > 0 && lines[start - 1].TrimStart() is var previous
                   && (previous.StartsWith("///", StringComparison.Ordinal) || previous.StartsWith("//!", StringComparison.Ordinal)))
            {
                start--;
            }
        }
        else if (last.EndsWith("*/", StringComparison.Ordinal))
        {
            start = end;
            while (start >= 0 && !lines[start].Contains("/*", StringComparison.Ordinal))
            {
                start--;
            }

            if (start < 0)
            {
                return null;
            }

            string opening = lines[start].TrimStart();
            if (!(opening.StartsWith("/**", StringComparison.Ordinal) || opening.StartsWith("/*!", StringComparison.Ordinal)))
            {
                return null;
            }
        }
        else
        {
            return null;
        }

        string text = DocComments.Clean(string.Join('\n', lines[start..(end + 1)]));
        if (text.Length == 0)
        {
            return null;
        }

        string brief = DocComments.Brief(text);
        return new NativeDoc(brief.Length == 0 ? null : brief, text);
    }
}
