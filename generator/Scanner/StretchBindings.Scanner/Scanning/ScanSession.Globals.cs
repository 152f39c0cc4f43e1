using StretchBindings.Manifest;
using StretchBindings.Scanner.Clang;

namespace StretchBindings.Scanner.Scanning;

/// <summary>Global variables: an <c>extern</c> one is bound through the address its library exports.</summary>
internal sealed partial class ScanSession
{
    private readonly Dictionary<string, NativeGlobal> _globals = new(StringComparer.Ordinal);

    private void VisitVariable(CXCursor cursor)
    {
        string name = cursor.Spelling();
        if (_globals.ContainsKey(name))
        {
            return;
        }

        if (LibClang.clang_getCursorLinkage(cursor) != CXLinkageKind.External)
        {
            AddUnsupported(cursor, "variable", "static variable: it has internal linkage, so no library exports it");
            return;
        }

        if (_cplusplus)
        {
            string symbol = ClangString.Take(LibClang.clang_Cursor_getMangling(cursor));
            if (symbol.Length > 0 && symbol != name)
            {
                AddUnsupported(cursor, "variable", $"C++ linkage (symbol '{symbol}'): declare it inside extern \"C\"");
                return;
            }
        }

        NativeType type = _describer.Describe(cursor.Type());
        if (type.Kind is NativeTypeKind.Unsupported or NativeTypeKind.Function)
        {
            AddUnsupported(cursor, "variable", $"{(type.Kind == NativeTypeKind.Function ? "function type" : type.Reason)} ('{type.Spelling}')");
            return;
        }

        _globals[name] = new NativeGlobal(name, type, DocComments.Read(cursor), Location(cursor));
    }
}
