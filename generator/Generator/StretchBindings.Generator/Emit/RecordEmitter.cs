using System.Linq;
using StretchBindings.Generator.Helpers;
using StretchBindings.Generator.Model;

namespace StretchBindings.Generator.Emit;

/// <summary>
/// Writes one struct or union: explicit layout at the C size, every field at its C offset, bit-fields
/// and flexible array members as properties, and the nested types of anonymous members and arrays.
/// </summary>
internal static class RecordEmitter
{
    public static void Write(IndentedTextWriter writer, RecordModel record)
    {
        string kind = record.IsUnion ? "union" : "struct";
        if (record.Shape == RecordShape.Opaque)
        {
            DocComments.Write(writer, record.Doc, extraRemarks: null);
            if (record.Doc is null)
            {
                DocComments.WriteSummary(writer, $"The opaque C {kind} {record.CName}: used only through pointers.");
            }

            writer.WriteLine($"public partial struct {record.Name}");
            writer.OpenBlock();
            writer.CloseBlock();
            return;
        }

        DocComments.Write(writer, record.Doc);
        if (record.Doc is null)
        {
            DocComments.WriteSummary(writer, $"The C {kind} {record.CName}, with its native size and field offsets.");
        }

        writer.WriteLine($"[{TypeNames.StructLayout}({TypeNames.LayoutKind}.Explicit, Size = {record.Size})]");
        writer.WriteLine($"public unsafe partial struct {record.Name}");
        writer.OpenBlock();
        LibraryEmitter.WriteSeparated(writer, record.Fields, field => WriteField(writer, record, field));
        if (record.HasBitFields)
        {
            writer.WriteLine();
            WriteBitHelpers(writer);
        }

        foreach (RecordModel nested in record.Nested)
        {
            writer.WriteLine();
            Write(writer, nested);
        }

        foreach (ArrayModel array in record.Arrays)
        {
            writer.WriteLine();
            WriteArray(writer, array);
        }

        writer.CloseBlock();
    }

    private static void WriteField(IndentedTextWriter writer, RecordModel record, FieldModel field)
    {
        DocComments.Write(writer, field.Doc);
        switch (field.Kind)
        {
            case FieldKind.BitField:
                if (field.Doc is null)
                {
                    DocComments.WriteSummary(writer, $"The bit-field {field.CName}: {field.BitWidth} bits from bit {field.Offset} of the {(record.IsUnion ? "union" : "struct")}.");
                }

                writer.WriteLine($"public {field.Type} {field.Name}");
                using (writer.Braces())
                {
                    writer.WriteLine($"get {{ fixed (void* self = &this) {{ return {field.BitGet!.Replace("{0}", $"GetBits((byte*)self, {field.Offset}, {field.BitWidth})")}; }} }}");
                    writer.WriteLine($"set {{ fixed (void* self = &this) {{ SetBits((byte*)self, {field.Offset}, {field.BitWidth}, {field.BitSet}); }} }}");
                }

                return;
            case FieldKind.Flexible:
                if (field.Doc is null)
                {
                    DocComments.WriteSummary(writer, $"The flexible array member {field.CName}: the address of its first element, {field.Offset} bytes into the struct (which C allocates in native memory, with room for the elements).");
                }

                writer.WriteLine($"public {field.Type} {field.Name}");
                using (writer.Braces())
                {
                    writer.WriteLine($"get {{ fixed (void* self = &this) {{ return ({field.Type})((byte*)self + {field.Offset}); }} }}");
                }

                return;
            case FieldKind.Fixed:
                writer.WriteLine($"[{TypeNames.FieldOffset}({field.Offset})]");
                writer.WriteLine($"public fixed {field.Type} {field.Name}[{field.FixedLength}];");
                return;
            default:
                writer.WriteLine($"[{TypeNames.FieldOffset}({field.Offset})]");
                writer.WriteLine($"public {field.Type} {field.Name};");
                return;
        }
    }

    /// <summary>Bit access in C's order on little-endian targets: bit n of the struct is bit n % 8 of byte n / 8.</summary>
    private static void WriteBitHelpers(IndentedTextWriter writer)
    {
        writer.WriteLine("private static ulong GetBits(byte* start, int offset, int width)");
        using (writer.Braces())
        {
            writer.WriteLine("ulong bits = 0;");
            writer.WriteLine("for (int i = 0; i < width; i++)");
            using (writer.Braces())
            {
                writer.WriteLine("int bit = offset + i;");
                writer.WriteLine("bits |= (ulong)((start[bit >> 3] >> (bit & 7)) & 1) << i;");
            }

            writer.WriteLine();
            writer.WriteLine("return bits;");
        }

        writer.WriteLine();
        writer.WriteLine("private static void SetBits(byte* start, int offset, int width, ulong bits)");
        using (writer.Braces())
        {
            writer.WriteLine("for (int i = 0; i < width; i++)");
            using (writer.Braces())
            {
                writer.WriteLine("int bit = offset + i;");
                writer.WriteLine("byte mask = (byte)(1 << (bit & 7));");
                writer.WriteLine("start[bit >> 3] = ((bits >> i) & 1) != 0 ? (byte)(start[bit >> 3] | mask) : (byte)(start[bit >> 3] & ~mask);");
            }
        }
    }

    /// <summary>
    /// A fixed array whose element a C# fixed buffer cannot hold (<c>size_t</c>, <c>long</c>, pointers,
    /// structs, enums): a struct of the array's size with a bounds-checked indexer. It needs nothing
    /// newer than C# 7.3 and .NET Core 2.1 (the span), unlike <c>[InlineArray]</c> (C# 12, .NET 8).
    /// </summary>
    private static void WriteArray(IndentedTextWriter writer, ArrayModel array)
    {
        DocComments.WriteSummary(writer, $"A C array of {array.Length} '{array.CElement}', in place.");
        writer.WriteLine($"[{TypeNames.StructLayout}({TypeNames.LayoutKind}.Explicit, Size = {array.ElementSize * array.Length})]");
        writer.WriteLine($"public unsafe partial struct {array.Name}");
        writer.OpenBlock();
        writer.WriteLine("/// <summary>The number of elements.</summary>");
        writer.WriteLine($"public const int Length = {array.Length};");
        writer.WriteLine();
        writer.WriteLine($"[{TypeNames.FieldOffset}(0)]");
        writer.WriteLine($"private {array.ElementType} element0;");
        writer.WriteLine();
        writer.WriteLine("/// <summary>The element at <paramref name=\"index\"/>.</summary>");
        writer.WriteLine($"public ref {array.ElementType} this[int index]");
        using (writer.Braces())
        {
            writer.WriteLine("get");
            using (writer.Braces())
            {
                writer.WriteLine("if ((uint)index >= Length)");
                using (writer.Braces())
                {
                    writer.WriteLine($"throw new {TypeNames.IndexOutOfRangeException}();");
                }

                writer.WriteLine();
                writer.WriteLine($"fixed ({array.ElementType}* first = &element0)");
                using (writer.Braces())
                {
                    writer.WriteLine("return ref first[index];");
                }
            }
        }

        if (array.HasSpan)
        {
            writer.WriteLine();
            writer.WriteLine("/// <summary>The elements as a span over this struct's own memory.</summary>");
            writer.WriteLine($"public {TypeNames.Span}<{array.ElementType}> AsSpan() => {TypeNames.MemoryMarshal}.CreateSpan(ref element0, Length);");
        }

        writer.CloseBlock();
    }
}
