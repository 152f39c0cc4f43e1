using System;
using System.Collections.Generic;

namespace StretchBindings.Manifest;

/// <summary>
/// What an annotation may be written on; a few (a rename) go on several. A typedef carries the
/// annotations of the struct or enum it names.
/// </summary>
[Flags]
internal enum AnnotationPlace
{
    Function = 1,
    Parameter = 2,
    Struct = 4,
    Enum = 8,
}

/// <summary>What an annotated parameter's type must be.</summary>
internal enum ParameterShape
{
    Any,

    /// <summary>A pointer (or an array parameter, which is one).</summary>
    Pointer,

    /// <summary>A pointer to a pointer (<c>T**</c>).</summary>
    PointerToPointer,
}

/// <summary>What an annotation's argument names; the scanner checks that it names one.</summary>
internal enum AnnotationArgument
{
    /// <summary>A function of the same header.</summary>
    Function,

    /// <summary>Another, integer, parameter of the same function: an element count.</summary>
    CountParameter,

    /// <summary>A .NET identifier the declaration is generated as.</summary>
    DotNetName,

    /// <summary>The values a status result has on success (<see cref="SuccessValues"/>): <c>0</c>, <c>100|101</c>, <c>&gt;=0</c>, <c>0..99</c>.</summary>
    SuccessValues,
}

/// <summary>What an annotated function's result must be.</summary>
internal enum ResultShape
{
    Any,

    /// <summary>An integer or an enum: a status code.</summary>
    Integer,

    /// <summary>A pointer to a one-byte integer (a C string).</summary>
    CharPointer,
}

/// <summary>The stages that act on an annotation beyond recording it.</summary>
[Flags]
internal enum AnnotationStages
{
    None = 0,
    Generator = 1,
    Analyzers = 2,
}

/// <summary>One annotation of the vocabulary: <c>sb:name(arguments)</c> in the header, the same name in the manifest.</summary>
internal sealed class AnnotationDefinition
{
    public AnnotationDefinition(string name, AnnotationPlace place, ParameterShape shape, AnnotationArgument[] arguments, string[] argumentNames, AnnotationStages usedBy, string meaning, ResultShape result = ResultShape.Any)
    {
        Result = result;
        Name = name;
        Place = place;
        Shape = shape;
        Arguments = arguments;
        ArgumentNames = argumentNames;
        UsedBy = usedBy;
        Meaning = meaning;
    }

    public string Name { get; }

    public AnnotationPlace Place { get; }

    public ParameterShape Shape { get; }

    /// <summary>What the function's result must be, for a function annotation.</summary>
    public ResultShape Result { get; }

    /// <summary>What each argument names, in order.</summary>
    public IReadOnlyList<AnnotationArgument> Arguments { get; }

    /// <summary>The arguments' names in the header macro (<c>SB_HANDLE(create, destroy)</c>), for documentation.</summary>
    public IReadOnlyList<string> ArgumentNames { get; }

    public AnnotationStages UsedBy { get; }

    public string Meaning { get; }
}

/// <summary>
/// The interop annotation vocabulary (native/include/stretchbindings/annotations.h), defined once: the
/// scanner parses and checks <c>annotate("sb:...")</c> attributes against it, the generator and the
/// analyzers look annotations up by these names. No other place spells an annotation's name.
/// </summary>
internal static class NativeAnnotationNames
{
    /// <summary>What an annotate attribute's text starts with; the rest is the name and arguments.</summary>
    public const string Prefix = "sb:";

    public const string ShortCall = "short_call";
    public const string Handle = "handle";
    public const string SingleThreaded = "single_threaded";
    public const string OutHandle = "out_handle";
    public const string InBuffer = "in_buffer";
    public const string OutBuffer = "out_buffer";
    public const string Status = "status";
    public const string StatusResult = "status_result";
    public const string ErrorCheck = "error_check";
    public const string Utf8 = "utf8";
    public const string Utf8Result = "utf8_result";
    public const string Rename = "rename";

    /// <summary>The table, in the order annotations.h lists them.</summary>
    public static IReadOnlyList<AnnotationDefinition> All { get; } = new[]
    {
        new AnnotationDefinition(ShortCall, AnnotationPlace.Function, ParameterShape.Any, [], [],
            AnnotationStages.Generator | AnnotationStages.Analyzers,
            "bounded, never blocks, never calls back into managed code: safe without a GC transition"),
        new AnnotationDefinition(Handle, AnnotationPlace.Struct, ParameterShape.Any,
            [AnnotationArgument.Function, AnnotationArgument.Function], ["create", "destroy"],
            AnnotationStages.Generator,
            "an opaque instance type, created and destroyed by the named functions"),
        new AnnotationDefinition(SingleThreaded, AnnotationPlace.Struct, ParameterShape.Any, [], [],
            AnnotationStages.Generator,
            "an instance may move between threads but must never be used by two at once"),
        new AnnotationDefinition(OutHandle, AnnotationPlace.Parameter, ParameterShape.PointerToPointer, [], [],
            AnnotationStages.Generator,
            "the T** parameter of a create function that receives the new instance"),
        new AnnotationDefinition(InBuffer, AnnotationPlace.Parameter, ParameterShape.Pointer,
            [AnnotationArgument.CountParameter], ["count"],
            AnnotationStages.Generator,
            "a read-only buffer whose element count is the named parameter"),
        new AnnotationDefinition(OutBuffer, AnnotationPlace.Parameter, ParameterShape.Pointer,
            [AnnotationArgument.CountParameter], ["count"],
            AnnotationStages.Generator,
            "a buffer the call writes, whose element count is the named parameter"),
        new AnnotationDefinition(Status, AnnotationPlace.Enum, ParameterShape.Any,
            [AnnotationArgument.Function], ["message_fn"],
            AnnotationStages.Generator,
            "a status code (zero is success, negative values are errors); the named function gives its message"),
        new AnnotationDefinition(StatusResult, AnnotationPlace.Function, ParameterShape.Any,
            [AnnotationArgument.Function, AnnotationArgument.SuccessValues], ["message_fn", "success"],
            AnnotationStages.Generator,
            "the integer or enum result is a status: the success values (0, 100|101, >=0, 0..99) mean success, any other is an error the named function describes",
            ResultShape.Integer),
        new AnnotationDefinition(ErrorCheck, AnnotationPlace.Function, ParameterShape.Any,
            [AnnotationArgument.Function, AnnotationArgument.Function], ["error_fn", "message_fn"],
            AnnotationStages.Generator,
            "the integer result is an error when the first named function returns non-zero for it; the second describes it",
            ResultShape.Integer),
        new AnnotationDefinition(Utf8, AnnotationPlace.Parameter, ParameterShape.Pointer, [], [],
            AnnotationStages.Generator,
            "a char pointer the function reads as a NUL-terminated UTF-8 string: passed from a .NET string"),
        new AnnotationDefinition(Utf8Result, AnnotationPlace.Function, ParameterShape.Any, [], [],
            AnnotationStages.Generator,
            "the char pointer result is a NUL-terminated UTF-8 string the library owns: returned as a .NET string",
            ResultShape.CharPointer),
        new AnnotationDefinition(Rename, AnnotationPlace.Function | AnnotationPlace.Parameter | AnnotationPlace.Struct | AnnotationPlace.Enum, ParameterShape.Any,
            [AnnotationArgument.DotNetName], ["name"],
            AnnotationStages.Generator,
            "the .NET name the function, parameter, struct or enum is generated as, instead of one made from its C name"),
    };

    /// <summary>The definition of <paramref name="name"/>, or null for a name outside the vocabulary.</summary>
    public static AnnotationDefinition? Definition(string name)
    {
        foreach (AnnotationDefinition definition in All)
        {
            if (string.Equals(definition.Name, name, StringComparison.Ordinal))
            {
                return definition;
            }
        }

        return null;
    }

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

    /// <summary>The .NET name a rename gives the declaration, or null.</summary>
    public static string? RenameOf(EquatableArray<NativeAnnotation> annotations) =>
        Find(annotations, Rename) is { Arguments.Count: 1 } rename && rename.Arguments[0].Length > 0 ? rename.Arguments[0] : null;

    /// <summary>The header annotates the function short (<c>SB_SHORT_CALL</c>).</summary>
    public static bool IsShortCall(NativeFunction function) => Has(function.Annotations, ShortCall);

    /// <summary>
    /// The header marks its short calls at all: only then does a function without the annotation count as
    /// long. A header that annotates nothing leaves the judgement to the declaration.
    /// </summary>
    public static bool AnnotatesShortCalls(NativeManifest manifest)
    {
        foreach (NativeFunction function in manifest.Functions)
        {
            if (IsShortCall(function))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the type is a function or a pointer to one (a callback: a parameter of function type decays to a pointer).</summary>
    public static bool IsCallback(NativeType type) =>
        type.Kind == NativeTypeKind.Function
        || (type.Kind == NativeTypeKind.Pointer && type.Pointee?.Kind == NativeTypeKind.Function);
}
