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
            e.Enum.Name,
            context.Qualify(e.Name),
            e.ExceptionName!,
            e.MessageFunction is null ? null : Identifiers.Escape(e.MessageFunction),
            IsSigned(e))).ToArray();

    public static HandleModel[] PlanHandles(LibraryContext context) =>
        context.Records.Where(r => r.Shape == NamedRecordShape.Handle).Select(r => PlanHandle(context, r)).ToArray();

    private static bool IsSigned(NamedEnum named) => named.UnderlyingType is "sbyte" or "short" or "int" or "long";

    private static StatusCheck? StatusOf(LibraryContext context, NativeType type) =>
        type.Kind == NativeTypeKind.Enum && context.TryGetEnum(type.Name, out NamedEnum named) && named.ExceptionName is not null
            ? new StatusCheck(context.Qualify(named.Name), context.Qualify(named.ExceptionName), IsSigned(named))
            : null;

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
        if (destroy is null || destroy.Parameters.Count != 1 || LibraryPlanner.SkipReason(context, destroy) is not null)
        {
            context.Skip("handle type", record.Record.Name, record.Record.Location,
                $"its destroy function '{handle.DestroyFunction}' does not take one instance pointer; the SafeHandle cannot release it");
        }
        else
        {
            bool byPointerToPointer = destroy.Parameters[0].Type.Kind == NativeTypeKind.Pointer
                && destroy.Parameters[0].Type.Pointee!.Kind == NativeTypeKind.Pointer;
            release = byPointerToPointer ? ReleaseShape.PointerToPointer : ReleaseShape.Pointer;
        }

        ConstructorModel? constructor = null;
        NativeFunction? create = context.FindFunction(handle.CreateFunction);
        if (create is not null && LibraryPlanner.SkipReason(context, create) is null)
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
                && LibraryPlanner.SkipReason(context, function) is null)
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
            destroy is null ? string.Empty : Identifiers.Escape(destroy.Name),
            release,
            constructor,
            planned.ToArray(),
            record.Record.Doc);
    }

    private static ConstructorModel? PlanConstructor(LibraryContext context, NamedRecord record, NativeFunction create)
    {
        CallModel call = CallPlanner.Plan(context, create, LibraryPlanner.RawParameterNames(create), self: false, camelCase: true, creates: true);
        bool outInstance = call.Parameters.Any(p => p.Kind == MarshalKind.OutInstance);
        bool returnsInstance = create.ReturnType.Kind == NativeTypeKind.Pointer && create.ReturnType.Pointee!.Name == record.Record.Name;
        if (!outInstance && !returnsInstance)
        {
            context.Skip("constructor of", record.Handle!.ClassName, create.Location, $"'{create.Name}' neither returns the instance nor has an out_handle parameter");
            return null;
        }

        return new ConstructorModel(create.Name, Identifiers.Escape(create.Name), call, outInstance, StatusOf(context, create.ReturnType),
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
        CallModel call = CallPlanner.Plan(context, function, LibraryPlanner.RawParameterNames(function), self: true, camelCase: true);
        StatusCheck? status = StatusOf(context, function.ReturnType);
        bool returnsString = TypeMap.IsConstCString(function.ReturnType);
        string resultType = status is not null ? "void" : returnsString ? "string?" : call.ReturnType;
        bool isGetter = function.Parameters.Count == 1 && status is null && resultType != "void" && function.Parameters[0].Type.Pointee!.Const;

        string wanted = MemberName(function, record);
        if (isGetter && wanted.StartsWith("Get", StringComparison.Ordinal) && wanted.Length > 3)
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
        bool hook = !isGetter && call.ManagedParameterList().Length > 0 && members.TryClaim("Before" + name, "the hook of " + name);
        return new MemberModel(function.Name, Identifiers.Escape(function.Name), name, isGetter, call, resultType, status, returnsString, hook, function.Doc);
    }
}
