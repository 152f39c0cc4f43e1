using System.Globalization;
using StretchBindings.Generator.Emit;
using StretchBindings.Manifest;

namespace StretchBindings.Generator.Planning;

/// <summary>
/// The one C-integer ↔ C# table: which C# type a C integer becomes, and the C view (<c>i32</c>,
/// <c>uptr</c>, <c>clong</c>…) that kernels are compared with headers in. Both directions read it.
/// </summary>
internal static class IntegerTypes
{
    /// <summary>A C# integer type: its keyword (or CLong/CULong), its C view, and its size in bytes (0: pointer-sized or C long).</summary>
    private sealed record Entry(string CSharp, string Abi, int Size, bool Signed, string? Maximum);

    private static readonly Entry[] Entries =
    [
        new("sbyte", "i8", 1, true, "sbyte.MaxValue"),
        new("byte", "u8", 1, false, "byte.MaxValue"),
        new("short", "i16", 2, true, "short.MaxValue"),
        new("ushort", "u16", 2, false, "ushort.MaxValue"),
        new("int", "i32", 4, true, null),
        new("uint", "u32", 4, false, null),
        new("long", "i64", 8, true, null),
        new("ulong", "u64", 8, false, null),
        new("nint", "iptr", 0, true, null),
        new("nuint", "uptr", 0, false, null),
        new(TypeNames.CLong, "clong", 0, true, null),
        new(TypeNames.CULong, "culong", 0, false, null),
    ];

    /// <summary>C typedefs whose C# type is fixed whatever the builtin type behind them.</summary>
    private static readonly (string Typedef, string CSharp)[] Typedefs =
    [
        ("size_t", "nuint"), ("uintptr_t", "nuint"), ("ssize_t", "nint"), ("ptrdiff_t", "nint"), ("intptr_t", "nint"),
        ("int8_t", "sbyte"), ("uint8_t", "byte"), ("int16_t", "short"), ("uint16_t", "ushort"),
        ("int32_t", "int"), ("uint32_t", "uint"), ("int64_t", "long"), ("uint64_t", "ulong"),
    ];

    /// <summary>C builtin integer names and their C# types; <c>long</c> is CLong, 32-bit on Windows.</summary>
    private static readonly (string Name, string CSharp)[] Builtins =
    [
        ("char", "byte"), ("unsigned char", "byte"), ("signed char", "sbyte"),
        ("short", "short"), ("unsigned short", "ushort"), ("int", "int"), ("unsigned int", "uint"),
        ("long", TypeNames.CLong), ("unsigned long", TypeNames.CULong), ("long long", "long"), ("unsigned long long", "ulong"),
    ];

    /// <summary>The C# keyword of an integer of that size and signedness (enums, constants, wide characters).</summary>
    public static string? Keyword(int size, bool signed)
    {
        foreach (Entry entry in Entries)
        {
            // Size 0 marks the pointer-sized and C long entries, which no fixed size names.
            if (size > 0 && entry.Size == size && entry.Signed == signed)
            {
                return entry.CSharp;
            }
        }

        return null;
    }

    /// <summary>The C# type of a C integer, or null when .NET has none (<c>__int128</c>).</summary>
    public static string? Map(NativeType type)
    {
        foreach ((string typedef, string cSharp) in Typedefs)
        {
            if (type.Typedef == typedef)
            {
                return cSharp;
            }
        }

        foreach ((string name, string cSharp) in Builtins)
        {
            if (type.Name == name)
            {
                return cSharp;
            }
        }

        return type.Name is "wchar_t" or "char16_t" or "char32_t" ? Keyword(type.Size, type.Signed) : null;
    }

    /// <summary>The C view of a C# integer type (<c>int</c> → <c>i32</c>), or null for a non-integer.</summary>
    public static string? Abi(string cSharp)
    {
        foreach (Entry entry in Entries)
        {
            if (entry.CSharp == cSharp)
            {
                return entry.Abi;
            }
        }

        return null;
    }

    /// <summary>
    /// How a span length (an <c>int</c>, never negative) becomes the count type: the expression
    /// format, and the largest value the type holds when it is narrower than <c>int</c>.
    /// </summary>
    public static (string Format, string? Maximum)? CountConversion(string countType)
    {
        foreach (Entry entry in Entries)
        {
            if (entry.CSharp == countType)
            {
                return countType switch
                {
                    "int" => ("{0}", null),
                    TypeNames.CLong => ($"new {TypeNames.CLong}((nint){{0}})", null),
                    TypeNames.CULong => ($"new {TypeNames.CULong}((nuint){{0}})", null),
                    _ => ($"({countType}){{0}}", entry.Maximum),
                };
            }
        }

        return null;
    }

    /// <summary>Whether an integer, as written in the manifest, fits the C# keyword.</summary>
    public static bool FitsIn(string integer, string keyword)
    {
        if (integer.StartsWith("-", System.StringComparison.Ordinal))
        {
            if (!long.TryParse(integer, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long signed))
            {
                return false;
            }

            return keyword switch
            {
                "sbyte" => signed >= sbyte.MinValue,
                "short" => signed >= short.MinValue,
                "int" => signed >= int.MinValue,
                "long" => true,
                _ => false,
            };
        }

        if (!ulong.TryParse(integer, NumberStyles.None, CultureInfo.InvariantCulture, out ulong value))
        {
            return false;
        }

        return keyword switch
        {
            "sbyte" => value <= (ulong)sbyte.MaxValue,
            "byte" => value <= byte.MaxValue,
            "short" => value <= (ulong)short.MaxValue,
            "ushort" => value <= ushort.MaxValue,
            "int" => value <= int.MaxValue,
            "uint" => value <= uint.MaxValue,
            "long" => value <= long.MaxValue,
            "ulong" => true,
            _ => false,
        };
    }
}
