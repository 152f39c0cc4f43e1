using System.Text.RegularExpressions;
using StretchBindings.Manifest;

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
/// Parses <c>annotate("sb:...")</c> text against the shared annotation table
/// (<see cref="NativeAnnotationNames.All"/>): which names exist, how many arguments each takes, and
/// what each may be written on. What the arguments name is checked once the header is walked
/// (<see cref="ScanSession"/>).
/// </summary>
internal static partial class Annotations
{
    public static IEnumerable<string> KnownNames => NativeAnnotationNames.All.Select(a => a.Name).Order(StringComparer.Ordinal);

    /// <summary>
    /// Parses the text of one <c>annotate</c> attribute. Returns null with no error for text outside
    /// the <c>sb:</c> namespace (another tool's annotation), null with an error for a malformed or
    /// unknown <c>sb:</c> annotation or one written on the wrong kind of declaration.
    /// </summary>
    public static NativeAnnotation? Parse(string text, AnnotationTarget target, string declaration, out string? error)
    {
        error = null;
        string prefix = NativeAnnotationNames.Prefix;
        if (!text.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        Match match = Syntax().Match(text[prefix.Length..]);
        if (!match.Success)
        {
            error = $"malformed annotation '{text}' on {declaration}: expected {prefix}name or {prefix}name(arguments)";
            return null;
        }

        string name = match.Groups["name"].Value;
        string[] arguments = match.Groups["arguments"].Success
            ? match.Groups["arguments"].Value.Split(',').Select(a => a.Trim()).ToArray()
            : [];
        if (NativeAnnotationNames.Definition(name) is not { } definition)
        {
            error = $"unknown annotation '{text}' on {declaration}; known annotations: " +
                    string.Join(", ", KnownNames.Select(n => prefix + n));
            return null;
        }

        if (arguments.Length != definition.Arguments.Count)
        {
            error = $"annotation '{text}' on {declaration} takes {definition.Arguments.Count} argument(s): {string.Join(", ", definition.ArgumentNames)}";
            return null;
        }

        for (int i = 0; i < arguments.Length; i++)
        {
            if (definition.Arguments[i] == AnnotationArgument.SuccessValues)
            {
                if (!SuccessValues.TryParse(arguments[i], out string normalized, out _))
                {
                    error = $"annotation '{text}' on {declaration}: '{definition.ArgumentNames[i]}' must be {SuccessValues.Grammar}, not '{arguments[i]}'";
                    return null;
                }

                arguments[i] = normalized;
            }
            else if (!Identifier().IsMatch(arguments[i]))
            {
                error = $"annotation '{text}' on {declaration}: '{definition.ArgumentNames[i]}' must be an identifier, not '{arguments[i]}'";
                return null;
            }
        }

        if (!Fits(definition.Place, target))
        {
            error = $"annotation '{text}' applies to {Describe(definition)}, not to {declaration}";
            return null;
        }

        return new NativeAnnotation(name, arguments);
    }

    // A typedef carries the annotations of what it names; ScanSession checks that it names the right kind.
    private static bool Fits(AnnotationPlace place, AnnotationTarget target) => target switch
    {
        AnnotationTarget.Function => place.HasFlag(AnnotationPlace.Function),
        AnnotationTarget.Parameter => place.HasFlag(AnnotationPlace.Parameter),
        AnnotationTarget.Record => place.HasFlag(AnnotationPlace.Struct),
        AnnotationTarget.Enum => place.HasFlag(AnnotationPlace.Enum),
        _ => (place & (AnnotationPlace.Struct | AnnotationPlace.Enum)) != 0,
    };

    /// <summary>What the annotation may be written on, for messages: "a function", "a pointer parameter", "a function or a parameter".</summary>
    public static string Describe(AnnotationDefinition definition)
    {
        var places = new List<string>();
        if (definition.Place.HasFlag(AnnotationPlace.Function))
        {
            places.Add("a function");
        }

        if (definition.Place.HasFlag(AnnotationPlace.Parameter))
        {
            places.Add(definition.Shape == ParameterShape.Pointer ? "a pointer parameter" : "a parameter");
        }

        if (definition.Place.HasFlag(AnnotationPlace.Struct))
        {
            places.Add("a struct");
        }

        if (definition.Place.HasFlag(AnnotationPlace.Enum))
        {
            places.Add("an enum");
        }

        return places.Count == 1 ? places[0] : string.Join(", ", places.Take(places.Count - 1)) + " or " + places[^1];
    }

    [GeneratedRegex(@"^(?<name>[A-Za-z_][A-Za-z0-9_]*)(\((?<arguments>[^()]*)\))?$")]
    private static partial Regex Syntax();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();
}
