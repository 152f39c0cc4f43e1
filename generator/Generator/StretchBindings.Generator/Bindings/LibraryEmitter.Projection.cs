using System;
using System.Collections.Generic;
using System.Linq;
using StretchBindings.Generator.Diagnostics;
using StretchBindings.Generator.Helpers;
using StretchBindings.Generator.Manifests;

namespace StretchBindings.Generator.Bindings;

internal static partial class LibraryEmitter
{
    private static string WriteProjection(LibraryContext context)
    {
        List<EnumBinding> statuses = context.Enums.Where(e => e.Status is not null).ToList();
        List<RecordBinding> handles = context.Records.Where(r => r.Shape == RecordShape.Handle).ToList();
        if (statuses.Count == 0 && handles.Count == 0)
        {
            return string.Empty;
        }

        IndentedTextWriter writer = StartFile(context);
        bool first = true;
        foreach (EnumBinding status in statuses)
        {
            if (!first)
            {
                writer.WriteLine();
            }

            first = false;
            WriteStatusException(context, writer, status);
        }

        foreach (RecordBinding handle in handles)
        {
            if (!first)
            {
                writer.WriteLine();
            }

            first = false;
            WriteHandleClass(context, writer, handle);
            writer.WriteLine();
            WriteSafeHandle(context, writer, handle);
        }

        return EndFile(context, writer);
    }

    private static void WriteStatusException(LibraryContext context, IndentedTextWriter writer, EnumBinding status)
    {
        string enumType = context.Qualify(status.Name);
        string name = status.Status!.ExceptionName;
        DocComments.WriteSummary(writer, $"A native call returned an error {status.Enum.Name}; the message is the library's own.");
        writer.WriteLine($"public sealed unsafe partial class {name} : {TypeNames.NativeStatusException}");
        writer.OpenBlock();
        DocComments.WriteSummary(writer, "Creates the exception for a status returned by a native function.");
        writer.WriteLine($"public {name}({enumType} status, string function)");
        writer.WriteLine("    : base((long)status, MessageOf(status), function)");
        using (writer.Braces())
        {
            writer.WriteLine("Status = status;");
        }

        writer.WriteLine();
        DocComments.WriteSummary(writer, "The status the native function returned.");
        writer.WriteLine($"public {enumType} Status {{ get; }}");
        writer.WriteLine();
        DocComments.WriteSummary(writer, "Whether a status is an error: negative for signed status types, non-zero otherwise.");
        writer.WriteLine($"public static bool IsError({enumType} status) => {ErrorTest(status, "status")};");
        writer.WriteLine();
        writer.WriteLine($"private static string MessageOf({enumType} status)");
        using (writer.Braces())
        {
            if (status.Status.MessageFunction is not null)
            {
                writer.WriteLine($"string? message = {TypeNames.NativeStrings}.FromUtf8NullTerminated((byte*){context.RawClass}.{Identifiers.Escape(status.Status.MessageFunction)}(status));");
                writer.WriteLine("return message ?? status.ToString();");
            }
            else
            {
                writer.WriteLine("return status.ToString();");
            }
        }

        writer.CloseBlock();
    }

    private static string ErrorTest(EnumBinding status, string expression) =>
        status.UnderlyingType is "sbyte" or "short" or "int" or "long" ? $"{expression} < 0" : $"{expression} != 0";

    private static void WriteSafeHandle(LibraryContext context, IndentedTextWriter writer, RecordBinding record)
    {
        HandleBinding handle = record.Handle!;
        string native = context.Qualify(handle.ClassName) + ".Native";
        NativeFunction? destroy = context.FindFunction(handle.DestroyFunction);
        DocComments.WriteSummary(writer, $"Owns one native {record.Record.Name}; releasing it calls {handle.DestroyFunction}.");
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
            bool byPointerToPointer = destroy is not null && destroy.Parameters.Count == 1
                && destroy.Parameters[0].Type.Kind == NativeTypeKind.Pointer
                && destroy.Parameters[0].Type.Pointee!.Kind == NativeTypeKind.Pointer;
            if (destroy is null || destroy.Parameters.Count != 1 || SkipReason(context, destroy) is not null)
            {
                context.Report(DiagnosticDescriptors.DeclarationSkipped, "handle type", record.Record.Name,
                    $"its destroy function '{handle.DestroyFunction}' does not take one instance pointer; the SafeHandle cannot release it");
                writer.WriteLine("return false;");
            }
            else if (byPointerToPointer)
            {
                writer.WriteLine($"{native}* instance = ({native}*)handle;");
                writer.WriteLine($"{context.RawClass}.{Identifiers.Escape(destroy.Name)}(&instance);");
                writer.WriteLine("return true;");
            }
            else
            {
                writer.WriteLine($"{context.RawClass}.{Identifiers.Escape(destroy.Name)}(({native}*)handle);");
                writer.WriteLine("return true;");
            }
        }

        writer.CloseBlock();
    }

    private static bool TakesInstanceFirst(NativeFunction function, NativeRecord record) =>
        function.Parameters.Count > 0
        && function.Parameters[0].Type.Kind == NativeTypeKind.Pointer
        && function.Parameters[0].Type.Pointee!.Kind is NativeTypeKind.Struct or NativeTypeKind.Union
        && function.Parameters[0].Type.Pointee!.Name == record.Name;

    /// <summary>The friendly member name: the function's name without the type's prefix, in PascalCase.</summary>
    private static string MemberName(NativeFunction function, RecordBinding record)
    {
        string name = function.Name;
        var prefixes = new List<string> { record.Record.Name + "_" };
        if (record.Name.Length > 0)
        {
            prefixes.Add(record.Record.Name.EndsWith("_t", StringComparison.Ordinal) ? record.Record.Name.Substring(0, record.Record.Name.Length - 2) + "_" : string.Empty);
        }

        foreach (string prefix in prefixes.Where(p => p.Length > 0).OrderByDescending(p => p.Length))
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal) && name.Length > prefix.Length)
            {
                name = name.Substring(prefix.Length);
                break;
            }
        }

        return Identifiers.ToPascalCase(name);
    }

    private static void WriteHandleClass(LibraryContext context, IndentedTextWriter writer, RecordBinding record)
    {
        HandleBinding handle = record.Handle!;
        string className = handle.ClassName;
        string safeHandle = context.Qualify(handle.SafeHandleName);
        string native = context.Qualify(className) + ".Native";
        var members = new HashSet<string>(StringComparer.Ordinal) { className, "Native", "Handle", "Dispose", "_handle", "BeforeCreate" };

        DocComments.Write(writer, record.Record.Doc);
        if (record.Record.Doc is null)
        {
            DocComments.WriteSummary(writer, $"An instance of the native {record.Record.Name}.");
        }

        if (handle.SingleThreaded)
        {
            writer.WriteLine($"[{TypeNames.NotThreadSafe}]");
        }

        writer.WriteLine($"public sealed unsafe partial class {className} : {TypeNames.IDisposable}");
        writer.OpenBlock();
        writer.WriteLine($"private readonly {safeHandle} _handle;");

        NativeFunction? create = context.FindFunction(handle.CreateFunction);
        if (create is not null && SkipReason(context, create) is null)
        {
            WriteConstructor(context, writer, record, create);
        }
        else
        {
            context.Report(DiagnosticDescriptors.DeclarationSkipped, "constructor of", className,
                $"its create function '{handle.CreateFunction}' is missing or cannot be bound");
        }

        writer.WriteLine();
        DocComments.WriteSummary(writer, "Wraps a handle that already owns an instance; the new object owns it from now on.");
        writer.WriteLine($"public {className}({safeHandle} handle)");
        using (writer.Braces())
        {
            writer.WriteLine($"_handle = handle ?? throw new {TypeNames.ArgumentNullException}(nameof(handle));");
        }

        writer.WriteLine();
        DocComments.WriteSummary(writer, "The handle that owns the native instance, for raw calls.");
        writer.WriteLine($"public {safeHandle} Handle => _handle;");

        foreach (NativeFunction function in context.Manifest.Functions)
        {
            if (function.Name == handle.CreateFunction || function.Name == handle.DestroyFunction || !TakesInstanceFirst(function, record.Record)
                || SkipReason(context, function) is not null)
            {
                continue;
            }

            WriteInstanceMember(context, writer, record, function, members);
        }

        writer.WriteLine();
        DocComments.WriteSummary(writer, $"Destroys the native instance ({handle.DestroyFunction}). Never throws and may be called again; a call running on another thread keeps the instance until it returns.");
        writer.WriteLine("public void Dispose() => _handle.Dispose();");

        writer.WriteLine();
        DocComments.WriteSummary(writer, $"The native {record.Record.Name}, only ever used through pointers.");
        writer.WriteLine("public struct Native");
        writer.OpenBlock();
        writer.CloseBlock();
        writer.CloseBlock();
    }

    private static EnumBinding? StatusOf(LibraryContext context, NativeType type) =>
        type.Kind == NativeTypeKind.Enum && context.TryGetEnum(type.Name, out EnumBinding binding) && binding.Status is not null ? binding : null;

    private static void WriteConstructor(LibraryContext context, IndentedTextWriter writer, RecordBinding record, NativeFunction create)
    {
        HandleBinding handle = record.Handle!;
        string native = context.Qualify(handle.ClassName) + ".Native";
        var plan = CallPlan.Create(context, create, RawParameterNames(create), self: false, camelCase: true);
        bool outHandle = plan.Parameters.Any(p => p.Role == ParameterRole.OutHandle);
        bool returnsInstance = create.ReturnType.Kind == NativeTypeKind.Pointer && create.ReturnType.Pointee!.Name == record.Record.Name;
        if (!outHandle && !returnsInstance)
        {
            context.Report(DiagnosticDescriptors.DeclarationSkipped, "constructor of", handle.ClassName,
                $"'{create.Name}' neither returns the instance nor has an out_handle parameter");
            return;
        }

        EnumBinding? status = StatusOf(context, create.ReturnType);
        writer.WriteLine();
        DocComments.Write(writer, create.Doc, plan.DocNames(), includeReturns: false);
        writer.WriteLine($"public {handle.ClassName}({plan.ManagedParameterList()})");
        using (writer.Braces())
        {
            plan.WriteChecks(writer);
            WriteHookCall(writer, plan, "Create", HasHook(plan));
            writer.WriteLine($"var handle = new {context.Qualify(handle.SafeHandleName)}();");
            writer.WriteLine($"{native}* instance = null;");
            string call = $"{context.RawClass}.{Identifiers.Escape(create.Name)}({plan.Arguments(null, "&instance")})";
            string statement = outHandle
                ? (status is not null ? $"status = {call};" : $"{call};")
                : $"instance = {call};";
            if (status is not null && outHandle)
            {
                writer.WriteLine($"{context.Qualify(status.Name)} status;");
            }

            WritePinnedCall(writer, plan, statement);
            if (status is not null && outHandle)
            {
                writer.WriteLine($"if ({ErrorTest(status, "status")})");
                using (writer.Braces())
                {
                    writer.WriteLine($"throw new {context.Qualify(status.Status!.ExceptionName)}(status, {Literal(create.Name)});");
                }
            }

            writer.WriteLine("if (instance == null)");
            using (writer.Braces())
            {
                writer.WriteLine($"throw new {TypeNames.InvalidOperationException}(\"{create.Name} returned no instance.\");");
            }

            writer.WriteLine();
            writer.WriteLine("handle.Attach(instance);");
            writer.WriteLine("_handle = handle;");
        }

        WriteHookDeclaration(writer, plan, "Create", create.Name, HasHook(plan));
    }

    /// <summary>
    /// Calls the member's hook before anything else: a partial method the user may implement in another
    /// part of the class, to check arguments with precise exceptions or note the configuration.
    /// Unimplemented hooks compile to nothing.
    /// </summary>
    private static void WriteHookCall(IndentedTextWriter writer, CallPlan plan, string member, bool hook)
    {
        if (hook)
        {
            writer.WriteLine($"Before{member}({plan.ManagedArgumentList()});");
        }
    }

    private static void WriteHookDeclaration(IndentedTextWriter writer, CallPlan plan, string member, string function, bool hook)
    {
        if (hook)
        {
            writer.WriteLine();
            DocComments.WriteSummary(writer, $"Runs before {function} with the caller's arguments; implement it to validate them or note them.");
            writer.WriteLine($"partial void Before{member}({plan.ManagedParameterList()});");
        }
    }

    private static bool HasHook(CallPlan plan) => plan.ManagedParameterList().Length > 0;

    private static void WritePinnedCall(IndentedTextWriter writer, CallPlan plan, string statement)
    {
        if (!plan.NeedsPinning)
        {
            writer.WriteLine(statement);
            return;
        }

        plan.WritePinning(writer);
        using (writer.Braces())
        {
            writer.WriteLine(statement);
        }
    }

    private static void WriteInstanceMember(LibraryContext context, IndentedTextWriter writer, RecordBinding record, NativeFunction function, HashSet<string> members)
    {
        HandleBinding handle = record.Handle!;
        var plan = CallPlan.Create(context, function, RawParameterNames(function), self: true, camelCase: true);
        EnumBinding? status = StatusOf(context, function.ReturnType);
        bool returnsString = LibraryContext.IsConstCString(function.ReturnType);
        string resultType = status is not null ? "void" : returnsString ? "string?" : plan.RawReturnType;
        bool isGetter = function.Parameters.Count == 1 && status is null && resultType != "void"
            && function.Parameters[0].Type.Pointee!.Const;

        string wanted = MemberName(function, record);
        if (isGetter && wanted.StartsWith("Get", StringComparison.Ordinal) && wanted.Length > 3)
        {
            wanted = wanted.Substring(3);
        }

        string name = wanted;
        if (!members.Add(name))
        {
            name = wanted + "Native";
            while (!members.Add(name))
            {
                name += "_";
            }

            context.Report(DiagnosticDescriptors.NameClash, wanted, $"the member for '{function.Name}'", $"another member of '{handle.ClassName}'", name);
        }

        // The hook's name is taken like a member's; where another member already has it, the member
        // goes without a hook rather than break the build.
        bool hook = !isGetter && HasHook(plan) && members.Add("Before" + name);

        string instance = "_handle.Pointer";
        string call = $"{context.RawClass}.{Identifiers.Escape(function.Name)}({plan.Arguments(instance, null)})";

        writer.WriteLine();
        DocComments.Write(writer, function.Doc, plan.DocNames(), extraRemarks: $"Calls {function.Name}.", includeReturns: resultType != "void" && !isGetter);
        if (isGetter)
        {
            writer.WriteLine($"public {resultType} {name}");
            writer.OpenBlock();
            writer.WriteLine("get");
            using (writer.Braces())
            {
                plan.WriteChecks(writer);
                WriteInstanceCallBody(context, writer, handle, plan, call, status, resultType, returnsString, function);
            }

            writer.CloseBlock();
        }
        else
        {
            writer.WriteLine($"public {resultType} {name}({plan.ManagedParameterList()})");
            using (writer.Braces())
            {
                plan.WriteChecks(writer);
                WriteHookCall(writer, plan, name, hook);
                WriteInstanceCallBody(context, writer, handle, plan, call, status, resultType, returnsString, function);
            }

            WriteHookDeclaration(writer, plan, name, function.Name, hook);
        }
    }

    /// <summary>
    /// The lease, pinning, the call, then the status check. The lease keeps the instance alive for the
    /// call: an <c>ExclusiveSafeHandle</c>'s guard for single-threaded types (which also refuses a second
    /// thread), a SafeHandle reference for the others.
    /// </summary>
    private static void WriteInstanceCallBody(LibraryContext context, IndentedTextWriter writer, HandleBinding handle, CallPlan plan, string call,
        EnumBinding? status, string resultType, bool returnsString, NativeFunction function)
    {
        string? resultVariable = null;
        if (status is not null)
        {
            resultVariable = "status";
            writer.WriteLine($"{context.Qualify(status.Name)} status;");
        }
        else if (resultType != "void")
        {
            resultVariable = "result";
            writer.WriteLine($"{(returnsString ? "byte*" : resultType)} result;");
        }

        string statement = resultVariable is null ? call + ";" : $"{resultVariable} = {(returnsString ? "(byte*)" : string.Empty)}{call};";
        writer.WriteLine(handle.SingleThreaded
            ? $"using (_handle.Lease({Literal(handle.ClassName)}))"
            : $"using ({TypeNames.SharedLease}.Enter(_handle))");
        plan.WritePinning(writer);
        using (writer.Braces())
        {
            writer.WriteLine(statement);
        }

        if (status is not null)
        {
            writer.WriteLine();
            writer.WriteLine($"if ({ErrorTest(status, "status")})");
            using (writer.Braces())
            {
                writer.WriteLine($"throw new {context.Qualify(status.Status!.ExceptionName)}(status, {Literal(function.Name)});");
            }
        }
        else if (returnsString)
        {
            writer.WriteLine();
            writer.WriteLine($"return {TypeNames.NativeStrings}.FromUtf8NullTerminated(result);");
        }
        else if (resultVariable is not null)
        {
            writer.WriteLine();
            writer.WriteLine("return result;");
        }
    }
}
