using System;
using System.Collections.Generic;
using System.Linq;
using StretchBindings.Generator.Bindings;
using StretchBindings.Generator.Diagnostics;
using StretchBindings.Generator.Emit;
using StretchBindings.Generator.Helpers;
using StretchBindings.Manifest;
using StretchBindings.Generator.Model;

namespace StretchBindings.Generator.Planning;

/// <summary>
/// Decides everything about one manifest: the raw layer here, the types in <see cref="TypePlanner"/>,
/// the projection in <see cref="ProjectionPlanner"/>. Every diagnostic of a manifest's bindings comes
/// from here; the emitters only write.
/// </summary>
internal static class LibraryPlanner
{
    public static LibraryModel Plan(ManifestInput input, string? headerPath)
    {
        if (input.Manifest is null)
        {
            return LibraryModel.Nothing(input.Diagnostics);
        }

        var context = new LibraryContext(input, input.Manifest, headerPath);
        var members = new NameScope();
        members.Claim(context.RawClassName.TrimStart('@'), "the class");
        members.Claim("LibraryName", "the library name");
        members.Claim("LayoutCheck", "the layout check");
        members.Claim(Emit.LoadCheckEmitter.ClassName, "the load check");

        ConstantModel[] constants = input.Manifest.Constants.Select(c => PlanConstant(context, members, c)).ToArray();
        var functions = new List<FunctionModel>();
        foreach (NativeFunction function in input.Manifest.Functions)
        {
            if (PlanFunction(context, members, function) is { } planned)
            {
                functions.Add(planned);
            }
        }

        var globals = new List<GlobalModel>();
        foreach (NativeGlobal global in input.Manifest.Globals)
        {
            if (GlobalPlanner.Plan(context, members, global) is { } planned)
            {
                globals.Add(planned);
            }
        }

        EnumModel[] enums = context.Enums.Select(TypePlanner.PlanEnum).ToArray();
        RecordModel[] records = context.Records.Where(r => r.Shape != NamedRecordShape.Handle).Select(r => TypePlanner.PlanRecord(context, r)).ToArray();
        StatusModel[] statuses = ProjectionPlanner.PlanStatuses(context);
        HandleModel[] handles = ProjectionPlanner.PlanHandles(context);

        return new LibraryModel(
            true,
            (input.Namespace.Length == 0 ? string.Empty : input.Namespace + ".") + input.ClassName,
            input.Namespace,
            input.Accessibility,
            input.Library,
            input.Manifest.Header,
            context.RawClassName,
            context.RawClass,
            constants,
            functions.ToArray(),
            enums,
            records,
            statuses,
            handles,
            context.Skipped.ToArray(),
            input.Diagnostics.Concat(context.Diagnostics).ToArray())
        {
            Globals = globals.ToArray(),
            LoadCheck = input.LoadCheck,
        };
    }

    /// <summary>A member name of the raw class; a clash is renamed with trailing underscores and reported.</summary>
    public static string ClaimMember(LibraryContext context, NameScope members, string wanted, string what, NativeLocation? location)
    {
        string plain = Identifiers.Escape(wanted).TrimStart('@');
        string claimed = members.ClaimOrRename(plain, what, static (n, i) => n + new string('_', i), out string? owner);
        if (owner is not null)
        {
            context.Report(DiagnosticDescriptors.NameClash, location, wanted, plain, what, "another member of the class", claimed);
        }
        else if (claimed != wanted)
        {
            // A C name with characters C# does not allow ('$', or anything a hand-edited manifest holds).
            context.Report(DiagnosticDescriptors.NameClash, location, wanted, wanted, what, "the characters a C# name may have", claimed);
        }

        return Identifiers.Escape(claimed);
    }

    private static ConstantModel PlanConstant(LibraryContext context, NameScope members, NativeConstant constant)
    {
        string? type;
        string value;
        switch (constant.Kind)
        {
            case NativeConstantKind.Integer:
                type = IntegerTypes.Keyword(constant.Type.Size, constant.Type.Signed);
                if (type is null || !IntegerTypes.FitsIn(constant.Value, type))
                {
                    type = constant.Value.StartsWith("-", StringComparison.Ordinal) || IntegerTypes.FitsIn(constant.Value, "long") ? "long" : "ulong";
                }

                value = constant.Value;
                break;
            case NativeConstantKind.Float:
                type = constant.Type.Size == 4 ? "float" : "double";
                string literal = constant.Value.IndexOfAny(['.', 'e', 'E']) < 0 ? constant.Value + ".0" : constant.Value;
                value = type == "float" ? literal + "f" : literal;
                break;
            default:
                type = "string";
                value = Literals.String(constant.Value);
                break;
        }

        // Constants carry no location in the manifest: a clash is reported on the manifest.
        string name = ClaimMember(context, members, constant.Name, $"the constant '{constant.Name}'", null);
        return new ConstantModel(name, type, value, constant.Doc);
    }

    /// <summary>Why a function cannot be bound at all, or null.</summary>
    public static string? SkipReason(LibraryContext context, NativeFunction function)
    {
        // DllImport refuses an empty EntryPoint (CS0599): a manifest edited by hand can hold one.
        if (string.IsNullOrWhiteSpace(function.Name))
        {
            return "it has no name, so there is no symbol to call";
        }

        if (function.Unsupported is not null)
        {
            return function.Unsupported;
        }

        if (function.Variadic)
        {
            return "it is variadic ('...'), which .NET cannot call through a fixed signature";
        }

        if (CallingConventions.FromManifest(function.CallingConvention) is null)
        {
            return $"its calling convention '{function.CallingConvention}' has no .NET equivalent";
        }

        if (context.Types.Map(function.ReturnType, out string? reason) is null)
        {
            return "its result " + reason;
        }

        foreach (NativeParameter parameter in function.Parameters)
        {
            if (context.Types.MapValue(parameter.Type, out reason) is null)
            {
                return $"its parameter '{parameter.Name}' {reason}";
            }
        }

        return null;
    }

    /// <summary>
    /// Whether the stub gets <c>[SuppressGCTransition]</c>: annotated short, and safe. A short call
    /// that takes a callback could call back into managed code in cooperative mode, which corrupts the
    /// GC's view of the thread; that is reported as an error and the transition is kept.
    /// </summary>
    private static bool IsShortCall(LibraryContext context, NativeFunction function)
    {
        if (!NativeAnnotationNames.IsShortCall(function))
        {
            return false;
        }

        foreach (NativeParameter parameter in function.Parameters)
        {
            if (NativeAnnotationNames.IsCallback(parameter.Type))
            {
                context.Report(DiagnosticDescriptors.ShortCallUnsafe, function.Location, function.Name, function.Name,
                    $"its parameter '{parameter.Name}' is a function pointer, and a callback into managed code must not run without a GC transition (annotated short_call in the header)");
                return false;
            }
        }

        return true;
    }

    private static FunctionModel? PlanFunction(LibraryContext context, NameScope members, NativeFunction function)
    {
        string? skip = SkipReason(context, function);
        if (skip is not null)
        {
            context.Skip("function", function.Name, function.Location, skip);
            return null;
        }

        string name = ClaimMember(context, members, NativeAnnotationNames.RenameOf(function.Annotations) ?? function.Name, $"the function '{function.Name}'", function.Location);
        context.BindFunction(function, name);
        string[] rawNames = ParameterNames.Plan(context, function, camelCase: false, report: true, method: name);
        RawParameterModel[] parameters = function.Parameters.Select((p, i) => new RawParameterModel(
            p.Name,
            rawNames[i],
            p.Type.Kind == NativeTypeKind.Bool ? MarshalKind.Bool : MarshalKind.Blittable,
            context.Types.Map(p.Type, out _)!,
            context.Types.StubType(p.Type)!)).ToArray();
        bool shortCall = IsShortCall(context, function);
        CallingConventionInfo convention = CallingConventions.FromManifest(function.CallingConvention)!;
        CallModel overload = CallPlanner.Plan(context, function, rawNames, self: false);
        return new FunctionModel(
            function.Name,
            name,
            function.ReturnType.Kind switch
            {
                NativeTypeKind.Void => MarshalKind.Void,
                NativeTypeKind.Bool => MarshalKind.Bool,
                _ => MarshalKind.Blittable,
            },
            context.Types.Map(function.ReturnType, out _)!,
            context.Types.StubType(function.ReturnType)!,
            parameters,
            shortCall,
            convention.IsDefault ? null : convention.DllImport,
            function.Doc,
            CallPlanner.ChangesSignature(overload) ? overload : null)
        {
            Library = function.Library,
        };
    }
}
