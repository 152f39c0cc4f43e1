namespace StretchBindings.Scanner.Scanning;

/// <summary>The language and dialect the header is parsed as (clang's <c>-std=</c>).</summary>
public enum LanguageStandard
{
    C11,
    C17,
    Cxx17,
    C89,
    C99,
    C2x,
    Gnu89,
    Gnu99,
    Gnu11,
    Gnu17,
    Gnu2x,
    Cxx11,
    Cxx14,
    Cxx20,
    GnuCxx11,
    GnuCxx14,
    GnuCxx17,
    GnuCxx20,
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

    /// <summary>
    /// Include directories (<c>-I</c>). Besides the header's own directory, they are the library's
    /// include roots: declarations of headers under them are recorded (<see cref="IncludeRoots"/>).
    /// </summary>
    public IReadOnlyList<string> IncludeDirectories { get; init; } = [];

    /// <summary>Preprocessor definitions, <c>NAME</c> or <c>NAME=VALUE</c>.</summary>
    public IReadOnlyList<string> Defines { get; init; } = [];

    /// <summary>
    /// Headers included before the scanned one (clang's <c>-include</c>), for a header that expects its
    /// user to have included them first, as <c>jpeglib.h</c> expects <c>&lt;stdio.h&gt;</c>. Their own
    /// declarations are recorded only if they lie under the include roots.
    /// </summary>
    public IReadOnlyList<string> IncludeFirst { get; init; } = [];

    public LanguageStandard Standard { get; init; } = LanguageStandard.C11;

    /// <summary>Paths in the manifest are relative to this directory; the header's own directory by default.</summary>
    public string? BaseDirectory { get; init; }

    /// <summary>A clang target triple; the host's by default.</summary>
    public string? TargetTriple { get; init; }

    /// <summary>
    /// Functions to keep: exact names, or prefixes ending in '*'. Empty keeps every function.
    /// Types, enums and constants are always kept.
    /// </summary>
    public IReadOnlyList<string> Functions { get; init; } = [];

    /// <summary>The most time a scan may take; past it the scan fails (<see cref="ScanLimits"/>).</summary>
    public TimeSpan TimeLimit { get; init; } = ScanLimits.DefaultTimeLimit;

    /// <summary>An annotation sidecar (docs/annotation-sidecar.md) applied as if its annotations were written in the header.</summary>
    public string? SidecarPath { get; init; }

    /// <summary>Functions that live in another shared library than <see cref="Library"/>, by name or glob; the last match wins, and a sidecar entry beats them.</summary>
    public IReadOnlyList<LibraryMapping> LibraryMap { get; init; } = [];

    /// <summary>The most memory, in megabytes, a scan may add to the process; past it the scan fails.</summary>
    public int MemoryLimitMegabytes { get; init; } = ScanLimits.DefaultMemoryLimitMegabytes;

    // Every standard by its clang spelling: the one table the parser, the flag and the checks read.
    private static readonly (LanguageStandard Standard, string Flag)[] Standards =
    [
        (LanguageStandard.C89, "c89"), (LanguageStandard.C99, "c99"), (LanguageStandard.C11, "c11"),
        (LanguageStandard.C17, "c17"), (LanguageStandard.C2x, "c2x"),
        (LanguageStandard.Gnu89, "gnu89"), (LanguageStandard.Gnu99, "gnu99"), (LanguageStandard.Gnu11, "gnu11"),
        (LanguageStandard.Gnu17, "gnu17"), (LanguageStandard.Gnu2x, "gnu2x"),
        (LanguageStandard.Cxx11, "c++11"), (LanguageStandard.Cxx14, "c++14"), (LanguageStandard.Cxx17, "c++17"),
        (LanguageStandard.Cxx20, "c++20"),
        (LanguageStandard.GnuCxx11, "gnu++11"), (LanguageStandard.GnuCxx14, "gnu++14"), (LanguageStandard.GnuCxx17, "gnu++17"),
        (LanguageStandard.GnuCxx20, "gnu++20"),
    ];

    /// <summary>The accepted spellings, for messages: "c89, c99, …".</summary>
    public static string StandardNames => string.Join(", ", Standards.Select(s => s.Flag));

    internal static string StandardFlag(LanguageStandard standard)
    {
        foreach ((LanguageStandard candidate, string flag) in Standards)
        {
            if (candidate == standard)
            {
                return flag;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(standard));
    }

    /// <summary>Whether the header is parsed as C++.</summary>
    internal static bool IsCxx(LanguageStandard standard) => StandardFlag(standard).Contains("++", StringComparison.Ordinal);

    /// <summary>The GNU dialect of a strict standard (c11 → gnu11); null when it already is one.</summary>
    internal static LanguageStandard? GnuDialect(LanguageStandard standard)
    {
        string flag = StandardFlag(standard);
        return flag.StartsWith('c') && TryParseStandard("gnu" + flag[1..], out LanguageStandard gnu) ? gnu : null;
    }

    /// <summary>Parses a clang standard name: "c11", "gnu11", "c17", "c++17", … (<see cref="StandardNames"/>).</summary>
    public static bool TryParseStandard(string text, out LanguageStandard standard)
    {
        // clang's aliases for the same standards.
        text = text switch { "c90" => "c89", "c18" => "c17", "gnu90" => "gnu89", "gnu18" => "gnu17", _ => text };
        foreach ((LanguageStandard candidate, string flag) in Standards)
        {
            if (flag == text)
            {
                standard = candidate;
                return true;
            }
        }

        standard = default;
        return false;
    }
}
