using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using StretchBindings.Generator.Bindings;
using StretchBindings.Generator.Diagnostics;
using StretchBindings.Generator.Model;
using StretchBindings.Generator.Planning;
using StretchBindings.Generator.Tests.Infrastructure;
using StretchBindings.Generator.Tests.Native;
using StretchBindings.Manifest;

namespace StretchBindings.Generator.Tests.EndToEnd;

/// <summary>
/// The structs this assembly binds from Manifests/ctypes.h (every shape of C type) against the C
/// compiler: a generated C program prints sizeof and offsetof of every struct and of every field,
/// nested ones included, and the bit patterns C stores for each bit-field; the test compares them with
/// the sizes and offsets the runtime gives the generated C# types, and with the bits their bit-field
/// properties write.
/// </summary>
public sealed unsafe class CTypesLayoutTests(ITestOutputHelper output)
{
    private const string Namespace = "StretchBindings.Generator.Tests.Native";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);
    private static readonly Lazy<Probe> Measured = new(Run);

    /// <summary>One checked item: a C designator of a root struct, and what C# says of it.</summary>
    /// <summary>
    /// <see cref="Divisor"/> is the flat element count of an array's first element: C's
    /// <c>sizeof(grid[0])</c> is a row of <c>grid[2][2]</c>, the generated array holds the elements in a row.
    /// </summary>

    private sealed record BitItem(string Root, string Field, Type Type, PropertyInfo Property, object Value, long Bits);

    private sealed record Probe(List<(Type Type, string CType)> Roots, List<LayoutItem> Items, List<BitItem> Bits, Dictionary<string, string> C);

    [Fact]
    public void Every_struct_and_field_has_the_C_compiler_size_and_offset()
    {
        Probe probe = Measured.Value;
        var mismatches = new List<string>();
        foreach ((Type type, string cType) in probe.Roots)
        {
            Compare(mismatches, $"sizeof({cType})", long.Parse(probe.C[$"S|{cType}"], CultureInfo.InvariantCulture), LayoutWalker.SizeOf(type));
        }

        foreach (LayoutItem item in probe.Items)
        {
            Compare(mismatches, $"offsetof({item.Root}, {item.Designator})", long.Parse(probe.C[$"O|{item.Root}|{item.Designator}"], CultureInfo.InvariantCulture), item.Offset);
            Compare(mismatches, $"sizeof(({item.Root}){{}}.{item.Designator})", long.Parse(probe.C[$"Z|{item.Root}|{item.Designator}"], CultureInfo.InvariantCulture), item.Size);
        }

        output.WriteLine($"{probe.Roots.Count} structs, {probe.Items.Count} fields, {probe.Bits.Count} bit-fields checked against {CCompiler}");
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));

        // Every case of the header is there: a struct lost or a field left out fails here, not silently.
        Assert.True(probe.Roots.Count == 16, $"{probe.Roots.Count} structs, not the header's 16");
        Assert.Contains(probe.Items, i => i.Designator == "sizes");
        Assert.Contains(probe.Items, i => i.Designator == "u.key.modifiers");
        Assert.Contains(probe.Items, i => i.Designator == "pairs[0].b");
        Assert.Contains(probe.Items, i => i.Root == "struct ct_socket" && i.Designator == "address");
        Assert.Contains(probe.Items, i => i.Root == "struct sockaddr" && i.Designator == "sa_family");
        Assert.Contains(probe.Items, i => i.Root == "struct timeval" && i.Designator == "tv_usec");
    }

    [Fact]
    public void Bit_field_properties_write_the_bits_C_writes_and_read_them_back()
    {
        Probe probe = Measured.Value;
        var mismatches = new List<string>();
        foreach (BitItem bit in probe.Bits)
        {
            object boxed = Activator.CreateInstance(bit.Type)!;
            bit.Property.SetValue(boxed, bit.Value);
            Compare(mismatches, $"{bit.Root}.{bit.Field} = {bit.Value}: bytes", probe.C[$"B|{bit.Root}|{bit.Field}"], Hex(boxed));
            Compare(mismatches, $"{bit.Root}.{bit.Field} read back", bit.Value.ToString(), bit.Property.GetValue(boxed)!.ToString());
        }

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
        Assert.True(probe.Bits.Count == 8, $"{probe.Bits.Count} bit-fields, not the header's 8");
    }

    [Fact]
    public void A_flexible_array_member_is_the_address_after_the_header()
    {
        long offset = long.Parse(Measured.Value.C["O|struct ct_message|payload"], CultureInfo.InvariantCulture);
        byte* memory = (byte*)NativeMemory.AllocZeroed(64);
        try
        {
            var message = (CtMessage*)memory;
            Assert.Equal(offset, message->payload - memory);
            message->payload[2] = 7;
            Assert.Equal(7, memory[offset + 2]);
        }
        finally
        {
            NativeMemory.Free(memory);
        }
    }

    [Fact]
    public void Arrays_of_any_element_index_in_place_and_check_their_bounds()
    {
        var arrays = default(CtArrays);
        arrays.sizes[2] = nuint.MaxValue;
        arrays.points[1].y = 5;
        arrays.colors[0] = CtColor.Blue;
        arrays.compares[1] = (delegate* unmanaged[Cdecl]<void*, void*, int>)0x10;
        byte* start = (byte*)&arrays;
        Assert.Equal(nuint.MaxValue, *(nuint*)(start + Offset("struct ct_arrays", "sizes[2]")));
        Assert.Equal(5, *(int*)(start + Offset("struct ct_arrays", "points[1].y")));
        Assert.Equal(2, *(int*)(start + Offset("struct ct_arrays", "colors[0]")));
        Assert.Equal(3, arrays.points.AsSpan().Length);
        CtArrays.SizesArray sizes = arrays.sizes;
        Assert.Throws<IndexOutOfRangeException>(() => sizes[3]);
    }

    private static long Offset(string root, string designator) => long.Parse(Measured.Value.C[$"O|{root}|{designator}"], CultureInfo.InvariantCulture);

    private static void Compare<T>(List<string> mismatches, string what, T c, T managed)
    {
        if (!EqualityComparer<T>.Default.Equals(c, managed))
        {
            mismatches.Add($"{what}: C says {c}, C# says {managed}");
        }
    }

    private static string CCompiler => File.Exists("/usr/bin/gcc") ? "gcc" : "cc";

    /// <summary>Plans the manifest as the build did, walks the generated types, and runs the C side.</summary>
    private static Probe Run()
    {
        string manifestPath = TestPaths.Manifest("ctypes.native.json");
        NativeManifest manifest = ManifestReader.Read(File.ReadAllText(manifestPath));
        LibraryModel model = LibraryPlanner.Plan(new ManifestInput(manifestPath, Namespace, "CTypes", manifest.Library, manifest, EquatableArray<DiagnosticInfo>.Empty), null);

        var roots = new List<(Type, string)>();
        var items = new List<LayoutItem>();
        var bits = new List<BitItem>();
        foreach (RecordModel record in model.Records.Where(r => r.Shape == RecordShape.Complete))
        {
            Type type = typeof(CTypesLayoutTests).Assembly.GetType(record.QualifiedName.Replace("global::", string.Empty, StringComparison.Ordinal).Replace('.', '+').Replace(Namespace.Replace('.', '+') + "+", Namespace + ".", StringComparison.Ordinal), throwOnError: true)!;
            string cType = manifest.Typedefs.Any(t => t.Name == record.CName) ? record.CName : $"{(record.IsUnion ? "union" : "struct")} {record.CName}";
            roots.Add((type, cType));
            LayoutWalker.Walk(cType, type, type, string.Empty, 0, items);
            AddBitFields(cType, type, record, bits);
        }

        return new Probe(roots, items, bits, RunC(roots, items, bits));
    }

    private static void AddBitFields(string root, Type type, RecordModel record, List<BitItem> bits)
    {
        foreach (FieldModel field in record.Fields.Where(f => f.Kind == FieldKind.BitField))
        {
            PropertyInfo property = type.GetProperty(field.Name)!;
            Type valueType = property.PropertyType;
            int width = field.BitWidth;
            Type integer = valueType.IsEnum ? Enum.GetUnderlyingType(valueType) : valueType;
            bool signed = integer == typeof(int) || integer == typeof(long) || integer == typeof(short) || integer == typeof(sbyte);

            // Alternate bits with the top one set: a negative value for a signed field, so sign extension is checked too.
            ulong pattern = (0x5555555555555555UL & (width == 64 ? ulong.MaxValue : (1UL << width) - 1)) | 1UL << (width - 1);
            long value = signed ? (long)(pattern << (64 - width)) >> (64 - width) : (long)pattern;
            object number = Convert.ChangeType(signed ? value : (object)pattern, integer, CultureInfo.InvariantCulture);
            object boxedValue = valueType == typeof(bool) ? true : valueType.IsEnum ? Enum.ToObject(valueType, number) : number;
            bits.Add(new BitItem(root, field.CName, type, property, boxedValue, valueType == typeof(bool) ? 1 : value));
        }
    }

    private static string Hex(object boxed)
    {
        int size = LayoutWalker.SizeOf(boxed.GetType()) is var s ? (int)s : 0;
        GCHandle handle = GCHandle.Alloc(boxed, GCHandleType.Pinned);
        try
        {
            // The boxed struct's bytes follow the method table pointer.
            byte* data = (byte*)handle.AddrOfPinnedObject();
            return Convert.ToHexString(new ReadOnlySpan<byte>(data, size));
        }
        finally
        {
            handle.Free();
        }
    }

    private static Dictionary<string, string> RunC(List<(Type Type, string CType)> roots, List<LayoutItem> items, List<BitItem> bits)
    {
        var source = new StringBuilder();
        source.Append("#include <stdio.h>\n#include <string.h>\n#include \"ctypes.h\"\n")
            .Append("#define SIZE_OF_MEMBER(T, m) sizeof(((T *)0)->m)\n")
            .Append("static void bytes(const char *key, const void *p, size_t n) { printf(\"%s=\", key); for (size_t i = 0; i < n; i++) printf(\"%02X\", ((const unsigned char *)p)[i]); printf(\"\\n\"); }\n")
            .Append("int main(void) {\n");
        foreach ((_, string cType) in roots)
        {
            source.Append(CultureInfo.InvariantCulture, $"    printf(\"S|{cType}=%zu\\n\", sizeof({cType}));\n");
        }

        foreach (LayoutItem item in items)
        {
            source.Append(CultureInfo.InvariantCulture, $"    printf(\"O|{item.Root}|{item.Designator}=%zu\\n\", offsetof({item.Root}, {item.Designator}));\n");
            string size = item.Array is null ? $"SIZE_OF_MEMBER({item.Root}, {item.Designator})" : $"SIZE_OF_MEMBER({item.Root}, {item.Array}) / {item.Divisor}";
            source.Append(CultureInfo.InvariantCulture, $"    printf(\"Z|{item.Root}|{item.Designator}=%zu\\n\", {size});\n");
        }

        foreach (BitItem bit in bits)
        {
            source.Append(CultureInfo.InvariantCulture, $"    {{ {bit.Root} v; memset(&v, 0, sizeof v); v.{bit.Field} = {bit.Bits}LL; bytes(\"B|{bit.Root}|{bit.Field}\", &v, sizeof v); }}\n");
        }

        // The flexible array member is a property, not a field: measured on its own.
        source.Append("    printf(\"O|struct ct_message|payload=%zu\\n\", offsetof(struct ct_message, payload));\n");
        source.Append("    printf(\"O|struct ct_arrays|sizes[2]=%zu\\n\", offsetof(struct ct_arrays, sizes[2]));\n");
        source.Append("    printf(\"O|struct ct_arrays|points[1].y=%zu\\n\", offsetof(struct ct_arrays, points[1].y));\n");
        source.Append("    return 0;\n}\n");

        using var directory = new TemporaryDirectory("ctypes-layout");
        string program = directory.File("probe.c");
        string executable = directory.File("probe");
        File.WriteAllText(program, source.ToString());
        ProcessResult compiled = ProcessRunner.Run(CCompiler, ["-std=gnu11", "-Werror", "-I", Path.GetDirectoryName(TestPaths.Manifest("ctypes.h"))!, "-o", executable, program], directory.Path, Timeout);
        Assert.True(compiled.ExitCode == 0, $"{CCompiler} could not compile the layout program:\n{compiled.Combined}");
        ProcessResult run = ProcessRunner.Run(executable, [], directory.Path, Timeout);
        Assert.Equal(0, run.ExitCode);
        return run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
    }
}
