using System.Collections.Generic;
using System.Linq;
using StretchBindings.Generator.Helpers;
using StretchBindings.Manifest;
using StretchBindings.Generator.Model;

namespace StretchBindings.Generator.Emit;

/// <summary>
/// Writes marshalling from the shared vocabulary: the <c>fixed</c> statements and argument
/// expressions of kernels, raw overloads and projected members alike.
/// </summary>
internal static class CallEmitter
{
    /// <summary>The <c>fixed</c> statement pinning a value for the call, or null when it is passed as it is.</summary>
    public static string? Pin(MarshalKind kind, ByRefKind refKind, string pointerType, string name)
    {
        string local = MarshallingNames.Pinned(name);
        return (kind, refKind) switch
        {
            (_, ByRefKind.In) => $"fixed ({pointerType} {local} = &global::System.Runtime.CompilerServices.Unsafe.AsRef(in {name}))",
            (_, ByRefKind.Ref or ByRefKind.Out) => $"fixed ({pointerType} {local} = &{name})",
            (MarshalKind.Pinned, _) => $"fixed ({pointerType} {local} = {name})",
            (MarshalKind.Utf8String, _) => $"fixed (byte* {local} = {TypeNames.NativeStrings}.ToUtf8NullTerminated({name}))",
            _ => null,
        };
    }

    /// <summary>The value handed to the stub for a managed value of that kind.</summary>
    public static string Argument(MarshalKind kind, ByRefKind refKind, string name) => refKind != ByRefKind.None
        ? MarshallingNames.Pinned(name)
        : kind switch
        {
            MarshalKind.Bool => $"{name} ? (byte)1 : (byte)0",
            MarshalKind.Char => $"(ushort){name}",
            MarshalKind.Pinned or MarshalKind.Utf8String => MarshallingNames.Pinned(name),
            MarshalKind.SafeHandle => $"{name}.DangerousGetHandle()",
            _ => name,
        };

    /// <summary>Argument checks: spans sharing a count have one length, which the count type can hold.</summary>
    public static void WriteChecks(IndentedTextWriter writer, CallModel call)
    {
        foreach (ParameterModel count in call.Parameters.Where(p => p.Count is not null))
        {
            EquatableArray<string> spans = count.Count!.Spans;
            string first = spans[0];
            for (int i = 1; i < spans.Count; i++)
            {
                string other = spans[i];
                writer.WriteLine($"if ({other}.Length != {first}.Length)");
                using (writer.Braces())
                {
                    writer.WriteLine($"throw new {TypeNames.ArgumentException}(\"'{other.TrimStart('@')}' and '{first.TrimStart('@')}' must have the same length: the native call takes one count for both.\", nameof({other}));");
                }
            }

            string? maximum = count.Count.Maximum;
            if (maximum is not null)
            {
                writer.WriteLine($"if ({first}.Length > {maximum})");
                using (writer.Braces())
                {
                    writer.WriteLine($"throw new {TypeNames.ArgumentOutOfRangeException}(nameof({first}), {Literals.String($"The native count '{count.CName}' holds at most ")} + {maximum} + \" elements.\");");
                }
            }
        }
    }

    /// <summary>The <c>fixed</c> statements of a call's spans and strings; the caller writes the block after them.</summary>
    public static void WritePinning(IndentedTextWriter writer, CallModel call)
    {
        foreach (ParameterModel parameter in call.Parameters)
        {
            string? pin = Pin(parameter.Kind, ByRefKind.None, parameter.ElementType + "*", parameter.Name);
            if (pin is not null)
            {
                writer.WriteLine(pin);
            }
        }
    }

    /// <summary>Writes <paramref name="statement"/>, inside the pinning when the call pins anything.</summary>
    public static void WritePinnedCall(IndentedTextWriter writer, CallModel call, string statement)
    {
        if (!call.NeedsPinning)
        {
            writer.WriteLine(statement);
            return;
        }

        WritePinning(writer, call);
        using (writer.Braces())
        {
            writer.WriteLine(statement);
        }
    }

    /// <summary>The raw call's argument list; the instance and the out instance are given by the caller.</summary>
    public static string Arguments(CallModel call, string? instance, string? outInstance)
    {
        var arguments = new List<string>();
        foreach (ParameterModel parameter in call.Parameters)
        {
            arguments.Add(parameter.Kind switch
            {
                MarshalKind.Instance => instance ?? parameter.Name,
                MarshalKind.OutInstance => outInstance ?? parameter.Name,
                MarshalKind.Pinned => CastIfNeeded(parameter.PinnedName, parameter.ElementType + "*", parameter.NativeType),
                MarshalKind.Utf8String => CastIfNeeded(parameter.PinnedName, "byte*", parameter.NativeType),
                MarshalKind.Count => string.Format(parameter.Count!.Format, parameter.Count.Spans[0] + ".Length"),
                _ => Argument(parameter.Kind, ByRefKind.None, parameter.Name),
            });
        }

        return string.Join(", ", arguments);
    }

    private static string CastIfNeeded(string expression, string type, string wanted) => type == wanted ? expression : $"({wanted}){expression}";

    /// <summary>The doc comment's parameter names.</summary>
    public static IReadOnlyDictionary<string, string> DocNames(IEnumerable<NamePair> names)
    {
        var map = new Dictionary<string, string>();
        foreach (NamePair pair in names)
        {
            map[pair.CName] = pair.Name;
        }

        return map;
    }
}
