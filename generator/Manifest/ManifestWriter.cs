using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace StretchBindings.Manifest;

/// <summary>
/// Writes a manifest as indented JSON with a fixed key order, '\n' line endings and a final newline,
/// so the same header always gives the same bytes. Keys whose value is absent are left out. Numbers
/// are written as the model keeps them (their JSON text), so reading a manifest and writing it back
/// gives the same bytes. Built on System.Text.Json: compiled into the scanner (and tests) only.
/// </summary>
internal static class ManifestWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        IndentSize = 2,
        NewLine = "\n",
        // The manifest is a file, never embedded in HTML: keep '+', '<', quotes in doc text readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static byte[] ToUtf8(NativeManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options))
        {
            WriteManifest(writer, manifest);
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    public static string ToJson(NativeManifest manifest) => Encoding.UTF8.GetString(ToUtf8(manifest));

    /// <summary>Writes the manifest, creating the directory; the file is replaced whole.</summary>
    public static void WriteFile(NativeManifest manifest, string path)
    {
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllBytes(path, ToUtf8(manifest));
    }

    /// <summary>A floating-point value as the manifest writes it (the shortest text that reads back the same).</summary>
    public static string NumberText(double value)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteNumberValue(value);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteManifest(Utf8JsonWriter w, NativeManifest m)
    {
        w.WriteStartObject();
        w.WriteNumber("schemaVersion", ManifestSchema.Version);
        w.WriteString("library", m.Library);
        w.WriteString("header", m.Header);
        WriteStrings(w, "files", m.Files);
        w.WriteStartObject("target");
        w.WriteString("triple", m.TargetTriple);
        w.WriteNumber("pointerSize", m.PointerSize);
        w.WriteString("language", m.Language);
        w.WriteEndObject();
        WriteStrings(w, "defines", m.Defines);
        // Written only when given, so manifests scanned without it stay as they were.
        if (m.IncludeFirst.Count > 0)
        {
            WriteStrings(w, "includeFirst", m.IncludeFirst);
        }

        WriteArray(w, "functions", m.Functions, WriteFunction);
        WriteArray(w, "records", m.Records, WriteRecord);
        WriteArray(w, "enums", m.Enums, WriteEnum);
        WriteArray(w, "typedefs", m.Typedefs, WriteTypedef);
        WriteArray(w, "constants", m.Constants, WriteConstant);
        WriteArray(w, "globals", m.Globals, WriteGlobal);
        WriteArray(w, "unsupported", m.Unsupported, WriteUnsupported);
        w.WriteEndObject();
    }

    private static void WriteFunction(Utf8JsonWriter w, NativeFunction f)
    {
        w.WriteStartObject();
        w.WriteString("name", f.Name);
        w.WritePropertyName("returnType");
        WriteType(w, f.ReturnType);
        WriteArray(w, "parameters", f.Parameters, WriteParameter);
        w.WriteBoolean("variadic", f.Variadic);
        w.WriteString("callingConvention", f.CallingConvention);
        WriteOptionalString(w, "library", f.Library);
        WriteLocation(w, f.LibrarySource, "librarySource");
        WriteAnnotations(w, f.Annotations);
        WriteDoc(w, f.Doc);
        WriteLocation(w, f.Location);
        WriteOptionalString(w, "unsupported", f.Unsupported);
        w.WriteEndObject();
    }

    private static void WriteParameter(Utf8JsonWriter w, NativeParameter p)
    {
        w.WriteStartObject();
        w.WriteString("name", p.Name);
        w.WritePropertyName("type");
        WriteType(w, p.Type);
        WriteAnnotations(w, p.Annotations);
        w.WriteEndObject();
    }

    private static void WriteRecord(Utf8JsonWriter w, NativeRecord r)
    {
        w.WriteStartObject();
        w.WriteString("name", r.Name);
        w.WriteString("kind", r.IsUnion ? "union" : "struct");
        w.WriteBoolean("opaque", r.Opaque);
        if (!r.Opaque)
        {
            // Only a defined record has a layout.
            w.WriteNumber("size", r.Size);
            w.WriteNumber("align", r.Align);
        }

        WriteArray(w, "fields", r.Fields, WriteField);
        WriteAnnotations(w, r.Annotations);
        WriteDoc(w, r.Doc);
        WriteLocation(w, r.Location);
        WriteOptionalString(w, "unsupported", r.Unsupported);
        w.WriteEndObject();
    }

    private static void WriteField(Utf8JsonWriter w, NativeField f)
    {
        w.WriteStartObject();
        w.WriteString("name", f.Name);
        w.WritePropertyName("type");
        WriteType(w, f.Type);
        w.WriteNumber("offset", f.Offset);
        if (f.BitField)
        {
            w.WriteBoolean("bitField", true);
            WriteOptionalNumber(w, "bitOffset", f.BitOffset);
            WriteOptionalNumber(w, "bitWidth", f.BitWidth);
        }

        WriteDoc(w, f.Doc);
        WriteLocation(w, f.Location);
        w.WriteEndObject();
    }

    private static void WriteEnum(Utf8JsonWriter w, NativeEnum e)
    {
        w.WriteStartObject();
        w.WriteString("name", e.Name);
        w.WritePropertyName("underlyingType");
        WriteType(w, e.Underlying);
        WriteArray(w, "constants", e.Constants, static (w, c) =>
        {
            w.WriteStartObject();
            w.WriteString("name", c.Name);
            w.WritePropertyName("value");
            w.WriteRawValue(c.Value);
            WriteDoc(w, c.Doc);
            w.WriteEndObject();
        });
        WriteAnnotations(w, e.Annotations);
        WriteDoc(w, e.Doc);
        WriteLocation(w, e.Location);
        w.WriteEndObject();
    }

    private static void WriteTypedef(Utf8JsonWriter w, NativeTypedef t)
    {
        w.WriteStartObject();
        w.WriteString("name", t.Name);
        w.WritePropertyName("type");
        WriteType(w, t.Type);
        WriteAnnotations(w, t.Annotations);
        WriteDoc(w, t.Doc);
        WriteLocation(w, t.Location);
        w.WriteEndObject();
    }

    private static void WriteConstant(Utf8JsonWriter w, NativeConstant c)
    {
        w.WriteStartObject();
        w.WriteString("name", c.Name);
        w.WriteString("kind", c.Kind switch
        {
            NativeConstantKind.Integer => "integer",
            NativeConstantKind.Float => "float",
            _ => "string",
        });
        w.WritePropertyName("type");
        WriteType(w, c.Type);
        w.WritePropertyName("value");
        if (c.Kind == NativeConstantKind.String)
        {
            w.WriteStringValue(c.Value);
        }
        else
        {
            w.WriteRawValue(c.Value);
        }

        w.WriteString("expression", c.Expression);
        WriteDoc(w, c.Doc);
        WriteLocation(w, c.Location);
        w.WriteEndObject();
    }

    private static void WriteGlobal(Utf8JsonWriter w, NativeGlobal g)
    {
        w.WriteStartObject();
        w.WriteString("name", g.Name);
        w.WritePropertyName("type");
        WriteType(w, g.Type);
        WriteDoc(w, g.Doc);
        WriteLocation(w, g.Location);
        w.WriteEndObject();
    }

    private static void WriteUnsupported(Utf8JsonWriter w, NativeUnsupported u)
    {
        w.WriteStartObject();
        w.WriteString("name", u.Name);
        w.WriteString("kind", u.Kind);
        w.WriteString("reason", u.Reason);
        WriteLocation(w, u.Location);
        w.WriteEndObject();
    }

    private static void WriteType(Utf8JsonWriter w, NativeType t)
    {
        w.WriteStartObject();
        w.WriteString("kind", NativeTypeKinds.Name(t.Kind));
        w.WriteString("spelling", t.Spelling);
        WriteOptionalString(w, "typedef", t.Typedef);
        WriteOptionalString(w, "name", t.Name);
        if (t.Size >= 0)
        {
            w.WriteNumber("size", t.Size);
        }

        if (t.Align >= 0)
        {
            w.WriteNumber("align", t.Align);
        }

        if (t.Kind == NativeTypeKind.Int)
        {
            // Every integer has a signedness on the target (plain char included); nothing else has one.
            w.WriteBoolean("signed", t.Signed);
        }

        if (t.Const)
        {
            w.WriteBoolean("const", true);
        }

        if (t.Volatile)
        {
            w.WriteBoolean("volatile", true);
        }

        if (t.Opaque)
        {
            w.WriteBoolean("opaque", true);
        }

        if (t.Kind == NativeTypeKind.Pointer && t.Pointee is not null)
        {
            w.WritePropertyName("pointee");
            WriteType(w, t.Pointee);
        }

        if (t.Kind == NativeTypeKind.Array && t.Pointee is not null)
        {
            w.WritePropertyName("element");
            WriteType(w, t.Pointee);
            if (t.Length is { } length)
            {
                w.WriteNumber("length", length);
            }
            else
            {
                w.WriteNull("length");
            }
        }

        if (t.Underlying is not null)
        {
            w.WritePropertyName("underlyingType");
            WriteType(w, t.Underlying);
        }

        if (t.Signature is { } signature)
        {
            w.WritePropertyName("returnType");
            WriteType(w, signature.ReturnType);
            WriteArray(w, "parameters", signature.Parameters, WriteType);
            w.WriteBoolean("variadic", signature.Variadic);
            w.WriteString("callingConvention", signature.CallingConvention);
        }

        if (t.Kind is NativeTypeKind.Struct or NativeTypeKind.Union && t.Name is null && !t.Opaque)
        {
            // A record without a name has no entry of its own: its fields go with the type.
            WriteArray(w, "fields", t.Fields, WriteField);
        }

        WriteOptionalString(w, "reason", t.Reason);
        w.WriteEndObject();
    }

    private static void WriteAnnotations(Utf8JsonWriter w, EquatableArray<NativeAnnotation> annotations)
    {
        if (annotations.IsEmpty)
        {
            return;
        }

        WriteArray(w, "annotations", annotations, static (w, a) =>
        {
            w.WriteStartObject();
            w.WriteString("name", a.Name);
            WriteStrings(w, "arguments", a.Arguments);
            WriteLocation(w, a.Source, "source");
            w.WriteEndObject();
        });
    }

    private static void WriteDoc(Utf8JsonWriter w, NativeDoc? doc)
    {
        if (doc is null)
        {
            return;
        }

        w.WriteStartObject("doc");
        WriteOptionalString(w, "brief", doc.Brief);
        w.WriteString("text", doc.Text);
        w.WriteEndObject();
    }

    private static void WriteLocation(Utf8JsonWriter w, NativeLocation? location, string key = "location")
    {
        if (location is null)
        {
            return;
        }

        w.WriteStartObject(key);
        w.WriteString("file", location.File);
        w.WriteNumber("line", location.Line);
        w.WriteNumber("column", location.Column);
        w.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, EquatableArray<string> values)
    {
        w.WriteStartArray(name);
        foreach (string value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    private static void WriteArray<T>(Utf8JsonWriter w, string name, EquatableArray<T> items, Action<Utf8JsonWriter, T> write)
        where T : IEquatable<T>
    {
        w.WriteStartArray(name);
        foreach (T item in items)
        {
            write(w, item);
        }

        w.WriteEndArray();
    }

    private static void WriteOptionalString(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteOptionalNumber(Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } number)
        {
            w.WriteNumber(name, number);
        }
    }
}
