using System;

namespace StretchBindings.Interop;

/// <summary>
/// Projects the manifest of <see cref="Library"/> onto this <c>static partial</c> class: the
/// StretchBindings generator writes the library's raw functions and constants into it, and the
/// projection's types into its namespace, instead of the class the manifest's ClassName metadata names.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class NativeLibraryAttribute : Attribute
{
    /// <summary>Creates the attribute for the manifest of <paramref name="library"/>.</summary>
    /// <param name="library">The native library, as the manifest (or the <c>&lt;NativeHeader&gt;</c> item's Library metadata) names it.</param>
    public NativeLibraryAttribute(string library)
    {
        Library = library;
    }

    /// <summary>The native library whose manifest is projected onto the class.</summary>
    public string Library { get; }
}
