using System;
using System.Collections.Generic;
using System.Linq;
using StretchBindings.Generator.Diagnostics;
using StretchBindings.Generator.Helpers;
using StretchBindings.Manifest;

namespace StretchBindings.Generator.Bindings;

/// <summary>A struct field as generated: anonymous members flattened, arrays as fixed buffers.</summary>
internal sealed record FieldBinding(string CName, string? Name, string? Type, long Offset, string? FixedLength, NativeDoc? Doc);

internal static partial class LibraryEmitter
{
    private static string WriteTypes(LibraryContext context)
    {
        List<EnumBinding> enums = context.Enums.ToList();
        List<RecordBinding> records = context.Records.Where(r => r.Shape != RecordShape.Handle).ToList();
        if (enums.Count == 0 && records.Count == 0)
        {
            return string.Empty;
        }

        IndentedTextWriter writer = StartFile(context);
        bool first = true;
        foreach (EnumBinding binding in enums)
        {
            if (!first)
            {
                writer.WriteLine();
            }

            first = false;
            WriteEnum(writer, binding);
        }

        foreach (RecordBinding record in records)
        {
            if (!first)
            {
                writer.WriteLine();
            }

            first = false;
            WriteRecord(context, writer, record);
        }

        return EndFile(context, writer);
    }

    private static void WriteEnum(IndentedTextWriter writer, EnumBinding binding)
    {
        NativeEnum nativeEnum = binding.Enum;
        DocComments.Write(writer, nativeEnum.Doc ?? new NativeDoc(null, $"The C enum {nativeEnum.Name}."));
        writer.WriteLine($"public enum {binding.Name} : {binding.UnderlyingType}");
        writer.OpenBlock();
        string prefix = Identifiers.CommonPrefix(nativeEnum.Constants.Select(c => c.Name).ToList());
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (NativeEnumConstant constant in nativeEnum.Constants)
        {
            string name = Identifiers.ToPascalCase(constant.Name.Substring(prefix.Length));
            if (name == "_" || !names.Add(name))
            {
                // Stripping the prefix made two names equal (or empty): keep the C name.
                name = Identifiers.MakeValid(constant.Name);
                names.Add(name);
            }

            DocComments.Write(writer, constant.Doc);
            string value = FitsIn(constant.Value, binding.UnderlyingType) ? constant.Value : $"unchecked(({binding.UnderlyingType}){constant.Value})";
            writer.WriteLine($"{Identifiers.Escape(name)} = {value},");
        }

        writer.CloseBlock();
    }

    private static void WriteRecord(LibraryContext context, IndentedTextWriter writer, RecordBinding binding)
    {
        NativeRecord record = binding.Record;
        string kind = record.IsUnion ? "union" : "struct";
        if (binding.Shape == RecordShape.Opaque)
        {
            DocComments.Write(writer, record.Doc, extraRemarks: null);
            if (record.Doc is null)
            {
                DocComments.WriteSummary(writer, $"The opaque C {kind} {record.Name}: used only through pointers.");
            }

            writer.WriteLine($"public partial struct {binding.Name}");
            writer.OpenBlock();
            writer.CloseBlock();
            return;
        }

        if (record.Unsupported is not null)
        {
            context.Report(DiagnosticDescriptors.DeclarationSkipped, kind + " layout", record.Name,
                record.Unsupported + $"; it is generated as {record.Size} opaque bytes");
        }

        DocComments.Write(writer, record.Doc);
        if (record.Doc is null)
        {
            DocComments.WriteSummary(writer, $"The C {kind} {record.Name}, with its native size and field offsets.");
        }

        writer.WriteLine($"[{TypeNames.StructLayout}({TypeNames.LayoutKind}.Explicit, Size = {record.Size})]");
        writer.WriteLine($"public unsafe partial struct {binding.Name}");
        writer.OpenBlock();
        if (record.Unsupported is null)
        {
            bool first = true;
            foreach (FieldBinding field in FieldsOf(context, record))
            {
                if (field.Name is null)
                {
                    continue;
                }

                if (!first)
                {
                    writer.WriteLine();
                }

                first = false;
                DocComments.Write(writer, field.Doc);
                writer.WriteLine($"[{TypeNames.FieldOffset}({field.Offset})]");
                writer.WriteLine(field.FixedLength is null
                    ? $"public {field.Type} {field.Name};"
                    : $"public fixed {field.Type} {field.Name}[{field.FixedLength}];");
            }
        }

        writer.CloseBlock();
    }

    /// <summary>The fields of a complete record; a field that cannot be expressed has a null name (and is reported once).</summary>
    private static List<FieldBinding> FieldsOf(LibraryContext context, NativeRecord record)
    {
        if (!context.FieldCache.TryGetValue(record.Name, out List<FieldBinding>? fields))
        {
            fields = new List<FieldBinding>();
            AddFields(context, record, record.Fields, 0, fields, new HashSet<string>(StringComparer.Ordinal), report: true);
            context.FieldCache[record.Name] = fields;
        }

        return fields;
    }

    private static void AddFields(LibraryContext context, NativeRecord record, EquatableArray<NativeField> nativeFields, long baseOffset,
        List<FieldBinding> fields, HashSet<string> names, bool report)
    {
        foreach (NativeField field in nativeFields)
        {
            long offset = baseOffset + field.Offset;
            if (field.Name.Length == 0)
            {
                // C11 anonymous struct or union member: its members are reached directly, so they are flattened.
                AddFields(context, record, field.Type.Fields, offset, fields, names, report);
                continue;
            }

            string name = Identifiers.Escape(field.Name);
            if (!names.Add(name))
            {
                continue;
            }

            if (field.Type.Kind == NativeTypeKind.Array)
            {
                NativeType element = field.Type.Target!;
                string? elementType = element.Kind is NativeTypeKind.Int or NativeTypeKind.Float or NativeTypeKind.Bool
                    ? context.MapType(element, out _)
                    : null;
                if (elementType is null || elementType.StartsWith("global::", StringComparison.Ordinal) || field.Type.Length is null or <= 0)
                {
                    if (report)
                    {
                        context.Report(DiagnosticDescriptors.DeclarationSkipped, "field", $"{record.Name}.{field.Name}",
                            $"an array of '{element.Spelling}' cannot be a fixed buffer; the bytes stay in the struct but have no field");
                    }

                    fields.Add(new FieldBinding(field.Name, null, null, offset, null, field.Doc));
                    continue;
                }

                fields.Add(new FieldBinding(field.Name, name, elementType, offset, field.Type.Length.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), field.Doc));
                continue;
            }

            string? type = context.MapType(field.Type, out string? reason);
            if (type is null)
            {
                if (report)
                {
                    context.Report(DiagnosticDescriptors.DeclarationSkipped, "field", $"{record.Name}.{field.Name}", reason + "; the bytes stay in the struct but have no field");
                }

                fields.Add(new FieldBinding(field.Name, null, null, offset, null, field.Doc));
                continue;
            }

            fields.Add(new FieldBinding(field.Name, name, type, offset, null, field.Doc));
        }
    }
}
