using StretchBindings.Generator.Helpers;
using StretchBindings.Manifest;

namespace StretchBindings.Generator.Model;

/// <summary>
/// A status's exception, for a status enum or for the integer codes one message function describes;
/// <see cref="MessageFunction"/> is the raw member giving a code's message, <see cref="IsErrorTest"/>
/// the body of its <c>IsError</c> over <c>status</c> (none when success depends on the function).
/// </summary>
internal sealed record StatusModel(string Summary, string EnumType, string ExceptionName, string? MessageFunction, string? IsErrorTest);

/// <summary>
/// A status a call checks: <see cref="ErrorTest"/> is true of an error <c>status</c> (of <see cref="EnumType"/>),
/// which is thrown as <see cref="ExceptionType"/> after <see cref="Conversion"/>. A result that says more
/// than success (a size, a row) is <see cref="ReturnsValue"/>; a constructor with <see cref="ReleaseOnError"/>
/// releases an instance the failed call still made.
/// </summary>
internal sealed record StatusCheck(string EnumType, string ExceptionType, string ErrorTest, string Conversion = "", bool ReturnsValue = false, bool ReleaseOnError = false);

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
