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
    /// <paramref name="self"/> makes the first parameter the instance (handle classes); <paramref name="names"/>
    /// are the parameters' C# names (<see cref="ParameterNames"/>); only a <paramref name="constructor"/> fills
    /// an <c>out_handle</c> parameter itself (elsewhere it is an ordinary pointer).
    /// </summary>
    public static CallModel Plan(LibraryContext context, NativeFunction function, IReadOnlyList<string> names, bool self, bool constructor = false)
    {
        var drafts = new List<Draft>();
        for (int i = 0; i < function.Parameters.Count; i++)
        {
            NativeParameter native = function.Parameters[i];
            var draft = new Draft(native, names[i], context.Types.MapOrPointer(native.Type));
            if (self && i == 0)
            {
                draft.Kind = MarshalKind.Instance;
            }
            else if (constructor && NativeAnnotationNames.Has(native.Annotations, NativeAnnotationNames.OutHandle))
            {
                draft.Kind = MarshalKind.OutInstance;
            }
            else if ((TypeMap.IsConstCString(native.Type) || IsMarkedUtf8(native)) && !IsBuffer(native))
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

            // A buffer annotation on what is not a pointer offers nothing.
            if (draft.Native.Type.Kind is not (NativeTypeKind.Pointer or NativeTypeKind.Array) || draft.Native.Type.Target is not { } pointee)
            {
                continue;
            }

            Draft? count = drafts.FirstOrDefault(p => p.Native.Name == buffer.Arguments[0]);
            string? element = pointee.Kind is NativeTypeKind.Void ? null : context.Types.Map(pointee, out _);
            if (count is null || count == draft || count.Kind is not (MarshalKind.Blittable or MarshalKind.Count) || element is null
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

    // Marked a UTF-8 string (sb:utf8): any pointer to a one-byte integer, const or not, typedef or not (xmlChar).
    private static bool IsMarkedUtf8(NativeParameter parameter) =>
        NativeAnnotationNames.Has(parameter.Annotations, NativeAnnotationNames.Utf8)
        && parameter.Type.Kind == NativeTypeKind.Pointer
        && parameter.Type.Pointee!.Kind == NativeTypeKind.Int
        && parameter.Type.Pointee.Size == 1;

    private static bool IsBuffer(NativeParameter parameter) =>
        NativeAnnotationNames.Has(parameter.Annotations, NativeAnnotationNames.InBuffer)
        || NativeAnnotationNames.Has(parameter.Annotations, NativeAnnotationNames.OutBuffer);
}
