using StretchBindings.Manifest;

namespace StretchBindings.Scanner.Sidecar;

/// <summary>
/// The keys of an annotation sidecar (docs/annotation-sidecar.md) besides the annotation names, which
/// come from the one annotation table (<see cref="NativeAnnotationNames.All"/>). The reader, the
/// schema and the <c>suggest</c> writer all spell them from here.
/// </summary>
internal static class SidecarKeys
{
    public const string Schema = "$schema";
    public const string Functions = "functions";
    public const string Types = "types";
    public const string Parameters = "parameters";
    public const string Library = "library";
    public const string Exclude = "exclude";

    /// <summary>Why an entry is there; the reader ignores it.</summary>
    public const string Evidence = "evidence";

    /// <summary>An entry not yet reviewed: the reader reports it and applies nothing of it.</summary>
    public const string Review = "review";

    /// <summary>The sidecar's file name ending, beside the header or the project: <c>zlib.sidecar.json</c>.</summary>
    public const string FileSuffix = ".sidecar.json";

    /// <summary>The published schema's file, relative to the repository root.</summary>
    public const string SchemaPath = "schemas/stretchbindings.sidecar.schema.json";

    public static readonly string[] TopLevel = [Schema, Functions, Types];

    public static readonly string[] FunctionEntry = [Parameters, Library, Exclude, Evidence, Review];

    public static readonly string[] TypeEntry = [Exclude, Evidence, Review];
}

/// <summary>One annotation as the sidecar wrote it, with its line.</summary>
internal sealed record SidecarAnnotation(NativeAnnotation Annotation, int Line, int Column);

/// <summary>The annotations the sidecar gives one parameter of the functions an entry names.</summary>
internal sealed record SidecarParameter(string Name, IReadOnlyList<SidecarAnnotation> Annotations, int Line, int Column);

/// <summary>A <c>functions</c> or <c>types</c> entry: a name, or a glob with <c>*</c> and <c>?</c>, and what it says.</summary>
internal sealed record SidecarEntry(
    string Pattern,
    int Line,
    int Column,
    IReadOnlyList<SidecarAnnotation> Annotations,
    IReadOnlyList<SidecarParameter> Parameters,
    string? Library,
    bool Exclude,
    bool Review)
{
    public bool IsGlob => Pattern.IndexOfAny(['*', '?']) >= 0;

    /// <summary>Whether the entry names <paramref name="name"/>: equal, or matched by the glob.</summary>
    public bool Matches(string name) => IsGlob ? Glob.Matches(Pattern, name) : Pattern == name;
}

/// <summary>A read sidecar: its entries in file order, and its path as the manifest records it.</summary>
internal sealed record SidecarFile(string Path, string RelativePath, IReadOnlyList<SidecarEntry> Functions, IReadOnlyList<SidecarEntry> Types);

/// <summary><c>*</c> (any run of characters) and <c>?</c> (one character), matched against the whole name.</summary>
internal static class Glob
{
    public static bool Matches(string pattern, string name) => Matches(pattern, 0, name, 0);

    private static bool Matches(string pattern, int p, string name, int n)
    {
        while (p < pattern.Length)
        {
            char c = pattern[p];
            if (c == '*')
            {
                // Try every length for the run; names are short, so the backtracking is cheap.
                for (int skip = n; skip <= name.Length; skip++)
                {
                    if (Matches(pattern, p + 1, name, skip))
                    {
                        return true;
                    }
                }

                return false;
            }

            if (n >= name.Length || (c != '?' && c != name[n]))
            {
                return false;
            }

            p++;
            n++;
        }

        return n == name.Length;
    }
}
