using System.Text.RegularExpressions;

namespace StretchBindings.Scanner.Clang;

/// <summary>
/// Finds clang's resource directory, whose include/ holds the compiler's builtin headers (stddef.h,
/// stdarg.h, ...). libclang guesses it from its own location, which is wrong for Debian's layout and
/// empty for the NuGet package, so the scanner always passes one: the override, else the directory
/// that matches the loaded libclang's version, else the builtin headers shipped with the scanner.
/// </summary>
internal static partial class ClangResourceDirectory
{
    /// <summary>The scanner's own builtin headers (generator/Scanner/StretchBindings.Scanner/BuiltinHeaders), copied beside it.</summary>
    public static string Shipped =>
        Path.Combine(Path.GetDirectoryName(typeof(ClangResourceDirectory).Assembly.Location) is { Length: > 0 } directory ? directory : AppContext.BaseDirectory,
            "BuiltinHeaders");

    public static bool HasBuiltinHeaders(string directory) => File.Exists(Path.Combine(directory, "include", "stddef.h"));

    /// <summary>The resource directory to use, or null with <paramref name="failure"/> saying what was looked at.</summary>
    public static string? Find(string loadedFrom, string version, out string? failure)
    {
        failure = null;
        int major = ParseMajorVersion(version) ?? LibClangSearch.SystemMajorVersion;
        string? requested = Environment.GetEnvironmentVariable(LibClangLoader.ResourceDirectoryOverrideVariable);
        if (!string.IsNullOrWhiteSpace(requested))
        {
            if (HasBuiltinHeaders(requested))
            {
                return Path.GetFullPath(requested);
            }

            failure = $"clang's builtin headers were not found: {LibClangLoader.ResourceDirectoryOverrideVariable} names '{requested}', which has no include/stddef.h; " +
                      $"unset it or point it at clang's resource directory (for example /usr/lib/llvm-{major}/lib/clang/<version>), " +
                      $"or install Debian's package libclang-common-{major}-dev";
            return null;
        }

        List<string> matching = MatchingCandidates(loadedFrom, version);
        string? found = matching.FirstOrDefault(HasBuiltinHeaders);
        if (found is not null)
        {
            return Path.GetFullPath(found);
        }

        if (HasBuiltinHeaders(Shipped))
        {
            return Shipped;
        }

        failure = $"libclang ({version}) was loaded from '{loadedFrom}', but clang's builtin headers (include/stddef.h) were found neither in " +
                  string.Join(", ", matching.Select(m => $"'{m}'").Append($"the scanner's own '{Shipped}'")) +
                  $": reinstall the scanner, install Debian's package libclang-common-{major}-dev, " +
                  $"or set {LibClangLoader.ResourceDirectoryOverrideVariable} to the directory that holds include/stddef.h";
        return null;
    }

    /// <summary>
    /// The text to add to clang's "'x.h' file not found" when x.h is a compiler header that the
    /// scanner's own builtin headers lack, so that it does not read like a mistake in the header; else null.
    /// </summary>
    public static string? MissingBuiltinHint(string message, string resourceDirectory)
    {
        Match match = MissingCompilerHeader().Match(message);
        if (!match.Success || !string.Equals(Path.GetFullPath(resourceDirectory), Path.GetFullPath(Shipped), StringComparison.Ordinal))
        {
            return null;
        }

        return $" ({match.Groups[1].Value} is a compiler header that the scanner's builtin headers do not provide: " +
               $"set {LibClangLoader.ResourceDirectoryOverrideVariable} to a clang resource directory that has it, for example /usr/lib/llvm-<major>/lib/clang/<version>)";
    }

    internal static int? ParseMajorVersion(string version)
    {
        Match match = VersionNumber().Match(version);
        return match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    // Resource directories of the same clang version: beside the library, then the distribution's places.
    private static List<string> MatchingCandidates(string loadedFrom, string version)
    {
        var candidates = new List<string>();
        Match match = VersionNumber().Match(version);
        if (!match.Success)
        {
            return candidates;
        }

        string major = match.Groups[1].Value;
        string[] versionNames = [$"{major}.{match.Groups[2].Value}.{match.Groups[3].Value}", major];
        var roots = new List<string>();
        string? libraryDirectory = Path.IsPathRooted(loadedFrom) ? Path.GetDirectoryName(loadedFrom) : null;
        if (libraryDirectory is not null)
        {
            roots.Add(Path.Combine(libraryDirectory, "clang"));
            roots.Add(Path.GetFullPath(Path.Combine(libraryDirectory, "..", "lib", "clang")));
        }

        roots.AddRange([$"/usr/lib/llvm-{major}/lib/clang", "/usr/lib/clang", "/usr/lib64/clang", "/usr/local/lib/clang"]);
        foreach (string root in roots)
        {
            candidates.AddRange(versionNames.Select(name => Path.Combine(root, name)));
        }

        // The same major version under another spelling of the directory name ("14" vs "14.0.6").
        foreach (string root in roots.Where(Directory.Exists))
        {
            candidates.AddRange(Directory.EnumerateDirectories(root, major + ".*").Order(StringComparer.Ordinal));
        }

        return [.. candidates.Distinct(StringComparer.Ordinal)];
    }

    [GeneratedRegex(@"^'((?:stdatomic|stdckdint|stdbit|tgmath|unwind|cpuid|mm_malloc|varargs|[a-z0-9_]*intrin|arm_[a-z0-9_]+)\.h)' file not found$")]
    private static partial Regex MissingCompilerHeader();

    [GeneratedRegex(@"version (\d+)\.(\d+)\.(\d+)")]
    private static partial Regex VersionNumber();
}
