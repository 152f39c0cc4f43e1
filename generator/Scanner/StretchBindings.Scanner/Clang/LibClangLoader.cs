using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace StretchBindings.Scanner.Clang;

/// <summary>
/// Finds and loads libclang once per process, and the directory of clang's builtin headers
/// (stddef.h, stdarg.h, ...) that must be passed as <c>-resource-dir</c>: libclang guesses it from
/// its own location, which is wrong for Debian's layout. A failure is remembered, so it is
/// reported the same way however often the scanner is asked to run.
/// </summary>
public static partial class LibClangLoader
{
    /// <summary>Environment variable that names the libclang file to load instead of searching.</summary>
    public const string LibraryOverrideVariable = "STRETCHBINDINGS_LIBCLANG";

    /// <summary>Environment variable that names clang's resource directory instead of searching.</summary>
    public const string ResourceDirectoryOverrideVariable = "STRETCHBINDINGS_CLANG_RESOURCE_DIR";

    /// <summary>The libclang major version the install hint names when none could be loaded.</summary>
    public const int PreferredMajorVersion = 14;

    // Entry points that must exist: older libclangs lack some of them.
    private static readonly string[] RequiredExports =
    [
        "clang_parseTranslationUnit2",
        "clang_getClangVersion",
        "clang_Cursor_isAnonymousRecordDecl",
        "clang_Cursor_Evaluate",
        "clang_getTranslationUnitTargetInfo",
    ];

    private static readonly Lazy<LoadOutcome> Outcome = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    static LibClangLoader()
    {
        NativeLibrary.SetDllImportResolver(typeof(LibClangLoader).Assembly, Resolve);
    }

    private sealed record LoadOutcome(nint Handle, LibClangInfo? Info, string? Failure);

    /// <summary>Loads libclang if that has not happened yet.</summary>
    /// <exception cref="LibClangNotFoundException">libclang or its builtin headers are missing.</exception>
    public static LibClangInfo EnsureLoaded()
    {
        LoadOutcome outcome = Outcome.Value;
        if (outcome.Info is null)
        {
            throw new LibClangNotFoundException(outcome.Failure!);
        }

        return outcome.Info;
    }

    /// <summary>Whether libclang is usable, without throwing.</summary>
    public static bool TryEnsureLoaded(out LibClangInfo? info, out string? failure)
    {
        LoadOutcome outcome = Outcome.Value;
        info = outcome.Info;
        failure = outcome.Failure;
        return info is not null;
    }

    /// <summary>What to install on a machine without libclang.</summary>
    public static string InstallHint(int major) =>
        $"install Debian's packages libclang1-{major} and libclang-common-{major}-dev " +
        $"(apt-get install libclang1-{major} libclang-common-{major}-dev)";

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != LibClang.LibraryName)
        {
            return nint.Zero;
        }

        return Outcome.Value.Handle;
    }

    private static LoadOutcome Load()
    {
        string? requested = Environment.GetEnvironmentVariable(LibraryOverrideVariable);
        nint handle;
        string loadedFrom;
        if (!string.IsNullOrWhiteSpace(requested))
        {
            if (!TryLoadUsable(requested, out handle))
            {
                string why = File.Exists(requested) ? "is not a usable libclang" : "does not exist";
                return Failed($"libclang could not be loaded: {LibraryOverrideVariable} names '{requested}', which {why}; " +
                              $"point it at a libclang shared library, or unset it and {InstallHint(PreferredMajorVersion)}");
            }

            loadedFrom = requested;
        }
        else
        {
            string? found = null;
            handle = nint.Zero;
            foreach (string candidate in LibraryCandidates())
            {
                if (TryLoadUsable(candidate, out handle))
                {
                    found = candidate;
                    break;
                }
            }

            if (found is null)
            {
                return Failed($"libclang could not be loaded: {InstallHint(PreferredMajorVersion)}, " +
                              $"or set {LibraryOverrideVariable} to the path of a libclang shared library");
            }

            loadedFrom = FindLoadedFile() ?? found;
        }

        string version = ReadVersion(handle);
        int major = ParseMajorVersion(version) ?? PreferredMajorVersion;
        string? resourceDirectory = FindResourceDirectory(loadedFrom, version, out string? resourceFailure);
        if (resourceDirectory is null)
        {
            return Failed(resourceFailure ??
                $"libclang ({version}) was loaded from '{loadedFrom}', but clang's builtin headers (include/stddef.h) were not found: " +
                $"install Debian's package libclang-common-{major}-dev (apt-get install libclang-common-{major}-dev), " +
                $"or set {ResourceDirectoryOverrideVariable} to the directory that holds include/stddef.h");
        }

        DisableCrashRecovery();
        return new LoadOutcome(handle, new LibClangInfo(loadedFrom, version, resourceDirectory), null);
    }

    /// <summary>
    /// libclang's crash recovery (on unless LIBCLANG_DISABLE_CRASH_RECOVERY is set when an index is
    /// created) installs process-wide handlers for SIGSEGV and friends. The .NET runtime raises
    /// NullReferenceException from SIGSEGV, so those handlers would turn any later null dereference
    /// in managed code into a crash. The variable must reach the C library's environment, which
    /// Environment.SetEnvironmentVariable does not touch on Unix.
    /// </summary>
    private static unsafe void DisableCrashRecovery()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        string libc = OperatingSystem.IsMacOS() ? "/usr/lib/libSystem.dylib" : "libc.so.6";
        if (!NativeLibrary.TryLoad(libc, out nint library) || !NativeLibrary.TryGetExport(library, "setenv", out nint setenv))
        {
            return;
        }

        byte[] name = "LIBCLANG_DISABLE_CRASH_RECOVERY\0"u8.ToArray();
        byte[] value = "1\0"u8.ToArray();
        fixed (byte* namePointer = name)
        fixed (byte* valuePointer = value)
        {
            ((delegate* unmanaged<byte*, byte*, int, int>)setenv)(namePointer, valuePointer, 0);
        }
    }

    private static LoadOutcome Failed(string message) => new(nint.Zero, null, message);

    private static bool TryLoadUsable(string nameOrPath, out nint handle)
    {
        if (!NativeLibrary.TryLoad(nameOrPath, out handle))
        {
            return false;
        }

        foreach (string export in RequiredExports)
        {
            if (!NativeLibrary.TryGetExport(handle, export, out _))
            {
                NativeLibrary.Free(handle);
                handle = nint.Zero;
                return false;
            }
        }

        return true;
    }

    private static IEnumerable<string> LibraryCandidates()
    {
        if (OperatingSystem.IsWindows())
        {
            yield return "libclang.dll";
            yield break;
        }

        if (OperatingSystem.IsMacOS())
        {
            yield return "libclang.dylib";
            yield return "/Library/Developer/CommandLineTools/usr/lib/libclang.dylib";
            yield break;
        }

        yield return $"libclang-{PreferredMajorVersion}.so.1";
        yield return "libclang.so.1";
        yield return "libclang.so";

        // Any other versioned libclang the distribution installed, newest first.
        string[] directories =
        [
            "/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib", "/usr/local/lib",
        ];
        var versioned = new List<(int Major, string Path)>();
        foreach (string directory in directories.Concat(LlvmLibraryDirectories()))
        {
            if (!Directory.Exists(directory))
            {
                continue;
            }

            foreach (string path in Directory.EnumerateFiles(directory, "libclang*.so*"))
            {
                Match match = VersionedLibraryName().Match(Path.GetFileName(path));
                if (match.Success)
                {
                    versioned.Add((int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), path));
                }
            }
        }

        foreach ((_, string path) in versioned.OrderByDescending(v => v.Major).ThenBy(v => v.Path, StringComparer.Ordinal))
        {
            yield return path;
        }
    }

    private static IEnumerable<string> LlvmLibraryDirectories()
    {
        if (!Directory.Exists("/usr/lib"))
        {
            return [];
        }

        return Directory.EnumerateDirectories("/usr/lib", "llvm-*")
            .Select(directory => Path.Combine(directory, "lib"))
            .Order(StringComparer.Ordinal);
    }

    // The file a name resolved to, so that the resource directory can be looked for beside it.
    private static string? FindLoadedFile()
    {
        const string maps = "/proc/self/maps";
        if (!File.Exists(maps))
        {
            return null;
        }

        try
        {
            foreach (string line in File.ReadLines(maps))
            {
                int slash = line.IndexOf('/', StringComparison.Ordinal);
                if (slash >= 0 && Path.GetFileName(line[slash..]).StartsWith("libclang", StringComparison.Ordinal)
                    && !line.Contains("libclang-cpp", StringComparison.Ordinal))
                {
                    return line[slash..].Trim();
                }
            }
        }
        catch (IOException)
        {
        }

        return null;
    }

    private static unsafe string ReadVersion(nint handle)
    {
        var getVersion = (delegate* unmanaged<CXString>)NativeLibrary.GetExport(handle, "clang_getClangVersion");
        var getCString = (delegate* unmanaged<CXString, byte*>)NativeLibrary.GetExport(handle, "clang_getCString");
        var dispose = (delegate* unmanaged<CXString, void>)NativeLibrary.GetExport(handle, "clang_disposeString");
        CXString text = getVersion();
        try
        {
            byte* bytes = getCString(text);
            return bytes == null ? "clang" : Marshal.PtrToStringUTF8((nint)bytes) ?? "clang";
        }
        finally
        {
            dispose(text);
        }
    }

    internal static int? ParseMajorVersion(string version)
    {
        Match match = VersionNumber().Match(version);
        return match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    private static string? FindResourceDirectory(string loadedFrom, string version, out string? failure)
    {
        failure = null;
        string? requested = Environment.GetEnvironmentVariable(ResourceDirectoryOverrideVariable);
        if (!string.IsNullOrWhiteSpace(requested))
        {
            if (HasBuiltinHeaders(requested))
            {
                return Path.GetFullPath(requested);
            }

            int major = ParseMajorVersion(version) ?? PreferredMajorVersion;
            failure = $"clang's builtin headers were not found: {ResourceDirectoryOverrideVariable} names '{requested}', which has no include/stddef.h; " +
                      $"unset it or point it at clang's resource directory (for example /usr/lib/llvm-{major}/lib/clang/<version>), " +
                      $"or install Debian's package libclang-common-{major}-dev";
            return null;
        }

        Match match = VersionNumber().Match(version);
        var versionNames = new List<string>();
        if (match.Success)
        {
            versionNames.Add($"{match.Groups[1].Value}.{match.Groups[2].Value}.{match.Groups[3].Value}");
            versionNames.Add(match.Groups[1].Value);
        }

        var roots = new List<string>();
        string? libraryDirectory = Path.IsPathRooted(loadedFrom) ? Path.GetDirectoryName(loadedFrom) : null;
        if (libraryDirectory is not null)
        {
            roots.Add(Path.Combine(libraryDirectory, "clang"));
            roots.Add(Path.Combine(libraryDirectory, "..", "lib", "clang"));
        }

        if (match.Success)
        {
            roots.Add($"/usr/lib/llvm-{match.Groups[1].Value}/lib/clang");
        }

        roots.AddRange(["/usr/lib/clang", "/usr/lib64/clang", "/usr/local/lib/clang"]);

        foreach (string root in roots)
        {
            foreach (string name in versionNames)
            {
                string candidate = Path.Combine(root, name);
                if (HasBuiltinHeaders(candidate))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }

        // Same major version under a differently spelled directory name (e.g. "14" vs "14.0.6").
        if (match.Success)
        {
            foreach (string root in roots.Where(Directory.Exists))
            {
                string? sameMajor = Directory.EnumerateDirectories(root, match.Groups[1].Value + "*")
                    .Order(StringComparer.Ordinal)
                    .FirstOrDefault(HasBuiltinHeaders);
                if (sameMajor is not null)
                {
                    return Path.GetFullPath(sameMajor);
                }
            }
        }

        return null;
    }

    private static bool HasBuiltinHeaders(string directory) => File.Exists(Path.Combine(directory, "include", "stddef.h"));

    [GeneratedRegex(@"^libclang-(\d+)\.so(\.\d+)*$")]
    private static partial Regex VersionedLibraryName();

    [GeneratedRegex(@"version (\d+)\.(\d+)\.(\d+)")]
    private static partial Regex VersionNumber();
}
