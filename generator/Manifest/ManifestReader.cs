using System;
using System.Collections.Generic;
using StretchBindings.Json;

namespace StretchBindings.Manifest;

/// <summary>A manifest that parses as JSON but does not follow the schema.</summary>
internal sealed class ManifestFormatException(string message, int line, int column) : Exception(message)
{
    public int Line { get; } = line;

    public int Column { get; } = column;
}

/// <summary>A manifest whose schemaVersion this generator does not know.</summary>
internal sealed class ManifestVersionException(string version) : Exception("unknown schema version " + version)
{
    public string Version { get; } = version;
}

/// <summary>
/// Reads a manifest document (docs/manifest-schema.md) into the native model, keeping everything the
/// scanner writes, so that <see cref="ManifestWriter"/> gives the same bytes back.
/// </summary>
internal static class ManifestReader
{
    public const int SchemaVersion = ManifestSchema.Version;

    /// <summary>Parses <paramref name="text"/>; throws <see cref="JsonReaderException"/>, <see cref="ManifestFormatException"/> or <see cref="ManifestVersionException"/>.</summary>
    public static NativeManifest Read(string text)
    {
        JsonObject root = AsObject(JsonReader.Parse(text), "the document");
        JsonValue version = Required(root, "schemaVersion");
        if (version is not JsonNumber number || !number.TryGetInt64(out long schema)
            || schema < ManifestSchema.OldestReadableVersion || schema > SchemaVersion)
        {
            throw new ManifestVersionException(version is JsonNumber n ? n.Text : version.Kind.ToString().ToLowerInvariant());
        }

        string library = RequiredString(root, "library");
        if (library.Length == 0)
        {
            throw Error(root["library"]!, "'library' is empty");
        }

        int pointerSize = 8;
        string triple = string.Empty;
        string language = string.Empty;
        if (root["target"] is JsonObject target)
        {
            if (target["pointerSize"] is JsonNumber size && size.TryGetInt64(out long bytes))
            {
                pointerSize = (int)bytes;
            }

            triple = OptionalString(target, "triple") ?? string.Empty;
            language = OptionalString(target, "language") ?? string.Empty;
        }

        return new NativeManifest(
            library,
            OptionalString(root, "header") ?? string.Empty,
            pointerSize,
            ReadObjects(root, "functions", ReadFunction),
            ReadObjects(root, "records", ReadRecord),
            ReadObjects(root, "enums", ReadEnum),
            ReadObjects(root, "typedefs", ReadTypedef),
            ReadObjects(root, "constants", ReadConstant))
        {
            Files = ReadList(root, "files", ReadString),
            TargetTriple = triple,
            Language = language,
            Defines = ReadList(root, "defines", ReadString),
            IncludeFirst = ReadList(root, "includeFirst", ReadString),
            Globals = ReadObjects(root, "globals", ReadGlobal),
            Unsupported = ReadObjects(root, "unsupported", ReadUnsupported),
        };
    }

    private static NativeUnsupported ReadUnsupported(JsonObject value) => new(
        RequiredString(value, "name"),
        RequiredString(value, "kind"),
        OptionalString(value, "reason") ?? string.Empty,
        ReadLocation(value));

    private static NativeGlobal ReadGlobal(JsonObject value) => new(
        RequiredString(value, "name"),
        ReadType(Required(value, "type")),
        ReadDoc(value),
        ReadLocation(value));

    private static string ReadString(JsonValue value) => value is JsonString s ? s.Value : throw Error(value, "expected a string");

    private static NativeFunction ReadFunction(JsonObject value) => new(
        RequiredString(value, "name"),
        ReadType(Required(value, "returnType")),
        ReadObjects(value, "parameters", ReadParameter),
        OptionalBool(value, "variadic"),
        OptionalString(value, "callingConvention") ?? "c",
        ReadAnnotations(value),
        ReadDoc(value),
        ReadLocation(value),
        OptionalString(value, "unsupported"))
    {
        Library = OptionalString(value, "library"),
        LibrarySource = ReadLocation(value, "librarySource"),
    };

    private static NativeParameter ReadParameter(JsonObject value) => new(
        OptionalString(value, "name") ?? string.Empty,
        ReadType(Required(value, "type")),
        ReadAnnotations(value));

    private static NativeRecord ReadRecord(JsonObject value) => new(
        RequiredString(value, "name"),
        OptionalString(value, "kind") == "union",
        OptionalBool(value, "opaque"),
        OptionalInt(value, "size"),
        OptionalInt(value, "align"),
        ReadObjects(value, "fields", ReadField),
        ReadAnnotations(value),
        ReadDoc(value),
        ReadLocation(value),
        OptionalString(value, "unsupported"));

    private static NativeField ReadField(JsonObject value) => new(
        OptionalString(value, "name") ?? string.Empty,
        ReadType(Required(value, "type")),
        OptionalLong(value, "offset") ?? 0,
        OptionalBool(value, "bitField"),
        ReadDoc(value))
    {
        BitOffset = OptionalLong(value, "bitOffset"),
        BitWidth = (int?)OptionalLong(value, "bitWidth"),
        Location = ReadLocation(value),
    };

    private static NativeEnum ReadEnum(JsonObject value) => new(
        RequiredString(value, "name"),
        ReadType(Required(value, "underlyingType")),
        ReadObjects(value, "constants", ReadEnumConstant),
        ReadAnnotations(value),
        ReadDoc(value),
        ReadLocation(value));

    private static NativeEnumConstant ReadEnumConstant(JsonObject value)
    {
        JsonValue number = Required(value, "value");
        if (number is not JsonNumber integer || !integer.IsInteger)
        {
            throw Error(number, "an enumerator's 'value' must be an integer");
        }

        return new NativeEnumConstant(RequiredString(value, "name"), integer.Text, ReadDoc(value));
    }

    private static NativeTypedef ReadTypedef(JsonObject value) => new(
        RequiredString(value, "name"),
        ReadType(Required(value, "type")),
        ReadAnnotations(value),
        ReadDoc(value))
    {
        Location = ReadLocation(value),
    };

    private static NativeConstant ReadConstant(JsonObject value)
    {
        string kindText = RequiredString(value, "kind");
        JsonValue raw = Required(value, "value");
        NativeConstantKind kind;
        string text;
        switch (kindText)
        {
            case "integer" when raw is JsonNumber n && n.IsInteger:
                kind = NativeConstantKind.Integer;
                text = n.Text;
                break;
            case "float" when raw is JsonNumber f:
                kind = NativeConstantKind.Float;
                text = f.Text;
                break;
            case "string" when raw is JsonString s:
                kind = NativeConstantKind.String;
                text = s.Value;
                break;
            default:
                throw Error(raw, $"a constant of kind '{kindText}' has a value of the wrong type");
        }

        return new NativeConstant(RequiredString(value, "name"), kind, ReadType(Required(value, "type")), text, ReadDoc(value))
        {
            Expression = OptionalString(value, "expression") ?? string.Empty,
            Location = ReadLocation(value),
        };
    }

    public static NativeType ReadType(JsonValue value)
    {
        JsonObject type = AsObject(value, "a type");
        string kindText = RequiredString(type, "kind");
        if (!NativeTypeKinds.TryParse(kindText, out NativeTypeKind kind))
        {
            throw Error(type["kind"]!, $"unknown type kind '{kindText}'");
        }

        NativeType? target = kind switch
        {
            NativeTypeKind.Pointer => ReadType(Required(type, "pointee")),
            NativeTypeKind.Array => ReadType(Required(type, "element")),
            _ => null,
        };

        long? length = null;
        if (kind == NativeTypeKind.Array && type["length"] is JsonNumber count && count.TryGetInt64(out long elements))
        {
            length = elements;
        }

        NativeSignature? signature = null;
        if (kind == NativeTypeKind.Function)
        {
            signature = new NativeSignature(
                ReadType(Required(type, "returnType")),
                ReadList(type, "parameters", ReadType),
                OptionalBool(type, "variadic"),
                OptionalString(type, "callingConvention") ?? "c");
        }

        return new NativeType(
            kind,
            OptionalString(type, "spelling") ?? kindText,
            OptionalString(type, "typedef"),
            OptionalString(type, "name"),
            OptionalInt(type, "size", -1),
            OptionalBool(type, "signed"),
            OptionalBool(type, "const"),
            OptionalBool(type, "opaque"),
            target,
            length,
            type["underlyingType"] is JsonValue underlying ? ReadType(underlying) : null,
            signature,
            ReadObjects(type, "fields", ReadField),
            OptionalString(type, "reason"))
        {
            Align = OptionalInt(type, "align", -1),
            Volatile = OptionalBool(type, "volatile"),
        };
    }

    private static EquatableArray<NativeAnnotation> ReadAnnotations(JsonObject owner) =>
        ReadObjects(owner, "annotations", annotation => new NativeAnnotation(
            RequiredString(annotation, "name"),
            ReadList(annotation, "arguments", argument => argument is JsonString s ? s.Value : throw Error(argument, "an annotation argument must be a string")))
        {
            Source = ReadLocation(annotation, "source"),
        });

    private static NativeDoc? ReadDoc(JsonObject owner) =>
        owner["doc"] is JsonObject doc ? new NativeDoc(OptionalString(doc, "brief"), OptionalString(doc, "text") ?? string.Empty) : null;

    private static NativeLocation? ReadLocation(JsonObject owner, string key = "location") =>
        owner[key] is JsonObject location
            ? new NativeLocation(OptionalString(location, "file") ?? string.Empty, OptionalInt(location, "line"), OptionalInt(location, "column"))
            : null;

    private static EquatableArray<T> ReadObjects<T>(JsonObject owner, string key, Func<JsonObject, T> read)
        where T : IEquatable<T> =>
        ReadList(owner, key, value => read(AsObject(value, $"an item of '{key}'")));

    private static EquatableArray<T> ReadList<T>(JsonObject owner, string key, Func<JsonValue, T> read)
        where T : IEquatable<T>
    {
        JsonValue? value = owner[key];
        if (value is null)
        {
            return EquatableArray<T>.Empty;
        }

        if (value is not JsonArray array)
        {
            throw Error(value, $"'{key}' must be an array");
        }

        var items = new T[array.Items.Count];
        for (int i = 0; i < items.Length; i++)
        {
            items[i] = read(array.Items[i]);
        }

        return items;
    }

    private static JsonObject AsObject(JsonValue value, string what) =>
        value as JsonObject ?? throw Error(value, $"{what} must be an object");

    private static JsonValue Required(JsonObject owner, string key) =>
        owner[key] ?? throw Error(owner, $"'{key}' is missing");

    private static string RequiredString(JsonObject owner, string key) =>
        Required(owner, key) is JsonString s ? s.Value : throw Error(owner[key]!, $"'{key}' must be a string");

    private static string? OptionalString(JsonObject owner, string key) => owner[key] switch
    {
        null => null,
        JsonString s => s.Value,
        JsonValue other => throw Error(other, $"'{key}' must be a string"),
    };

    private static bool OptionalBool(JsonObject owner, string key) => owner[key] switch
    {
        null => false,
        JsonBoolean b => b.Value,
        JsonValue other => throw Error(other, $"'{key}' must be true or false"),
    };

    private static int OptionalInt(JsonObject owner, string key, int missing = 0) => owner[key] switch
    {
        null => missing,
        JsonNumber n when n.TryGetInt64(out long value) && value >= int.MinValue && value <= int.MaxValue => (int)value,
        JsonValue other => throw Error(other, $"'{key}' must be an integer"),
    };

    private static long? OptionalLong(JsonObject owner, string key) => owner[key] switch
    {
        null => null,
        JsonNumber n when n.TryGetInt64(out long value) => value,
        JsonValue other => throw Error(other, $"'{key}' must be an integer"),
    };

    private static ManifestFormatException Error(JsonValue at, string message) => new(message, at.Line, at.Column);
}
