using StretchBindings.Manifest;
using StretchBindings.Scanner.Clang;

namespace StretchBindings.Scanner.Scanning;

/// <summary>Functions: their signatures, what keeps them from being bound, and the --function filter.</summary>
internal sealed partial class ScanSession
{
    private void VisitFunction(CXCursor cursor)
    {
        string name = cursor.Spelling();
        string declaration = $"function '{name}'";
        List<NativeAnnotation> annotations = ReadAnnotations(cursor, AnnotationTarget.Function, declaration);
        if (_functions.TryGetValue(name, out NativeFunction? existing))
        {
            _functions[name] = existing with { Annotations = Merge(existing.Annotations, annotations).ToArray() };
            return;
        }

        if (LibClang.clang_getCursorLinkage(cursor) == CXLinkageKind.Internal)
        {
            AddUnsupported(cursor, "function", "static function: it has internal linkage, so no library exports it");
            _staticFunctions.Add((name, Location(cursor)));
            return;
        }

        if (_cplusplus)
        {
            string symbol = ClangString.Take(LibClang.clang_Cursor_getMangling(cursor));
            if (symbol.Length > 0 && symbol != name)
            {
                AddUnsupported(cursor, "function", $"C++ linkage (symbol '{symbol}'): declare it inside extern \"C\"");
                return;
            }
        }

        CXType type = cursor.Type();
        int count = Math.Max(0, LibClang.clang_Cursor_getNumArguments(cursor));
        var parameters = new NativeParameter[count];
        for (uint i = 0; i < count; i++)
        {
            CXCursor argument = LibClang.clang_Cursor_getArgument(cursor, i);
            string parameterName = argument.Spelling();
            string parameterDeclaration = $"parameter '{(parameterName.Length > 0 ? parameterName : $"#{i + 1}")}' of function '{name}'";
            parameters[i] = new NativeParameter(
                parameterName,
                _describer.Describe(argument.Type()),
                ReadAnnotations(argument, AnnotationTarget.Parameter, parameterDeclaration).ToArray());
        }

        NativeType returnType = _describer.Describe(LibClang.clang_getCursorResultType(cursor));
        var function = new NativeFunction(
            name,
            returnType,
            parameters,
            TypeDescriber.IsVariadic(type),
            TypeDescriber.CallingConventionName(LibClang.clang_getFunctionTypeCallingConv(type)),
            annotations.ToArray(),
            DocComments.Read(cursor),
            Location(cursor),
            SignatureUnsupportedReason(returnType, parameters));
        ValidateParameterAnnotations(function);
        _functions[name] = function;
    }

    private static string? SignatureUnsupportedReason(NativeType returnType, NativeParameter[] parameters)
    {
        var reasons = new List<string>();
        if (Unbindable(returnType) is { } returnReason)
        {
            reasons.Add($"return type: {returnReason}");
        }

        foreach (NativeParameter parameter in parameters)
        {
            if (Unbindable(parameter.Type) is { } reason)
            {
                reasons.Add($"parameter '{parameter.Name}': {reason}");
            }
        }

        return reasons.Count == 0 ? null : string.Join("; ", reasons);
    }

    /// <summary>Why a value of this type cannot cross the boundary as written, or null.</summary>
    private static string? Unbindable(NativeType type) => type.Kind switch
    {
        NativeTypeKind.Unsupported => $"{type.Reason} ('{type.Spelling}')",
        NativeTypeKind.Union => $"union '{type.Spelling}' passed by value",
        _ => null,
    };

    private bool KeepFunction(string name)
    {
        if (_excludedFunctions.Contains(name))
        {
            return false;
        }

        if (_options.Functions.Count == 0)
        {
            return true;
        }

        foreach (string filter in _options.Functions)
        {
            bool matches = filter.EndsWith('*')
                ? name.StartsWith(filter[..^1], StringComparison.Ordinal)
                : name == filter;
            if (matches)
            {
                return true;
            }
        }

        return false;
    }
}
