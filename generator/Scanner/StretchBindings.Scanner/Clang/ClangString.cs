using System.Runtime.InteropServices;

namespace StretchBindings.Scanner.Clang;

internal static unsafe class ClangString
{
    /// <summary>Copies a <c>CXString</c> into a managed string and disposes it.</summary>
    public static string Take(CXString text)
    {
        try
        {
            byte* bytes = LibClang.clang_getCString(text);
            return bytes == null ? string.Empty : Marshal.PtrToStringUTF8((nint)bytes) ?? string.Empty;
        }
        finally
        {
            LibClang.clang_disposeString(text);
        }
    }
}
