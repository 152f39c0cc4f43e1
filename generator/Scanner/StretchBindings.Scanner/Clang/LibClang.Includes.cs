using System.Runtime.InteropServices;

namespace StretchBindings.Scanner.Clang;

/// <summary>The entry points that tell where an <c>#include</c> went: the include roots' evidence.</summary>
internal static partial class LibClang
{
    [LibraryImport(LibraryName)]
    public static partial nint clang_getIncludedFile(CXCursor cursor);

    [LibraryImport(LibraryName)]
    public static partial CXSourceLocation clang_getLocation(TranslationUnitHandle translationUnit, nint file, uint line, uint column);
}
