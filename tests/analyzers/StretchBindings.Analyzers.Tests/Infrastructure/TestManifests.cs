namespace StretchBindings.Analyzers.Tests.Infrastructure;

/// <summary>Manifests in the shape the header scanner writes (docs/manifest-schema.md), trimmed to what matters.</summary>
public static class TestManifests
{
    private const string Float = """{ "kind": "float", "spelling": "float", "name": "float", "size": 4, "align": 4 }""";
    private const string Handle = """{ "kind": "pointer", "spelling": "stretch_t *", "size": 8, "align": 8, "pointee": { "kind": "struct", "spelling": "stretch_t", "name": "stretch", "opaque": true } }""";
    private const string Int = """{ "kind": "int", "spelling": "int", "name": "int", "size": 4, "align": 4, "signed": true }""";
    private const string Callback = """{ "kind": "pointer", "spelling": "stretch_log_fn", "typedef": "stretch_log_fn", "size": 8, "align": 8, "pointee": { "kind": "function", "spelling": "void (const char *)", "returnType": { "kind": "void", "spelling": "void", "name": "void" }, "parameters": [], "variadic": false, "callingConvention": "c" } }""";
    private const string Short = """, "annotations": [ { "name": "short_call", "arguments": [] } ]""";

    /// <summary>
    /// Library "stretch": stretch_reset, stretch_channels and stretch_set_ratio are short; stretch_process and
    /// stretch_flush are long; stretch_set_logger is short but takes a function pointer; stretch_log is short but variadic.
    /// </summary>
    public static string Stretch { get; } = $$"""
        {
          "schemaVersion": 1,
          "library": "stretch",
          "header": "stretch.h",
          "files": [ "stretch.h" ],
          "target": { "triple": "x86_64-pc-linux-gnu", "pointerSize": 8, "language": "c11" },
          "defines": [],
          "functions": [
            { "name": "stretch_channels", "returnType": {{Int}}, "parameters": [ { "name": "s", "type": {{Handle}} } ], "variadic": false, "callingConvention": "c"{{Short}} },
            { "name": "stretch_flush", "returnType": {{Int}}, "parameters": [ { "name": "s", "type": {{Handle}} } ], "variadic": false, "callingConvention": "c" },
            { "name": "stretch_log", "returnType": {{Int}}, "parameters": [ { "name": "format", "type": {{Int}} } ], "variadic": true, "callingConvention": "c"{{Short}} },
            { "name": "stretch_process", "returnType": {{Int}}, "parameters": [ { "name": "s", "type": {{Handle}} }, { "name": "frames", "type": {{Int}} } ], "variadic": false, "callingConvention": "c" },
            { "name": "stretch_reset", "returnType": { "kind": "void", "spelling": "void", "name": "void" }, "parameters": [ { "name": "s", "type": {{Handle}} } ], "variadic": false, "callingConvention": "c"{{Short}} },
            { "name": "stretch_set_logger", "returnType": {{Int}}, "parameters": [ { "name": "s", "type": {{Handle}} }, { "name": "logger", "type": {{Callback}} } ], "variadic": false, "callingConvention": "c"{{Short}} },
            { "name": "stretch_set_ratio", "returnType": {{Int}}, "parameters": [ { "name": "s", "type": {{Handle}} }, { "name": "ratio", "type": {{Float}} } ], "variadic": false, "callingConvention": "c"{{Short}} }
          ],
          "records": [],
          "enums": [],
          "typedefs": [],
          "constants": [],
          "unsupported": []
        }
        """;

    public static InMemoryAdditionalText StretchFile { get; } = new("/src/native/stretch.native.json", Stretch);
}
