using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace StretchBindings.Generator.Helpers;

/// <summary>Turns C names into valid, escaped C# identifiers.</summary>
internal static class Identifiers
{
    /// <summary>
    /// <paramref name="name"/> as a C# identifier: invalid characters become '_', a leading digit gets
    /// a '_' prefix, and a keyword is escaped with '@' (C names such as <c>out</c>, <c>string</c> or
    /// <c>base</c> are legal in C).
    /// </summary>
    public static string Escape(string name)
    {
        string valid = MakeValid(name);
        return IsKeyword(valid) ? "@" + valid : valid;
    }

    /// <summary>Whether <paramref name="name"/> is a C# reserved or contextual keyword that needs escaping.</summary>
    public static bool IsKeyword(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None
        || name is "value" or "var" or "nameof" or "dynamic" or "await" or "scoped" or "file" or "nint" or "nuint";

    public static string MakeValid(string name)
    {
        if (name.Length == 0)
        {
            return "_";
        }

        var builder = new StringBuilder(name.Length + 1);
        foreach (char c in name)
        {
            builder.Append(char.IsLetterOrDigit(c) || c == '_' ? c : '_');
        }

        if (char.IsDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }

    /// <summary><c>stretch_status</c> → <c>StretchStatus</c>, <c>ERROR_BAD_LENGTH</c> → <c>ErrorBadLength</c>.</summary>
    public static string ToPascalCase(string name)
    {
        var builder = new StringBuilder(name.Length);
        bool allUpper = IsAllUpper(name);
        foreach (string part in name.Split('_'))
        {
            if (part.Length == 0)
            {
                continue;
            }

            builder.Append(char.ToUpperInvariant(part[0]));
            string rest = part.Substring(1);
            builder.Append(allUpper ? rest.ToLowerInvariant() : rest);
        }

        return builder.Length == 0 ? MakeValid(name) : MakeValid(builder.ToString());
    }

    /// <summary><c>sample_rate</c> → <c>sampleRate</c>, escaped.</summary>
    public static string ToCamelCase(string name)
    {
        string pascal = ToPascalCase(name);
        string camel = char.ToLowerInvariant(pascal[0]) + pascal.Substring(1);
        return Escape(camel);
    }

    /// <summary>The longest prefix ending in '_' that every name shares (for enumerators).</summary>
    public static string CommonPrefix(IReadOnlyList<string> names)
    {
        if (names.Count < 2)
        {
            return string.Empty;
        }

        string prefix = names[0];
        foreach (string name in names)
        {
            int length = 0;
            while (length < prefix.Length && length < name.Length && prefix[length] == name[length])
            {
                length++;
            }

            prefix = prefix.Substring(0, length);
        }

        int cut = prefix.LastIndexOf('_');
        return cut < 0 ? string.Empty : prefix.Substring(0, cut + 1);
    }

    private static bool IsAllUpper(string name)
    {
        bool anyLetter = false;
        foreach (char c in name)
        {
            if (char.IsLower(c))
            {
                return false;
            }

            anyLetter |= char.IsLetter(c);
        }

        return anyLetter;
    }
}
