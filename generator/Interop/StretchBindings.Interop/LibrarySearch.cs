#if NET
using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;

namespace StretchBindings.Interop;

/// <summary>
/// Where the runtime looks for a library a <c>DllImport</c> names, described for a message: the name
/// variations it tries (prefix and suffix of this platform) in the assembly's folder and the
/// application's native folders, then through the system loader's own search.
/// </summary>
internal static class LibrarySearch
{
    public static IReadOnlyList<string> Describe(string library, Assembly assembly, DllImportSearchPath? searchPath)
    {
        var searched = new List<string>();
        string[] names = Variations(library);
        if (Path.IsPathRooted(library))
        {
            searched.Add(library);
            return searched;
        }

        var folders = new List<string>();
        string? nativeFolders = AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") as string;
        if (nativeFolders is not null)
        {
            folders.AddRange(nativeFolders.Split([Path.PathSeparator], StringSplitOptions.RemoveEmptyEntries));
        }

        bool assemblyFolder = searchPath is null || (searchPath.Value & DllImportSearchPath.AssemblyDirectory) != 0;
        if (assemblyFolder && Folder(assembly) is string folder)
        {
            folders.Add(folder);
        }

        foreach (string candidate in folders)
        {
            foreach (string name in names)
            {
                searched.Add(Path.Combine(candidate, name));
            }
        }

        searched.Add($"{string.Join(", ", names)} through {SystemSearch()}");
        return searched;
    }

    /// <summary>The assembly's folder; the application's in a single-file app, whose assemblies have no path.</summary>
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("SingleFile", "IL3000",
        Justification = "An empty Location is handled: the application's folder is the one the runtime searches then.")]
    private static string? Folder(Assembly assembly) =>
        assembly.Location.Length > 0 ? Path.GetDirectoryName(assembly.Location) : AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);

    /// <summary>The file names tried for <paramref name="library"/>, in the runtime's order.</summary>
    private static string[] Variations(string library)
    {
        (string prefix, string suffix) = OperatingSystem.IsWindows() ? (string.Empty, ".dll") : OperatingSystem.IsMacOS() ? ("lib", ".dylib") : ("lib", ".so");
        bool hasSuffix = OperatingSystem.IsWindows()
            ? Path.HasExtension(library)
            : library.EndsWith(suffix, StringComparison.Ordinal) || library.Contains(suffix + ".");
        var names = new List<string>();
        void Add(string name)
        {
            if (!names.Contains(name))
            {
                names.Add(name);
            }
        }

        if (hasSuffix)
        {
            Add(library);
            Add(prefix + library);
        }
        else
        {
            Add(library + suffix);
            Add(prefix + library + suffix);
            Add(library);
            Add(prefix + library);
        }

        return names.ToArray();
    }

    private static string SystemSearch()
    {
        if (OperatingSystem.IsWindows())
        {
            return "the Windows loader's search (the application folder, System32, PATH)";
        }

        string variable = OperatingSystem.IsMacOS() ? "DYLD_LIBRARY_PATH" : "LD_LIBRARY_PATH";
        string value = Environment.GetEnvironmentVariable(variable) ?? string.Empty;
        string rest = OperatingSystem.IsMacOS() ? "/usr/local/lib, /usr/lib" : "/etc/ld.so.cache, /lib, /usr/lib";
        return $"the system loader's search ({variable}={(value.Length == 0 ? "(unset)" : value)}, {rest})";
    }
}
#endif
