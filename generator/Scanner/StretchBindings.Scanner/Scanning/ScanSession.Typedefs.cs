using StretchBindings.Manifest;
using StretchBindings.Scanner.Clang;

namespace StretchBindings.Scanner.Scanning;

/// <summary>Typedefs: the names they give anonymous types, and the docs they lend the types they name.</summary>
internal sealed partial class ScanSession
{
    // Anonymous structs and enums take the name of the typedef that declares them; that name
    // must be known before any type that uses them is described.
    private void NameAnonymousDeclarations(List<CXCursor> declarations)
    {
        foreach (CXCursor declaration in declarations)
        {
            if (declaration.Kind is CXCursorKind.TypedefDecl or CXCursorKind.TypeAliasDecl)
            {
                CXType underlying = LibClang.clang_getTypedefDeclUnderlyingType(declaration);
                if (underlying.Kind == CXTypeKind.Elaborated)
                {
                    underlying = LibClang.clang_Type_getNamedType(underlying);
                }

                CXCursor named = underlying.Declaration();
                if (named.Kind is CXCursorKind.StructDecl or CXCursorKind.UnionDecl or CXCursorKind.EnumDecl
                    && TypeDescriber.HasNoTag(named))
                {
                    _describer.NameAnonymousDeclaration(named, declaration.Spelling());
                }
            }
        }
    }

    private void VisitTypedef(CXCursor cursor)
    {
        string name = cursor.Spelling();
        if (_typedefs.ContainsKey(name))
        {
            return;
        }

        NativeType type = _describer.Describe(LibClang.clang_getTypedefDeclUnderlyingType(cursor));
        _typedefs[name] = new NativeTypedef(
            name,
            type,
            ReadAnnotations(cursor, AnnotationTarget.Typedef, $"typedef '{name}'").ToArray(),
            DocComments.Read(cursor))
        {
            Location = Location(cursor),
        };

        if (type.Kind == NativeTypeKind.Unsupported)
        {
            AddUnsupported(cursor, "typedef", $"{type.Reason} ('{type.Spelling}')");
        }
    }

    // "/** An instance. */ typedef struct x x_t;" documents the struct through its typedef.
    private void DocumentTypesFromTheirTypedefs()
    {
        foreach (NativeTypedef typedef in _typedefs.Values.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            if (typedef.Doc is null || typedef.Type.Name is not { } name)
            {
                continue;
            }

            if (typedef.Type.Kind is NativeTypeKind.Struct or NativeTypeKind.Union
                && _records.TryGetValue(name, out NativeRecord? record) && record.Doc is null)
            {
                _records[name] = record with { Doc = typedef.Doc };
            }
            else if (typedef.Type.Kind == NativeTypeKind.Enum && _enums.TryGetValue(name, out NativeEnum? enumInfo) && enumInfo.Doc is null)
            {
                _enums[name] = enumInfo with { Doc = typedef.Doc };
            }
        }
    }
}
