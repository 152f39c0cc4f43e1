using System;
using System.Collections.Generic;
using StretchBindings.Json;

namespace StretchBindings.Analyzers.Manifests;

/// <summary>What the analyzers need to know about one native function of a manifest.</summary>
internal sealed class NativeFunction
{
    public NativeFunction(string name, bool isShortCall, bool headerAnnotatesShortCalls, bool isVariadic, string? functionPointerParameter)
    {
        Name = name;
        IsShortCall = isShortCall;
        HeaderAnnotatesShortCalls = headerAnnotatesShortCalls;
        IsVariadic = isVariadic;
        FunctionPointerParameter = functionPointerParameter;
    }

    public string Name { get; }

    /// <summary>The header annotates the function <c>short_call</c>.</summary>
    public bool IsShortCall { get; }

    /// <summary>
    /// The header marks its short calls at all (some function of the manifest is <c>short_call</c>): only
    /// then does a function without the annotation count as long. A header that annotates nothing
    /// (zlib.h, say) leaves the judgement to the declaration.
    /// </summary>
    public bool HeaderAnnotatesShortCalls { get; }

    /// <summary>The header's annotations say the function may block or run long.</summary>
    public bool IsKnownLong => HeaderAnnotatesShortCalls && !IsShortCall;

    public bool IsVariadic { get; }

    /// <summary>The name (or 1-based position) of the first parameter that is a function pointer, if any.</summary>
    public string? FunctionPointerParameter { get; }
}

/// <summary>
/// The part of a <c>.native.json</c> manifest (docs/manifest-schema.md) the GC-transition rules read:
/// the library name and, per function, its <c>short_call</c> annotation and signature hazards.
/// </summary>
internal sealed class NativeManifest
{
    public const int SupportedSchemaVersion = 1;

    private readonly Dictionary<string, NativeFunction> _functions;

    private NativeManifest(string library, Dictionary<string, NativeFunction> functions)
    {
        Library = library;
        _functions = functions;
    }

    public string Library { get; }

    public IReadOnlyCollection<NativeFunction> Functions => _functions.Values;

    public bool TryGetFunction(string name, out NativeFunction function) => _functions.TryGetValue(name, out function!);

    /// <summary>Reads a manifest; throws <see cref="JsonReaderException"/> or <see cref="ManifestFormatException"/>.</summary>
    public static NativeManifest Parse(string text)
    {
        if (JsonReader.Parse(text) is not JsonObject root)
        {
            throw new ManifestFormatException("the manifest is not a JSON object");
        }

        if (root["schemaVersion"] is not JsonNumber versionNumber || !versionNumber.TryGetInt64(out long version))
        {
            throw new ManifestFormatException("the manifest has no integer 'schemaVersion'");
        }

        if (version != SupportedSchemaVersion)
        {
            throw new ManifestFormatException(
                $"schema version {version} is not supported (this analyzer reads version {SupportedSchemaVersion})");
        }

        if (StringOf(root["library"]) is not { Length: > 0 } library)
        {
            throw new ManifestFormatException("the manifest has no 'library' name");
        }

        var functions = new Dictionary<string, NativeFunction>(StringComparer.Ordinal);
        var declarations = new List<(string Name, JsonObject Function, bool ShortCall)>();
        if (root["functions"] is JsonArray functionList)
        {
            foreach (JsonValue item in functionList.Items)
            {
                if (item is JsonObject function && StringOf(function["name"]) is { } name)
                {
                    declarations.Add((name, function, HasAnnotation(function, "short_call")));
                }
            }
        }

        bool annotatesShortCalls = declarations.Exists(declaration => declaration.ShortCall);
        foreach ((string name, JsonObject function, bool shortCall) in declarations)
        {
            functions[name] = new NativeFunction(
                name,
                shortCall,
                annotatesShortCalls,
                function["variadic"] is JsonBoolean { Value: true },
                FindFunctionPointerParameter(function));
        }

        return new NativeManifest(library, functions);
    }

    private static string? StringOf(JsonValue? value) => (value as JsonString)?.Value;

    private static bool HasAnnotation(JsonObject declaration, string annotationName)
    {
        if (declaration["annotations"] is not JsonArray annotations)
        {
            return false;
        }

        foreach (JsonValue annotation in annotations.Items)
        {
            if (annotation is JsonObject entry && string.Equals(StringOf(entry["name"]), annotationName, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static string? FindFunctionPointerParameter(JsonObject function)
    {
        if (function["parameters"] is not JsonArray parameters)
        {
            return null;
        }

        for (int i = 0; i < parameters.Items.Count; i++)
        {
            if (parameters.Items[i] is JsonObject parameter && IsFunctionPointer(parameter["type"]))
            {
                return StringOf(parameter["name"]) is { Length: > 0 } name
                    ? name
                    : "#" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    // A parameter of function type decays to a pointer to it, so both spellings are a callback.
    private static bool IsFunctionPointer(JsonValue? type)
    {
        if (type is not JsonObject description)
        {
            return false;
        }

        string? kind = StringOf(description["kind"]);
        return kind == "function"
            || (kind == "pointer" && description["pointee"] is JsonObject pointee && StringOf(pointee["kind"]) == "function");
    }

    /// <summary>
    /// The name a library is known by, whichever way it is spelled: <c>stretch</c>, <c>libstretch.so.1</c>,
    /// <c>./lib/stretch.dll</c> and <c>libstretch.dylib</c> all become <c>stretch</c>.
    /// </summary>
    public static string NormalizeLibraryName(string library)
    {
        string name = library;
        int separator = Math.Max(name.LastIndexOf('/'), name.LastIndexOf('\\'));
        if (separator >= 0)
        {
            name = name.Substring(separator + 1);
        }

        // Drop version suffixes (".so.1.2") and then the extension.
        while (true)
        {
            int dot = name.LastIndexOf('.');
            if (dot <= 0)
            {
                break;
            }

            string suffix = name.Substring(dot + 1);
            if (IsAllDigits(suffix)
                || suffix.Equals("so", StringComparison.OrdinalIgnoreCase)
                || suffix.Equals("dll", StringComparison.OrdinalIgnoreCase)
                || suffix.Equals("dylib", StringComparison.OrdinalIgnoreCase))
            {
                name = name.Substring(0, dot);
                continue;
            }

            break;
        }

        if (name.Length > 3 && name.StartsWith("lib", StringComparison.Ordinal))
        {
            name = name.Substring(3);
        }

        return name.ToLowerInvariant();
    }

    private static bool IsAllDigits(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (c < '0' || c > '9')
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>Thrown for JSON that is not a manifest this analyzer can read.</summary>
internal sealed class ManifestFormatException : Exception
{
    public ManifestFormatException(string message)
        : base(message)
    {
    }
}
