using System.Text.RegularExpressions;
using StretchBindings.Scanner.Model;

namespace StretchBindings.Scanner.Scanning;

/// <summary>Where an annotation was written.</summary>
internal enum AnnotationTarget
{
    Function,
    Parameter,
    Record,
    Enum,
    Typedef,
}

/// <summary>
/// The interop annotation vocabulary (native/include/stretchbindings/annotations.h): which names
/// exist, how many arguments each takes, and what each may be written on.
/// </summary>
internal static partial class Annotations
{
    public const string Prefix = "sb:";

    private sealed record Rule(int ArgumentCount, AnnotationTarget[] Targets, string Meaning);

    private static readonly Dictionary<string, Rule> Rules = new(StringComparer.Ordinal)
    {
        ["short_call"] = new(0, [AnnotationTarget.Function], "a function"),
        ["handle"] = new(2, [AnnotationTarget.Record, AnnotationTarget.Typedef], "a struct"),
        ["single_threaded"] = new(0, [AnnotationTarget.Record, AnnotationTarget.Typedef], "a struct"),
        ["out_handle"] = new(0, [AnnotationTarget.Parameter], "a parameter"),
        ["in_buffer"] = new(1, [AnnotationTarget.Parameter], "a pointer parameter"),
        ["out_buffer"] = new(1, [AnnotationTarget.Parameter], "a pointer parameter"),
        ["status"] = new(1, [AnnotationTarget.Enum, AnnotationTarget.Typedef], "an enum"),
    };

    public static IEnumerable<string> KnownNames => Rules.Keys.Order(StringComparer.Ordinal);

    /// <summary>
    /// Parses the text of one <c>annotate</c> attribute. Returns null with no error for text outside
    /// the <c>sb:</c> namespace (another tool's annotation), null with an error for a malformed or
    /// unknown <c>sb:</c> annotation or one written on the wrong kind of declaration.
    /// </summary>
    public static Annotation? Parse(string text, AnnotationTarget target, string declaration, out string? error)
    {
        error = null;
        if (!text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        Match match = Syntax().Match(text[Prefix.Length..]);
        if (!match.Success)
        {
            error = $"malformed annotation '{text}' on {declaration}: expected sb:name or sb:name(arguments)";
            return null;
        }

        string name = match.Groups["name"].Value;
        string[] arguments = match.Groups["arguments"].Success
            ? match.Groups["arguments"].Value.Split(',').Select(a => a.Trim()).ToArray()
            : [];
        if (!Rules.TryGetValue(name, out Rule? rule))
        {
            error = $"unknown annotation '{text}' on {declaration}; known annotations: " +
                    string.Join(", ", KnownNames.Select(n => Prefix + n));
            return null;
        }

        if (arguments.Length != rule.ArgumentCount || arguments.Any(a => !Identifier().IsMatch(a)))
        {
            error = $"annotation '{text}' on {declaration} takes {rule.ArgumentCount} identifier argument(s)";
            return null;
        }

        if (!rule.Targets.Contains(target))
        {
            error = $"annotation '{text}' applies to {rule.Meaning}, not to {declaration}";
            return null;
        }

        return new Annotation(name, arguments);
    }

    [GeneratedRegex(@"^(?<name>[A-Za-z_][A-Za-z0-9_]*)(\((?<arguments>[^()]*)\))?$")]
    private static partial Regex Syntax();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();
}
