using System.Text.RegularExpressions;
using StretchBindings.Manifest;

namespace StretchBindings.Scanner.Sidecar;

/// <summary>
/// The suggestions of function statuses and UTF-8 results, from names and signatures: status results
/// for enums whose errors are positive (CURLcode), error checks where the library has an error
/// predicate and a message function of one integer type (ZSTD_isError, ZSTD_getErrorName), and UTF-8
/// results for functions returning <c>const unsigned char*</c> text (sqlite3_column_text).
/// </summary>
internal static partial class StatusResults
{
    /// <summary>A status result on each function returning the enum: its zero member, and any negative one, mean success.</summary>
    public static IEnumerable<Suggestion> ForPositiveErrors(NativeManifest manifest, Func<NativeType, bool> isStatus, NativeFunction message, NativeEnumConstant success, bool negatives)
    {
        string values = negatives ? "<=0" : "0";
        foreach (NativeFunction function in manifest.Functions.Where(f => isStatus(f.ReturnType) && !f.Variadic && f.Unsupported is null))
        {
            yield return new Suggestion(NativeAnnotationNames.StatusResult, SidecarKeys.Functions, function.Name, null,
                new NativeAnnotation(NativeAnnotationNames.StatusResult, new[] { message.Name, values }),
                $"returns {function.ReturnType.Spelling}, whose errors are positive; {success.Name} = 0{(negatives ? ", negative members are not errors" : string.Empty)}; {message.Name} turns it into a string");
        }
    }

    /// <summary>
    /// An error predicate (<c>*isError</c>: one integer, an integer result) and a message function of the
    /// same integer type: every other function returning that type gets an error check, but size queries.
    /// </summary>
    public static IEnumerable<Suggestion> ErrorChecks(NativeManifest manifest)
    {
        foreach (NativeFunction predicate in manifest.Functions.Where(f => ErrorPredicateName().IsMatch(f.Name) && f.Parameters.Count == 1
                     && f.Parameters[0].Type.Kind == NativeTypeKind.Int && f.ReturnType.Kind == NativeTypeKind.Int))
        {
            string spelling = predicate.Parameters[0].Type.Spelling;
            NativeFunction? message = manifest.Functions.FirstOrDefault(f => Suggester.IsString(f.ReturnType) && f.Parameters.Count == 1
                && f.Parameters[0].Type.Spelling == spelling);
            if (message is null)
            {
                continue;
            }

            foreach (NativeFunction function in manifest.Functions.Where(f => f.ReturnType.Spelling == spelling && f.ReturnType.Kind == NativeTypeKind.Int
                         && f != predicate && f != message && !f.Variadic && f.Unsupported is null && !SizeQueryName().IsMatch(f.Name)))
            {
                yield return new Suggestion(NativeAnnotationNames.ErrorCheck, SidecarKeys.Functions, function.Name, null,
                    new NativeAnnotation(NativeAnnotationNames.ErrorCheck, new[] { predicate.Name, message.Name }),
                    $"returns {spelling}, which {predicate.Name} tests for an error and {message.Name} describes");
            }
        }
    }

    /// <summary>A function returning <c>const unsigned char*</c> (not <c>const char*</c>, a string already) named as text.</summary>
    public static IEnumerable<Suggestion> Utf8Results(NativeManifest manifest)
    {
        foreach (NativeFunction function in manifest.Functions.Where(f => Suggester.IsString(f.ReturnType)
                     && !(f.ReturnType.Pointee!.Name == "char" && f.ReturnType.Pointee.Typedef is null) && TextName().IsMatch(f.Name)))
        {
            yield return new Suggestion(NativeAnnotationNames.Utf8Result, SidecarKeys.Functions, function.Name, null,
                new NativeAnnotation(NativeAnnotationNames.Utf8Result, EquatableArray<string>.Empty),
                $"returns '{function.ReturnType.Spelling}', a byte string its name calls text");
        }
    }

    [GeneratedRegex(@"is_?error$", RegexOptions.IgnoreCase)]
    private static partial Regex ErrorPredicateName();

    // Sizes of things, never errors: ZSTD_sizeof_CCtx, ZSTD_CStreamInSize.
    [GeneratedRegex(@"sizeof|(In|Out)Size$", RegexOptions.IgnoreCase)]
    private static partial Regex SizeQueryName();

    [GeneratedRegex(@"(text|name|string|str|message|msg)(16le|16be|16)?$", RegexOptions.IgnoreCase)]
    private static partial Regex TextName();
}
