namespace StretchBindings.Scanner.Clang;

/// <summary>Typed conveniences over the raw entry points, so callers never touch a CXString.</summary>
internal static class ClangExtensions
{
    public static string Spelling(this CXCursor cursor) => ClangString.Take(LibClang.clang_getCursorSpelling(cursor));

    public static bool IsNull(this CXCursor cursor) => LibClang.clang_Cursor_isNull(cursor) != 0;

    public static CXType Type(this CXCursor cursor) => LibClang.clang_getCursorType(cursor);

    public static CXCursor Definition(this CXCursor cursor) => LibClang.clang_getCursorDefinition(cursor);

    public static List<CXCursor> Children(this CXCursor cursor) => CursorVisitor.Children(cursor);

    public static string Spelling(this CXType type) => ClangString.Take(LibClang.clang_getTypeSpelling(type));

    public static CXCursor Declaration(this CXType type) => LibClang.clang_getTypeDeclaration(type);

    public static CXType Canonical(this CXType type) => LibClang.clang_getCanonicalType(type);

    public static bool IsConst(this CXType type) => LibClang.clang_isConstQualifiedType(type) != 0;

    public static bool IsVolatile(this CXType type) => LibClang.clang_isVolatileQualifiedType(type) != 0;

    /// <summary>Size in bytes, or null when clang reports none (incomplete, dependent, void, function).</summary>
    public static long? SizeOf(this CXType type)
    {
        long size = LibClang.clang_Type_getSizeOf(type);
        return size >= 0 ? size : null;
    }

    public static long? AlignOf(this CXType type)
    {
        long align = LibClang.clang_Type_getAlignOf(type);
        return align >= 0 ? align : null;
    }

    /// <summary>The location with macros expanded: where a reader of the header sees the declaration.</summary>
    public static unsafe (nint File, int Line, int Column) ExpansionLocation(this CXSourceLocation location)
    {
        nint file;
        uint line;
        uint column;
        uint offset;
        LibClang.clang_getExpansionLocation(location, &file, &line, &column, &offset);
        return (file, (int)line, (int)column);
    }

    /// <summary>The byte offset of a location in its file, macros expanded.</summary>
    public static unsafe uint ExpansionOffset(this CXSourceLocation location)
    {
        nint file;
        uint line;
        uint column;
        uint offset;
        LibClang.clang_getExpansionLocation(location, &file, &line, &column, &offset);
        return offset;
    }

    public static string FileName(nint file) => file == nint.Zero ? string.Empty : ClangString.Take(LibClang.clang_getFileName(file));
}
