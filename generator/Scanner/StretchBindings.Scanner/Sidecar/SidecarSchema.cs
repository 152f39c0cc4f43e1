using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using StretchBindings.Manifest;

namespace StretchBindings.Scanner.Sidecar;

/// <summary>
/// The sidecar's JSON schema, made from the annotation table and <see cref="SidecarKeys"/>, so that
/// the published file (schemas/stretchbindings.sidecar.schema.json, checked by a test against this)
/// offers exactly what the reader accepts. <c>sb-scan sidecar-schema</c> prints it.
/// </summary>
internal static class SidecarSchema
{
    public const string Id = "urn:stretchbindings:sidecar-schema:1";

    public static string Generate()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("$schema", "https://json-schema.org/draft/2020-12/schema");
            w.WriteString("$id", Id);
            w.WriteString("title", "StretchBindings annotation sidecar");
            w.WriteString("description", "Interop annotations for a C header you don't own, with exactly the effect of the same sb: annotations written in the header (docs/annotation-sidecar.md).");
            w.WriteString("type", "object");
            w.WriteBoolean("additionalProperties", false);
            w.WriteStartObject("properties");
            w.WriteStartObject(SidecarKeys.Schema);
            w.WriteString("type", "string");
            w.WriteEndObject();
            Section(w, SidecarKeys.Functions, "Functions by name or glob ('*', '?').", "function");
            Section(w, SidecarKeys.Types, "Structs, enums and typedefs by name or glob ('*', '?').", "type");
            w.WriteEndObject();

            w.WriteStartObject("$defs");
            Entry(w, "function", AnnotationPlace.Function, functionKeys: true);
            Entry(w, "type", null, functionKeys: false);
            Entry(w, "parameter", AnnotationPlace.Parameter, functionKeys: false, reviewKeys: false);
            foreach (AnnotationDefinition definition in NativeAnnotationNames.All)
            {
                Annotation(w, definition);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n") + "\n";
    }

    private static void Section(Utf8JsonWriter w, string key, string description, string entry)
    {
        w.WriteStartObject(key);
        w.WriteString("description", description);
        w.WriteString("type", "object");
        w.WriteStartObject("propertyNames");
        w.WriteString("pattern", "^[A-Za-z0-9_*?]+$");
        w.WriteEndObject();
        w.WriteStartObject("additionalProperties");
        w.WriteString("$ref", $"#/$defs/{entry}");
        w.WriteEndObject();
        w.WriteEndObject();
    }

    // A type entry takes struct and enum annotations alike: a typedef's name may stand for either.
    private static void Entry(Utf8JsonWriter w, string name, AnnotationPlace? place, bool functionKeys, bool reviewKeys = true)
    {
        w.WriteStartObject(name);
        w.WriteString("type", "object");
        w.WriteBoolean("additionalProperties", false);
        w.WriteStartObject("properties");
        foreach (AnnotationDefinition definition in NativeAnnotationNames.All.Where(d =>
                     place is { } p ? (d.Place & p) != 0 : (d.Place & (AnnotationPlace.Struct | AnnotationPlace.Enum)) != 0))
        {
            w.WriteStartObject(definition.Name);
            w.WriteString("$ref", $"#/$defs/{definition.Name}");
            w.WriteEndObject();
        }

        if (functionKeys)
        {
            w.WriteStartObject(SidecarKeys.Parameters);
            w.WriteString("description", "Parameter annotations, by parameter name.");
            w.WriteString("type", "object");
            w.WriteStartObject("additionalProperties");
            w.WriteString("$ref", "#/$defs/parameter");
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteStartObject(SidecarKeys.Library);
            w.WriteString("description", "The shared library that exports the function, when not the manifest's (e.g. \"fftw3f\").");
            w.WriteString("type", "string");
            w.WriteNumber("minLength", 1);
            w.WriteEndObject();
        }

        if (reviewKeys)
        {
            w.WriteStartObject(SidecarKeys.Exclude);
            w.WriteString("description", functionKeys
                ? "Leave the function out of the manifest."
                : "Leave the type out of the manifest; a function that uses it is not bound, with the reason.");
            w.WriteString("type", "boolean");
            w.WriteEndObject();
        }

        if (reviewKeys)
        {
            w.WriteStartObject(SidecarKeys.Evidence);
            w.WriteString("description", "Why the entry is there (written by 'sb-scan suggest'); ignored.");
            w.WriteString("type", "string");
            w.WriteEndObject();
            w.WriteStartObject(SidecarKeys.Review);
            w.WriteString("description", "true: a suggestion not yet reviewed; nothing of the entry applies until this is removed.");
            w.WriteString("type", "boolean");
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void Annotation(Utf8JsonWriter w, AnnotationDefinition definition)
    {
        w.WriteStartObject(definition.Name);
        w.WriteString("description", $"sb:{definition.Name} — {definition.Meaning}.");
        if (definition.Arguments.Count == 0)
        {
            w.WriteBoolean("const", true);
        }
        else
        {
            w.WriteString("type", "object");
            w.WriteBoolean("additionalProperties", false);
            w.WriteStartArray("required");
            foreach (string argument in definition.ArgumentNames)
            {
                w.WriteStringValue(argument);
            }

            w.WriteEndArray();
            w.WriteStartObject("properties");
            for (int i = 0; i < definition.ArgumentNames.Count; i++)
            {
                w.WriteStartObject(definition.ArgumentNames[i]);
                if (definition.Arguments[i] == AnnotationArgument.SuccessValues)
                {
                    SuccessValuesSchema(w);
                    continue;
                }

                w.WriteString("description", definition.Arguments[i] switch
                {
                    AnnotationArgument.Function => "A function of the header.",
                    AnnotationArgument.DotNetName => "A .NET identifier.",
                    _ => "Another, integer, parameter of the same function: the element count.",
                });
                w.WriteString("type", "string");
                w.WriteString("pattern", "^[A-Za-z_][A-Za-z0-9_]*$");
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    // The reader's forms of success values (SidecarReader.ValuesText); the string is checked by SuccessValues.
    private static void SuccessValuesSchema(Utf8JsonWriter w)
    {
        const string Number = "-?[0-9]+";
        const string Alternative = "(" + Number + "|(>=|<=|>|<) *" + Number + "|" + Number + " *\\.\\. *" + Number + ")";
        w.WriteString("description", "The success values: an integer, an array of integers, or a string of " + SuccessValues.Grammar + ".");
        w.WriteStartArray("oneOf");
        w.WriteStartObject();
        w.WriteString("type", "integer");
        w.WriteEndObject();
        w.WriteStartObject();
        w.WriteString("type", "array");
        w.WriteNumber("minItems", 1);
        w.WriteStartObject("items");
        w.WriteString("type", "integer");
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartObject();
        w.WriteString("type", "string");
        w.WriteString("pattern", "^ *" + Alternative + "( *\\| *" + Alternative + ")* *$");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
