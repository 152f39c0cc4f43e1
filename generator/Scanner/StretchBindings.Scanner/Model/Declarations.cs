namespace StretchBindings.Scanner.Model;

/// <summary>Where a declaration is, relative to the manifest's base directory.</summary>
public sealed record SourceLocation(string File, int Line, int Column);

/// <summary>A declaration's doc comment: clang's brief summary and the text without comment markers.</summary>
public sealed record DocComment(string? Brief, string Text);

/// <summary>An interop annotation, e.g. <c>sb:in_buffer(count)</c> as name "in_buffer", arguments ["count"].</summary>
public sealed record Annotation(string Name, IReadOnlyList<string> Arguments);

public sealed record ParameterInfo(string Name, CType Type, IReadOnlyList<Annotation> Annotations);

public sealed record FunctionInfo
{
    public required string Name { get; init; }
    public required CType ReturnType { get; init; }
    public required IReadOnlyList<ParameterInfo> Parameters { get; init; }
    public required bool Variadic { get; init; }
    public required string CallingConvention { get; init; }
    public required IReadOnlyList<Annotation> Annotations { get; init; }
    public DocComment? Doc { get; init; }
    public required SourceLocation Location { get; init; }

    /// <summary>Why the generator cannot bind the function as it is, or null.</summary>
    public string? Unsupported { get; init; }
}

public sealed record FieldInfo
{
    /// <summary>The field's name; empty for an anonymous struct or union member.</summary>
    public required string Name { get; init; }
    public required CType Type { get; init; }

    /// <summary>Offset in bytes from the start of the record (of the storage unit, for a bit-field).</summary>
    public required long Offset { get; init; }
    public bool BitField { get; init; }

    /// <summary>Offset in bits from the start of the record, for a bit-field.</summary>
    public long? BitOffset { get; init; }
    public int? BitWidth { get; init; }
    public DocComment? Doc { get; init; }
}

public sealed record RecordInfo
{
    public required string Name { get; init; }

    /// <summary>Struct or union.</summary>
    public required CTypeKind Kind { get; init; }

    /// <summary>Declared but not defined: usable only through pointers.</summary>
    public required bool Opaque { get; init; }
    public long? Size { get; init; }
    public long? Align { get; init; }
    public required IReadOnlyList<FieldInfo> Fields { get; init; }
    public required IReadOnlyList<Annotation> Annotations { get; init; }
    public DocComment? Doc { get; init; }
    public required SourceLocation Location { get; init; }
    public string? Unsupported { get; init; }
}

/// <summary>An enumerator; its value fits the enum's underlying type, signed or unsigned.</summary>
public sealed record EnumConstantInfo(string Name, Int128 Value, DocComment? Doc);

public sealed record EnumInfo
{
    public required string Name { get; init; }
    public required CType UnderlyingType { get; init; }
    public required IReadOnlyList<EnumConstantInfo> Constants { get; init; }
    public required IReadOnlyList<Annotation> Annotations { get; init; }
    public DocComment? Doc { get; init; }
    public required SourceLocation Location { get; init; }
}

public sealed record TypedefInfo
{
    public required string Name { get; init; }
    public required CType Type { get; init; }
    public required IReadOnlyList<Annotation> Annotations { get; init; }
    public DocComment? Doc { get; init; }
    public required SourceLocation Location { get; init; }
}

public enum ConstantKind
{
    Integer,
    Float,
    String,
}

/// <summary>An object-like <c>#define</c> whose expansion clang evaluates to a constant.</summary>
public sealed record ConstantInfo
{
    public required string Name { get; init; }
    public required ConstantKind Kind { get; init; }

    /// <summary>The type clang gives the expansion (e.g. int, unsigned long, double, char *).</summary>
    public required CType Type { get; init; }

    /// <summary>A <see cref="long"/>, <see cref="ulong"/>, <see cref="double"/> or <see cref="string"/>.</summary>
    public required object Value { get; init; }

    /// <summary>The expansion's tokens, separated by single spaces.</summary>
    public required string Expression { get; init; }
    public DocComment? Doc { get; init; }
    public required SourceLocation Location { get; init; }
}

/// <summary>A declaration the generator cannot express, with the reason.</summary>
public sealed record UnsupportedInfo(string Name, string Kind, string Reason, SourceLocation Location);

/// <summary>What the manifest's sizes and layouts are true for.</summary>
public sealed record TargetInfo(string Triple, int PointerSize, string Language);
