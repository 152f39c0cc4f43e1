using Microsoft.CodeAnalysis;
using StretchBindings.Generator.Tests.Infrastructure;

namespace StretchBindings.Generator.Tests;

/// <summary>
/// Function status results (status_result, error_check), UTF-8 marks and renames, from hand-written
/// manifests: what is generated compiles, and what cannot apply is a diagnostic, never broken code.
/// </summary>
public sealed class StatusResultTests
{
    private const string Int = """{ "kind": "int", "spelling": "int", "name": "int", "size": 4, "align": 4, "signed": true }""";
    private const string SizeT = """{ "kind": "int", "spelling": "size_t", "typedef": "size_t", "name": "unsigned long", "size": 8, "align": 8, "signed": false }""";
    private const string Unsigned = """{ "kind": "int", "spelling": "unsigned int", "name": "unsigned int", "size": 4, "align": 4, "signed": false }""";
    private const string ConstCharPointer = """{ "kind": "pointer", "spelling": "const char *", "size": 8, "align": 8, "pointee": { "kind": "int", "spelling": "const char", "name": "char", "size": 1, "align": 1, "signed": true, "const": true } }""";
    private const string UnsignedCharPointer = """{ "kind": "pointer", "spelling": "unsigned char *", "size": 8, "align": 8, "pointee": { "kind": "int", "spelling": "unsigned char", "name": "unsigned char", "size": 1, "align": 1, "signed": false } }""";
    private const string DbPointer = """{ "kind": "pointer", "spelling": "db *", "size": 8, "align": 8, "pointee": { "kind": "struct", "spelling": "db", "name": "db", "opaque": true } }""";
    private const string DbPointerPointer = """{ "kind": "pointer", "spelling": "db **", "size": 8, "align": 8, "pointee": """ + DbPointer + " }";

    private static string Annotation(string name, params string[] arguments) =>
        $$"""{ "name": "{{name}}", "arguments": [{{string.Join(", ", arguments.Select(a => $"\"{a}\""))}}] }""";

    private static string Parameter(string name, string type, string annotations = "") =>
        $$"""{ "name": "{{name}}", "type": {{type}}{{(annotations.Length == 0 ? string.Empty : $", \"annotations\": [ {annotations} ]")}} }""";

    private static string Function(string name, string returnType, string[] parameters, string annotations = "") =>
        $$"""{ "name": "{{name}}", "returnType": {{returnType}}, "parameters": [ {{string.Join(", ", parameters)}} ], "variadic": false, "callingConvention": "c"{{(annotations.Length == 0 ? string.Empty : $", \"annotations\": [ {annotations} ]")}} }""";

    private static GeneratorRun Run(params string[] functions) =>
        GeneratorHarness.Run(
            GeneratorHarness.CreateCompilation("namespace Consumer;\n"),
            new ManifestSpec("/project/obj/Lib.native.json", $$"""
                {
                  "schemaVersion": 1, "library": "lib", "header": "lib.h", "files": ["lib.h"],
                  "target": { "triple": "x86_64-pc-linux-gnu", "pointerSize": 8, "language": "c11" }, "defines": [],
                  "functions": [ {{string.Join(", ", functions)}} ],
                  "records": [ { "name": "db", "kind": "struct", "opaque": true, "fields": [], "annotations": [ {{Annotation("handle", "db_open", "db_close")}} ] } ],
                  "enums": [], "typedefs": [], "constants": [], "unsupported": []
                }
                """, "Lib", "Consumer.Native", "lib"));

    private static readonly string[] Library =
    [
        Function("db_errstr", ConstCharPointer, [Parameter("code", Int)]),
        Function("db_is_error", Unsigned, [Parameter("result", SizeT)]),
        Function("db_error_name", ConstCharPointer, [Parameter("result", SizeT)]),
        Function("db_close", Int, [Parameter("d", DbPointer)]),
    ];

    [Fact]
    public void Status_results_throw_one_exception_per_message_function_and_return_what_says_more_than_success()
    {
        GeneratorRun run = Run([
            .. Library,
            Function("db_open", Int, [Parameter("path", ConstCharPointer), Parameter("out", DbPointerPointer, Annotation("out_handle"))], Annotation("status_result", "db_errstr", "0")),
            Function("db_step", Int, [Parameter("d", DbPointer)], Annotation("status_result", "db_errstr", "100|101")),
            Function("db_count", Int, [Parameter("d", DbPointer)], Annotation("status_result", "db_errstr", ">=0")),
            Function("db_read", SizeT, [Parameter("d", DbPointer)], Annotation("error_check", "db_is_error", "db_error_name")),
        ]);

        run.AssertCompilesWithoutWarnings();
        string projection = run.Source("Lib.Projection.g.cs");
        // Named in the order of the message functions: db_error_name, then db_errstr.
        Assert.Contains("public sealed unsafe partial class LibException : global::StretchBindings.Interop.NativeStatusException", projection, StringComparison.Ordinal);
        Assert.Contains("public sealed unsafe partial class LibDbErrstrException : global::StretchBindings.Interop.NativeStatusException", projection, StringComparison.Ordinal);
        Assert.Contains("public static bool IsError(nuint status) => global::Consumer.Native.Lib.db_is_error(status) != 0;", projection, StringComparison.Ordinal);
        Assert.Contains("if ((long)status is not (0))", projection, StringComparison.Ordinal);
        Assert.Contains("if ((long)status is not ((100) or (101)))", projection, StringComparison.Ordinal);
        Assert.Contains("if ((long)status is not (>= 0))", projection, StringComparison.Ordinal);
        Assert.Contains("public int Step()", projection, StringComparison.Ordinal);
        Assert.Contains("public int Count()", projection, StringComparison.Ordinal);
        Assert.Contains("public nuint Read()", projection, StringComparison.Ordinal);
        Assert.Contains("throw new global::Consumer.Native.LibException(status, \"db_read\");", projection, StringComparison.Ordinal);
        // The failed create releases what it still made.
        Assert.Matches(@"handle\.Dispose\(\);\s*\}\s*throw new global::Consumer\.Native\.LibDbErrstrException\(status, ""db_open""\);", projection);
    }

    [Fact]
    public void A_status_result_that_cannot_apply_is_SBG0025_and_the_function_stays_unchecked()
    {
        GeneratorRun run = Run([
            .. Library,
            Function("db_open", Int, [Parameter("out", DbPointerPointer, Annotation("out_handle"))]),
            Function("db_name", ConstCharPointer, [Parameter("d", DbPointer)], Annotation("status_result", "db_errstr", "0")),
            Function("db_step", Int, [Parameter("d", DbPointer)], Annotation("status_result", "db_missing", "0")),
            Function("db_read", Int, [Parameter("d", DbPointer)], Annotation("error_check", "db_is_error", "db_error_name")),
        ]);

        run.AssertCompilesWithoutWarnings("SBG0025");
        Diagnostic[] warnings = run.WithId("SBG0025").OrderBy(d => d.GetMessage(), StringComparer.Ordinal).ToArray();
        Assert.Equal(3, warnings.Length);
        Assert.All(warnings, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
        Assert.Contains("'db_name'", warnings[1].GetMessage(), StringComparison.Ordinal);
        Assert.Contains("is not an integer or an enum", warnings[1].GetMessage(), StringComparison.Ordinal);
        Assert.Contains("'db_missing' is not a bindable function", warnings[2].GetMessage(), StringComparison.Ordinal);
        Assert.Contains("'db_is_error' is not a bindable function of the manifest that takes one 'int'", warnings[0].GetMessage(), StringComparison.Ordinal);
        string projection = run.Source("Lib.Projection.g.cs");
        Assert.DoesNotContain("Exception :", projection, StringComparison.Ordinal);
        Assert.Contains("public int Step()", projection, StringComparison.Ordinal);
    }

    [Fact]
    public void Utf8_marks_make_string_overloads_of_char_pointers_that_are_not_const_char()
    {
        GeneratorRun run = Run([
            .. Library,
            Function("db_open", Int, [Parameter("out", DbPointerPointer, Annotation("out_handle"))]),
            Function("db_put", Int, [Parameter("key", UnsignedCharPointer, Annotation("utf8")), Parameter("raw", UnsignedCharPointer)]),
            Function("db_label", UnsignedCharPointer, [Parameter("d", DbPointer)], Annotation("utf8_result")),
            Function("db_blob", UnsignedCharPointer, [Parameter("d", DbPointer)]),
        ]);

        run.AssertCompilesWithoutWarnings();
        Assert.Contains("public static int db_put(string? key, byte* raw)", run.Source("Lib.g.cs"), StringComparison.Ordinal);
        string projection = run.Source("Lib.Projection.g.cs");
        Assert.Contains("public string? Label", projection, StringComparison.Ordinal);
        Assert.Contains("public byte* Blob", projection, StringComparison.Ordinal);
    }

    [Fact]
    public void Renames_name_functions_members_parameters_and_types_and_a_clash_is_SBG0005()
    {
        GeneratorRun run = Run([
            .. Library,
            Function("db_open", Int, [Parameter("path", ConstCharPointer, Annotation("rename", "location")), Parameter("out", DbPointerPointer, Annotation("out_handle"))]),
            Function("db_step", Int, [Parameter("d", DbPointer)], Annotation("rename", "Advance")),
            Function("db_count", Int, [Parameter("d", DbPointer)], Annotation("rename", "db_errstr")),
            Function("db_flags", Int, [Parameter("d", DbPointer), Parameter("n", Int, Annotation("rename", "class"))]),
        ]);

        run.AssertCompilesWithoutWarnings("SBG0005");
        string raw = run.Source("Lib.g.cs");
        Assert.Contains("public static extern int Advance(", raw, StringComparison.Ordinal);
        Assert.Contains("EntryPoint = \"db_step\"", raw, StringComparison.Ordinal);
        Assert.Contains("int @class", raw, StringComparison.Ordinal);
        string projection = run.Source("Lib.Projection.g.cs");
        Assert.Contains("public int Advance()", projection, StringComparison.Ordinal);
        Assert.Contains("public Db(string? location)", projection, StringComparison.Ordinal);
        Diagnostic clash = Assert.Single(run.WithId("SBG0005"));
        Assert.Contains("'db_errstr'", clash.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("public static extern int db_errstr_(", raw, StringComparison.Ordinal);
    }
}
