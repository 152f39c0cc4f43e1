using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using StretchBindings.Manifest;

namespace StretchBindings.Scanner.Sidecar;

/// <summary>Writes suggestions as a starter sidecar (every entry marked for review) and as a review table.</summary>
internal static class SidecarWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The sidecar text: one entry per declaration, each with its evidence and <c>"review": true</c>.</summary>
    public static string Write(IReadOnlyList<Suggestion> suggestions, string? schemaReference)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Options))
        {
            w.WriteStartObject();
            if (schemaReference is not null)
            {
                w.WriteString(SidecarKeys.Schema, schemaReference);
            }

            WriteSection(w, SidecarKeys.Functions, suggestions.Where(s => s.Section == SidecarKeys.Functions));
            WriteSection(w, SidecarKeys.Types, suggestions.Where(s => s.Section == SidecarKeys.Types));
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n") + "\n";
    }

    /// <summary>A tab-separated table, one suggestion a row, with empty verdict and reason columns to fill in.</summary>
    public static string WriteReviewTable(IReadOnlyList<Suggestion> suggestions)
    {
        var text = new StringBuilder("kind\ttarget\tannotation\tevidence\tverdict\treason\n");
        foreach (Suggestion s in suggestions)
        {
            text.Append(s.Kind).Append('\t').Append(s.Target).Append('\t').Append(s.AnnotationText).Append('\t')
                .Append(s.Evidence.Replace('\t', ' ')).Append("\t\t\n");
        }

        return text.ToString();
    }

    private static void WriteSection(Utf8JsonWriter w, string section, IEnumerable<Suggestion> suggestions)
    {
        w.WriteStartObject(section);
        foreach (IGrouping<string, Suggestion> entry in suggestions.GroupBy(s => s.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            w.WriteStartObject(entry.Key);
            foreach (Suggestion s in entry.Where(s => s.Parameter is null))
            {
                WriteAnnotation(w, s.Annotation);
            }

            Suggestion[] parameters = entry.Where(s => s.Parameter is not null).ToArray();
            if (parameters.Length > 0)
            {
                w.WriteStartObject(SidecarKeys.Parameters);
                foreach (IGrouping<string?, Suggestion> parameter in parameters.GroupBy(s => s.Parameter))
                {
                    w.WriteStartObject(parameter.Key!);
                    foreach (Suggestion s in parameter)
                    {
                        WriteAnnotation(w, s.Annotation);
                    }

                    w.WriteEndObject();
                }

                w.WriteEndObject();
            }

            w.WriteString(SidecarKeys.Evidence, string.Join("; ", entry.Select(s => (s.Parameter is null ? string.Empty : s.Parameter + ": ") + s.Evidence)));
            w.WriteBoolean(SidecarKeys.Review, true);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    // The inverse of the reader: no arguments is true, arguments are an object keyed by the table's argument names.
    private static void WriteAnnotation(Utf8JsonWriter w, NativeAnnotation annotation)
    {
        AnnotationDefinition definition = NativeAnnotationNames.Definition(annotation.Name)!;
        if (definition.Arguments.Count == 0)
        {
            w.WriteBoolean(annotation.Name, true);
            return;
        }

        w.WriteStartObject(annotation.Name);
        for (int i = 0; i < definition.ArgumentNames.Count; i++)
        {
            string[] values = annotation.Arguments[i].Split('|');
            if (definition.Arguments[i] == AnnotationArgument.SuccessValues && values.All(v => long.TryParse(v, out _)))
            {
                // Plain values as the array the reader takes ([0], [100, 101]); bounds and ranges stay text.
                w.WriteStartArray(definition.ArgumentNames[i]);
                foreach (string value in values)
                {
                    w.WriteNumberValue(long.Parse(value, System.Globalization.CultureInfo.InvariantCulture));
                }

                w.WriteEndArray();
                continue;
            }

            w.WriteString(definition.ArgumentNames[i], annotation.Arguments[i]);
        }

        w.WriteEndObject();
    }
}
