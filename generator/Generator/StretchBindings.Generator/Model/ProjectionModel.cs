using StretchBindings.Generator.Helpers;
using StretchBindings.Manifest;

namespace StretchBindings.Generator.Model;

/// <summary>A status enum's exception; <see cref="MessageFunction"/> is the raw member giving a code's message.</summary>
internal sealed record StatusModel(string CName, string EnumType, string ExceptionName, string? MessageFunction, bool Signed);

/// <summary>A status a member checks: what it throws and when (negative for signed enums, non-zero otherwise).</summary>
internal sealed record StatusCheck(string EnumType, string ExceptionType, bool Signed);

internal enum ReleaseShape
{
    /// <summary>The destroy function cannot be called: the SafeHandle releases nothing.</summary>
    None,

    /// <summary><c>destroy(T*)</c>.</summary>
    Pointer,

    /// <summary><c>destroy(T**)</c>, which also clears the caller's pointer.</summary>
    PointerToPointer,
}

/// <summary>
/// A handle type's projection: the class owning a SafeHandle, its constructor and members, and the
/// SafeHandle releasing the instance. Single-threaded types lease their instance exclusively.
/// </summary>
internal sealed record HandleModel(
    string CName,
    string ClassName,
    string SafeHandleName,
    string SafeHandleType,
    string NativeType,
    bool SingleThreaded,
    string DestroyFunction,
    string RawDestroy,
    ReleaseShape Release,
    ConstructorModel? Constructor,
    EquatableArray<MemberModel> Members,
    NativeDoc? Doc);

/// <summary>The constructor calling the create function: out parameter or returned instance, optional status.</summary>
internal sealed record ConstructorModel(
    string CreateFunction,
    string RawFunction,
    CallModel Call,
    bool OutInstance,
    StatusCheck? Status,
    bool Hook,
    NativeDoc? Doc);

/// <summary>A member calling a function on the instance: a method, or a property for a getter.</summary>
internal sealed record MemberModel(
    string CFunction,
    string RawFunction,
    string Name,
    bool IsProperty,
    CallModel Call,
    string ResultType,
    StatusCheck? Status,
    bool ReturnsString,
    bool Hook,
    NativeDoc? Doc);
