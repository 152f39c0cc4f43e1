using System;
using System.Collections.Generic;
using System.Linq;
using StretchBindings.Generator.Diagnostics;
using StretchBindings.Generator.Helpers;
using StretchBindings.Manifest;
using StretchBindings.Generator.Model;

namespace StretchBindings.Generator.Planning;

/// <summary>Decides the projection: status exceptions, and for each handle type its class, constructor, members and release.</summary>
internal static class ProjectionPlanner
{
    /// <summary>Names a handle class declares itself, which no member may take.</summary>
    private static readonly string[] ReservedMembers = ["Native", "Handle", "Dispose", "_handle", "BeforeCreate"];

    public static StatusModel[] PlanStatuses(LibraryContext context) =>
        context.Enums.Where(e => e.ExceptionName is not null).Select(e => new StatusModel(
            $"A native call returned an error {e.Enum.Name}; the message is the library's own.",
            context.Qualify(e.Name),
            e.ExceptionName!,
            MessageFunction(context, e),
            ErrorTest(IsSigned(e), "status"))).Concat(context.StatusResults.Select(s => PlanStatusResult(context, s))).ToArray();

    private static string ErrorTest(bool signed, string expression) => signed ? $"{expression} < 0" : $"{expression} != 0";

    private static StatusModel PlanStatusResult(LibraryContext context, NamedStatusResult status)
    {
        NativeFunction? error = status.ErrorFunction is null ? null : context.FindFunction(status.ErrorFunction);
        return new StatusModel(
            $"A native call returned an error code, which {status.MessageFunction} describes; the message is the library's own.",
            status.ValueType,
            status.ExceptionName,
            context.BoundFunction(context.FindFunction(status.MessageFunction)),
            error is null ? null : ErrorFunctionTest(context, error, "status"));
    }

    // The predicate's call on the status: a C int is true when non-zero, a C bool maps to bool.
    private static string? ErrorFunctionTest(LibraryContext context, NativeFunction error, string status) =>
        context.BoundFunction(error) is { } raw
            ? $"{context.RawClass}.{raw}({status}){(error.ReturnType.Kind == NativeTypeKind.Bool ? string.Empty : " != 0")}"
            : null;

    public static HandleModel[] PlanHandles(LibraryContext context) =>
        context.Records.Where(r => r.Shape == NamedRecordShape.Handle).Select(r => PlanHandle(context, r)).ToArray();

    /// <summary>The raw name of a status's message function when it is bound and takes the status itself.</summary>
    private static string? MessageFunction(LibraryContext context, NamedEnum named)
    {
        NativeFunction? function = named.MessageFunction is null ? null : context.FindFunction(named.MessageFunction);
        string? raw = context.BoundFunction(function);
        return function is not null && context.Types.Map(function.Parameters[0].Type, out _) == context.Qualify(named.Name)
            && context.Types.Map(function.ReturnType, out _) is "byte*" or "sbyte*"
            ? raw
            : null;
    }

    private static bool IsSigned(NamedEnum named) => named.UnderlyingType is "sbyte" or "short" or "int" or "long";

    /// <summary>
    /// The function's status check: its own annotation (a status result, an error check), else the
    /// status enum it returns. A status result whose success is one value returns nothing more.
    /// </summary>
    private static StatusCheck? StatusOf(LibraryContext context, NativeFunction function)
    {
        if (context.StatusRule(function) is { } rule)
        {
            string? test = rule.ErrorFunction is { } error
                ? ErrorFunctionTest(context, error, "status")
                : SuccessValues.TryParse(rule.SuccessValues ?? string.Empty, out _, out string pattern) ? $"(long)status is not ({pattern})" : null;
            if (test is not null)
            {
                return new StatusCheck(rule.ValueType, context.Qualify(rule.Group.ExceptionName), test,
                    rule.ValueType == rule.Group.ValueType ? string.Empty : $"({rule.Group.ValueType})",
                    ReturnsValue: rule.ErrorFunction is not null || !SuccessValues.IsSingleValue(rule.SuccessValues!), ReleaseOnError: true);
            }
        }

        NativeType type = function.ReturnType;
        return type.Kind == NativeTypeKind.Enum && context.TryGetEnum(type.Name, out NamedEnum named) && named.ExceptionName is not null
            ? new StatusCheck(context.Qualify(named.Name), context.Qualify(named.ExceptionName), ErrorTest(IsSigned(named), "status"))
            : null;
    }

    private static HandleModel PlanHandle(LibraryContext context, NamedRecord record)
    {
        NamedHandle handle = record.Handle!;
        var members = new NameScope();
        members.Claim(handle.ClassName, "the class");
        foreach (string reserved in ReservedMembers)
        {
            members.Claim(reserved, "the class");
        }

        NativeFunction? destroy = context.FindFunction(handle.DestroyFunction);
        ReleaseShape release = ReleaseShape.None;
        string instance = context.Qualify(handle.ClassName) + ".Native*";
        string? rawDestroy = context.BoundFunction(destroy);
        if (destroy is null || rawDestroy is null || destroy.Parameters.Count != 1
            || context.Types.Map(destroy.Parameters[0].Type, out _) is not { } instanceType || (instanceType != instance && instanceType != instance + "*" && instanceType != "void*"))
        {
            context.Skip("handle type", record.Record.Name, record.Record.Location,
                $"its destroy function '{handle.DestroyFunction}' does not take one instance pointer; the SafeHandle cannot release it");
        }
        else
        {
            bool byPointerToPointer = instanceType == instance + "*";
            release = byPointerToPointer ? ReleaseShape.PointerToPointer : ReleaseShape.Pointer;
        }

        ConstructorModel? constructor = null;
        NativeFunction? create = context.FindFunction(handle.CreateFunction);
        if (create is not null && context.BoundFunction(create) is not null)
        {
            constructor = PlanConstructor(context, record, create);
        }
        else
        {
            context.Skip("constructor of", handle.ClassName, record.Record.Location, $"its create function '{handle.CreateFunction}' is missing or cannot be bound");
        }

        var planned = new List<MemberModel>();
        foreach (NativeFunction function in context.Manifest.Functions)
        {
            if (function.Name != handle.CreateFunction && function.Name != handle.DestroyFunction && TakesInstanceFirst(function, record.Record)
                && context.BoundFunction(function) is not null)
            {
                planned.Add(PlanMember(context, record, function, members));
            }
        }

        return new HandleModel(
            record.Record.Name,
            handle.ClassName,
            handle.SafeHandleName,
            context.Qualify(handle.SafeHandleName),
            context.Qualify(handle.ClassName) + ".Native",
            handle.SingleThreaded,
            handle.DestroyFunction,
            rawDestroy ?? string.Empty,
            release,
            constructor,
            planned.ToArray(),
            record.Record.Doc);
    }

    private static ConstructorModel? PlanConstructor(LibraryContext context, NamedRecord record, NativeFunction create)
    {
        CallModel call = CallPlanner.Plan(context, create, ParameterNames.Plan(context, create, camelCase: true, report: true), self: false, constructor: true);
        string instance = context.Qualify(record.Name) + ".Native*";
        // The constructor passes '&instance' for the out_handle parameter, or assigns the result to 'instance'.
        int outParameters = call.Parameters.Count(p => p.Kind == MarshalKind.OutInstance);
        bool outInstance = outParameters == 1 && call.Parameters.All(p => p.Kind != MarshalKind.OutInstance || p.NativeType == instance + "*");
        bool returnsInstance = outParameters == 0 && context.Types.Map(create.ReturnType, out _) == instance;
        if (!outInstance && !returnsInstance)
        {
            context.Skip("constructor of", record.Handle!.ClassName, create.Location, $"'{create.Name}' neither returns the instance nor has one out_handle parameter of its type");
            return null;
        }

        return new ConstructorModel(create.Name, context.BoundFunction(create)!, call, outInstance, StatusOf(context, create),
            call.ManagedParameterList().Length > 0, create.Doc);
    }

    private static bool TakesInstanceFirst(NativeFunction function, NativeRecord record) =>
        function.Parameters.Count > 0
        && function.Parameters[0].Type.Kind == NativeTypeKind.Pointer
        && function.Parameters[0].Type.Pointee!.Kind is NativeTypeKind.Struct or NativeTypeKind.Union
        && function.Parameters[0].Type.Pointee!.Name == record.Name;

    /// <summary>The friendly member name: the function's name without the type's prefix, in PascalCase.</summary>
    private static string MemberName(NativeFunction function, NamedRecord record)
    {
        if (NativeAnnotationNames.RenameOf(function.Annotations) is { } renamed)
        {
            return renamed;
        }

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

    private static MemberModel PlanMember(LibraryContext context, NamedRecord record, NativeFunction function, NameScope members)
    {
        CallModel call = CallPlanner.Plan(context, function, ParameterNames.Plan(context, function, camelCase: true, report: true, self: true), self: true);
        StatusCheck? status = StatusOf(context, function);
        bool returnsString = TypeMap.IsConstCString(function.ReturnType) || NativeAnnotationNames.Has(function.Annotations, NativeAnnotationNames.Utf8Result);
        string resultType = status is not null ? (status.ReturnsValue ? call.ReturnType : "void") : returnsString ? "string?" : call.ReturnType;
        bool isGetter = function.Parameters.Count == 1 && status is null && resultType != "void" && function.Parameters[0].Type.Pointee!.Const;

        string wanted = MemberName(function, record);
        if (isGetter && wanted.StartsWith("Get", StringComparison.Ordinal) && wanted.Length > 3 && NativeAnnotationNames.RenameOf(function.Annotations) is null)
        {
            wanted = wanted.Substring(3);
        }

        string what = $"the member for '{function.Name}'";
        string name = members.ClaimOrRename(wanted, what, static (n, i) => n + "Native" + new string('_', i - 1), out string? owner);
        if (owner is not null)
        {
            context.Report(DiagnosticDescriptors.NameClash, function.Location, function.Name, wanted, what, $"another member of '{record.Handle!.ClassName}'", name);
        }

        // The hook's name is taken like a member's; where another member already has it, the member
        // goes without a hook rather than break the build.
        bool hook = !isGetter && call.ManagedParameterList().Length > 0 && !call.Parameters.Any(p => p.Name.TrimStart('@') == "Before" + name)
            && members.TryClaim("Before" + name, "the hook of " + name);
        return new MemberModel(function.Name, context.BoundFunction(function)!, name, isGetter, call, resultType, status, returnsString, hook, function.Doc);
    }
}
