using StretchBindings.Manifest;
using StretchBindings.Scanner.Clang;

namespace StretchBindings.Scanner.Scanning;

/// <summary>Structs and unions: their layout, fields, and what keeps them from being bound.</summary>
internal sealed partial class ScanSession
{
    private void VisitRecord(CXCursor cursor)
    {
        string? name = _describer.DeclarationName(cursor);
        if (name is null)
        {
            // An anonymous record without a typedef is described inline wherever it is used.
            return;
        }

        CXCursor definition = cursor.Definition();
        bool defined = !definition.IsNull();
        string declaration = $"{(cursor.Kind == CXCursorKind.UnionDecl ? "union" : "struct")} '{name}'";
        if (_cplusplus && defined && CxxFeature(definition) is { } feature)
        {
            AddUnsupported(cursor, "class", $"C++ class ({feature}): only C structs can be bound");
            return;
        }

        List<NativeAnnotation> annotations = ReadAnnotations(cursor, AnnotationTarget.Record, declaration);
        if (defined)
        {
            annotations = Merge(annotations, ReadAnnotations(definition, AnnotationTarget.Record, declaration));
        }

        if (_records.TryGetValue(name, out NativeRecord? existing))
        {
            _records[name] = existing with { Annotations = Merge(existing.Annotations, annotations).ToArray() };
            return;
        }

        CXCursor described = defined ? definition : cursor;
        CXType type = described.Type();
        List<NativeField> fields = defined ? _describer.DescribeFields(definition, Location) : [];
        _records[name] = new NativeRecord(
            name,
            cursor.Kind == CXCursorKind.UnionDecl,
            !defined,
            // An opaque record has no layout (0, as a reader of the manifest sees it).
            defined ? (int)(type.SizeOf() ?? 0) : 0,
            defined ? (int)(type.AlignOf() ?? 0) : 0,
            fields.ToArray(),
            annotations.ToArray(),
            DocComments.Read(described) ?? DocComments.Read(cursor),
            Location(described),
            FieldsUnsupportedReason(fields));

        if (defined)
        {
            // C gives structs, unions and enums declared inside a struct file scope: record them too.
            foreach (CXCursor child in definition.Children())
            {
                if (child.Kind is CXCursorKind.StructDecl or CXCursorKind.UnionDecl or CXCursorKind.EnumDecl
                    && !TypeDescriber.HasNoTag(child))
                {
                    Visit(child);
                }
            }
        }
    }

    /// <summary>
    /// Records other headers declare (<c>struct sockaddr</c>, <c>struct timeval</c>) that a recorded
    /// declaration holds by value: recorded too, without a location, so that the field keeps its layout.
    /// Repeated until none is missing, since a borrowed record may hold another.
    /// </summary>
    private void RecordBorrowedRecords()
    {
        while (true)
        {
            var missing = new SortedSet<string>(StringComparer.Ordinal);
            foreach (NativeType type in TypesHeldByValue())
            {
                CollectMissingRecords(type, missing);
            }

            int added = 0;
            foreach (string name in missing)
            {
                if (_describer.TryGetDefinition(name, out CXCursor definition))
                {
                    List<NativeField> fields = _describer.DescribeFields(definition);
                    CXType type = definition.Type();
                    _records[name] = new NativeRecord(
                        name, definition.Kind == CXCursorKind.UnionDecl, false, (int)(type.SizeOf() ?? 0), (int)(type.AlignOf() ?? 0),
                        fields.ToArray(), EquatableArray<NativeAnnotation>.Empty, null, null, FieldsUnsupportedReason(fields));
                    added++;
                }
            }

            if (added == 0)
            {
                return;
            }
        }
    }

    private IEnumerable<NativeType> TypesHeldByValue()
    {
        foreach (NativeRecord record in _records.Values)
        {
            foreach (NativeField field in record.Fields)
            {
                yield return field.Type;
            }
        }

        foreach (NativeFunction function in _functions.Values)
        {
            yield return function.ReturnType;
            // An array parameter is a pointer (va_list is one): nothing of it is held by value.
            foreach (NativeParameter parameter in function.Parameters.Where(p => p.Type.Kind != NativeTypeKind.Array))
            {
                yield return parameter.Type;
            }
        }

        foreach (NativeGlobal global in _globals.Values)
        {
            yield return global.Type;
        }

        foreach (NativeTypedef typedef in _typedefs.Values)
        {
            yield return typedef.Type;
        }
    }

    private void CollectMissingRecords(NativeType type, SortedSet<string> missing)
    {
        switch (type.Kind)
        {
            case NativeTypeKind.Array:
                CollectMissingRecords(type.Target!, missing);
                break;
            case NativeTypeKind.Struct or NativeTypeKind.Union when type.Name is null:
                foreach (NativeField field in type.Fields)
                {
                    CollectMissingRecords(field.Type, missing);
                }

                break;
            case NativeTypeKind.Struct or NativeTypeKind.Union when !type.Opaque && !_records.ContainsKey(type.Name):
                missing.Add(type.Name);
                break;
        }
    }

    private static string? FieldsUnsupportedReason(IEnumerable<NativeField> fields)
    {
        var reasons = new List<string>();
        foreach (NativeField field in fields)
        {
            if (Unbindable(field.Type) is { } reason && field.Type.Kind != NativeTypeKind.Union)
            {
                reasons.Add($"field '{field.Name}': {reason}");
            }

            if (!field.Type.Fields.IsEmpty && FieldsUnsupportedReason(field.Type.Fields) is { } nestedReason)
            {
                reasons.Add($"field '{(field.Name.Length > 0 ? field.Name : "(anonymous)")}': {nestedReason}");
            }
        }

        return reasons.Count == 0 ? null : string.Join("; ", reasons);
    }

    private static string? CxxFeature(CXCursor definition)
    {
        foreach (CXCursor child in definition.Children())
        {
            switch (child.Kind)
            {
                case CXCursorKind.CxxMethod:
                case CXCursorKind.Constructor:
                case CXCursorKind.Destructor:
                case CXCursorKind.ConversionFunction:
                    return "member functions";
                case CXCursorKind.CxxBaseSpecifier:
                    return "base classes";
                case CXCursorKind.CxxAccessSpecifier:
                    return "access specifiers";
                case CXCursorKind.FunctionTemplate:
                case CXCursorKind.ClassTemplate:
                    return "member templates";
            }
        }

        return null;
    }
}
