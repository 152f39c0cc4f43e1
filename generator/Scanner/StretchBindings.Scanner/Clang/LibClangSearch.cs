using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace StretchBindings.Scanner.Clang;

/// <summary>A place libclang is looked for: a file path, or a name the system's loader resolves.</summary>
/// <param name="NameOrPath">What is handed to the loader.</param>
/// <param name="Source">Where the candidate comes from.</param>
internal sealed record LibClangCandidate(string NameOrPath, LibClangSource Source);

/// <summary>
/// Every place the scanner looks for libclang, in order: LLVM's <c>libclang.runtime.&lt;rid&gt;</c>
/// NuGet package for this machine in each NuGet package folder, then the system's libclang by name and
/// in the usual library directories. The package's version and the machines it serves are the
/// build's (generator/MSBuild/StretchBindings.LibClang.props), stamped into this assembly.
/// </summary>
internal sealed partial record LibClangSearch(
    string? Rid,
    IReadOnlyList<string> PackageFolders,
    IReadOnlyList<string> SystemNames,
    IReadOnlyList<string> SystemDirectories)
{
    /// <summary>Environment variable with more NuGet package folders to search first (';'-separated); the build sets it.</summary>
    public const string PackageFoldersVariable = "STRETCHBINDINGS_PACKAGE_FOLDERS";

    /// <summary>The libclang major version whose Debian packages the messages name.</summary>
    public const int SystemMajorVersion = 14;

    public static string PackageVersion => Metadata("LibClangPackageVersion") ?? "0.0.0";

    public static IReadOnlyList<string> ServedRids =>
        (Metadata("LibClangPackageRids") ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>linux-x64, osx-arm64, win-x64, ...: the runtime identifier this process runs as.</summary>
    public static string? CurrentRid
    {
        get
        {
            string? os = OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsMacOS() ? "osx" : OperatingSystem.IsWindows() ? "win" : null;
            return os is null ? null : $"{os}-{RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()}";
        }
    }

    /// <summary>The package for <see cref="Rid"/>, or null when the package serves no libclang for it.</summary>
    public string? PackageId => Rid is not null && ServedRids.Contains(Rid, StringComparer.Ordinal) ? "libclang.runtime." + Rid : null;

    /// <summary>The search this process makes: this machine, its environment's package folders and the usual system places.</summary>
    public static LibClangSearch ForThisProcess()
    {
        var folders = new List<string>();
        string? listed = Environment.GetEnvironmentVariable(PackageFoldersVariable);
        if (!string.IsNullOrWhiteSpace(listed))
        {
            folders.AddRange(listed.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        string? nugetPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (!string.IsNullOrWhiteSpace(nugetPackages))
        {
            folders.Add(nugetPackages);
        }
        else
        {
            string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            if (!string.IsNullOrEmpty(home))
            {
                folders.Add(Path.Combine(home, ".nuget", "packages"));
            }
        }

        return new LibClangSearch(
            CurrentRid,
            [.. folders.Select(f => Path.TrimEndingDirectorySeparator(Path.GetFullPath(f))).Distinct(StringComparer.Ordinal)],
            SystemLibraryNames(),
            SystemLibraryDirectories());
    }

    /// <summary>Every candidate in the order they are tried.</summary>
    public IEnumerable<LibClangCandidate> Candidates()
    {
        foreach (string file in PackageFiles())
        {
            yield return new LibClangCandidate(file, LibClangSource.Package);
        }

        foreach (string name in SystemNames)
        {
            yield return new LibClangCandidate(name, LibClangSource.System);
        }

        foreach (string path in VersionedSystemLibraries())
        {
            yield return new LibClangCandidate(path, LibClangSource.System);
        }
    }

    /// <summary>The package's library in each package folder (NuGet's layout: lower-case id, version, runtimes/&lt;rid&gt;/native).</summary>
    public IEnumerable<string> PackageFiles()
    {
        if (PackageId is null)
        {
            yield break;
        }

        foreach (string folder in PackageFolders)
        {
            yield return Path.Combine(folder, PackageId.ToLowerInvariant(), PackageVersion, "runtimes", Rid!, "native", LibraryFileName);
        }
    }

    /// <summary>Where this search looked, for the message when nothing loaded.</summary>
    public string Describe()
    {
        var places = new List<string>();
        places.Add(PackageId is null
            ? $"no libclang NuGet package serves {Rid ?? "this machine"} (served: {string.Join(", ", ServedRids)})"
            : $"the NuGet package {PackageId} {PackageVersion} at " + string.Join(", ", PackageFiles().Select(f => $"'{f}'")));
        places.Add("the system libraries " + string.Join(", ", SystemNames.Select(n => $"'{n}'")));
        if (SystemDirectories.Count > 0)
        {
            places.Add($"{LibraryFilePattern} in " + string.Join(", ", SystemDirectories));
        }

        return string.Join("; ", places);
    }

    private static string LibraryFileName =>
        OperatingSystem.IsWindows() ? "libclang.dll" : OperatingSystem.IsMacOS() ? "libclang.dylib" : "libclang.so";

    private static string LibraryFilePattern => OperatingSystem.IsLinux() ? "libclang-<major>.so*" : LibraryFileName;

    private static string[] SystemLibraryNames()
    {
        if (OperatingSystem.IsWindows())
        {
            return ["libclang.dll", @"C:\Program Files\LLVM\bin\libclang.dll"];
        }

        if (OperatingSystem.IsMacOS())
        {
            return ["libclang.dylib", "/Library/Developer/CommandLineTools/usr/lib/libclang.dylib", "/opt/homebrew/opt/llvm/lib/libclang.dylib"];
        }

        return [$"libclang-{SystemMajorVersion}.so.1", "libclang.so.1", "libclang.so"];
    }

    private static string[] SystemLibraryDirectories()
    {
        if (!OperatingSystem.IsLinux())
        {
            return [];
        }

        string[] fixedDirectories = ["/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib", "/usr/local/lib"];
        IEnumerable<string> llvm = Directory.Exists("/usr/lib")
            ? Directory.EnumerateDirectories("/usr/lib", "llvm-*").Select(d => Path.Combine(d, "lib")).Order(StringComparer.Ordinal)
            : [];
        return [.. fixedDirectories.Concat(llvm)];
    }

    // Any versioned libclang the distribution installed, newest first.
    private IEnumerable<string> VersionedSystemLibraries()
    {
        var versioned = new List<(int Major, string Path)>();
        foreach (string directory in SystemDirectories.Where(Directory.Exists))
        {
            foreach (string path in Directory.EnumerateFiles(directory, "libclang*.so*"))
            {
                Match match = VersionedLibraryName().Match(Path.GetFileName(path));
                if (match.Success)
                {
                    versioned.Add((int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), path));
                }
            }
        }

        return versioned.OrderByDescending(v => v.Major).ThenBy(v => v.Path, StringComparer.Ordinal).Select(v => v.Path);
    }

    private static string? Metadata(string key) =>
        typeof(LibClangSearch).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value;

    [GeneratedRegex(@"^libclang-(\d+)\.so(\.\d+)*$")]
    private static partial Regex VersionedLibraryName();
}
