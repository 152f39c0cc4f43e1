using StretchBindings.Generator.Diagnostics;
using StretchBindings.Generator.Helpers;
using StretchBindings.Manifest;

namespace StretchBindings.Generator.Model;

/// <summary>
/// A kernel's parameter or return type, described by strings only. <see cref="Abi"/> is how the
/// type looks to C, used to compare with the header: <c>i32</c>, <c>u8</c>, <c>f64</c>, <c>bool</c>,
/// <c>clong</c>, <c>ptr:&lt;pointee abi&gt;</c>, <c>fnptr</c>, <c>struct:Name</c>, <c>void</c>.
/// </summary>
internal sealed record KernelType(
    MarshalKind Kind,
    string Display,
    string ShortDisplay,
    string StubType,
    string? ElementType,
    string Abi,
    bool IsDelegate,
    string? Reason);

internal sealed record KernelParameter(string Name, KernelType Type, ByRefKind RefKind);

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
        $"{ReturnType.ShortDisplay} {MethodName}({string.Join(", ", System.Linq.Enumerable.Select(Parameters, p => (p.RefKind == ByRefKind.None ? string.Empty : p.RefKind.ToString().ToLowerInvariant() + " ") + p.Type.ShortDisplay + " " + p.Name))})";
}

/// <summary>
/// A kernel as decided: checked against its header, whether the stub skips the GC transition, and
/// whether it is written at all. <see cref="DirectStub"/>: nothing to marshal, so the partial method
/// is the stub itself. <see cref="CallingConvention"/> is the DllImport member, null for the default.
/// <see cref="VariadicDoubles"/> is set for a fixed-arity declaration of a variadic function, which is
/// called through <c>StretchBindings.Interop.VariadicCall</c>: bit i says argument i is a <c>double</c>.
/// </summary>
internal sealed record KernelBinding(
    KernelModel Kernel,
    bool SuppressGCTransition,
    bool Emit,
    bool DirectStub,
    string? CallingConvention,
    EquatableArray<DiagnosticInfo> Diagnostics)
{
    public int? VariadicDoubles { get; init; }
}
