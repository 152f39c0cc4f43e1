namespace StretchBindings.Scanner.Clang;

/// <summary>Which libclang the scanner runs on.</summary>
/// <param name="LibraryPath">The file loaded, or the name given to the loader when the file could not be told.</param>
/// <param name="Version">libclang's own version text, e.g. "Debian clang version 14.0.6".</param>
/// <param name="ResourceDirectory">The directory whose include/ holds the compiler's builtin headers.</param>
public sealed record LibClangInfo(string LibraryPath, string Version, string ResourceDirectory);
