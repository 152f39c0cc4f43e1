using System.Collections.Generic;
using System.Linq;
using StretchBindings.Generator.Helpers;
using StretchBindings.Manifest;
using StretchBindings.Generator.Model;

namespace StretchBindings.Generator.Emit;

/// <summary>Writes the enums and structs of a planned manifest, and the layout check of the raw class.</summary>
internal static class TypesEmitter
{
    public static string Write(LibraryModel model)
    {
        IndentedTextWriter writer = LibraryEmitter.StartFile(model);
        LibraryEmitter.WriteSeparated(writer, model.Enums.Cast<object>().Concat(model.Records.Cast<object>()), item =>
        {
            if (item is EnumModel enumModel)
            {
                WriteEnum(writer, enumModel);
            }
            else
            {
                RecordEmitter.Write(writer, (RecordModel)item);
            }
        });
        return LibraryEmitter.EndFile(model, writer);
    }

    private static void WriteEnum(IndentedTextWriter writer, EnumModel model)
    {
        DocComments.Write(writer, model.Doc ?? new NativeDoc(null, $"The C enum {model.CName}."));
        writer.WriteLine($"public enum {model.Name} : {model.UnderlyingType}");
        writer.OpenBlock();
        foreach (EnumMemberModel member in model.Members)
        {
            DocComments.Write(writer, member.Doc);
            writer.WriteLine($"{member.Name} = {member.Value},");
        }

        writer.CloseBlock();
    }

    private static IEnumerable<RecordModel> WithNested(RecordModel record) => new[] { record }.Concat(record.Nested.SelectMany(WithNested));

    /// <summary>Structs checked by one method of the layout check.</summary>
    public const int LayoutCheckChunk = 64;

    /// <summary>
    /// A module initializer that compares every generated struct's size and field offsets with the
    /// manifest's, so that a layout that ever differs (another target, a changed header) fails at load
    /// instead of corrupting memory.
    /// </summary>
    public static void WriteLayoutChecks(IndentedTextWriter writer, LibraryModel model)
    {
        RecordModel[] records = model.Records.Where(r => r.Shape == RecordShape.Complete).SelectMany(WithNested).ToArray();
        if (records.Length == 0)
        {
            return;
        }

        writer.WriteLine();
        writer.WriteLine("/// <summary>Checks, when the assembly loads, that generated struct layouts match the native ones.</summary>");
        writer.WriteLine($"[{TypeNames.EditorBrowsable}({TypeNames.EditorBrowsableState}.Never)]");
        writer.WriteLine("public static class LayoutCheck");
        writer.OpenBlock();
        writer.WriteLine("#pragma warning disable CA2255 // A wrong layout must fail before any call, in libraries too.");
        writer.WriteLine($"[{TypeNames.ModuleInitializer}]");
        writer.WriteLine("#pragma warning restore CA2255");
        writer.WriteLine("public static void Verify()");
        if (records.Length <= LayoutCheckChunk)
        {
            WriteChecks(writer, records);
        }
        else
        {
            // One method per chunk: the compiler's cost of a method grows faster than its length
            // (every block's locals are tracked through the whole body), so one body for thousands
            // of structs would need gigabytes to compile.
            int chunks = (records.Length + LayoutCheckChunk - 1) / LayoutCheckChunk;
            using (writer.Braces())
            {
                for (int chunk = 0; chunk < chunks; chunk++)
                {
                    writer.WriteLine($"Verify{chunk}();");
                }
            }

            for (int chunk = 0; chunk < chunks; chunk++)
            {
                writer.WriteLine();
                writer.WriteLine($"private static void Verify{chunk}()");
                WriteChecks(writer, records.Skip(chunk * LayoutCheckChunk).Take(LayoutCheckChunk));
            }
        }

        writer.WriteLine();
        writer.WriteLine("private static void Fail(string type, string what, long native, long managed) =>");
        writer.WriteLine($"    throw new {TypeNames.InvalidOperationException}($\"The generated layout of '{{type}}' differs from the native one: {{what}} is {{managed}} in .NET but {{native}} in C. Regenerate the bindings for this platform.\");");
        writer.CloseBlock();
    }

    /// <summary>A method body checking the size and field offsets of <paramref name="records"/>.</summary>
    private static void WriteChecks(IndentedTextWriter writer, IEnumerable<RecordModel> records)
    {
        using (writer.Braces())
        {
            foreach (RecordModel record in records)
            {
                writer.WriteLine($"if (sizeof({record.QualifiedName}) != {record.Size})");
                using (writer.Braces())
                {
                    writer.WriteLine($"Fail({Literals.String(record.CName)}, \"size\", {record.Size}, sizeof({record.QualifiedName}));");
                }

                // Bit-fields and flexible array members are properties: they have no address of their own.
                FieldModel[] fields = record.Fields.Where(f => f.Kind is FieldKind.Plain or FieldKind.Fixed or FieldKind.Array).ToArray();
                if (fields.Length == 0)
                {
                    continue;
                }

                using (writer.Braces())
                {
                    writer.WriteLine($"{record.QualifiedName} value = default;");
                    writer.WriteLine("byte* start = (byte*)&value;");
                    foreach (FieldModel field in fields)
                    {
                        string address = field.Kind == FieldKind.Fixed ? $"(byte*)value.{field.Name}" : $"(byte*)&value.{field.Name}";
                        writer.WriteLine($"if ({address} - start != {field.Offset})");
                        using (writer.Braces())
                        {
                            writer.WriteLine($"Fail({Literals.String(record.CName)}, {Literals.String("offset of " + field.CName)}, {field.Offset}, {address} - start);");
                        }
                    }
                }
            }
        }
    }
}
