namespace StretchBindings.Scanner.Clang;

/// <summary>Where the loaded libclang came from.</summary>
public enum LibClangSource
{
    /// <summary>The file <see cref="LibClangLoader.LibraryOverrideVariable"/> names.</summary>
    Override,

    /// <summary>LLVM's <c>libclang.runtime.&lt;rid&gt;</c> NuGet package.</summary>
    Package,

    /// <summary>A libclang installed on the machine (Debian's libclang1-14, for example).</summary>
    System,
}

/// <summary>Which libclang the scanner runs on.</summary>
/// <param name="LibraryPath">The file loaded, or the name given to the loader when the file could not be told.</param>
/// <param name="Version">libclang's own version text, e.g. "Debian clang version 14.0.6".</param>
/// <param name="ResourceDirectory">The directory whose include/ holds the compiler's builtin headers.</param>
/// <param name="Source">Where the library was found.</param>
public sealed record LibClangInfo(string LibraryPath, string Version, string ResourceDirectory, LibClangSource Source = LibClangSource.System);
