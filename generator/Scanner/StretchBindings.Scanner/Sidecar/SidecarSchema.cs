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
                     place is { } p ? d.Place == p : d.Place is AnnotationPlace.Struct or AnnotationPlace.Enum))
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
            w.WriteStartObject(SidecarKeys.Exclude);
            w.WriteString("description", "Leave the function out of the manifest.");
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
                w.WriteString("description", definition.Arguments[i] == AnnotationArgument.Function
                    ? "A function of the header."
                    : "Another, integer, parameter of the same function: the element count.");
                w.WriteString("type", "string");
                w.WriteString("pattern", "^[A-Za-z_][A-Za-z0-9_]*$");
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    }
}
