using StretchBindings.Json;
using StretchBindings.Manifest;
using StretchBindings.Scanner.Scanning;

namespace StretchBindings.Scanner.Sidecar;

/// <summary>
/// Reads an annotation sidecar. Each annotation is turned into the header's own text
/// (<c>sb:handle(create,destroy)</c>) and parsed by the same code as an <c>annotate</c> attribute
/// (<see cref="Annotations.Parse"/>), so the table decides names, arguments and places for both.
/// Every mistake is an error at the sidecar's line; nothing here knows a particular annotation.
/// </summary>
internal sealed class SidecarReader
{
    private readonly string _path;
    private readonly string _relativePath;
    private readonly List<ScanDiagnostic> _errors = [];

    private SidecarReader(string path, string relativePath)
    {
        _path = path;
        _relativePath = relativePath;
    }

    /// <summary>Reads the file; <paramref name="relativePath"/> is how the manifest records it.</summary>
    /// <exception cref="ScanException">The file is missing, is not JSON, or says something the table does not allow.</exception>
    public static SidecarFile Read(string path, string relativePath)
    {
        string fullPath = System.IO.Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new ScanException($"annotation sidecar '{path}' does not exist");
        }

        JsonValue root;
        try
        {
            root = JsonReader.Parse(File.ReadAllText(fullPath));
        }
        catch (JsonReaderException exception)
        {
            throw new ScanException([new ScanDiagnostic(DiagnosticSeverity.Error, $"annotation sidecar is not valid JSON: {exception.Message}", fullPath, exception.Line, exception.Column)]);
        }

        var reader = new SidecarReader(fullPath, relativePath);
        SidecarFile file = reader.ReadRoot(root);
        if (reader._errors.Count > 0)
        {
            throw new ScanException(reader._errors);
        }

        return file;
    }

    private SidecarFile ReadRoot(JsonValue root)
    {
        var functions = new List<SidecarEntry>();
        var types = new List<SidecarEntry>();
        if (root is not JsonObject top)
        {
            Error(root, "an annotation sidecar is a JSON object with 'functions' and 'types'");
            return new SidecarFile(_path, _relativePath, functions, types);
        }

        foreach ((string key, JsonValue value) in top.Members)
        {
            switch (key)
            {
                case SidecarKeys.Schema:
                    if (value is not JsonString)
                    {
                        Error(value, "'$schema' must be a string");
                    }

                    break;
                case SidecarKeys.Functions:
                    functions.AddRange(ReadEntries(value, key, AnnotationTarget.Function));
                    break;
                case SidecarKeys.Types:
                    types.AddRange(ReadEntries(value, key, AnnotationTarget.Typedef));
                    break;
                default:
                    Error(value, $"unknown key '{key}'; a sidecar has {Known(SidecarKeys.TopLevel)}");
                    break;
            }
        }

        return new SidecarFile(_path, _relativePath, functions, types);
    }

    private IEnumerable<SidecarEntry> ReadEntries(JsonValue value, string section, AnnotationTarget target)
    {
        if (value is not JsonObject entries)
        {
            Error(value, $"'{section}' must be an object whose keys are names or globs");
            yield break;
        }

        foreach ((string pattern, JsonValue body) in entries.Members)
        {
            if (ReadEntry(pattern, body, target) is { } entry)
            {
                yield return entry;
            }
        }
    }

    private SidecarEntry? ReadEntry(string pattern, JsonValue body, AnnotationTarget target)
    {
        string what = target == AnnotationTarget.Function ? "function" : "type";
        if (pattern.Length == 0 || pattern.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '_' or '*' or '?')))
        {
            Error(body, $"'{pattern}' is not a C name or a glob of one (letters, digits, '_', '*', '?')");
            return null;
        }

        if (body is not JsonObject members)
        {
            Error(body, $"the entry for {what} '{pattern}' must be an object");
            return null;
        }

        var annotations = new List<SidecarAnnotation>();
        var parameters = new List<SidecarParameter>();
        string? library = null;
        bool exclude = false;
        bool review = false;
        string declaration = $"{what} '{pattern}'";
        foreach ((string key, JsonValue value) in members.Members)
        {
            switch (key)
            {
                case SidecarKeys.Evidence:
                    if (value is not JsonString)
                    {
                        Error(value, $"'{SidecarKeys.Evidence}' must be a string");
                    }

                    break;
                case SidecarKeys.Review:
                    review = value is JsonBoolean { Value: true };
                    if (value is not JsonBoolean)
                    {
                        Error(value, $"'{SidecarKeys.Review}' must be true or false");
                    }

                    break;
                case SidecarKeys.Parameters when target == AnnotationTarget.Function:
                    parameters.AddRange(ReadParameters(value, pattern));
                    break;
                case SidecarKeys.Library when target == AnnotationTarget.Function:
                    library = value is JsonString { Value.Length: > 0 } name ? name.Value : null;
                    if (library is null)
                    {
                        Error(value, $"'{SidecarKeys.Library}' must name a library, for example \"z\"");
                    }

                    break;
                case SidecarKeys.Exclude:
                    exclude = value is JsonBoolean { Value: true };
                    if (value is not JsonBoolean)
                    {
                        Error(value, $"'{SidecarKeys.Exclude}' must be true or false");
                    }

                    break;
                default:
                    if (ReadAnnotation(key, value, target, declaration) is { } annotation)
                    {
                        annotations.Add(annotation);
                    }

                    break;
            }
        }

        return new SidecarEntry(pattern, body.Line, body.Column, annotations, parameters, library, exclude, review);
    }

    private IEnumerable<SidecarParameter> ReadParameters(JsonValue value, string function)
    {
        if (value is not JsonObject parameters)
        {
            Error(value, $"'{SidecarKeys.Parameters}' must be an object whose keys are parameter names");
            yield break;
        }

        foreach ((string name, JsonValue body) in parameters.Members)
        {
            string declaration = $"parameter '{name}' of function '{function}'";
            if (body is not JsonObject members)
            {
                Error(body, $"the entry for {declaration} must be an object of annotations");
                continue;
            }

            var annotations = new List<SidecarAnnotation>();
            foreach ((string key, JsonValue annotationValue) in members.Members)
            {
                if (ReadAnnotation(key, annotationValue, AnnotationTarget.Parameter, declaration) is { } annotation)
                {
                    annotations.Add(annotation);
                }
            }

            yield return new SidecarParameter(name, annotations, body.Line, body.Column);
        }
    }

    // An annotation without arguments is written true, one with arguments as an object keyed by the
    // table's argument names; either becomes the header's text (sb:name or sb:name(a,b)) and goes
    // through the header's parser. A type entry may carry struct and enum
    // annotations alike (a typedef carries either), so it is parsed as a typedef's.
    private SidecarAnnotation? ReadAnnotation(string name, JsonValue value, AnnotationTarget target, string declaration)
    {
        if (NativeAnnotationNames.Definition(name) is not { } definition)
        {
            string[] extra = target switch
            {
                AnnotationTarget.Function => SidecarKeys.FunctionEntry,
                AnnotationTarget.Parameter => [],
                _ => SidecarKeys.TypeEntry,
            };
            string[] known = NativeAnnotationNames.All.Where(a => Fits(a.Place, target)).Select(a => a.Name).Concat(extra).ToArray();
            Error(value, $"unknown key '{name}' on {declaration}; known: {Known(known)}");
            return null;
        }

        var arguments = new List<string>();
        if (definition.Arguments.Count == 0)
        {
            if (value is not JsonBoolean { Value: true })
            {
                Error(value, $"'{name}' on {declaration} takes true (it has no arguments)");
                return null;
            }
        }
        else if (value is JsonObject members)
        {
            foreach ((string key, JsonValue argument) in members.Members)
            {
                if (!definition.ArgumentNames.Contains(key))
                {
                    Error(argument, $"'{name}' on {declaration} has no argument '{key}'; its arguments are {Known(definition.ArgumentNames)}");
                    return null;
                }
            }

            for (int i = 0; i < definition.ArgumentNames.Count; i++)
            {
                string argumentName = definition.ArgumentNames[i];
                string? argumentText = definition.Arguments[i] == AnnotationArgument.SuccessValues
                    ? ValuesText(members[argumentName])
                    : (members[argumentName] as JsonString)?.Value;
                if (argumentText is null)
                {
                    Error(members[argumentName] ?? value, definition.Arguments[i] == AnnotationArgument.SuccessValues
                        ? $"'{name}' on {declaration} needs '{argumentName}': an integer, an array of integers, or a string of {SuccessValues.Grammar}"
                        : $"'{name}' on {declaration} needs '{argumentName}', a name");
                    return null;
                }

                arguments.Add(argumentText);
            }
        }
        else
        {
            Error(value, $"'{name}' on {declaration} takes an object with {Known(definition.ArgumentNames)}");
            return null;
        }

        string text = NativeAnnotationNames.Prefix + name + (arguments.Count == 0 ? string.Empty : "(" + string.Join(",", arguments) + ")");
        NativeAnnotation? annotation = Annotations.Parse(text, target, declaration, out string? error);
        if (annotation is null)
        {
            Error(value, error ?? $"'{text}' is not a StretchBindings annotation");
            return null;
        }

        return new SidecarAnnotation(annotation with { Source = new NativeLocation(_relativePath, value.Line, value.Column) }, value.Line, value.Column);
    }

    // Success values as JSON: 0, [100, 101], or the header's text (">=0", "0..99", "100|101").
    private static string? ValuesText(JsonValue? value) => value switch
    {
        JsonNumber number when number.TryGetInt64(out long one) => one.ToString(System.Globalization.CultureInfo.InvariantCulture),
        JsonString text => text.Value,
        JsonArray { Items.Count: > 0 } array when array.Items.All(i => i is JsonNumber n && n.TryGetInt64(out _)) =>
            string.Join("|", array.Items.Select(i => ((JsonNumber)i).Text)),
        _ => null,
    };

    private static bool Fits(AnnotationPlace place, AnnotationTarget target) => target switch
    {
        AnnotationTarget.Function => place.HasFlag(AnnotationPlace.Function),
        AnnotationTarget.Parameter => place.HasFlag(AnnotationPlace.Parameter),
        _ => (place & (AnnotationPlace.Struct | AnnotationPlace.Enum)) != 0,
    };

    private static string Known(IEnumerable<string> keys) => string.Join(", ", keys.Select(k => $"'{k}'"));

    private void Error(JsonValue at, string message) =>
        _errors.Add(new ScanDiagnostic(DiagnosticSeverity.Error, message, _path, at.Line, at.Column));
}
