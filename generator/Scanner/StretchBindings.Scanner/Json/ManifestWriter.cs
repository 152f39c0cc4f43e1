using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using StretchBindings.Scanner.Model;

namespace StretchBindings.Scanner.Json;

/// <summary>
/// Writes a manifest as indented JSON with a fixed key order, '\n' line endings and a final newline,
/// so the same header always gives the same bytes. Keys whose value is absent are left out.
/// </summary>
public static class ManifestWriter
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

    private static void WriteManifest(Utf8JsonWriter w, NativeManifest m)
    {
        w.WriteStartObject();
        w.WriteNumber("schemaVersion", m.SchemaVersion);
        w.WriteString("library", m.Library);
        w.WriteString("header", m.Header);
        WriteStrings(w, "files", m.Files);
        w.WriteStartObject("target");
        w.WriteString("triple", m.Target.Triple);
        w.WriteNumber("pointerSize", m.Target.PointerSize);
        w.WriteString("language", m.Target.Language);
        w.WriteEndObject();
        WriteStrings(w, "defines", m.Defines);
        WriteArray(w, "functions", m.Functions, WriteFunction);
        WriteArray(w, "records", m.Records, WriteRecord);
        WriteArray(w, "enums", m.Enums, WriteEnum);
        WriteArray(w, "typedefs", m.Typedefs, WriteTypedef);
        WriteArray(w, "constants", m.Constants, WriteConstant);
        WriteArray(w, "unsupported", m.Unsupported, WriteUnsupported);
        w.WriteEndObject();
    }

    private static void WriteFunction(Utf8JsonWriter w, FunctionInfo f)
    {
        w.WriteStartObject();
        w.WriteString("name", f.Name);
        w.WritePropertyName("returnType");
        WriteType(w, f.ReturnType);
        WriteArray(w, "parameters", f.Parameters, WriteParameter);
        w.WriteBoolean("variadic", f.Variadic);
        w.WriteString("callingConvention", f.CallingConvention);
        WriteAnnotations(w, f.Annotations);
        WriteDoc(w, f.Doc);
        WriteLocation(w, f.Location);
        WriteOptionalString(w, "unsupported", f.Unsupported);
        w.WriteEndObject();
    }

    private static void WriteParameter(Utf8JsonWriter w, ParameterInfo p)
    {
        w.WriteStartObject();
        w.WriteString("name", p.Name);
        w.WritePropertyName("type");
        WriteType(w, p.Type);
        WriteAnnotations(w, p.Annotations);
        w.WriteEndObject();
    }

    private static void WriteRecord(Utf8JsonWriter w, RecordInfo r)
    {
        w.WriteStartObject();
        w.WriteString("name", r.Name);
        w.WriteString("kind", KindName(r.Kind));
        w.WriteBoolean("opaque", r.Opaque);
        WriteOptionalNumber(w, "size", r.Size);
        WriteOptionalNumber(w, "align", r.Align);
        WriteArray(w, "fields", r.Fields, WriteField);
        WriteAnnotations(w, r.Annotations);
        WriteDoc(w, r.Doc);
        WriteLocation(w, r.Location);
        WriteOptionalString(w, "unsupported", r.Unsupported);
        w.WriteEndObject();
    }

    private static void WriteField(Utf8JsonWriter w, FieldInfo f)
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
        w.WriteEndObject();
    }

    private static void WriteEnum(Utf8JsonWriter w, EnumInfo e)
    {
        w.WriteStartObject();
        w.WriteString("name", e.Name);
        w.WritePropertyName("underlyingType");
        WriteType(w, e.UnderlyingType);
        WriteArray(w, "constants", e.Constants, static (w, c) =>
        {
            w.WriteStartObject();
            w.WriteString("name", c.Name);
            w.WritePropertyName("value");
            WriteInteger(w, c.Value);
            WriteDoc(w, c.Doc);
            w.WriteEndObject();
        });
        WriteAnnotations(w, e.Annotations);
        WriteDoc(w, e.Doc);
        WriteLocation(w, e.Location);
        w.WriteEndObject();
    }

    private static void WriteTypedef(Utf8JsonWriter w, TypedefInfo t)
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

    private static void WriteConstant(Utf8JsonWriter w, ConstantInfo c)
    {
        w.WriteStartObject();
        w.WriteString("name", c.Name);
        w.WriteString("kind", c.Kind switch
        {
            ConstantKind.Integer => "integer",
            ConstantKind.Float => "float",
            _ => "string",
        });
        w.WritePropertyName("type");
        WriteType(w, c.Type);
        w.WritePropertyName("value");
        switch (c.Value)
        {
            case long signedValue:
                w.WriteNumberValue(signedValue);
                break;
            case ulong unsignedValue:
                w.WriteNumberValue(unsignedValue);
                break;
            case double floating:
                w.WriteNumberValue(floating);
                break;
            default:
                w.WriteStringValue(Convert.ToString(c.Value, System.Globalization.CultureInfo.InvariantCulture));
                break;
        }

        w.WriteString("expression", c.Expression);
        WriteDoc(w, c.Doc);
        WriteLocation(w, c.Location);
        w.WriteEndObject();
    }

    private static void WriteUnsupported(Utf8JsonWriter w, UnsupportedInfo u)
    {
        w.WriteStartObject();
        w.WriteString("name", u.Name);
        w.WriteString("kind", u.Kind);
        w.WriteString("reason", u.Reason);
        WriteLocation(w, u.Location);
        w.WriteEndObject();
    }

    private static void WriteType(Utf8JsonWriter w, CType t)
    {
        w.WriteStartObject();
        w.WriteString("kind", KindName(t.Kind));
        w.WriteString("spelling", t.Spelling);
        WriteOptionalString(w, "typedef", t.Typedef);
        WriteOptionalString(w, "name", t.Name);
        WriteOptionalNumber(w, "size", t.Size);
        WriteOptionalNumber(w, "align", t.Align);
        if (t.Signed is { } signed)
        {
            w.WriteBoolean("signed", signed);
        }

        if (t.Const)
        {
            w.WriteBoolean("const", true);
        }

        if (t.Volatile)
        {
            w.WriteBoolean("volatile", true);
        }

        if (t.Opaque == true)
        {
            w.WriteBoolean("opaque", true);
        }

        if (t.Pointee is not null)
        {
            w.WritePropertyName("pointee");
            WriteType(w, t.Pointee);
        }

        if (t.Element is not null)
        {
            w.WritePropertyName("element");
            WriteType(w, t.Element);
            if (t.Length is { } length)
            {
                w.WriteNumber("length", length);
            }
            else
            {
                w.WriteNull("length");
            }
        }

        if (t.UnderlyingType is not null)
        {
            w.WritePropertyName("underlyingType");
            WriteType(w, t.UnderlyingType);
        }

        if (t.ReturnType is not null)
        {
            w.WritePropertyName("returnType");
            WriteType(w, t.ReturnType);
            WriteArray(w, "parameters", t.Parameters ?? [], WriteType);
            w.WriteBoolean("variadic", t.Variadic ?? false);
            w.WriteString("callingConvention", t.CallingConvention ?? "c");
        }

        if (t.Fields is not null)
        {
            WriteArray(w, "fields", t.Fields, WriteField);
        }

        WriteOptionalString(w, "reason", t.Reason);
        w.WriteEndObject();
    }

    private static void WriteAnnotations(Utf8JsonWriter w, IReadOnlyList<Annotation> annotations)
    {
        if (annotations.Count == 0)
        {
            return;
        }

        WriteArray(w, "annotations", annotations, static (w, a) =>
        {
            w.WriteStartObject();
            w.WriteString("name", a.Name);
            WriteStrings(w, "arguments", a.Arguments);
            w.WriteEndObject();
        });
    }

    private static void WriteDoc(Utf8JsonWriter w, DocComment? doc)
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

    private static void WriteLocation(Utf8JsonWriter w, SourceLocation location)
    {
        w.WriteStartObject("location");
        w.WriteString("file", location.File);
        w.WriteNumber("line", location.Line);
        w.WriteNumber("column", location.Column);
        w.WriteEndObject();
    }

    private static void WriteInteger(Utf8JsonWriter w, Int128 value)
    {
        if (value >= long.MinValue && value <= long.MaxValue)
        {
            w.WriteNumberValue((long)value);
        }
        else
        {
            w.WriteNumberValue((ulong)value);
        }
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (string value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    private static void WriteArray<T>(Utf8JsonWriter w, string name, IReadOnlyList<T> items, Action<Utf8JsonWriter, T> write)
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

    public static string KindName(CTypeKind kind) => kind switch
    {
        CTypeKind.Void => "void",
        CTypeKind.Bool => "bool",
        CTypeKind.Int => "int",
        CTypeKind.Float => "float",
        CTypeKind.Pointer => "pointer",
        CTypeKind.Array => "array",
        CTypeKind.Struct => "struct",
        CTypeKind.Union => "union",
        CTypeKind.Enum => "enum",
        CTypeKind.Function => "function",
        _ => "unsupported",
    };
}
