using System.Text.RegularExpressions;
using StretchBindings.Manifest;

namespace StretchBindings.Scanner.Sidecar;

/// <summary>What a suggestion proposes: one annotation on one declaration, with why.</summary>
/// <param name="Kind">handle, out_handle, in_buffer, out_buffer, status, status_result, error_check, utf8_result, short_call.</param>
/// <param name="Section">functions or types.</param>
/// <param name="Name">The function or type the sidecar entry names.</param>
/// <param name="Parameter">The parameter, for a parameter annotation.</param>
internal sealed record Suggestion(string Kind, string Section, string Name, string? Parameter, NativeAnnotation Annotation, string Evidence)
{
    /// <summary>One line naming the suggestion: <c>compress(dest) out_buffer(destLen)</c>.</summary>
    public string Target => Parameter is null ? Name : $"{Name}({Parameter})";

    public string AnnotationText => Annotation.Arguments.IsEmpty ? Annotation.Name : $"{Annotation.Name}({string.Join(",", Annotation.Arguments)})";
}

/// <summary>
/// Reads an unannotated header's manifest and proposes annotations from names and signatures alone.
/// Every rule is a guess with its evidence; nothing is applied: the suggestions go into a sidecar
/// whose entries are marked for review.
/// </summary>
internal static partial class Suggester
{
    public static List<Suggestion> Suggest(NativeManifest manifest)
    {
        var suggestions = new List<Suggestion>();
        suggestions.AddRange(Handles(manifest));
        suggestions.AddRange(Buffers(manifest));
        suggestions.AddRange(Statuses(manifest));
        suggestions.AddRange(StatusResults.ErrorChecks(manifest));
        suggestions.AddRange(StatusResults.Utf8Results(manifest));
        suggestions.AddRange(ShortCalls(manifest));
        return suggestions;
    }

    /// <summary>The <c>const char*</c> parameters and results: already passed as UTF-8 strings, so reported, not annotated.</summary>
    public static int CountStrings(NativeManifest manifest) =>
        manifest.Functions.Sum(f => f.Parameters.Count(p => IsString(p.Type)) + (IsString(f.ReturnType) ? 1 : 0));

    // An opaque struct (or one only ever used through pointers) with a function that makes one and a
    // function that takes one and whose name says it ends it.
    private static IEnumerable<Suggestion> Handles(NativeManifest manifest)
    {
        foreach (NativeRecord record in manifest.Records)
        {
            if (record.IsUnion || record.Unsupported is not null)
            {
                continue;
            }

            string[] names = TypeNames(manifest, record.Name);
            bool Points(NativeType type, int depth) =>
                depth == 0 ? type.Kind == NativeTypeKind.Struct && names.Contains(type.Name)
                : type.Kind == NativeTypeKind.Pointer && Points(type.Pointee!, depth - 1);

            NativeFunction? create = null;
            string? outParameter = null;
            string createEvidence = string.Empty;
            foreach (NativeFunction function in manifest.Functions.Where(f => CreateName().IsMatch(f.Name)))
            {
                if (Points(function.ReturnType, 1))
                {
                    (create, createEvidence) = (function, $"{function.Name} returns {function.ReturnType.Spelling}");
                    break;
                }

                NativeParameter? output = function.Parameters.FirstOrDefault(p => Points(p.Type, 2) && !p.Type.Pointee!.Const);
                if (output is not null)
                {
                    (create, outParameter, createEvidence) = (function, output.Name, $"{function.Name} writes a new one through '{output.Type.Spelling} {output.Name}'");
                    break;
                }
            }

            NativeFunction? destroy = manifest.Functions.FirstOrDefault(f =>
                DestroyName().IsMatch(f.Name) && f.Parameters.Count == 1 && (Points(f.Parameters[0].Type, 1) || Points(f.Parameters[0].Type, 2)));
            if (create is null || destroy is null)
            {
                continue;
            }

            string shape = record.Opaque ? "an opaque struct" : "a struct";
            yield return new Suggestion(NativeAnnotationNames.Handle, SidecarKeys.Types, record.Name, null,
                new NativeAnnotation(NativeAnnotationNames.Handle, new[] { create.Name, destroy.Name }),
                $"{shape}; {createEvidence}; {destroy.Name} takes '{destroy.Parameters[0].Type.Spelling}' alone and its name ends an instance");
            if (outParameter is not null)
            {
                yield return new Suggestion(NativeAnnotationNames.OutHandle, SidecarKeys.Functions, create.Name, outParameter,
                    new NativeAnnotation(NativeAnnotationNames.OutHandle, EquatableArray<string>.Empty),
                    $"the {record.Name}** parameter of the create function {create.Name}");
            }
        }
    }

    // A pointer and an integer named as its count: "src" and "srcSize" anywhere in the list, or a
    // generic count ("len", "size", "n") right after it. A const pointee is read; any other is taken
    // as written, which the review confirms.
    private static IEnumerable<Suggestion> Buffers(NativeManifest manifest)
    {
        foreach (NativeFunction function in manifest.Functions)
        {
            for (int i = 0; i < function.Parameters.Count; i++)
            {
                NativeParameter pointer = function.Parameters[i];
                if (pointer.Type.Kind is not (NativeTypeKind.Pointer or NativeTypeKind.Array) || pointer.Name.Length == 0
                    || IsCallback(pointer.Type) || pointer.Type.Pointee!.Kind is NativeTypeKind.Pointer or NativeTypeKind.Function or NativeTypeKind.Struct)
                {
                    continue;
                }

                NativeParameter? count = function.Parameters.FirstOrDefault(p => p.Type.Kind == NativeTypeKind.Int && p.Name.Length > pointer.Name.Length
                    && p.Name.StartsWith(pointer.Name, StringComparison.OrdinalIgnoreCase) && CountName().IsMatch(p.Name));
                string how = "named after it";
                if (count is null && i + 1 < function.Parameters.Count && function.Parameters[i + 1] is { Type.Kind: NativeTypeKind.Int } next
                    && GenericCountName().IsMatch(next.Name))
                {
                    (count, how) = (next, "right after it, with a count's name");
                }

                if (count is null)
                {
                    continue;
                }

                bool read = pointer.Type.Pointee.Const;
                string kind = read ? NativeAnnotationNames.InBuffer : NativeAnnotationNames.OutBuffer;
                yield return new Suggestion(kind, SidecarKeys.Functions, function.Name, pointer.Name,
                    new NativeAnnotation(kind, new[] { count.Name }),
                    $"'{pointer.Type.Spelling} {pointer.Name}' has the integer '{count.Name}' {how}; {(read ? "const: read" : "not const: assumed written")}");
            }
        }
    }

    // An enum that functions return, with a zero member named as success, and a function from the
    // enum to a string for its message.
    private static IEnumerable<Suggestion> Statuses(NativeManifest manifest)
    {
        foreach (NativeEnum status in manifest.Enums)
        {
            string[] names = TypeNames(manifest, status.Name);
            bool IsThis(NativeType type) => type.Kind == NativeTypeKind.Enum && names.Contains(type.Name);
            int returning = manifest.Functions.Count(f => IsThis(f.ReturnType));
            NativeEnumConstant? success = status.Constants.FirstOrDefault(c => c.Value == "0");
            NativeFunction? message = manifest.Functions.FirstOrDefault(f =>
                IsString(f.ReturnType) && f.Parameters.Count == 1 && IsThis(f.Parameters[0].Type));
            if (returning < 2 || success is null || !SuccessName().IsMatch(success.Name) || message is null)
            {
                continue;
            }

            // Errors are negative when most non-zero members are; else they are positive, which the
            // enum's status cannot say: each function returning it gets a status result instead.
            int negative = status.Constants.Count(c => c.Value.StartsWith('-'));
            int positive = status.Constants.Count(c => c.Value != "0" && !c.Value.StartsWith('-'));
            if (negative >= positive)
            {
                yield return new Suggestion(NativeAnnotationNames.Status, SidecarKeys.Types, status.Name, null,
                    new NativeAnnotation(NativeAnnotationNames.Status, new[] { message.Name }),
                    $"{returning} functions return it; {success.Name} = 0; {message.Name} turns it into a string; errors are negative");
                continue;
            }

            foreach (Suggestion result in StatusResults.ForPositiveErrors(manifest, IsThis, message, success, negative > 0))
            {
                yield return result;
            }
        }
    }

    // Getters and pure functions on blittable values: no callback, no variadic arguments, no name that
    // says it does work, and at most one pointer (the instance it reads).
    private static IEnumerable<Suggestion> ShortCalls(NativeManifest manifest)
    {
        foreach (NativeFunction function in manifest.Functions)
        {
            if (function.Variadic || function.Unsupported is not null || function.Parameters.Any(p => IsCallback(p.Type))
                || IsCallback(function.ReturnType) || WorkName().IsMatch(function.Name) || function.ReturnType.Kind == NativeTypeKind.Void)
            {
                continue;
            }

            int pointers = function.Parameters.Count(p => p.Type.Kind is NativeTypeKind.Pointer or NativeTypeKind.Array);
            bool scalars = function.Parameters.All(p => p.Type.Kind is NativeTypeKind.Int or NativeTypeKind.Float or NativeTypeKind.Enum or NativeTypeKind.Bool);
            bool returnsScalar = function.ReturnType.Kind is NativeTypeKind.Int or NativeTypeKind.Float or NativeTypeKind.Enum or NativeTypeKind.Bool || IsString(function.ReturnType);
            string? evidence = null;
            if (scalars && returnsScalar)
            {
                evidence = function.Parameters.Count == 0
                    ? "takes nothing and returns a value: a constant or version query"
                    : "takes and returns only scalar values: a pure function";
            }
            else if (GetterName().IsMatch(function.Name) && pointers == 1 && returnsScalar && function.Parameters.Count <= 2
                     && function.Parameters[0].Type.Kind == NativeTypeKind.Pointer)
            {
                evidence = $"named as a getter and reads one '{function.Parameters[0].Type.Spelling}'";
            }

            if (evidence is not null)
            {
                yield return new Suggestion(NativeAnnotationNames.ShortCall, SidecarKeys.Functions, function.Name, null,
                    new NativeAnnotation(NativeAnnotationNames.ShortCall, EquatableArray<string>.Empty), evidence);
            }
        }
    }

    /// <summary>The name and every typedef of it (<c>z_stream_s</c>, <c>z_stream</c>), as types spell them.</summary>
    private static string[] TypeNames(NativeManifest manifest, string name) =>
        manifest.Typedefs.Where(t => t.Type.Name == name).Select(t => t.Name).Append(name).ToArray();

    internal static bool IsString(NativeType type) =>
        type.Kind == NativeTypeKind.Pointer && type.Pointee!.Kind == NativeTypeKind.Int && type.Pointee.Const && type.Pointee.Size == 1;

    private static bool IsCallback(NativeType type) => NativeAnnotationNames.IsCallback(type);

    [GeneratedRegex(@"(^|_)(create|new|open|init|alloc|make|begin)[A-Za-z0-9]*$|(Create|New|Open|Init|Alloc)[A-Za-z0-9]*$|(create|new|open|init|alloc)$", RegexOptions.IgnoreCase)]
    private static partial Regex CreateName();

    [GeneratedRegex(@"(destroy|free|close|delete|release|cleanup|dispose|finish|end|deinit|fini)[A-Za-z0-9]*$", RegexOptions.IgnoreCase)]
    private static partial Regex DestroyName();

    [GeneratedRegex(@"^(n|len|length|size|count|cnt|num|capacity|cap|nbytes|bytes|sz)$|(len|length|size|count|cnt|num|capacity|cap|bytes|sz|_n)$", RegexOptions.IgnoreCase)]
    private static partial Regex CountName();

    [GeneratedRegex(@"^(n|len|length|size|count|cnt|num|nbytes|bytes|sz|capacity)$", RegexOptions.IgnoreCase)]
    private static partial Regex GenericCountName();

    [GeneratedRegex(@"(^|_)(ok|success|succeeded|none|no_?error)$|_OK$|^OK$", RegexOptions.IgnoreCase)]
    private static partial Regex SuccessName();

    [GeneratedRegex(@"(^|_)(get|is|has|version|size|bound|len|length|count|strerror|errmsg|error_?name|error_?string|name|sizeof|bytes|libversion)|(Get|Is|Has|Bound|Version|Size|Count)[A-Z0-9]", RegexOptions.None)]
    private static partial Regex GetterName();

    // Names that say the call does work, blocks or allocates: never suggested short.
    [GeneratedRegex(@"(create|new|open|init|alloc|free|destroy|close|delete|read|write|compress|process|run|exec|flush|wait|lock|sleep|load|save|send|recv|perform|step|prepare|encode|decode|load|connect|finish|end|copy|set|update|final|sync|poll|select|reset|hash|sign|verify|seal|encrypt|decrypt|random|parse|emit|dump|print)", RegexOptions.IgnoreCase)]
    private static partial Regex WorkName();
}
