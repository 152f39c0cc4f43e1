using System.Collections.Generic;
using System.Linq;
using StretchBindings.Generator.Helpers;
using StretchBindings.Manifest;

namespace StretchBindings.Generator.Bindings;

internal enum ParameterRole
{
    /// <summary>Passed as it is.</summary>
    Pass,

    /// <summary>The instance a handle class calls on: its SafeHandle's pointer.</summary>
    Self,

    /// <summary>The <c>T**</c> a create function writes the new instance to.</summary>
    OutHandle,

    /// <summary>A pointer with an element count: a span, pinned for the call.</summary>
    Span,

    /// <summary>The element count of one or more spans: computed, not asked for.</summary>
    Count,

    /// <summary><c>const char*</c>: a string, encoded as NUL-terminated UTF-8.</summary>
    Utf8String,
}

/// <summary>How one native parameter is offered in a friendly signature and passed to the raw call.</summary>
internal sealed class ParameterPlan
{
    public ParameterPlan(NativeParameter native, int index, string rawName, string rawType)
    {
        Native = native;
        Index = index;
        RawName = rawName;
        RawType = rawType;
        ManagedName = rawName;
    }

    public NativeParameter Native { get; }

    public int Index { get; }

    /// <summary>The escaped C name, used by the raw signature.</summary>
    public string RawName { get; }

    public string RawType { get; }

    public ParameterRole Role { get; set; }

    /// <summary>The name in the friendly signature.</summary>
    public string ManagedName { get; set; }

    /// <summary>Span element type.</summary>
    public string? ElementType { get; set; }

    public bool Writable { get; set; }

    /// <summary>For a count: the spans whose length it is.</summary>
    public List<ParameterPlan> Spans { get; } = new();

    public string PinnedName => "__" + ManagedName.TrimStart('@') + "_native";

    public string? ManagedType => Role switch
    {
        ParameterRole.Span => $"{(Writable ? TypeNames.Span : TypeNames.ReadOnlySpan)}<{ElementType}>",
        ParameterRole.Utf8String => "string?",
        ParameterRole.Pass => RawType,
        _ => null,
    };
}

/// <summary>
/// A native function seen through the annotations: which pointers are spans, which parameters are
/// their counts, which are C strings, and which one is the instance of a handle type.
/// </summary>
internal sealed class CallPlan
{
    private CallPlan(NativeFunction function, List<ParameterPlan> parameters, string rawReturnType)
    {
        Function = function;
        Parameters = parameters;
        RawReturnType = rawReturnType;
    }

    public NativeFunction Function { get; }

    public List<ParameterPlan> Parameters { get; }

    public string RawReturnType { get; }

    /// <summary>Whether the friendly signature differs from the raw one (so an overload is worth it).</summary>
    public bool ChangesSignature => Parameters.Any(p => p.Role is ParameterRole.Span or ParameterRole.Count or ParameterRole.Utf8String);

    /// <summary>
    /// Plans the call. <paramref name="self"/> marks the first parameter as the instance (handle classes);
    /// <paramref name="camelCase"/> renames parameters in .NET style (projection) instead of keeping C names.
    /// </summary>
    public static CallPlan Create(LibraryContext context, NativeFunction function, IReadOnlyList<string> rawNames, bool self, bool camelCase)
    {
        var parameters = new List<ParameterPlan>();
        for (int i = 0; i < function.Parameters.Count; i++)
        {
            NativeParameter native = function.Parameters[i];
            string rawType = context.MapType(native.Type, out _) ?? "void*";
            var plan = new ParameterPlan(native, i, rawNames[i], rawType);
            if (camelCase)
            {
                plan.ManagedName = native.Name.Length == 0 ? "arg" + i : Identifiers.ToCamelCase(native.Name);
            }

            if (self && i == 0)
            {
                plan.Role = ParameterRole.Self;
            }
            else if (NativeAnnotationNames.Has(native.Annotations, NativeAnnotationNames.OutHandle))
            {
                plan.Role = ParameterRole.OutHandle;
            }
            else if (LibraryContext.IsConstCString(native.Type) && !IsBuffer(native))
            {
                plan.Role = ParameterRole.Utf8String;
            }

            parameters.Add(plan);
        }

        foreach (ParameterPlan plan in parameters)
        {
            NativeAnnotation? buffer = NativeAnnotationNames.Find(plan.Native.Annotations, NativeAnnotationNames.InBuffer)
                ?? NativeAnnotationNames.Find(plan.Native.Annotations, NativeAnnotationNames.OutBuffer);
            if (buffer is null || buffer.Arguments.Count != 1 || plan.Role != ParameterRole.Pass)
            {
                continue;
            }

            ParameterPlan? count = parameters.FirstOrDefault(p => p.Native.Name == buffer.Arguments[0]);
            NativeType pointee = plan.Native.Type.Target!;
            string? element = pointee.Kind is NativeTypeKind.Void ? null : context.MapType(pointee, out _);
            if (count is null || count.Role is not (ParameterRole.Pass or ParameterRole.Count) || element is null || CountConversion(count.RawType) is null)
            {
                continue;
            }

            plan.Role = ParameterRole.Span;
            plan.ElementType = element;
            plan.Writable = buffer.Name == NativeAnnotationNames.OutBuffer;
            count.Role = ParameterRole.Count;
            count.Spans.Add(plan);
        }

        return new CallPlan(function, parameters, context.MapType(function.ReturnType, out _) ?? "void");
    }

    private static bool IsBuffer(NativeParameter parameter) =>
        NativeAnnotationNames.Has(parameter.Annotations, NativeAnnotationNames.InBuffer)
        || NativeAnnotationNames.Has(parameter.Annotations, NativeAnnotationNames.OutBuffer);

    /// <summary>
    /// How a span length (an <c>int</c>, never negative) becomes the count type: the expression
    /// format, and the largest value the type holds when it is narrower than <c>int</c>.
    /// </summary>
    public static (string Format, string? Maximum)? CountConversion(string countType) => countType switch
    {
        "int" => ("{0}", null),
        "uint" => ("(uint){0}", null),
        "long" => ("(long){0}", null),
        "ulong" => ("(ulong){0}", null),
        "nint" => ("(nint){0}", null),
        "nuint" => ("(nuint){0}", null),
        "short" => ("(short){0}", "short.MaxValue"),
        "ushort" => ("(ushort){0}", "ushort.MaxValue"),
        "sbyte" => ("(sbyte){0}", "sbyte.MaxValue"),
        "byte" => ("(byte){0}", "byte.MaxValue"),
        TypeNames.CLong => ($"new {TypeNames.CLong}((nint){{0}})", null),
        TypeNames.CULong => ($"new {TypeNames.CULong}((nuint){{0}})", null),
        _ => null,
    };

    /// <summary>Writes the argument checks: spans sharing a count have one length, which the count type can hold.</summary>
    public void WriteChecks(IndentedTextWriter writer)
    {
        foreach (ParameterPlan count in Parameters.Where(p => p.Role == ParameterRole.Count))
        {
            ParameterPlan first = count.Spans[0];
            for (int i = 1; i < count.Spans.Count; i++)
            {
                ParameterPlan other = count.Spans[i];
                writer.WriteLine($"if ({other.ManagedName}.Length != {first.ManagedName}.Length)");
                using (writer.Braces())
                {
                    writer.WriteLine($"throw new {TypeNames.ArgumentException}(\"'{other.ManagedName.TrimStart('@')}' and '{first.ManagedName.TrimStart('@')}' must have the same length: the native call takes one count for both.\", nameof({other.ManagedName}));");
                }
            }

            string? maximum = CountConversion(count.RawType)!.Value.Maximum;
            if (maximum is not null)
            {
                writer.WriteLine($"if ({first.ManagedName}.Length > {maximum})");
                using (writer.Braces())
                {
                    writer.WriteLine($"throw new {TypeNames.ArgumentOutOfRangeException}(nameof({first.ManagedName}), \"The native count '{count.Native.Name}' holds at most \" + {maximum} + \" elements.\");");
                }
            }
        }
    }

    /// <summary>Writes the <c>fixed</c> statements that pin spans and strings; the caller writes the block after them.</summary>
    public void WritePinning(IndentedTextWriter writer)
    {
        foreach (ParameterPlan parameter in Parameters)
        {
            switch (parameter.Role)
            {
                case ParameterRole.Span:
                    writer.WriteLine($"fixed ({parameter.ElementType}* {parameter.PinnedName} = {parameter.ManagedName})");
                    break;
                case ParameterRole.Utf8String:
                    writer.WriteLine($"fixed (byte* {parameter.PinnedName} = {TypeNames.NativeStrings}.ToUtf8NullTerminated({parameter.ManagedName}))");
                    break;
            }
        }
    }

    public bool NeedsPinning => Parameters.Any(p => p.Role is ParameterRole.Span or ParameterRole.Utf8String);

    /// <summary>The raw call's argument list.</summary>
    public string Arguments(string? selfExpression, string? outHandleExpression)
    {
        var arguments = new List<string>();
        foreach (ParameterPlan parameter in Parameters)
        {
            arguments.Add(parameter.Role switch
            {
                ParameterRole.Self => selfExpression ?? parameter.ManagedName,
                ParameterRole.OutHandle => outHandleExpression ?? parameter.ManagedName,
                ParameterRole.Span => CastIfNeeded(parameter.PinnedName, parameter.ElementType + "*", parameter.RawType),
                ParameterRole.Utf8String => CastIfNeeded(parameter.PinnedName, "byte*", parameter.RawType),
                ParameterRole.Count => string.Format(CountConversion(parameter.RawType)!.Value.Format, parameter.Spans[0].ManagedName + ".Length"),
                _ => parameter.ManagedName,
            });
        }

        return string.Join(", ", arguments);
    }

    private static string CastIfNeeded(string expression, string type, string wanted) => type == wanted ? expression : $"({wanted}){expression}";

    /// <summary>The friendly parameter list (roles without a managed type are left out).</summary>
    public string ManagedParameterList() =>
        string.Join(", ", Parameters.Where(p => p.ManagedType is not null && p.Role != ParameterRole.OutHandle).Select(p => $"{p.ManagedType} {p.ManagedName}"));

    /// <summary>The friendly parameters as arguments, in the order of <see cref="ManagedParameterList"/>.</summary>
    public string ManagedArgumentList() =>
        string.Join(", ", Parameters.Where(p => p.ManagedType is not null && p.Role != ParameterRole.OutHandle).Select(p => p.ManagedName));

    /// <summary>C parameter name → friendly name, for the doc comment.</summary>
    public Dictionary<string, string> DocNames()
    {
        var names = new Dictionary<string, string>();
        foreach (ParameterPlan parameter in Parameters)
        {
            if (parameter.ManagedType is not null && parameter.Role != ParameterRole.OutHandle && parameter.Native.Name.Length > 0)
            {
                names[parameter.Native.Name] = parameter.ManagedName;
            }
        }

        return names;
    }
}
