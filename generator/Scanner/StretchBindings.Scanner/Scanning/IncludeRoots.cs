using StretchBindings.Scanner.Clang;

namespace StretchBindings.Scanner.Scanning;

/// <summary>
/// Which headers belong to the library being scanned. A header is the library's own when it is the
/// named header or lies under one of the library's include roots:
/// <list type="bullet">
/// <item>the named header's directory, unless that directory is a system include directory
/// (<c>/usr/include/sodium.h</c>): then the directory named after the header, <c>/usr/include/sodium/</c>;</item>
/// <item>every include directory given (<c>-I /usr/include/libxml2</c>) that is not a system include directory.</item>
/// </list>
/// It does not matter how a header is included (<c>"x.h"</c> or <c>&lt;lib/x.h&gt;</c>): where the file
/// is decides. System include directories are the ones clang searched for a system header in this
/// parse (<c>/usr/include</c>, its multiarch directory, clang's builtin headers) and the usual
/// <c>/usr/include</c> and <c>/usr/local/include</c>, so the C library is never bound by accident.
/// StretchBindings' own annotation header is the vocabulary, not the library: it is never recorded.
/// </summary>
internal sealed class IncludeRoots
{
    private static readonly string[] UsualSystemDirectories = ["/usr/include", "/usr/local/include"];
    private const string AnnotationHeader = "/stretchbindings/annotations.h";

    private readonly string _headerPath;
    private readonly List<string> _roots;

    private IncludeRoots(string headerPath, List<string> roots, HashSet<string> systemDirectories)
    {
        _headerPath = headerPath;
        _roots = roots;
        SystemDirectories = systemDirectories;
    }

    /// <summary>The directories whose headers are the library's own, as full paths.</summary>
    public IReadOnlyList<string> Roots => _roots;

    public IReadOnlySet<string> SystemDirectories { get; }

    public static IncludeRoots Find(TranslationUnitHandle unit, string headerPath, IEnumerable<string> includeDirectories)
    {
        HashSet<string> system = SearchedSystemDirectories(unit);
        system.UnionWith(UsualSystemDirectories);

        var roots = new List<string>();
        string headerDirectory = Path.GetDirectoryName(headerPath)!;
        if (!system.Contains(headerDirectory))
        {
            roots.Add(headerDirectory);
        }
        else
        {
            string named = Path.Combine(headerDirectory, Path.GetFileNameWithoutExtension(headerPath));
            if (Directory.Exists(named))
            {
                roots.Add(named);
            }
        }

        foreach (string directory in includeDirectories)
        {
            string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
            if (!system.Contains(full) && !roots.Contains(full))
            {
                roots.Add(full);
            }
        }

        return new IncludeRoots(headerPath, roots, system);
    }

    /// <summary>Whether declarations in the file at <paramref name="path"/> (a full path) are the library's.</summary>
    public bool Contains(string path)
    {
        if (string.Equals(path, _headerPath, StringComparison.Ordinal))
        {
            return true;
        }

        if (path.Replace('\\', '/').EndsWith(AnnotationHeader, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (string root in _roots)
        {
            if (IsUnder(path, root))
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsUnder(string path, string directory)
    {
        string prefix = directory.EndsWith(Path.DirectorySeparatorChar) ? directory : directory + Path.DirectorySeparatorChar;
        return path.StartsWith(prefix, StringComparison.Ordinal);
    }

    // An #include "name" that clang resolved to <dir>/name in a system header was found by searching
    // <dir> (unless <dir> is the including file's own directory): <dir> is a system include directory.
    private static HashSet<string> SearchedSystemDirectories(TranslationUnitHandle unit)
    {
        var directories = new HashSet<string>(StringComparer.Ordinal);
        CXCursor root = LibClang.clang_getTranslationUnitCursor(unit);
        foreach (CXCursor directive in CursorVisitor.Children(root, c => c.Kind == CXCursorKind.InclusionDirective))
        {
            nint included = LibClang.clang_getIncludedFile(directive);
            if (included == nint.Zero
                || LibClang.clang_Location_isInSystemHeader(LibClang.clang_getLocation(unit, included, 1, 1)) == 0)
            {
                continue;
            }

            string path = Path.GetFullPath(ClangExtensions.FileName(included));
            string name = directive.Spelling().Replace('\\', '/');
            if (name.Length == 0 || Path.IsPathRooted(name) || !path.Replace('\\', '/').EndsWith("/" + name, StringComparison.Ordinal))
            {
                continue;
            }

            string directory = Path.TrimEndingDirectorySeparator(path[..^(name.Length + 1)]);
            (nint includer, _, _) = LibClang.clang_getCursorLocation(directive).ExpansionLocation();
            string? includerDirectory = includer == nint.Zero ? null : Path.GetDirectoryName(Path.GetFullPath(ClangExtensions.FileName(includer)));
            if (!string.Equals(directory, includerDirectory, StringComparison.Ordinal))
            {
                directories.Add(directory);
            }
        }

        return directories;
    }
}
