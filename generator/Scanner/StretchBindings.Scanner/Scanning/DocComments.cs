using StretchBindings.Scanner.Clang;
using StretchBindings.Manifest;

namespace StretchBindings.Scanner.Scanning;

/// <summary>Reads doc comments (<c>/** */</c>, <c>///</c>, <c>/*! */</c>, <c>//!</c>) attached to declarations.</summary>
internal static class DocComments
{
    public static NativeDoc? Read(CXCursor cursor)
    {
        string raw = ClangString.Take(LibClang.clang_Cursor_getRawCommentText(cursor));
        if (raw.Length == 0)
        {
            return null;
        }

        string text = Clean(raw);
        if (text.Length == 0)
        {
            return null;
        }

        string brief = Brief(text);
        return new NativeDoc(brief.Length == 0 ? null : brief, text);
    }

    /// <summary>The comment's text without its markers and leading asterisks, lines joined by '\n'.</summary>
    public static string Clean(string raw)
    {
        var lines = new List<string>();
        foreach (string rawLine in raw.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            string line = rawLine.Trim();
            line = StripPrefix(line, "/**<", "/*!<", "///<", "//!<", "/**", "/*!", "///", "//!", "/*", "//");
            if (line.Trim('*').Length == 0 || line.Trim('*') == "/")
            {
                // A rule of asterisks opening or closing a boxed comment carries no text.
                lines.Add(string.Empty);
                continue;
            }

            if (line.EndsWith("*/", StringComparison.Ordinal))
            {
                line = line[..^2].TrimEnd();
                // A closing line of asterisks ("*****/") carries no text.
                line = line.Trim('*').Length == 0 ? string.Empty : line;
            }

            if (line.StartsWith('*'))
            {
                line = line[1..];
                line = line.StartsWith(' ') ? line[1..] : line;
            }

            lines.Add(line.TrimEnd());
        }

        // Keep the relative indentation of continuation lines, drop what every line shares.
        int common = lines.Where(l => l.Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        IEnumerable<string> trimmed = lines.Select(l => l.Length >= common ? l[common..] : l);
        return string.Join('\n', trimmed).Trim('\n');
    }

    /// <summary>
    /// The summary of a cleaned comment, as Doxygen reads it: the paragraph of an explicit
    /// <c>@brief</c>, else the first paragraph, which ends at a blank line or at a block command
    /// (<c>@param</c>, <c>@return</c>, ...). Computed here rather than asked of clang, whose
    /// comment parser costs more than the rest of a declaration's scan.
    /// </summary>
    public static string Brief(string text)
    {
        string[] lines = text.Split('\n');
        var paragraph = new List<string>();
        int start = Array.FindIndex(lines, line => BriefCommand(line) is not null);
        if (start >= 0)
        {
            paragraph.Add(BriefCommand(lines[start])!);
            start++;
        }
        else
        {
            start = 0;
        }

        for (int i = start; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length > 0 && line[0] is '@' or '\\')
            {
                break;
            }

            if (line.Length == 0)
            {
                if (paragraph.Count > 0)
                {
                    break;
                }

                continue;
            }

            paragraph.Add(line);
        }

        return Normalize(string.Join(' ', paragraph));
    }

    // The text after "@brief" or "\brief" when the line starts with one, else null.
    private static string? BriefCommand(string line)
    {
        string trimmed = line.TrimStart();
        foreach (string command in (string[])["@brief", "\\brief", "@short", "\\short"])
        {
            if (trimmed.StartsWith(command, StringComparison.Ordinal)
                && (trimmed.Length == command.Length || char.IsWhiteSpace(trimmed[command.Length])))
            {
                return trimmed[command.Length..].Trim();
            }
        }

        return null;
    }

    private static string StripPrefix(string line, params string[] prefixes)
    {
        foreach (string prefix in prefixes)
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                string rest = line[prefix.Length..];
                return rest.StartsWith(' ') ? rest[1..] : rest;
            }
        }

        return line;
    }

    private static string Normalize(string text) =>
        string.Join(' ', text.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
}
