using StretchBindings.Generator.Diagnostics;
using StretchBindings.Generator.Helpers;
using StretchBindings.Manifest;

namespace StretchBindings.Generator.Kernels;

/// <summary>How a managed type crosses the boundary in a kernel.</summary>
internal enum KernelTypeKind
{
    Void,

    /// <summary>A primitive, enum, pointer or unmanaged struct: passed as it is.</summary>
    Blittable,

    /// <summary>An unmanaged function pointer: passed as it is, but it may call back.</summary>
    FunctionPointer,

    /// <summary><c>bool</c>: a one-byte C bool.</summary>
    Bool,

    /// <summary><c>char</c>: a UTF-16 code unit, as <c>ushort</c>.</summary>
    Char,

    /// <summary><c>string</c>: NUL-terminated UTF-8.</summary>
    String,

    /// <summary><c>Span&lt;T&gt;</c>, <c>ReadOnlySpan&lt;T&gt;</c>, <c>T[]</c>: pinned, passed as <c>T*</c>.</summary>
    Pinned,

    /// <summary>A <c>SafeHandle</c>: referenced for the call, passed as its pointer.</summary>
    SafeHandle,

    /// <summary>Anything else; <see cref="KernelType.Reason"/> says why.</summary>
    Unsupported,
}

/// <summary>
/// A kernel's parameter or return type, described by strings only. <see cref="Abi"/> is how the
/// type looks to C, used to compare with the header: <c>i32</c>, <c>u8</c>, <c>f64</c>, <c>bool</c>,
/// <c>clong</c>, <c>ptr:&lt;pointee abi&gt;</c>, <c>fnptr</c>, <c>struct:Name</c>, <c>void</c>.
/// </summary>
internal sealed record KernelType(
    KernelTypeKind Kind,
    string Display,
    string ShortDisplay,
    string StubType,
    string? ElementType,
    string Abi,
    bool IsDelegate,
    string? Reason);

internal enum KernelRefKind
{
    None,
    Ref,
    Out,
    In,
}

internal sealed record KernelParameter(string Name, KernelType Type, KernelRefKind RefKind);

/// <summary>A type that contains the kernel: its keyword (<c>class</c>, <c>struct</c>, <c>record</c>…) and name.</summary>
internal sealed record ContainingType(string Keyword, string Name);

/// <summary>Everything the generator needs about one <c>[NativeKernel]</c> method, with no symbol or syntax kept.</summary>
internal sealed record KernelModel(
    string? Namespace,
    EquatableArray<ContainingType> ContainingTypes,
    string Modifiers,
    string MethodName,
    KernelType ReturnType,
    EquatableArray<KernelParameter> Parameters,
    string Library,
    string EntryPoint,
    bool ShortCall,
    bool SetLastError,
    string CallingConvention,
    LocationInfo? Location,
    EquatableArray<DiagnosticInfo> Diagnostics)
{
    /// <summary>The declaration as a user reads it, for messages.</summary>
    public string Signature =>
        $"{ReturnType.ShortDisplay} {MethodName}({string.Join(", ", System.Linq.Enumerable.Select(Parameters, p => (p.RefKind == KernelRefKind.None ? string.Empty : p.RefKind.ToString().ToLowerInvariant() + " ") + p.Type.ShortDisplay + " " + p.Name))})";
}
