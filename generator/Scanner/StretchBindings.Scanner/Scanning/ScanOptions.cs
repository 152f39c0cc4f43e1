namespace StretchBindings.Scanner.Scanning;

/// <summary>The language the header is parsed as.</summary>
public enum LanguageStandard
{
    C11,
    C17,
    Cxx17,
}

/// <summary>Functions named by <paramref name="Pattern"/> (a name, or a glob with '*' and '?') live in <paramref name="Library"/>.</summary>
public sealed record LibraryMapping(string Library, string Pattern)
{
    /// <summary>Parses <c>library=pattern</c>; null when it is not of that form.</summary>
    public static LibraryMapping? TryParse(string text)
    {
        int equals = text.IndexOf('=');
        return equals > 0 && equals < text.Length - 1
            ? new LibraryMapping(text[..equals].Trim(), text[(equals + 1)..].Trim())
            : null;
    }
}

/// <summary>What to scan and how.</summary>
public sealed record ScanOptions
{
    /// <summary>The header to scan.</summary>
    public required string HeaderPath { get; init; }

    /// <summary>The native library the functions live in, as the manifest records it (e.g. "z").</summary>
    public required string Library { get; init; }

    public IReadOnlyList<string> IncludeDirectories { get; init; } = [];

    /// <summary>Preprocessor definitions, <c>NAME</c> or <c>NAME=VALUE</c>.</summary>
    public IReadOnlyList<string> Defines { get; init; } = [];

    public LanguageStandard Standard { get; init; } = LanguageStandard.C11;

    /// <summary>Also record declarations of headers in the header's directory (and below) that it includes.</summary>
    public bool IncludeSiblingHeaders { get; init; }

    /// <summary>Paths in the manifest are relative to this directory; the header's own directory by default.</summary>
    public string? BaseDirectory { get; init; }

    /// <summary>A clang target triple; the host's by default.</summary>
    public string? TargetTriple { get; init; }

    /// <summary>
    /// Functions to keep: exact names, or prefixes ending in '*'. Empty keeps every function.
    /// Types, enums and constants are always kept.
    /// </summary>
    public IReadOnlyList<string> Functions { get; init; } = [];

    /// <summary>An annotation sidecar (docs/annotation-sidecar.md) applied as if its annotations were written in the header.</summary>
    public string? SidecarPath { get; init; }

    /// <summary>Functions that live in another shared library than <see cref="Library"/>, by name or glob; the last match wins, and a sidecar entry beats them.</summary>
    public IReadOnlyList<LibraryMapping> LibraryMap { get; init; } = [];

    internal static string StandardFlag(LanguageStandard standard) => standard switch
    {
        LanguageStandard.C11 => "c11",
        LanguageStandard.C17 => "c17",
        LanguageStandard.Cxx17 => "c++17",
        _ => throw new ArgumentOutOfRangeException(nameof(standard)),
    };

    /// <summary>Parses "c11", "c17" or "c++17".</summary>
    public static bool TryParseStandard(string text, out LanguageStandard standard)
    {
        switch (text)
        {
            case "c11":
                standard = LanguageStandard.C11;
                return true;
            case "c17":
                standard = LanguageStandard.C17;
                return true;
            case "c++17":
                standard = LanguageStandard.Cxx17;
                return true;
            default:
                standard = default;
                return false;
        }
    }
}
