using System.Linq;
using StretchBindings.Generator.Helpers;
using StretchBindings.Generator.Model;

namespace StretchBindings.Generator.Emit;

/// <summary>Writes the projection of a planned manifest: status exceptions, handle classes and their SafeHandles.</summary>
internal static class ProjectionEmitter
{
    public static string Write(LibraryModel model)
    {
        IndentedTextWriter writer = LibraryEmitter.StartFile(model);
        LibraryEmitter.WriteSeparated(writer, model.Statuses.Cast<object>().Concat(model.Handles.Cast<object>()), item =>
        {
            if (item is StatusModel status)
            {
                WriteStatusException(writer, model, status);
            }
            else
            {
                var handle = (HandleModel)item;
                WriteHandleClass(writer, model, handle);
                writer.WriteLine();
                WriteSafeHandle(writer, model, handle);
            }
        });
        return LibraryEmitter.EndFile(model, writer);
    }

    private static void WriteStatusException(IndentedTextWriter writer, LibraryModel model, StatusModel status)
    {
        string name = status.ExceptionName;
        DocComments.WriteSummary(writer, status.Summary);
        writer.WriteLine($"public sealed unsafe partial class {name} : {TypeNames.NativeStatusException}");
        writer.OpenBlock();
        DocComments.WriteSummary(writer, "Creates the exception for a status returned by a native function.");
        writer.WriteLine($"public {name}({status.EnumType} status, string function)");
        writer.WriteLine("    : base((long)status, MessageOf(status), function)");
        using (writer.Braces())
        {
            writer.WriteLine("Status = status;");
        }

        writer.WriteLine();
        DocComments.WriteSummary(writer, "The status the native function returned.");
        writer.WriteLine($"public {status.EnumType} Status {{ get; }}");
        writer.WriteLine();
        if (status.IsErrorTest is not null)
        {
            DocComments.WriteSummary(writer, "Whether a status is an error: negative for signed status types, non-zero otherwise.");
            writer.WriteLine($"public static bool IsError({status.EnumType} status) => {status.IsErrorTest};");
            writer.WriteLine();
        }

        writer.WriteLine($"private static string MessageOf({status.EnumType} status)");
        using (writer.Braces())
        {
            if (status.MessageFunction is not null)
            {
                writer.WriteLine($"string? message = {TypeNames.NativeStrings}.FromUtf8NullTerminated((byte*){model.RawClass}.{status.MessageFunction}(status));");
                writer.WriteLine("return message ?? status.ToString();");
            }
            else
            {
                writer.WriteLine("return status.ToString();");
            }
        }

        writer.CloseBlock();
    }

    private static void WriteSafeHandle(IndentedTextWriter writer, LibraryModel model, HandleModel handle)
    {
        string native = handle.NativeType;
        DocComments.WriteSummary(writer, $"Owns one native {handle.CName}; releasing it calls {handle.DestroyFunction}.");
        writer.WriteLine($"public sealed unsafe partial class {handle.SafeHandleName} : {(handle.SingleThreaded ? TypeNames.ExclusiveSafeHandle : TypeNames.SafeHandle)}");
        writer.OpenBlock();
        DocComments.WriteSummary(writer, "Creates an empty handle, to be given an instance.");
        writer.WriteLine($"public {handle.SafeHandleName}()");
        writer.WriteLine($"    : base({TypeNames.IntPtr}.Zero, ownsHandle: true)");
        writer.OpenBlock();
        writer.CloseBlock();
        writer.WriteLine();
        DocComments.WriteSummary(writer, "Whether the handle holds no instance.");
        writer.WriteLine($"public override bool IsInvalid => handle == {TypeNames.IntPtr}.Zero;");
        writer.WriteLine();
        DocComments.WriteSummary(writer, "The instance pointer, for raw calls made while the handle is known to be alive.");
        writer.WriteLine($"public {native}* Pointer => ({native}*)handle;");
        writer.WriteLine();
        writer.WriteLine($"internal void Attach({native}* instance) => SetHandle(({TypeNames.IntPtr})instance);");
        writer.WriteLine();
        DocComments.WriteSummary(writer, $"Calls {handle.DestroyFunction}.");
        writer.WriteLine("protected override bool ReleaseHandle()");
        using (writer.Braces())
        {
            switch (handle.Release)
            {
                case ReleaseShape.None:
                    writer.WriteLine("return false;");
                    break;
                case ReleaseShape.PointerToPointer:
                    writer.WriteLine($"{native}* instance = ({native}*)handle;");
                    writer.WriteLine($"{model.RawClass}.{handle.RawDestroy}(&instance);");
                    writer.WriteLine("return true;");
                    break;
                default:
                    writer.WriteLine($"{model.RawClass}.{handle.RawDestroy}(({native}*)handle);");
                    writer.WriteLine("return true;");
                    break;
            }
        }

        writer.CloseBlock();
    }

    private static void WriteHandleClass(IndentedTextWriter writer, LibraryModel model, HandleModel handle)
    {
        DocComments.Write(writer, handle.Doc);
        if (handle.Doc is null)
        {
            DocComments.WriteSummary(writer, $"An instance of the native {handle.CName}.");
        }

        if (handle.SingleThreaded)
        {
            writer.WriteLine($"[{TypeNames.NotThreadSafe}]");
        }

        writer.WriteLine($"public sealed unsafe partial class {handle.ClassName} : {TypeNames.IDisposable}");
        writer.OpenBlock();
        writer.WriteLine($"private readonly {handle.SafeHandleType} _handle;");
        if (handle.Constructor is not null)
        {
            WriteConstructor(writer, model, handle, handle.Constructor);
        }

        writer.WriteLine();
        DocComments.WriteSummary(writer, "Wraps a handle that already owns an instance; the new object owns it from now on.");
        writer.WriteLine($"public {handle.ClassName}({handle.SafeHandleType} handle)");
        using (writer.Braces())
        {
            writer.WriteLine($"_handle = handle ?? throw new {TypeNames.ArgumentNullException}(nameof(handle));");
        }

        writer.WriteLine();
        DocComments.WriteSummary(writer, "The handle that owns the native instance, for raw calls.");
        writer.WriteLine($"public {handle.SafeHandleType} Handle => _handle;");

        foreach (MemberModel member in handle.Members)
        {
            WriteMember(writer, model, handle, member);
        }

        writer.WriteLine();
        DocComments.WriteSummary(writer, $"Destroys the native instance ({handle.DestroyFunction}). Never throws and may be called again; a call running on another thread keeps the instance until it returns.");
        writer.WriteLine("public void Dispose() => _handle.Dispose();");
        writer.WriteLine();
        DocComments.WriteSummary(writer, $"The native {handle.CName}, only ever used through pointers.");
        writer.WriteLine("public struct Native");
        writer.OpenBlock();
        writer.CloseBlock();
        writer.CloseBlock();
    }

    private static void WriteStatusThrow(IndentedTextWriter writer, StatusCheck status, string function, bool constructor = false)
    {
        writer.WriteLine($"if ({status.ErrorTest})");
        using (writer.Braces())
        {
            if (constructor && status.ReleaseOnError)
            {
                // A create function may make an instance even when it fails (sqlite3_open): release it.
                writer.WriteLine("if (instance != null)");
                using (writer.Braces())
                {
                    writer.WriteLine("handle.Attach(instance);");
                    writer.WriteLine("handle.Dispose();");
                }
            }

            writer.WriteLine($"throw new {status.ExceptionType}({status.Conversion}status, {Literals.String(function)});");
        }
    }

    private static void WriteConstructor(IndentedTextWriter writer, LibraryModel model, HandleModel handle, ConstructorModel constructor)
    {
        CallModel call = constructor.Call;
        writer.WriteLine();
        DocComments.Write(writer, constructor.Doc, CallEmitter.DocNames(call.DocNames()), includeReturns: false);
        writer.WriteLine($"public {handle.ClassName}({call.ManagedParameterList()})");
        using (writer.Braces())
        {
            CallEmitter.WriteChecks(writer, call);
            WriteHookCall(writer, call, "Create", constructor.Hook);
            writer.WriteLine($"var handle = new {handle.SafeHandleType}();");
            writer.WriteLine($"{handle.NativeType}* instance = null;");
            string invocation = $"{model.RawClass}.{constructor.RawFunction}({CallEmitter.Arguments(call, null, "&instance")})";
            bool checkStatus = constructor.Status is not null && constructor.OutInstance;
            if (checkStatus)
            {
                writer.WriteLine($"{constructor.Status!.EnumType} status;");
            }

            CallEmitter.WritePinnedCall(writer, call, constructor.OutInstance
                ? (checkStatus ? $"status = {invocation};" : $"{invocation};")
                : $"instance = {invocation};");
            if (checkStatus)
            {
                WriteStatusThrow(writer, constructor.Status!, constructor.CreateFunction, constructor: true);
            }

            writer.WriteLine("if (instance == null)");
            using (writer.Braces())
            {
                writer.WriteLine($"throw new {TypeNames.InvalidOperationException}({Literals.String(constructor.CreateFunction + " returned no instance.")});");
            }

            writer.WriteLine();
            writer.WriteLine("handle.Attach(instance);");
            writer.WriteLine("_handle = handle;");
        }

        WriteHookDeclaration(writer, call, "Create", constructor.CreateFunction, constructor.Hook);
    }

    /// <summary>
    /// Calls the member's hook before anything else: a partial method the user may implement in another
    /// part of the class, to check arguments with precise exceptions or note the configuration.
    /// Unimplemented hooks compile to nothing.
    /// </summary>
    private static void WriteHookCall(IndentedTextWriter writer, CallModel call, string member, bool hook)
    {
        if (hook)
        {
            writer.WriteLine($"Before{member}({call.ManagedArgumentList()});");
        }
    }

    private static void WriteHookDeclaration(IndentedTextWriter writer, CallModel call, string member, string function, bool hook)
    {
        if (hook)
        {
            writer.WriteLine();
            DocComments.WriteSummary(writer, $"Runs before {function} with the caller's arguments; implement it to validate them or note them.");
            writer.WriteLine($"partial void Before{member}({call.ManagedParameterList()});");
        }
    }

    private static void WriteMember(IndentedTextWriter writer, LibraryModel model, HandleModel handle, MemberModel member)
    {
        writer.WriteLine();
        DocComments.Write(writer, member.Doc, CallEmitter.DocNames(member.Call.DocNames()), extraRemarks: $"Calls {member.CFunction}.",
            includeReturns: member.ResultType != "void" && !member.IsProperty);
        if (member.IsProperty)
        {
            writer.WriteLine($"public {member.ResultType} {member.Name}");
            writer.OpenBlock();
            writer.WriteLine("get");
            using (writer.Braces())
            {
                CallEmitter.WriteChecks(writer, member.Call);
                WriteMemberBody(writer, model, handle, member);
            }

            writer.CloseBlock();
            return;
        }

        writer.WriteLine($"public {member.ResultType} {member.Name}({member.Call.ManagedParameterList()})");
        using (writer.Braces())
        {
            CallEmitter.WriteChecks(writer, member.Call);
            WriteHookCall(writer, member.Call, member.Name, member.Hook);
            WriteMemberBody(writer, model, handle, member);
        }

        WriteHookDeclaration(writer, member.Call, member.Name, member.CFunction, member.Hook);
    }

    /// <summary>
    /// Pinning, the lease, the call, then the status check. The lease keeps the instance alive for the
    /// call: an <c>ExclusiveSafeHandle</c>'s guard for single-threaded types (which also refuses a second
    /// thread), a SafeHandle reference for the others. It is given back without a <c>finally</c>: the
    /// JIT inlines no P/Invoke inside a try region, and nothing between taking and giving back can
    /// throw (the pins are taken first; a native call does not throw managed exceptions).
    /// </summary>
    private static void WriteMemberBody(IndentedTextWriter writer, LibraryModel model, HandleModel handle, MemberModel member)
    {
        string? result = null;
        if (member.Status is not null)
        {
            result = "status";
            writer.WriteLine($"{member.Status.EnumType} status;");
        }
        else if (member.ResultType != "void")
        {
            result = "result";
            writer.WriteLine($"{(member.ReturnsString ? "byte*" : member.ResultType)} result;");
        }

        string call = $"{model.RawClass}.{member.RawFunction}({CallEmitter.Arguments(member.Call, "_handle.Pointer", null)})";
        bool pinned = member.Call.NeedsPinning;
        if (pinned)
        {
            CallEmitter.WritePinning(writer, member.Call);
            writer.OpenBlock();
        }

        writer.WriteLine(handle.SingleThreaded
            ? $"{TypeNames.ExclusiveLease} __lease = _handle.Lease({Literals.String(handle.ClassName)});"
            : $"{TypeNames.SharedLease} __lease = {TypeNames.SharedLease}.Enter(_handle);");
        writer.WriteLine(result is null ? call + ";" : $"{result} = {(member.ReturnsString ? "(byte*)" : string.Empty)}{call};");
        writer.WriteLine("__lease.Dispose();");
        if (pinned)
        {
            writer.CloseBlock();
        }

        if (member.Status is not null)
        {
            writer.WriteLine();
            WriteStatusThrow(writer, member.Status, member.CFunction);
            if (member.Status.ReturnsValue)
            {
                writer.WriteLine();
                writer.WriteLine("return status;");
            }
        }
        else if (member.ReturnsString)
        {
            writer.WriteLine();
            writer.WriteLine($"return {TypeNames.NativeStrings}.FromUtf8NullTerminated(result);");
        }
        else if (result is not null)
        {
            writer.WriteLine();
            writer.WriteLine("return result;");
        }
    }
}
