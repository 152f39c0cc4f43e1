namespace StretchBindings.Manifest;

// The manifest (docs/manifest-schema.md) as every stage sees it: the scanner builds these records and
// writes them, the generator and the analyzers read them. Plain equatable records, so that an
// unchanged manifest lets every later pipeline step stay cached. Members outside the positional lists
// carry what only the writer needs to give back the scanner's bytes.

internal enum NativeTypeKind
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

/// <summary>The <c>kind</c> of a type as the manifest spells it.</summary>
internal static class NativeTypeKinds
{
    // In the order of NativeTypeKind.
    private static readonly string[] Names =
        ["void", "bool", "int", "float", "pointer", "array", "struct", "union", "enum", "function", "unsupported"];

    public static string Name(NativeTypeKind kind) => Names[(int)kind];

    public static bool TryParse(string text, out NativeTypeKind kind)
    {
        int index = System.Array.IndexOf(Names, text);
        kind = (NativeTypeKind)index;
        return index >= 0;
    }
}

/// <summary>A C type on the manifest's target, typedefs looked through (the outermost name kept).</summary>
internal sealed record NativeType(
    NativeTypeKind Kind,
    string Spelling,
    string? Typedef,
    string? Name,
    int Size,
    bool Signed,
    bool Const,
    bool Opaque,
    NativeType? Pointee,
    long? Length,
    NativeType? Underlying,
    NativeSignature? Signature,
    EquatableArray<NativeField> Fields,
    string? Reason)
{
    /// <summary>Pointee of a pointer, element of an array (both are read into <see cref="Pointee"/>).</summary>
    public NativeType? Target => Pointee;

    /// <summary>Alignment in bytes on the target; -1 where <see cref="Size"/> is -1.</summary>
    public int Align { get; init; } = -1;

    public bool Volatile { get; init; }
}

/// <summary>The signature of a function type.</summary>
internal sealed record NativeSignature(NativeType ReturnType, EquatableArray<NativeType> Parameters, bool Variadic, string CallingConvention);

internal sealed record NativeAnnotation(string Name, EquatableArray<string> Arguments)
{
    /// <summary>
    /// Where the annotation was written when not in the header: the annotation sidecar's file and line.
    /// Null for an annotation written on the declaration itself.
    /// </summary>
    public NativeLocation? Source { get; init; }
}

internal sealed record NativeDoc(string? Brief, string Text);

internal sealed record NativeLocation(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}

internal sealed record NativeParameter(string Name, NativeType Type, EquatableArray<NativeAnnotation> Annotations);

internal sealed record NativeFunction(
    string Name,
    NativeType ReturnType,
    EquatableArray<NativeParameter> Parameters,
    bool Variadic,
    string CallingConvention,
    EquatableArray<NativeAnnotation> Annotations,
    NativeDoc? Doc,
    NativeLocation? Location,
    string? Unsupported)
{
    /// <summary>The shared library that exports the function when it is not the manifest's <c>library</c> (a header over several libraries).</summary>
    public string? Library { get; init; }

    /// <summary>Where <see cref="Library"/> was mapped: the sidecar's line, or null for a <c>--library-map</c> option.</summary>
    public NativeLocation? LibrarySource { get; init; }
}

/// <summary>A field; <see cref="Offset"/> is in bytes (of the storage unit, for a bit-field).</summary>
internal sealed record NativeField(string Name, NativeType Type, long Offset, bool BitField, NativeDoc? Doc)
{
    /// <summary>Offset in bits from the start of the record, for a bit-field.</summary>
    public long? BitOffset { get; init; }

    public int? BitWidth { get; init; }

    /// <summary>Where the field is declared; absent in manifests written before fields had one.</summary>
    public NativeLocation? Location { get; init; }
}

internal sealed record NativeRecord(
    string Name,
    bool IsUnion,
    bool Opaque,
    int Size,
    int Align,
    EquatableArray<NativeField> Fields,
    EquatableArray<NativeAnnotation> Annotations,
    NativeDoc? Doc,
    NativeLocation? Location,
    string? Unsupported);

/// <summary>An enumerator; <see cref="Value"/> is the exact integer as written in the manifest.</summary>
internal sealed record NativeEnumConstant(string Name, string Value, NativeDoc? Doc);

internal sealed record NativeEnum(
    string Name,
    NativeType Underlying,
    EquatableArray<NativeEnumConstant> Constants,
    EquatableArray<NativeAnnotation> Annotations,
    NativeDoc? Doc,
    NativeLocation? Location);

internal sealed record NativeTypedef(string Name, NativeType Type, EquatableArray<NativeAnnotation> Annotations, NativeDoc? Doc)
{
    public NativeLocation? Location { get; init; }
}

internal enum NativeConstantKind
{
    Integer,
    Float,
    String,
}

/// <summary>A constant; <see cref="Value"/> is the JSON number's text, or the string itself.</summary>
internal sealed record NativeConstant(string Name, NativeConstantKind Kind, NativeType Type, string Value, NativeDoc? Doc)
{
    /// <summary>The macro's expansion, tokens separated by single spaces.</summary>
    public string Expression { get; init; } = string.Empty;

    public NativeLocation? Location { get; init; }
}

/// <summary>An <c>extern</c> global variable the library exports; <see cref="NativeType.Const"/> on its type when read-only.</summary>
internal sealed record NativeGlobal(string Name, NativeType Type, NativeDoc? Doc, NativeLocation? Location);

/// <summary>A declaration the generator cannot express (a C++ class, a static variable), with the reason.</summary>
internal sealed record NativeUnsupported(string Name, string Kind, string Reason, NativeLocation? Location);

/// <summary>Everything recorded about one header. Lists are sorted by name (ordinal).</summary>
internal sealed record NativeManifest(
    string Library,
    string Header,
    int PointerSize,
    EquatableArray<NativeFunction> Functions,
    EquatableArray<NativeRecord> Records,
    EquatableArray<NativeEnum> Enums,
    EquatableArray<NativeTypedef> Typedefs,
    EquatableArray<NativeConstant> Constants)
{
    /// <summary>Every file whose declarations are recorded, relative to the manifest's base directory.</summary>
    public EquatableArray<string> Files { get; init; } = EquatableArray<string>.Empty;

    /// <summary>The target triple the sizes and layouts are true for.</summary>
    public string TargetTriple { get; init; } = string.Empty;

    /// <summary>The language standard the header was scanned as (c11, c17, c++17).</summary>
    public string Language { get; init; } = string.Empty;

    /// <summary>The <c>-D</c> definitions the header was scanned with, in the order given.</summary>
    public EquatableArray<string> Defines { get; init; } = EquatableArray<string>.Empty;

    /// <summary>The headers included before the scanned one (<c>-include</c>), in the order given.</summary>
    public EquatableArray<string> IncludeFirst { get; init; } = EquatableArray<string>.Empty;

    /// <summary>The <c>extern</c> global variables, sorted by name.</summary>
    public EquatableArray<NativeGlobal> Globals { get; init; } = EquatableArray<NativeGlobal>.Empty;

    public EquatableArray<NativeUnsupported> Unsupported { get; init; } = EquatableArray<NativeUnsupported>.Empty;
}
