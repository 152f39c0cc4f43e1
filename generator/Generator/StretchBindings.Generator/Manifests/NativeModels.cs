using StretchBindings.Generator.Helpers;

namespace StretchBindings.Generator.Manifests;

// The manifest as the generator reads it (docs/manifest-schema.md): plain equatable records, so
// that an unchanged manifest lets every later pipeline step stay cached.

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
}

/// <summary>The signature of a function type.</summary>
internal sealed record NativeSignature(NativeType ReturnType, EquatableArray<NativeType> Parameters, bool Variadic, string CallingConvention);

internal sealed record NativeAnnotation(string Name, EquatableArray<string> Arguments);

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
    string? Unsupported);

internal sealed record NativeField(string Name, NativeType Type, long Offset, bool BitField, NativeDoc? Doc);

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

internal sealed record NativeTypedef(string Name, NativeType Type, EquatableArray<NativeAnnotation> Annotations, NativeDoc? Doc);

internal enum NativeConstantKind
{
    Integer,
    Float,
    String,
}

/// <summary>A constant; <see cref="Value"/> is the JSON number's text, or the string itself.</summary>
internal sealed record NativeConstant(string Name, NativeConstantKind Kind, NativeType Type, string Value, NativeDoc? Doc);

internal sealed record NativeManifest(
    string Library,
    string Header,
    int PointerSize,
    EquatableArray<NativeFunction> Functions,
    EquatableArray<NativeRecord> Records,
    EquatableArray<NativeEnum> Enums,
    EquatableArray<NativeTypedef> Typedefs,
    EquatableArray<NativeConstant> Constants);

internal static class NativeAnnotationNames
{
    public const string ShortCall = "short_call";
    public const string Handle = "handle";
    public const string SingleThreaded = "single_threaded";
    public const string OutHandle = "out_handle";
    public const string InBuffer = "in_buffer";
    public const string OutBuffer = "out_buffer";
    public const string Status = "status";

    public static NativeAnnotation? Find(EquatableArray<NativeAnnotation> annotations, string name)
    {
        foreach (NativeAnnotation annotation in annotations)
        {
            if (annotation.Name == name)
            {
                return annotation;
            }
        }

        return null;
    }

    public static bool Has(EquatableArray<NativeAnnotation> annotations, string name) => Find(annotations, name) is not null;
}
