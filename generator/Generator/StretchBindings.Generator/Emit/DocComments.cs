using System;
using System.Collections.Generic;
using System.Text;
using StretchBindings.Generator.Helpers;
using StretchBindings.Manifest;

namespace StretchBindings.Generator.Emit;

/// <summary>Turns a header's doc comment (Doxygen-style text) into XML documentation.</summary>
internal static class DocComments
{
    /// <summary>
    /// Writes <c>&lt;summary&gt;</c>, <c>&lt;param&gt;</c> and <c>&lt;returns&gt;</c> for <paramref name="doc"/>.
    /// <paramref name="parameterNames"/> maps a C parameter name to its C# name; parameters missing
    /// from it (folded into a span's length) are left out.
    /// </summary>
    public static void Write(IndentedTextWriter writer, NativeDoc? doc, IReadOnlyDictionary<string, string>? parameterNames = null, string? extraRemarks = null,
        bool includeReturns = true)
    {
        if (doc is null && extraRemarks is null)
        {
            return;
        }

        Parsed parsed = Parse(doc?.Text ?? string.Empty);
        string summary = parsed.Summary.Length > 0 ? parsed.Summary : Collapse(doc?.Brief ?? string.Empty);
        if (summary.Length > 0)
        {
            writer.WriteLine($"/// <summary>{Escape(summary)}</summary>");
        }

        if (parameterNames is not null)
        {
            foreach (KeyValuePair<string, string> parameter in parsed.Parameters)
            {
                if (parameterNames.TryGetValue(parameter.Key, out string? name))
                {
                    writer.WriteLine($"/// <param name=\"{name.TrimStart('@')}\">{Escape(parameter.Value)}</param>");
                }
            }

            if (includeReturns && parsed.Returns.Length > 0)
            {
                writer.WriteLine($"/// <returns>{Escape(parsed.Returns)}</returns>");
            }
        }

        if (extraRemarks is not null)
        {
            writer.WriteLine($"/// <remarks>{Escape(extraRemarks)}</remarks>");
        }
    }

    /// <summary>A one-line summary, for members whose comment is short.</summary>
    public static void WriteSummary(IndentedTextWriter writer, string text) =>
        writer.WriteLine($"/// <summary>{Escape(text)}</summary>");

    /// <summary>Text for one line of XML documentation: markup escaped, line breaks and other control characters as spaces.</summary>
    public static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            builder.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                _ when char.IsControl(c) || c is '\u2028' or '\u2029' => " ",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }

    private static Parsed Parse(string text)
    {
        var summary = new StringBuilder();
        var parameters = new List<KeyValuePair<string, string>>();
        var returns = new StringBuilder();
        StringBuilder? current = summary;
        string? currentParameter = null;
        var parameterText = new StringBuilder();

        void FlushParameter()
        {
            if (currentParameter is not null)
            {
                parameters.Add(new KeyValuePair<string, string>(currentParameter, Collapse(parameterText.ToString())));
                currentParameter = null;
                parameterText.Clear();
            }
        }

        foreach (string rawLine in text.Split('\n'))
        {
            string line = rawLine.Trim();
            if (line.StartsWith("@", StringComparison.Ordinal) || line.StartsWith("\\", StringComparison.Ordinal))
            {
                int space = line.IndexOf(' ');
                string command = (space < 0 ? line : line.Substring(0, space)).Substring(1);
                string rest = space < 0 ? string.Empty : line.Substring(space + 1).Trim();
                FlushParameter();
                switch (command)
                {
                    case "brief":
                        current = summary;
                        current.Append(rest).Append(' ');
                        continue;
                    case "param":
                    case "param[in]":
                    case "param[out]":
                    case "param[in,out]":
                        int nameEnd = rest.IndexOf(' ');
                        currentParameter = nameEnd < 0 ? rest : rest.Substring(0, nameEnd);
                        parameterText.Append(nameEnd < 0 ? string.Empty : rest.Substring(nameEnd + 1));
                        current = parameterText;
                        continue;
                    case "return":
                    case "returns":
                    case "retval":
                        current = returns;
                        current.Append(rest).Append(' ');
                        continue;
                    default:
                        // Other block commands (@note, @see, ...) end the part before them.
                        current = null;
                        continue;
                }
            }

            if (line.Length == 0)
            {
                // A blank line ends the summary paragraph; later paragraphs are not part of it.
                if (current == summary && summary.Length > 0)
                {
                    current = null;
                }

                continue;
            }

            current?.Append(line).Append(' ');
        }

        FlushParameter();
        return new Parsed(Collapse(summary.ToString()), parameters, Collapse(returns.ToString()));
    }

    private static string Collapse(string text)
    {
        var builder = new StringBuilder(text.Length);
        bool space = false;
        foreach (char c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private sealed record Parsed(string Summary, List<KeyValuePair<string, string>> Parameters, string Returns);
}
