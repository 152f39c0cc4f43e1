using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using StretchBindings.Generator.Helpers;
using StretchBindings.Manifest;
using StretchBindings.Generator.Model;

namespace StretchBindings.Generator.Planning;

/// <summary>Decides the enums and structs of a manifest: member names, values, fields and layouts.</summary>
internal static class TypePlanner
{
    public static EnumModel PlanEnum(NamedEnum named)
    {
        NativeEnum nativeEnum = named.Enum;
        string prefix = Identifiers.CommonPrefix(nativeEnum.Constants.Select(c => c.Name).ToList());
        var names = new HashSet<string>(StringComparer.Ordinal);
        var members = new List<EnumMemberModel>();
        foreach (NativeEnumConstant constant in nativeEnum.Constants)
        {
            string name = Identifiers.ToPascalCase(constant.Name.Substring(prefix.Length));
            if (name == "_" || !names.Add(name))
            {
                // Stripping the prefix made two names equal (or empty): keep the C name.
                name = Identifiers.MakeValid(constant.Name);
                names.Add(name);
            }

            string value = IntegerTypes.FitsIn(constant.Value, named.UnderlyingType) ? constant.Value : $"unchecked(({named.UnderlyingType}){constant.Value})";
            members.Add(new EnumMemberModel(Identifiers.Escape(name), value, constant.Doc));
        }

        return new EnumModel(nativeEnum.Name, named.Name, named.UnderlyingType, members.ToArray(), nativeEnum.Doc);
    }

    public static RecordModel PlanRecord(LibraryContext context, NamedRecord named)
    {
        NativeRecord record = named.Record;
        string kind = record.IsUnion ? "union" : "struct";
        RecordShape shape = named.Shape == NamedRecordShape.Opaque ? RecordShape.Opaque : record.Unsupported is null ? RecordShape.Complete : RecordShape.Bytes;
        var fields = new List<FieldModel>();
        if (shape == RecordShape.Bytes)
        {
            context.Skip(kind + " layout", record.Name, record.Location, record.Unsupported + $"; it is generated as {record.Size} opaque bytes");
        }
        else if (shape == RecordShape.Complete)
        {
            AddFields(context, record, record.Fields, 0, fields, new HashSet<string>(StringComparer.Ordinal));
        }

        return new RecordModel(record.Name, named.Name, context.Qualify(named.Name), shape, record.IsUnion, record.Size, fields.ToArray(), record.Doc);
    }

    /// <summary>The fields of a complete record; one that cannot be expressed is reported and left out (its bytes stay).</summary>
    private static void AddFields(LibraryContext context, NativeRecord record, EquatableArray<NativeField> nativeFields, long baseOffset,
        List<FieldModel> fields, HashSet<string> names)
    {
        foreach (NativeField field in nativeFields)
        {
            long offset = baseOffset + field.Offset;
            if (field.Name.Length == 0)
            {
                // C11 anonymous struct or union member: its members are reached directly, so they are flattened.
                AddFields(context, record, field.Type.Fields, offset, fields, names);
                continue;
            }

            string name = Identifiers.Escape(field.Name);
            if (!names.Add(name))
            {
                continue;
            }

            string fieldName = $"{record.Name}.{field.Name}";
            if (field.Type.Kind == NativeTypeKind.Array)
            {
                NativeType element = field.Type.Target!;
                string? elementType = element.Kind is NativeTypeKind.Int or NativeTypeKind.Float or NativeTypeKind.Bool
                    ? context.Types.Map(element, out _)
                    : null;
                if (elementType is null || elementType.StartsWith("global::", StringComparison.Ordinal) || field.Type.Length is null or <= 0)
                {
                    context.Skip("field", fieldName, record.Location,
                        $"an array of '{element.Spelling}' cannot be a fixed buffer; the bytes stay in the struct but have no field");
                    continue;
                }

                fields.Add(new FieldModel(field.Name, name, elementType, offset, field.Type.Length.Value.ToString(CultureInfo.InvariantCulture), field.Doc));
                continue;
            }

            string? type = context.Types.MapValue(field.Type, out string? reason);
            if (type is null)
            {
                context.Skip("field", fieldName, record.Location, reason + "; the bytes stay in the struct but have no field");
                continue;
            }

            fields.Add(new FieldModel(field.Name, name, type, offset, null, field.Doc));
        }
    }
}
