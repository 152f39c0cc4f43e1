using System.Runtime.InteropServices;

namespace StretchBindings.Scanner.Clang;

/// <summary>
/// The raw entry points of libclang's stable C API that the scanner uses, and nothing more.
/// The library name is resolved by <see cref="LibClangLoader"/>; call
/// <see cref="LibClangLoader.EnsureLoaded"/> before the first call.
/// </summary>
internal static unsafe partial class LibClang
{
    public const string LibraryName = "libclang";

    // Index and translation units.
    [LibraryImport(LibraryName)]
    public static partial ClangIndexHandle clang_createIndex(int excludeDeclarationsFromPch, int displayDiagnostics);

    [LibraryImport(LibraryName)]
    public static partial void clang_disposeIndex(nint index);

    [LibraryImport(LibraryName)]
    public static partial CXErrorCode clang_parseTranslationUnit2(
        ClangIndexHandle index, byte* sourceFileName, byte** commandLineArgs, int numCommandLineArgs,
        CXUnsavedFile* unsavedFiles, uint numUnsavedFiles, CXTranslationUnitFlags options, nint* translationUnit);

    [LibraryImport(LibraryName)]
    public static partial void clang_disposeTranslationUnit(nint translationUnit);

    [LibraryImport(LibraryName)]
    public static partial CXCursor clang_getTranslationUnitCursor(TranslationUnitHandle translationUnit);

    [LibraryImport(LibraryName)]
    public static partial nint clang_getTranslationUnitTargetInfo(TranslationUnitHandle translationUnit);

    [LibraryImport(LibraryName)]
    public static partial CXString clang_TargetInfo_getTriple(nint targetInfo);

    [LibraryImport(LibraryName)]
    public static partial int clang_TargetInfo_getPointerWidth(nint targetInfo);

    [LibraryImport(LibraryName)]
    public static partial void clang_TargetInfo_dispose(nint targetInfo);

    [LibraryImport(LibraryName)]
    public static partial CXString clang_getClangVersion();

    // Strings.
    [LibraryImport(LibraryName)]
    public static partial byte* clang_getCString(CXString text);

    [LibraryImport(LibraryName)]
    public static partial void clang_disposeString(CXString text);

    // Diagnostics.
    [LibraryImport(LibraryName)]
    public static partial uint clang_getNumDiagnostics(TranslationUnitHandle translationUnit);

    [LibraryImport(LibraryName)]
    public static partial nint clang_getDiagnostic(TranslationUnitHandle translationUnit, uint index);

    [LibraryImport(LibraryName)]
    public static partial void clang_disposeDiagnostic(nint diagnostic);

    [LibraryImport(LibraryName)]
    public static partial CXDiagnosticSeverity clang_getDiagnosticSeverity(nint diagnostic);

    [LibraryImport(LibraryName)]
    public static partial CXString clang_getDiagnosticSpelling(nint diagnostic);

    [LibraryImport(LibraryName)]
    public static partial CXSourceLocation clang_getDiagnosticLocation(nint diagnostic);

    // Files and locations.
    [LibraryImport(LibraryName)]
    public static partial CXString clang_getFileName(nint file);

    [LibraryImport(LibraryName)]
    public static partial void clang_getExpansionLocation(CXSourceLocation location, nint* file, uint* line, uint* column, uint* offset);

    [LibraryImport(LibraryName)]
    public static partial int clang_Location_isInSystemHeader(CXSourceLocation location);

    [LibraryImport(LibraryName)]
    public static partial void clang_getInclusions(
        TranslationUnitHandle translationUnit,
        delegate* unmanaged<nint, CXSourceLocation*, uint, nint, void> visitor,
        nint clientData);

    // Cursors.
    [LibraryImport(LibraryName)]
    public static partial uint clang_visitChildren(
        CXCursor parent, delegate* unmanaged<CXCursor, CXCursor, nint, CXChildVisitResult> visitor, nint clientData);

    [LibraryImport(LibraryName)]
    public static partial CXString clang_getCursorSpelling(CXCursor cursor);

    [LibraryImport(LibraryName)]
    public static partial CXString clang_getCursorUSR(CXCursor cursor);

    [LibraryImport(LibraryName)]
    public static partial CXSourceLocation clang_getCursorLocation(CXCursor cursor);

    [LibraryImport(LibraryName)]
    public static partial CXSourceRange clang_getCursorExtent(CXCursor cursor);

    [LibraryImport(LibraryName)]
    public static partial CXType clang_getCursorType(CXCursor cursor);

    [LibraryImport(LibraryName)]
    public static partial CXType clang_getCursorResultType(CXCursor cursor);

    [LibraryImport(LibraryName)]
    public static partial CXCursor clang_getCursorDefinition(CXCursor cursor);

    [LibraryImport(LibraryName)]
    public static partial CXCursor clang_getCanonicalCursor(CXCursor cursor);

    [LibraryImport(LibraryName)]
    public static partial int clang_Cursor_isNull(CXCursor cursor);

    [LibraryImport(LibraryName)]
    public static partial uint clang_Cursor_isAnonymous(CXCursor cursor);

    [LibraryImport(LibraryName)]
    public static partial uint clang_Cursor_isAnonymousRecordDecl(CXCursor cursor);

    [LibraryImport(LibraryName)]
    public static partial CXLinkageKind clang_getCursorLinkage(CXCursor cursor);

    [LibraryImport(LibraryName)]
    public static partial CXString clang_Cursor_getMangling(CXCursor cursor);

    [LibraryImport(LibraryName)]
    public static partial int clang_Cursor_getNumArguments(CXCursor cursor);

    [LibraryImport(LibraryName)]
    public static partial CXCursor clang_Cursor_getArgument(CXCursor cursor, uint index);

    [LibraryImport(LibraryName)]
    public static partial CXString clang_Cursor_getRawCommentText(CXCursor cursor);

    [LibraryImport(LibraryName)]
    public static partial long clang_Cursor_getOffsetOfField(CXCursor cursor);

    [LibraryImport(LibraryName)]
    public static partial uint clang_Cursor_isBitField(CXCursor cursor);

    [LibraryImport(LibraryName)]
    public static partial int clang_getFieldDeclBitWidth(CXCursor cursor);

    [LibraryImport(LibraryName)]
    public static partial CXType clang_getTypedefDeclUnderlyingType(CXCursor cursor);

    [LibraryImport(LibraryName)]
    public static partial CXType clang_getEnumDeclIntegerType(CXCursor cursor);

    [LibraryImport(LibraryName)]
    public static partial long clang_getEnumConstantDeclValue(CXCursor cursor);

    [LibraryImport(LibraryName)]
    public static partial ulong clang_getEnumConstantDeclUnsignedValue(CXCursor cursor);

    [LibraryImport(LibraryName)]
    public static partial uint clang_Cursor_isMacroFunctionLike(CXCursor cursor);

    [LibraryImport(LibraryName)]
    public static partial uint clang_Cursor_isMacroBuiltin(CXCursor cursor);

    [LibraryImport(LibraryName)]
    public static partial nint clang_Cursor_Evaluate(CXCursor cursor);

    // Evaluation results.
    [LibraryImport(LibraryName)]
    public static partial CXEvalResultKind clang_EvalResult_getKind(nint result);

    [LibraryImport(LibraryName)]
    public static partial long clang_EvalResult_getAsLongLong(nint result);

    [LibraryImport(LibraryName)]
    public static partial uint clang_EvalResult_isUnsignedInt(nint result);

    [LibraryImport(LibraryName)]
    public static partial ulong clang_EvalResult_getAsUnsigned(nint result);

    [LibraryImport(LibraryName)]
    public static partial double clang_EvalResult_getAsDouble(nint result);

    [LibraryImport(LibraryName)]
    public static partial byte* clang_EvalResult_getAsStr(nint result);

    [LibraryImport(LibraryName)]
    public static partial void clang_EvalResult_dispose(nint result);

    // Types.
    [LibraryImport(LibraryName)]
    public static partial CXString clang_getTypeSpelling(CXType type);

    [LibraryImport(LibraryName)]
    public static partial CXString clang_getTypedefName(CXType type);

    [LibraryImport(LibraryName)]
    public static partial CXType clang_getCanonicalType(CXType type);

    [LibraryImport(LibraryName)]
    public static partial CXCursor clang_getTypeDeclaration(CXType type);

    [LibraryImport(LibraryName)]
    public static partial CXType clang_getPointeeType(CXType type);

    [LibraryImport(LibraryName)]
    public static partial CXType clang_Type_getNamedType(CXType type);

    [LibraryImport(LibraryName)]
    public static partial CXType clang_Type_getModifiedType(CXType type);

    [LibraryImport(LibraryName)]
    public static partial CXType clang_getResultType(CXType type);

    [LibraryImport(LibraryName)]
    public static partial int clang_getNumArgTypes(CXType type);

    [LibraryImport(LibraryName)]
    public static partial CXType clang_getArgType(CXType type, uint index);

    [LibraryImport(LibraryName)]
    public static partial uint clang_isFunctionTypeVariadic(CXType type);

    [LibraryImport(LibraryName)]
    public static partial CXCallingConv clang_getFunctionTypeCallingConv(CXType type);

    [LibraryImport(LibraryName)]
    public static partial CXType clang_getArrayElementType(CXType type);

    [LibraryImport(LibraryName)]
    public static partial long clang_getArraySize(CXType type);

    [LibraryImport(LibraryName)]
    public static partial long clang_Type_getSizeOf(CXType type);

    [LibraryImport(LibraryName)]
    public static partial long clang_Type_getAlignOf(CXType type);

    [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
    public static partial long clang_Type_getOffsetOf(CXType type, string fieldName);

    [LibraryImport(LibraryName)]
    public static partial uint clang_isConstQualifiedType(CXType type);

    [LibraryImport(LibraryName)]
    public static partial uint clang_isVolatileQualifiedType(CXType type);

    // Tokens.
    [LibraryImport(LibraryName)]
    public static partial void clang_tokenize(TranslationUnitHandle translationUnit, CXSourceRange range, CXToken** tokens, uint* numTokens);

    [LibraryImport(LibraryName)]
    public static partial void clang_disposeTokens(TranslationUnitHandle translationUnit, CXToken* tokens, uint numTokens);

    [LibraryImport(LibraryName)]
    public static partial CXTokenKind clang_getTokenKind(CXToken token);

    [LibraryImport(LibraryName)]
    public static partial CXSourceLocation clang_getTokenLocation(TranslationUnitHandle translationUnit, CXToken token);

    [LibraryImport(LibraryName)]
    public static partial CXString clang_getTokenSpelling(TranslationUnitHandle translationUnit, CXToken token);
}
