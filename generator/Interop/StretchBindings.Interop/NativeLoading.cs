using System;
using System.Collections.Generic;
using System.Reflection;
using System.Runtime.InteropServices;

namespace StretchBindings.Interop;

/// <summary>
/// Turns a native library or function that cannot be found into an exception naming the binding, the
/// C function and where the library was looked for. Generated bindings register, from a module
/// initializer, each library they import from with the C functions they bind from it; this installs the
/// assembly's <c>DllImport</c> resolver, which the runtime consults once per imported function, when that
/// function is first called. A call that has been bound costs nothing more: the check is all in binding.
/// The resolver loads the library exactly as the runtime would, so a library found before is found now.
/// An assembly may have one resolver only: if it has one already, registering does nothing, and an
/// application that sets its own afterwards gets the runtime's error that one is set.
/// </summary>
public static class NativeLoading
{
#if NET
    private static readonly object Gate = new();

    // Per assembly, per library name: the bindings' functions, and after the first load which of them are missing.
    private static readonly Dictionary<Assembly, Dictionary<string, LibraryEntry>> Registered = new();
#endif

    /// <summary>Registers the C functions that <paramref name="binding"/> imports from <paramref name="library"/>.</summary>
    /// <param name="binding">The generated class; its assembly is the one whose imports are resolved.</param>
    /// <param name="library">The library name, as the class's <c>DllImport</c>s name it.</param>
    /// <param name="entryPoints">The C functions the class imports from it.</param>
    public static void Register(Type binding, string library, params string[] entryPoints)
    {
        if (binding is null || library is null || entryPoints is null)
        {
            throw new ArgumentNullException(binding is null ? nameof(binding) : library is null ? nameof(library) : nameof(entryPoints));
        }

#if NET
        lock (Gate)
        {
            if (!Registered.TryGetValue(binding.Assembly, out Dictionary<string, LibraryEntry>? libraries))
            {
                try
                {
                    NativeLibrary.SetDllImportResolver(binding.Assembly, Resolve);
                }
                catch (InvalidOperationException)
                {
                    return; // The application resolves this assembly's imports itself.
                }

                libraries = new Dictionary<string, LibraryEntry>(StringComparer.Ordinal);
                Registered.Add(binding.Assembly, libraries);
            }

            if (!libraries.TryGetValue(library, out LibraryEntry? entry))
            {
                entry = new LibraryEntry(binding.FullName ?? binding.Name);
                libraries.Add(library, entry);
            }

            entry.EntryPoints.UnionWith(entryPoints);
            entry.Missing = null; // Checked again at the next load, with the new functions.
        }
#endif
    }

#if NET
    private sealed class LibraryEntry(string binding)
    {
        public string Binding { get; } = binding;

        public HashSet<string> EntryPoints { get; } = new(StringComparer.Ordinal);

        public HashSet<string>? Missing { get; set; }
    }

    private static IntPtr Resolve(string library, Assembly assembly, DllImportSearchPath? searchPath)
    {
        LibraryEntry? entry;
        lock (Gate)
        {
            if (!Registered.TryGetValue(assembly, out Dictionary<string, LibraryEntry>? libraries) || !libraries.TryGetValue(library, out entry))
            {
                return IntPtr.Zero; // Not a generated binding's library: the runtime's own search.
            }
        }

        if (!NativeLibrary.TryLoad(library, assembly, searchPath, out IntPtr handle))
        {
            // Load again for the runtime's message: it carries the loader's reason for each name tried.
            Exception? reason = null;
            try
            {
                NativeLibrary.Free(NativeLibrary.Load(library, assembly, searchPath));
            }
            catch (Exception exception) when (exception is DllNotFoundException or BadImageFormatException)
            {
                reason = exception;
            }

            IReadOnlyList<string> searched = LibrarySearch.Describe(library, assembly, searchPath);
            (string? entryPoint, string? importer) = ImportBeingBound(null);
            string binding = importer ?? entry.Binding;
            throw new NativeLibraryNotFoundException(
                $"The native library '{library}' that {binding} binds could not be loaded" +
                (entryPoint is null ? string.Empty : $" for a call of the C function '{entryPoint}'") +
                $". Searched, in order: {string.Join("; ", searched)}." +
                (reason is null ? string.Empty : " " + reason.Message),
                library, entryPoint, binding, searched, reason);
        }

        HashSet<string> missing;
        lock (Gate)
        {
            if (entry.Missing is null)
            {
                entry.Missing = new HashSet<string>(StringComparer.Ordinal);
                foreach (string entryPoint in entry.EntryPoints)
                {
                    if (!NativeLibrary.TryGetExport(handle, entryPoint, out _))
                    {
                        entry.Missing.Add(entryPoint);
                    }
                }
            }

            missing = entry.Missing;
        }

        // Only a library that lacks some bound function costs a look at the stack, once per import.
        if (missing.Count > 0 && ImportBeingBound(missing) is (string absent, var declaring))
        {
            string binding = declaring ?? entry.Binding;
            throw new NativeEntryPointNotFoundException(
                $"The native library '{library}' was loaded but has no C function '{absent}', " +
                $"which {binding} binds: the library is older than, or built with other options than, the header the bindings were generated from.",
                library, absent, binding);
        }

        return handle;
    }

    /// <summary>
    /// The C name and declaring class of the import whose binding asked for the library: the runtime binds
    /// an import on its first call, with the import's own frame on the stack. Nulls when the stack does not
    /// show it (a trimmed or ahead-of-time compiled application may not), or when it is not one of <paramref name="among"/>.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2026",
        Justification = "The frame only names the function in a message; where trimming removed its metadata, the message goes without.")]
    private static (string? EntryPoint, string? Binding) ImportBeingBound(HashSet<string>? among)
    {
        System.Diagnostics.StackFrame[] frames = new System.Diagnostics.StackTrace(1, false).GetFrames() ?? [];
        foreach (System.Diagnostics.StackFrame frame in frames)
        {
            MethodBase? method = frame.GetMethod();
            if (method is null || (method.Attributes & MethodAttributes.PinvokeImpl) == 0)
            {
                continue;
            }

            string name = method.GetCustomAttribute<DllImportAttribute>()?.EntryPoint ?? method.Name;
            return among is null || among.Contains(name) ? (name, method.DeclaringType?.FullName) : (null, null);
        }

        return (null, null);
    }
#endif
}
