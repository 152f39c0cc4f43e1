using System.Reflection;
using System.Runtime.InteropServices;

namespace StretchBindings.Scanner.Clang;

/// <summary>
/// Finds and loads libclang once per process (<see cref="LibClangSearch"/>: the NuGet package for
/// this machine first, then the system's), and the directory of clang's builtin headers
/// (<see cref="ClangResourceDirectory"/>). A failure is remembered, so it is reported the same way
/// however often the scanner is asked to run.
/// </summary>
public static class LibClangLoader
{
    /// <summary>Environment variable that names the libclang file to load instead of searching.</summary>
    public const string LibraryOverrideVariable = "STRETCHBINDINGS_LIBCLANG";

    /// <summary>Environment variable that names clang's resource directory instead of searching.</summary>
    public const string ResourceDirectoryOverrideVariable = "STRETCHBINDINGS_CLANG_RESOURCE_DIR";

    // Entry points that must exist: older libclangs lack some of them.
    private static readonly string[] RequiredExports =
    [
        "clang_parseTranslationUnit2",
        "clang_getClangVersion",
        "clang_Cursor_isAnonymousRecordDecl",
        "clang_Cursor_Evaluate",
        "clang_getTranslationUnitTargetInfo",
    ];

    private static readonly Lazy<LoadOutcome> Outcome = new(() => Load(LibClangSearch.ForThisProcess()), LazyThreadSafetyMode.ExecutionAndPublication);

    static LibClangLoader()
    {
        NativeLibrary.SetDllImportResolver(typeof(LibClangLoader).Assembly, Resolve);
    }

    internal sealed record LoadOutcome(nint Handle, LibClangInfo? Info, string? Failure);

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

    /// <summary>What to do on a machine where no libclang loads.</summary>
    internal static string InstallHint(LibClangSearch search) =>
        (search.PackageId is null ? string.Empty : $"restore the scanner (its restore downloads {search.PackageId} {LibClangSearch.PackageVersion}), or ") +
        $"install Debian's packages libclang1-{LibClangSearch.SystemMajorVersion} and libclang-common-{LibClangSearch.SystemMajorVersion}-dev " +
        $"(apt-get install libclang1-{LibClangSearch.SystemMajorVersion} libclang-common-{LibClangSearch.SystemMajorVersion}-dev)";

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != LibClang.LibraryName)
        {
            return nint.Zero;
        }

        return Outcome.Value.Handle;
    }

    /// <summary>Loads the first usable libclang <paramref name="search"/> finds (or the override), and its builtin headers.</summary>
    internal static LoadOutcome Load(LibClangSearch search)
    {
        string? requested = Environment.GetEnvironmentVariable(LibraryOverrideVariable);
        nint handle = nint.Zero;
        string loadedFrom;
        LibClangSource source;
        if (!string.IsNullOrWhiteSpace(requested))
        {
            // Named on purpose: no fallback to another libclang.
            if (!TryLoadUsable(requested, out handle, out string? why))
            {
                return Failed($"libclang could not be loaded: {LibraryOverrideVariable} names '{requested}', which {why}; " +
                              $"point it at a libclang shared library, or unset it and {InstallHint(search)}");
            }

            loadedFrom = requested;
            source = LibClangSource.Override;
        }
        else
        {
            LibClangCandidate? found = null;
            var unusable = new List<string>();
            foreach (LibClangCandidate candidate in search.Candidates())
            {
                if (TryLoadUsable(candidate.NameOrPath, out handle, out string? why))
                {
                    found = candidate;
                    break;
                }

                // A file that is there but does not load (an older C library, another architecture) is worth naming.
                if (File.Exists(candidate.NameOrPath))
                {
                    unusable.Add($"'{candidate.NameOrPath}' {why}");
                }
            }

            if (found is null)
            {
                string notes = unusable.Count == 0 ? string.Empty : $" Found but not usable: {string.Join("; ", unusable)}.";
                return Failed($"libclang could not be loaded; looked for {search.Describe()}.{notes} " +
                              $"To fix: {InstallHint(search)}, or set {LibraryOverrideVariable} to the path of a libclang shared library");
            }

            loadedFrom = found.Source == LibClangSource.Package ? found.NameOrPath : FindLoadedFile() ?? found.NameOrPath;
            source = found.Source;
        }

        string version = ReadVersion(handle);
        string? resourceDirectory = ClangResourceDirectory.Find(loadedFrom, version, out string? resourceFailure);
        if (resourceDirectory is null)
        {
            return Failed(resourceFailure!);
        }

        DisableCrashRecovery();
        return new LoadOutcome(handle, new LibClangInfo(loadedFrom, version, resourceDirectory, source), null);
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

    private static bool TryLoadUsable(string nameOrPath, out nint handle, out string? why)
    {
        why = null;
        if (Path.IsPathRooted(nameOrPath) && !File.Exists(nameOrPath))
        {
            handle = nint.Zero;
            why = "does not exist";
            return false;
        }

        if (!NativeLibrary.TryLoad(nameOrPath, out handle))
        {
            why = File.Exists(nameOrPath) ? "could not be loaded (another architecture, or a library it needs is missing)" : "was not found";
            return false;
        }

        foreach (string export in RequiredExports)
        {
            if (!NativeLibrary.TryGetExport(handle, export, out _))
            {
                NativeLibrary.Free(handle);
                handle = nint.Zero;
                why = $"is not a usable libclang (it lacks {export})";
                return false;
            }
        }

        return true;
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
}
