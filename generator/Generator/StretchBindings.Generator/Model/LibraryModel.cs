using StretchBindings.Generator.Diagnostics;
using StretchBindings.Generator.Helpers;
using StretchBindings.Manifest;

namespace StretchBindings.Generator.Model;

/// <summary>
/// Everything decided about one manifest before a line is written: what is bound and under which C#
/// names, what is skipped and why, which calls are short, and how every parameter is marshalled.
/// The emitters read only this. <see cref="Emit"/> is false when nothing is generated (an unreadable
/// manifest, unsafe code off, or a class another manifest already generates).
/// </summary>
internal sealed record LibraryModel(
    bool Emit,
    string HintStem,
    string Namespace,
    string Accessibility,
    string Library,
    string Header,
    string RawClassName,
    string RawClass,
    EquatableArray<ConstantModel> Constants,
    EquatableArray<FunctionModel> Functions,
    EquatableArray<EnumModel> Enums,
    EquatableArray<RecordModel> Records,
    EquatableArray<StatusModel> Statuses,
    EquatableArray<HandleModel> Handles,
    EquatableArray<SkippedDeclaration> Skipped,
    EquatableArray<DiagnosticInfo> Diagnostics)
{
    /// <summary>The <c>extern</c> globals of the raw class.</summary>
    public EquatableArray<GlobalModel> Globals { get; init; } = EquatableArray<GlobalModel>.Empty;

    /// <summary>Whether the raw class registers its imports for named load failures (build property <c>StretchBindingsLoadCheck</c>).</summary>
    public bool LoadCheck { get; init; } = true;

    /// <summary>The model of a manifest that generates nothing, with the reasons.</summary>
    public static LibraryModel Nothing(EquatableArray<DiagnosticInfo> diagnostics) => new(
        false, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty,
        EquatableArray<ConstantModel>.Empty, EquatableArray<FunctionModel>.Empty, EquatableArray<EnumModel>.Empty,
        EquatableArray<RecordModel>.Empty, EquatableArray<StatusModel>.Empty, EquatableArray<HandleModel>.Empty,
        EquatableArray<SkippedDeclaration>.Empty, diagnostics);
}

/// <summary>A declaration that is not bound (or only in part), with the diagnostic that says why.</summary>
internal sealed record SkippedDeclaration(string Kind, string Name, DiagnosticInfo Diagnostic);

/// <summary>A <c>public const</c> of the raw class.</summary>
internal sealed record ConstantModel(string Name, string Type, string Value, NativeDoc? Doc);

/// <summary>One parameter of a raw stub: its C# type, and the stub's when C bool makes them differ.</summary>
internal sealed record RawParameterModel(string CName, string Name, MarshalKind Kind, string Type, string StubType);

/// <summary>
/// A bound function of the raw class: the <c>[DllImport]</c> stub (behind a wrapper when C bool
/// makes the stub differ from the signature), and the span / UTF-8 overload when the annotations
/// offer one.
/// </summary>
internal sealed record FunctionModel(
    string CName,
    string Name,
    MarshalKind ReturnKind,
    string ReturnType,
    string StubReturnType,
    EquatableArray<RawParameterModel> Parameters,
    bool SuppressGCTransition,
    string? CallingConvention,
    NativeDoc? Doc,
    CallModel? Overload)
{
    public bool NeedsWrapper => ReturnKind == MarshalKind.Bool || System.Linq.Enumerable.Any(Parameters, p => p.Kind == MarshalKind.Bool);

    /// <summary>The shared library the function is imported from when it is not the class's <c>LibraryName</c>.</summary>
    public string? Library { get; init; }
}

internal sealed record EnumModel(string CName, string Name, string UnderlyingType, EquatableArray<EnumMemberModel> Members, NativeDoc? Doc);

/// <summary>An enumerator; <see cref="Value"/> is a literal of the underlying type.</summary>
internal sealed record EnumMemberModel(string Name, string Value, NativeDoc? Doc);

internal enum RecordShape
{
    /// <summary>A blittable struct with the C layout and its fields.</summary>
    Complete,

    /// <summary>An empty struct, used only through pointers.</summary>
    Opaque,
}

/// <summary>
/// A struct or union as generated; <see cref="Fields"/> are the fields that have a C# form. The
/// types of anonymous struct and union members (<see cref="Nested"/>) and of fixed arrays that are not
/// C# fixed buffers (<see cref="Arrays"/>) are nested in it.
/// </summary>
internal sealed record RecordModel(
    string CName,
    string Name,
    string QualifiedName,
    RecordShape Shape,
    bool IsUnion,
    int Size,
    EquatableArray<FieldModel> Fields,
    NativeDoc? Doc)
{
    public EquatableArray<RecordModel> Nested { get; init; } = EquatableArray<RecordModel>.Empty;

    public EquatableArray<ArrayModel> Arrays { get; init; } = EquatableArray<ArrayModel>.Empty;

    public bool HasBitFields => System.Linq.Enumerable.Any(Fields, f => f.Kind == FieldKind.BitField);
}

internal enum FieldKind
{
    /// <summary>A field of a C# type at its offset.</summary>
    Plain,

    /// <summary>A C# fixed buffer of <see cref="FieldModel.FixedLength"/> primitive elements.</summary>
    Fixed,

    /// <summary>A field of a nested <see cref="ArrayModel"/> type.</summary>
    Array,

    /// <summary>A property over bits; <see cref="FieldModel.Offset"/> is in bits from the struct's start.</summary>
    BitField,

    /// <summary>A flexible array member: a property giving the address of its first element.</summary>
    Flexible,
}

/// <summary>
/// A field. For a bit-field, <see cref="BitGet"/> turns the raw bits (<c>{0}</c>, a <c>ulong</c>) into
/// the field's type and <see cref="BitSet"/> turns <c>value</c> into bits.
/// </summary>
internal sealed record FieldModel(string CName, string Name, string Type, long Offset, string? FixedLength, NativeDoc? Doc)
{
    public FieldKind Kind { get; init; }

    public int BitWidth { get; init; }

    public string? BitGet { get; init; }

    public string? BitSet { get; init; }
}

/// <summary>A fixed C array whose element cannot be in a C# fixed buffer: a struct of the array's size with an indexer.</summary>
internal sealed record ArrayModel(string Name, string ElementType, int ElementSize, long Length, bool HasSpan, string CElement);

/// <summary>
/// An <c>extern</c> global: a property over the address the library exports. A C array decays to a
/// pointer to its first element (<see cref="Decays"/>); otherwise the property returns a reference.
/// </summary>
internal sealed record GlobalModel(string CName, string Name, string Type, bool ReadOnly, bool Decays, NativeDoc? Doc);
