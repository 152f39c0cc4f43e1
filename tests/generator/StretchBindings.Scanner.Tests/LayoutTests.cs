using StretchBindings.Manifest;
using StretchBindings.Scanner.Tests.Infrastructure;

namespace StretchBindings.Scanner.Tests;

/// <summary>Struct and union layouts of Headers/layout.h, checked against a compiled probe.</summary>
public sealed class LayoutTests
{
    private static readonly Lazy<NativeManifest> Manifest = new(() => Scans.Header("layout.h").Manifest);

    [ClangFact]
    public void Sizes_alignments_and_offsets_match_the_compiler()
    {
        NativeManifest manifest = Manifest.Value;
        var types = new Dictionary<string, (string Record, IReadOnlyList<string> Fields)>
        {
            ["struct padded"] = ("padded", ["tag", "value", "flag", "weight", "tail"]),
            ["struct outer"] = ("outer", ["first", "second", "count"]),
            ["struct inner"] = ("inner", ["a", "b"]),
            ["union number"] = ("number", ["i", "f", "d", "bytes"]),
            ["variant_t"] = ("variant_t", ["kind", "point"]),
            ["struct buffer"] = ("buffer", ["length", "name", "samples", "release", "values"]),
            ["struct flags"] = ("flags", ["plain"]),
        };

        IReadOnlyDictionary<string, LayoutProbe.Layout> measured = LayoutProbe.Measure(
            TestPaths.Header("layout.h"), types.ToDictionary(t => t.Key, t => t.Value.Fields));

        foreach ((string type, (string recordName, IReadOnlyList<string> fields)) in types)
        {
            NativeRecord record = manifest.Record(recordName);
            LayoutProbe.Layout expected = measured[type];
            Assert.True(expected.Size == record.Size, $"{type}: size {record.Size}, compiler says {expected.Size}");
            Assert.True(expected.Align == record.Align, $"{type}: align {record.Align}, compiler says {expected.Align}");
            foreach (string field in fields)
            {
                Assert.True(expected.Offsets[field] == record.Field(field).Offset,
                    $"{type}.{field}: offset {record.Field(field).Offset}, compiler says {expected.Offsets[field]}");
            }
        }
    }

    [ClangFact]
    public void Anonymous_members_are_fields_with_their_own_fields_inline()
    {
        NativeRecord variant = Manifest.Value.Record("variant_t");
        Assert.Equal(["kind", "", "point"], variant.Fields.Select(f => f.Name));

        NativeField anonymous = variant.Fields[1];
        Assert.Equal(NativeTypeKind.Union, anonymous.Type.Kind);
        Assert.Null(anonymous.Type.Name);
        Assert.Equal(4, anonymous.Offset);
        Assert.Equal(["as_int", "as_float"], anonymous.Type.Fields!.Select(f => f.Name));

        LayoutProbe.Layout measured = LayoutProbe.Measure(
            TestPaths.Header("layout.h"), new Dictionary<string, IReadOnlyList<string>> { ["variant_t"] = ["as_int", "as_float"] })["variant_t"];
        Assert.Equal(measured.Offsets["as_int"], anonymous.Offset + anonymous.Type.Fields![0].Offset);

        NativeField point = variant.Field("point");
        Assert.Equal(NativeTypeKind.Struct, point.Type.Kind);
        Assert.Equal([0L, 2L], point.Type.Fields!.Select(f => f.Offset));
        Assert.DoesNotContain("/", point.Type.Spelling.Replace("layout.h", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [ClangFact]
    public void Bit_fields_are_flagged_with_their_bits_and_keep_the_record_supported()
    {
        NativeRecord flags = Manifest.Value.Record("flags");
        NativeField mode = flags.Field("mode");
        Assert.True(mode.BitField);
        Assert.Equal(3, mode.BitWidth);
        Assert.Equal(1, mode.BitOffset);
        Assert.True(flags.Field("level").BitField);
        Assert.False(flags.Field("plain").BitField);
        Assert.Null(flags.Unsupported);
    }

    [ClangFact]
    public void Arrays_function_pointers_and_flexible_arrays_are_described()
    {
        NativeRecord buffer = Manifest.Value.Record("buffer");
        NativeType samples = buffer.Field("samples").Type;
        Assert.Equal(NativeTypeKind.Array, samples.Kind);
        Assert.Equal(4, samples.Length);
        Assert.Equal(2, samples.Target!.Length);
        Assert.Equal("float", samples.Target.Target!.Name);
        Assert.Equal(32, samples.Size);

        NativeType release = buffer.Field("release").Type;
        Assert.Equal(NativeTypeKind.Pointer, release.Kind);
        NativeType signature = release.Pointee!;
        Assert.Equal(NativeTypeKind.Function, signature.Kind);
        Assert.Equal(NativeTypeKind.Void, signature.Signature!.ReturnType.Kind);
        Assert.Equal([NativeTypeKind.Pointer, NativeTypeKind.Pointer], signature.Signature.Parameters.Select(p => p.Kind));
        Assert.Equal("buffer", signature.Signature.Parameters[0].Pointee!.Name);

        NativeType values = buffer.Field("values").Type;
        Assert.Equal(NativeTypeKind.Array, values.Kind);
        Assert.Null(values.Length);

        NativeType length = buffer.Field("length").Type;
        Assert.Equal(("size_t", "unsigned long", 8L, false), (length.Typedef, length.Name, length.Size, length.Signed));
        Assert.Null(buffer.Unsupported);
    }

    [ClangFact]
    public void Opaque_structs_have_no_layout_and_typedefs_name_records()
    {
        NativeManifest manifest = Manifest.Value;
        NativeRecord opaque = manifest.Record("opaque_thing");
        Assert.True(opaque.Opaque);
        Assert.Equal((0, 0), (opaque.Size, opaque.Align));
        Assert.Empty(opaque.Fields);
        Assert.True(manifest.Typedef("opaque_thing_t").Type.Opaque);

        Assert.Equal("outer", manifest.Typedef("outer_t").Type.Name);
        Assert.Equal("variant_t", manifest.Typedef("variant_t").Type.Name);
        Assert.Equal(NativeTypeKind.Union, manifest.Record("number").IsUnion ? NativeTypeKind.Union : NativeTypeKind.Struct);
        Assert.Equal("Padding after every small field.", manifest.Record("padded").Doc!.Brief);
        Assert.Equal("offset 16", manifest.Record("padded").Field("weight").Doc!.Text);
    }

    [ClangFact]
    public void Each_field_records_its_own_line()
    {
        NativeManifest manifest = Manifest.Value;
        Assert.Equal(new NativeLocation("layout.h", 13, 12), manifest.Record("padded").Field("weight").Location);
        Assert.Equal(new NativeLocation("layout.h", 10, 10), manifest.Record("padded").Field("tag").Location);
    }
}
