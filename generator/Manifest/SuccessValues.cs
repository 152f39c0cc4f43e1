using System;
using System.Collections.Generic;
using System.Globalization;

namespace StretchBindings.Manifest;

/// <summary>
/// The success values of a status result (<c>sb:status_result</c>): alternatives separated by
/// <c>|</c>, each a value (<c>0</c>, <c>-1</c>), a bound (<c>&gt;=0</c>, <c>&gt;0</c>, <c>&lt;=0</c>,
/// <c>&lt;0</c>) or an inclusive range (<c>0..99</c>). The scanner checks and normalizes the text, the
/// generator turns it into a C# pattern; one parser serves both.
/// </summary>
internal static class SuccessValues
{
    /// <summary>The grammar, for messages.</summary>
    public const string Grammar = "values separated by '|', each an integer (0), a bound (>=0, >0, <=0, <0) or a range (0..99)";

    /// <summary>
    /// Parses <paramref name="text"/>; on success <paramref name="normalized"/> is the text without
    /// spaces and <paramref name="pattern"/> the C# pattern that matches a success value (<c>100 or 101</c>).
    /// </summary>
    public static bool TryParse(string text, out string normalized, out string pattern)
    {
        normalized = text.Replace(" ", string.Empty).Replace("\t", string.Empty);
        pattern = string.Empty;
        if (normalized.Length == 0)
        {
            return false;
        }

        var patterns = new List<string>();
        foreach (string alternative in normalized.Split('|'))
        {
            string? one = Alternative(alternative);
            if (one is null)
            {
                return false;
            }

            patterns.Add(one);
        }

        pattern = patterns.Count == 1 ? patterns[0] : "(" + string.Join(") or (", patterns) + ")";
        return true;
    }

    /// <summary>Whether the text names exactly one value, so a success carries no information.</summary>
    public static bool IsSingleValue(string text) => TryParse(text, out string normalized, out _) && Number(normalized) is not null;

    private static string? Alternative(string text)
    {
        foreach (string op in new[] { ">=", "<=", ">", "<" })
        {
            if (text.StartsWith(op, StringComparison.Ordinal))
            {
                return Number(text.Substring(op.Length)) is { } bound ? $"{op} {bound}" : null;
            }
        }

        int range = text.IndexOf("..", StringComparison.Ordinal);
        if (range >= 0)
        {
            string? low = Number(text.Substring(0, range));
            string? high = Number(text.Substring(range + 2));
            return low is not null && high is not null && long.Parse(low, CultureInfo.InvariantCulture) <= long.Parse(high, CultureInfo.InvariantCulture)
                ? $">= {low} and <= {high}"
                : null;
        }

        return Number(text);
    }

    // A decimal long, written back canonically (no leading zeros or '+').
    private static string? Number(string text)
    {
        if (text.Length == 0 || text.Length > 20)
        {
            return null;
        }

        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (!(c is >= '0' and <= '9' || (c == '-' && i == 0 && text.Length > 1)))
            {
                return null;
            }
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value)
            ? value.ToString(CultureInfo.InvariantCulture)
            : null;
    }
}
