using System.Collections.Generic;
using System.Linq;
using StretchBindings.Generator.Emit;
using StretchBindings.Generator.Helpers;
using StretchBindings.Manifest;
using StretchBindings.Generator.Model;

namespace StretchBindings.Generator.Planning;

/// <summary>
/// Plans a native function's call through a friendly signature: which pointers are spans, which
/// parameters their counts, which C strings, and which one is the instance of a handle type.
/// </summary>
internal static class CallPlanner
{
    /// <summary>A parameter while its role is being worked out.</summary>
    private sealed class Draft(NativeParameter native, string name, string nativeType)
    {
        public NativeParameter Native { get; } = native;
        public string Name { get; } = name;
        public string NativeType { get; } = nativeType;
        public MarshalKind Kind { get; set; } = MarshalKind.Blittable;
        public string? ElementType { get; set; }
        public bool Writable { get; set; }
        public List<string> Spans { get; } = new();
    }

    /// <summary>
    /// <paramref name="self"/> makes the first parameter the instance (handle classes);
    /// <paramref name="camelCase"/> renames parameters in .NET style (projection) instead of keeping C names;
    /// <paramref name="creates"/> marks the call of a handle's constructor, the only one that receives the
    /// out_handle parameter itself: any other call passes that T** through as it is.
    /// </summary>
    public static CallModel Plan(LibraryContext context, NativeFunction function, IReadOnlyList<string> rawNames, bool self, bool camelCase, bool creates = false)
    {
        var drafts = new List<Draft>();
        for (int i = 0; i < function.Parameters.Count; i++)
        {
            NativeParameter native = function.Parameters[i];
            string name = !camelCase ? rawNames[i] : native.Name.Length == 0 ? "arg" + i : Identifiers.ToCamelCase(native.Name);
            var draft = new Draft(native, name, context.Types.MapOrPointer(native.Type));
            if (self && i == 0)
            {
                draft.Kind = MarshalKind.Instance;
            }
            else if (creates && NativeAnnotationNames.Has(native.Annotations, NativeAnnotationNames.OutHandle))
            {
                draft.Kind = MarshalKind.OutInstance;
            }
            else if (TypeMap.IsConstCString(native.Type) && !IsBuffer(native))
            {
                draft.Kind = MarshalKind.Utf8String;
            }

            drafts.Add(draft);
        }

        foreach (Draft draft in drafts)
        {
            NativeAnnotation? buffer = NativeAnnotationNames.Find(draft.Native.Annotations, NativeAnnotationNames.InBuffer)
                ?? NativeAnnotationNames.Find(draft.Native.Annotations, NativeAnnotationNames.OutBuffer);
            if (buffer is null || buffer.Arguments.Count != 1 || draft.Kind != MarshalKind.Blittable)
            {
                continue;
            }

            Draft? count = drafts.FirstOrDefault(p => p.Native.Name == buffer.Arguments[0]);
            NativeType pointee = draft.Native.Type.Target!;
            string? element = pointee.Kind is NativeTypeKind.Void ? null : context.Types.Map(pointee, out _);
            if (count is null || count.Kind is not (MarshalKind.Blittable or MarshalKind.Count) || element is null
                || IntegerTypes.CountConversion(count.NativeType) is null)
            {
                continue;
            }

            draft.Kind = MarshalKind.Pinned;
            draft.ElementType = element;
            draft.Writable = buffer.Name == NativeAnnotationNames.OutBuffer;
            count.Kind = MarshalKind.Count;
            count.Spans.Add(draft.Name);
        }

        ParameterModel[] parameters = drafts.Select(d => new ParameterModel(
            d.Native.Name,
            d.Name,
            d.Kind,
            d.Kind switch
            {
                MarshalKind.Pinned => $"{(d.Writable ? TypeNames.Span : TypeNames.ReadOnlySpan)}<{d.ElementType}>",
                MarshalKind.Utf8String => "string?",
                MarshalKind.Blittable => d.NativeType,
                _ => null,
            },
            d.NativeType,
            d.ElementType,
            d.Kind == MarshalKind.Count ? Count(d) : null)).ToArray();
        return new CallModel(parameters, context.Types.Map(function.ReturnType, out _) ?? "void");
    }

    /// <summary>Whether the friendly signature differs from the raw one (so a raw overload is worth it).</summary>
    public static bool ChangesSignature(CallModel call) =>
        call.Parameters.Any(p => p.Kind is MarshalKind.Pinned or MarshalKind.Count or MarshalKind.Utf8String);

    private static CountModel Count(Draft count)
    {
        (string format, string? maximum) = IntegerTypes.CountConversion(count.NativeType)!.Value;
        return new CountModel(count.Spans.ToArray(), format, maximum);
    }

    private static bool IsBuffer(NativeParameter parameter) =>
        NativeAnnotationNames.Has(parameter.Annotations, NativeAnnotationNames.InBuffer)
        || NativeAnnotationNames.Has(parameter.Annotations, NativeAnnotationNames.OutBuffer);
}
