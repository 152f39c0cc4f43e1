using System.Globalization;
using System.Text;

namespace StretchBindings.Generator.Benchmarks;

/// <summary>A large manifest in the scanner's format, with a realistic mix of signatures.</summary>
public static class SyntheticManifest
{
    private const string Int = """{ "kind": "int", "spelling": "int", "name": "int", "size": 4, "align": 4, "signed": true }""";
    private const string Double = """{ "kind": "float", "spelling": "double", "name": "double", "size": 8, "align": 8 }""";
    private const string SizeT = """{ "kind": "int", "spelling": "size_t", "typedef": "size_t", "name": "unsigned long", "size": 8, "align": 8, "signed": false }""";
    private const string CString = """{ "kind": "pointer", "spelling": "const char *", "size": 8, "align": 8, "pointee": { "kind": "int", "spelling": "const char", "name": "char", "size": 1, "align": 1, "signed": true, "const": true } }""";
    private const string FloatPointer = """{ "kind": "pointer", "spelling": "float *", "size": 8, "align": 8, "pointee": { "kind": "float", "spelling": "float", "name": "float", "size": 4, "align": 4 } }""";

    public static string Create(int functions)
    {
        var json = new StringBuilder();
        json.Append("""{ "schemaVersion": 1, "library": "big", "header": "big.h", "files": ["big.h"], "target": { "triple": "x86_64-pc-linux-gnu", "pointerSize": 8, "language": "c11" }, "defines": [], "functions": [""");
        for (int i = 0; i < functions; i++)
        {
            string name = "big_function_" + i.ToString("D4", CultureInfo.InvariantCulture);
            string record = "big_record_" + (i % 100).ToString("D3", CultureInfo.InvariantCulture);
            string recordPointer = $$"""{ "kind": "pointer", "spelling": "{{record}} *", "size": 8, "align": 8, "pointee": { "kind": "struct", "spelling": "{{record}}", "name": "{{record}}", "size": 16, "align": 8 } }""";
            string enumType = $$"""{ "kind": "enum", "spelling": "big_enum_{{i % 50}}", "name": "big_enum_{{i % 50}}", "size": 4, "align": 4, "underlyingType": {{Int}} }""";
            string parameters = (i % 4) switch
            {
                0 => $$"""[ { "name": "self", "type": {{recordPointer}} }, { "name": "value", "type": {{Double}} } ]""",
                1 => $$"""[ { "name": "text", "type": {{CString}} }, { "name": "length", "type": {{SizeT}} } ]""",
                2 => $$"""[ { "name": "self", "type": {{recordPointer}} }, { "name": "samples", "type": {{FloatPointer}}, "annotations": [ { "name": "out_buffer", "arguments": ["count"] } ] }, { "name": "count", "type": {{Int}} } ]""",
                _ => $$"""[ { "name": "mode", "type": {{enumType}} }, { "name": "a", "type": {{Int}} }, { "name": "b", "type": {{Int}} }, { "name": "c", "type": {{Int}} } ]""",
            };
            string annotations = i % 3 == 0 ? """, "annotations": [ { "name": "short_call", "arguments": [] } ]""" : string.Empty;
            json.Append(i == 0 ? string.Empty : ", ");
            json.Append($$"""{ "name": "{{name}}", "returnType": {{Int}}, "parameters": {{parameters}}, "variadic": false, "callingConvention": "c"{{annotations}}, "doc": { "brief": "Function {{i}}.", "text": "Function {{i}}.\n@param self the instance.\n@return zero on success." } }""");
        }

        json.Append("""], "records": [""");
        for (int r = 0; r < 100; r++)
        {
            string record = "big_record_" + r.ToString("D3", CultureInfo.InvariantCulture);
            json.Append(r == 0 ? string.Empty : ", ");
            json.Append($$"""{ "name": "{{record}}", "kind": "struct", "opaque": false, "size": 16, "align": 8, "fields": [ { "name": "x", "type": {{Double}}, "offset": 0 }, { "name": "n", "type": {{Int}}, "offset": 8 } ] }""");
        }

        json.Append("""], "enums": [""");
        for (int e = 0; e < 50; e++)
        {
            json.Append(e == 0 ? string.Empty : ", ");
            json.Append($$"""{ "name": "big_enum_{{e}}", "underlyingType": {{Int}}, "constants": [ { "name": "BIG_ENUM_{{e}}_A", "value": 0 }, { "name": "BIG_ENUM_{{e}}_B", "value": -1 } ] }""");
        }

        json.Append("""], "typedefs": [], "constants": [""");
        for (int c = 0; c < 100; c++)
        {
            json.Append(c == 0 ? string.Empty : ", ");
            json.Append($$"""{ "name": "BIG_CONSTANT_{{c}}", "kind": "integer", "type": {{Int}}, "value": {{c}}, "expression": "{{c}}" }""");
        }

        json.Append("""], "unsupported": [] }""");
        return json.ToString();
    }

    /// <summary>
    /// A manifest of <paramref name="types"/> types: nine structs in ten (four fields: int, double, a
    /// fixed array and a pointer to the previous struct) and one enum in ten, with one function per
    /// struct taking it by pointer.
    /// </summary>
    public static string CreateTypes(int types)
    {
        var functions = new StringBuilder();
        var records = new StringBuilder();
        var enums = new StringBuilder();
        for (int i = 0; i < types; i++)
        {
            string index = i.ToString("D5", CultureInfo.InvariantCulture);
            if (i % 10 == 9)
            {
                enums.Append(enums.Length == 0 ? string.Empty : ", ");
                enums.Append($$"""{ "name": "big_mode_{{index}}", "underlyingType": {{Int}}, "constants": [ { "name": "BIG_MODE_{{index}}_A", "value": 0 }, { "name": "BIG_MODE_{{index}}_B", "value": 1 } ] }""");
                continue;
            }

            string name = "big_type_" + index;
            string previous = i == 0 ? name : "big_type_" + (i - (i % 10 == 0 ? 2 : 1)).ToString("D5", CultureInfo.InvariantCulture);
            string array = """{ "kind": "array", "spelling": "float [4]", "size": 16, "align": 4, "length": 4, "element": { "kind": "float", "spelling": "float", "name": "float", "size": 4, "align": 4 } }""";
            string link = $$"""{ "kind": "pointer", "spelling": "{{previous}} *", "size": 8, "align": 8, "pointee": { "kind": "struct", "spelling": "{{previous}}", "name": "{{previous}}", "size": 40, "align": 8 } }""";
            records.Append(records.Length == 0 ? string.Empty : ", ");
            records.Append($$"""{ "name": "{{name}}", "kind": "struct", "opaque": false, "size": 40, "align": 8, "fields": [ { "name": "count", "type": {{Int}}, "offset": 0 }, { "name": "scale", "type": {{Double}}, "offset": 8 }, { "name": "gains", "type": {{array}}, "offset": 16 }, { "name": "previous", "type": {{link}}, "offset": 32 } ] }""");
            string self = $$"""{ "kind": "pointer", "spelling": "{{name}} *", "size": 8, "align": 8, "pointee": { "kind": "struct", "spelling": "{{name}}", "name": "{{name}}", "size": 40, "align": 8 } }""";
            functions.Append(functions.Length == 0 ? string.Empty : ", ");
            functions.Append($$"""{ "name": "{{name}}_reset", "returnType": {{Int}}, "parameters": [ { "name": "value", "type": {{self}} } ], "variadic": false, "callingConvention": "c" }""");
        }

        return $$"""{ "schemaVersion": 1, "library": "big", "header": "big.h", "files": ["big.h"], "target": { "triple": "x86_64-pc-linux-gnu", "pointerSize": 8, "language": "c11" }, "defines": [], "functions": [{{functions}}], "records": [{{records}}], "enums": [{{enums}}], "typedefs": [], "constants": [], "unsupported": [] }""";
    }
}
