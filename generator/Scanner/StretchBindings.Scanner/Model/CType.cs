namespace StretchBindings.Scanner.Model;

/// <summary>The shape of a C type, after typedefs are looked through.</summary>
public enum CTypeKind
{
    Void,
    Bool,
    Int,
    Float,
    Pointer,
    Array,
    Struct,
    Union,
    Enum,
    Function,
    Unsupported,
}

/// <summary>
/// A C type in canonical, platform-explicit form: what it is on the target (kind, builtin name, size,
/// signedness) together with the outermost typedef name it was written with, so a consumer can tell
/// <c>size_t</c> from <c>unsigned long</c> and still know both are 8 unsigned bytes.
/// </summary>
public sealed record CType
{
    public required CTypeKind Kind { get; init; }

    /// <summary>The type as written, in clang's spelling.</summary>
    public required string Spelling { get; init; }

    /// <summary>The outermost typedef name the type was written with, if any.</summary>
    public string? Typedef { get; init; }

    /// <summary>
    /// Builtin name for void/bool/int/float ("long", "unsigned char"), tag name for struct/union/enum
    /// (or the typedef that names an anonymous one; null for a nested anonymous record).
    /// </summary>
    public string? Name { get; init; }

    /// <summary>Size in bytes on the target; null for void, functions and incomplete types.</summary>
    public long? Size { get; init; }

    /// <summary>Alignment in bytes on the target; null where <see cref="Size"/> is null.</summary>
    public long? Align { get; init; }

    /// <summary>Signedness, for integers (including plain <c>char</c> on the target).</summary>
    public bool? Signed { get; init; }

    public bool Const { get; init; }

    public bool Volatile { get; init; }

    /// <summary>Pointee of a pointer.</summary>
    public CType? Pointee { get; init; }

    /// <summary>Element of an array.</summary>
    public CType? Element { get; init; }

    /// <summary>Element count of an array; null for an array of unknown size (<c>T[]</c>).</summary>
    public long? Length { get; init; }

    /// <summary>Signature of a function type.</summary>
    public CType? ReturnType { get; init; }

    public IReadOnlyList<CType>? Parameters { get; init; }

    public bool? Variadic { get; init; }

    public string? CallingConvention { get; init; }

    /// <summary>Underlying integer type of an enum.</summary>
    public CType? UnderlyingType { get; init; }

    /// <summary>Whether a struct or union is declared but never defined.</summary>
    public bool? Opaque { get; init; }

    /// <summary>Fields of an anonymous record, which has no entry of its own in the manifest.</summary>
    public IReadOnlyList<FieldInfo>? Fields { get; init; }

    /// <summary>Why the type cannot be bound, for <see cref="CTypeKind.Unsupported"/>.</summary>
    public string? Reason { get; init; }
}
