using System;
using System.Collections.Generic;

namespace StretchBindings.Interop;

/// <summary>
/// A native library that generated bindings call could not be loaded. Thrown instead of the runtime's
/// <see cref="DllNotFoundException"/> (which it derives from, so existing handlers still catch it), with
/// the binding, the C function being called and where the library was looked for.
/// </summary>
public sealed class NativeLibraryNotFoundException : DllNotFoundException
{
    /// <summary>Creates the exception; <see cref="NativeLoading"/> throws it, with a message naming all of the parts.</summary>
    /// <param name="message">The whole message.</param>
    /// <param name="library">The library name the bindings import from.</param>
    /// <param name="entryPoint">The C function being called, when known.</param>
    /// <param name="binding">The generated class that binds the library.</param>
    /// <param name="searched">The file names and folders tried, as far as known.</param>
    /// <param name="inner">The runtime's own failure, with the loader's reason for each name it tried.</param>
    public NativeLibraryNotFoundException(string message, string library, string? entryPoint, string binding, IReadOnlyList<string> searched, Exception? inner)
        : base(message, inner)
    {
        Library = library;
        EntryPoint = entryPoint;
        Binding = binding;
        Searched = searched;
    }

    /// <summary>The library name the bindings import from (as <c>DllImport</c> names it).</summary>
    public string Library { get; }

    /// <summary>The C function whose first call loaded the library, when the runtime showed it.</summary>
    public string? EntryPoint { get; }

    /// <summary>The generated class that binds the library.</summary>
    public string Binding { get; }

    /// <summary>The file names and folders tried, in order, as far as known.</summary>
    public IReadOnlyList<string> Searched { get; }
}

/// <summary>
/// A native library was loaded but lacks a C function that generated bindings call, usually because it
/// is older than, or built with other options than, the header the bindings come from. Thrown instead of
/// the runtime's <see cref="EntryPointNotFoundException"/>, which it derives from.
/// </summary>
public sealed class NativeEntryPointNotFoundException : EntryPointNotFoundException
{
    /// <summary>Creates the exception; <see cref="NativeLoading"/> throws it, with a message naming all of the parts.</summary>
    /// <param name="message">The whole message.</param>
    /// <param name="library">The library name the bindings import from.</param>
    /// <param name="entryPoint">The C function that is missing.</param>
    /// <param name="binding">The generated class that binds the library.</param>
    public NativeEntryPointNotFoundException(string message, string library, string entryPoint, string binding)
        : base(message)
    {
        Library = library;
        EntryPoint = entryPoint;
        Binding = binding;
    }

    /// <summary>The library name the bindings import from (as <c>DllImport</c> names it).</summary>
    public string Library { get; }

    /// <summary>The C function that is missing.</summary>
    public string EntryPoint { get; }

    /// <summary>The generated class that binds the library.</summary>
    public string Binding { get; }
}
