using Microsoft.CodeAnalysis;
using StretchBindings.Generator.Tests.Infrastructure;

namespace StretchBindings.Generator.Tests;

/// <summary>A broken or awkward manifest gives a diagnostic (or an escaped name), never an exception.</summary>
public sealed class ManifestDiagnosticTests
{
    private static GeneratorRun Run(string manifest, string className = "Lib", bool allowUnsafe = true) =>
        GeneratorHarness.Run(
            GeneratorHarness.CreateCompilation("namespace Consumer;\n", allowUnsafe),
            new ManifestSpec("/project/obj/Lib.native.json", manifest, className, "Consumer.Native", "lib"));

    private static string Manifest(string functions = "[]", string records = "[]", string enums = "[]", string typedefs = "[]", string constants = "[]") => $$"""
        {
          "schemaVersion": 1,
          "library": "lib",
          "header": "lib.h",
          "files": ["lib.h"],
          "target": { "triple": "x86_64-pc-linux-gnu", "pointerSize": 8, "language": "c11" },
          "defines": [],
          "functions": {{functions}},
          "records": {{records}},
          "enums": {{enums}},
          "typedefs": {{typedefs}},
          "constants": {{constants}},
          "unsupported": []
        }
        """;

    private const string Int = """{ "kind": "int", "spelling": "int", "name": "int", "size": 4, "align": 4, "signed": true }""";
    private const string Void = """{ "kind": "void", "spelling": "void", "name": "void" }""";

    private static string Function(string name, string parameters = "[]", string returnType = Int, string extra = "") =>
        $$"""{ "name": "{{name}}", "returnType": {{returnType}}, "parameters": {{parameters}}, "variadic": false, "callingConvention": "c"{{extra}} }""";

    [Fact]
    public void Malformed_json_is_an_error_at_its_line_and_column()
    {
        GeneratorRun run = Run("{\n  \"schemaVersion\": 1,\n  \"library\": oops\n}");
        Diagnostic error = Assert.Single(run.WithId("SBG0001"));
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Contains("line 3, column 14", error.GetMessage(), StringComparison.Ordinal);
        Assert.Equal("/project/obj/Lib.native.json", error.Location.GetLineSpan().Path);
        Assert.Equal(2, error.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Empty(run.Sources);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[1, 2")]
    [InlineData("{\"a\": \"unterminated}")]
    [InlineData("\u0000\u0001")]
    public void Any_garbage_is_one_error(string text)
    {
        GeneratorRun run = Run(text);
        Assert.Single(run.WithId("SBG0001"));
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "SBG0009");
    }

    [Fact]
    public void An_unknown_schema_version_is_an_error()
    {
        GeneratorRun run = Run(Manifest().Replace("\"schemaVersion\": 1", "\"schemaVersion\": 2", StringComparison.Ordinal));
        Assert.Contains("schema version 2", Assert.Single(run.WithId("SBG0002")).GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"functions\": []", "\"functions\": {}", "'functions' must be an array")]
    [InlineData("\"library\": \"lib\"", "\"library\": 5", "'library' must be a string")]
    [InlineData("\"functions\": []", "\"functions\": [ { \"name\": \"f\" } ]", "'returnType' is missing")]
    [InlineData("\"functions\": []", "\"functions\": [ { \"name\": \"f\", \"returnType\": { \"kind\": \"quaternion\" }, \"parameters\": [] } ]", "unknown type kind 'quaternion'")]
    public void A_manifest_that_breaks_the_schema_is_an_error_saying_where(string from, string to, string problem)
    {
        GeneratorRun run = Run(Manifest().Replace(from, to, StringComparison.Ordinal));
        Assert.Contains(problem, Assert.Single(run.WithId("SBG0003")).GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_function_with_an_unknown_type_is_skipped_with_a_message_and_the_rest_compiles()
    {
        string strange = """{ "kind": "unsupported", "spelling": "_Complex double", "reason": "_Complex number" }""";
        GeneratorRun run = Run(Manifest(functions: $$"""
            [
              {{Function("good")}},
              {{Function("strange", $$"""[ { "name": "z", "type": {{strange}} } ]""")}},
              {{Function("marked", extra: ", \"unsupported\": \"a union passed by value\"")}}
            ]
            """));
        Diagnostic[] skipped = run.WithId("SBG0004");
        Assert.Equal(2, skipped.Length);
        Assert.Contains(skipped, d => d.GetMessage().Contains("'strange'", StringComparison.Ordinal) && d.GetMessage().Contains("_Complex number", StringComparison.Ordinal));
        Assert.Contains(skipped, d => d.GetMessage().Contains("a union passed by value", StringComparison.Ordinal));
        Assert.All(skipped, d => Assert.Equal(DiagnosticSeverity.Info, d.Severity));
        run.AssertCompilesWithoutWarnings();
        Assert.Contains("good(", run.Source("Lib.g.cs"), StringComparison.Ordinal);
        Assert.DoesNotContain("strange(", run.Source("Lib.g.cs"), StringComparison.Ordinal);
    }

    private const string Strange = """{ "kind": "unsupported", "spelling": "_Complex double", "reason": "_Complex number" }""";

    private static string Located(string file, int line, int column) => $$""", "location": { "file": "{{file}}", "line": {{line}}, "column": {{column}} }""";

    [Fact]
    public void A_skipped_function_is_reported_at_its_line_in_the_header_beside_the_manifest()
    {
        string function = Function("strange", $$"""[ { "name": "z", "type": {{Strange}} } ]""", extra: Located("lib.h", 12, 5));
        GeneratorRun run = Run(Manifest(functions: $"[ {function} ]"));

        FileLinePositionSpan span = Assert.Single(run.WithId("SBG0004")).Location.GetLineSpan();
        Assert.Equal("/project/obj/lib.h", span.Path);
        Assert.Equal(new Microsoft.CodeAnalysis.Text.LinePosition(11, 4), span.StartLinePosition);
        Assert.Equal(new Microsoft.CodeAnalysis.Text.LinePosition(11, 4 + "strange".Length), span.EndLinePosition);
    }

    [Fact]
    public void Declarations_of_a_scanned_header_are_reported_in_that_header_relative_to_its_base_directory()
    {
        // Scanned with --base-dir /src: header "include/lib.h", a declaration of the sibling "include/detail.h".
        string manifest = Manifest(functions: $$"""[ {{Function("strange", $$"""[ { "name": "z", "type": {{Strange}} } ]""", extra: Located("include/detail.h", 3, 1))}} ]""")
            .Replace("\"header\": \"lib.h\"", "\"header\": \"include/lib.h\"", StringComparison.Ordinal);
        GeneratorRun run = GeneratorHarness.Run(
            GeneratorHarness.CreateCompilation("namespace Consumer;\n"),
            new ManifestSpec("/project/obj/Lib.native.json", manifest, "Lib", "Consumer.Native", "lib", Header: "/src/include/lib.h"));

        FileLinePositionSpan span = Assert.Single(run.WithId("SBG0004")).Location.GetLineSpan();
        Assert.Equal("/src/include/detail.h", span.Path);
        Assert.Equal(2, span.StartLinePosition.Line);
    }

    [Fact]
    public void Renames_and_short_call_errors_are_reported_in_the_header_too()
    {
        string callback = $$"""{ "kind": "pointer", "spelling": "void (*)(int)", "size": 8, "align": 8, "pointee": { "kind": "function", "spelling": "void (int)", "returnType": {{Void}}, "parameters": [ {{Int}} ], "variadic": false, "callingConvention": "c" } }""";
        string subscribe = Function("subscribe", $$"""[ { "name": "callback", "type": {{callback}} } ]""",
            extra: ", \"annotations\": [ { \"name\": \"short_call\", \"arguments\": [] } ]" + Located("lib.h", 20, 6));
        GeneratorRun run = Run(Manifest(functions: $"[ {Function("Lib", extra: Located("lib.h", 7, 5))}, {subscribe} ]"));

        FileLinePositionSpan rename = Assert.Single(run.WithId("SBG0005")).Location.GetLineSpan();
        Assert.Equal(("/project/obj/lib.h", 6), (rename.Path, rename.StartLinePosition.Line));
        FileLinePositionSpan error = Assert.Single(run.WithId("SBG0006")).Location.GetLineSpan();
        Assert.Equal(("/project/obj/lib.h", 19), (error.Path, error.StartLinePosition.Line));
    }

    [Fact]
    public void Without_a_location_or_a_header_the_diagnostic_stays_on_the_manifest()
    {
        string withoutLocation = Function("strange", $$"""[ { "name": "z", "type": {{Strange}} } ]""");
        string withoutHeader = Manifest(functions: $$"""[ {{Function("odd", $$"""[ { "name": "z", "type": {{Strange}} } ]""", extra: Located("lib.h", 4, 1))}} ]""")
            .Replace("\"header\": \"lib.h\",", string.Empty, StringComparison.Ordinal);

        foreach (string manifest in new[] { Manifest(functions: $"[ {withoutLocation} ]"), withoutHeader })
        {
            FileLinePositionSpan span = Assert.Single(Run(manifest).WithId("SBG0004")).Location.GetLineSpan();
            Assert.Equal(("/project/obj/Lib.native.json", 0), (span.Path, span.StartLinePosition.Line));
        }
    }

    [Fact]
    public void Keywords_as_parameter_and_field_names_are_escaped()
    {
        string parameters = $$"""[ { "name": "class", "type": {{Int}} }, { "name": "params", "type": {{Int}} }, { "name": "", "type": {{Int}} } ]""";
        string records = $$"""[ { "name": "thing", "kind": "struct", "opaque": false, "size": 8, "align": 4, "fields": [ { "name": "int", "type": {{Int}}, "offset": 0 }, { "name": "fixed", "type": {{Int}}, "offset": 4 } ] } ]""";
        GeneratorRun run = Run(Manifest(functions: $"[ {Function("operator", parameters)} ]", records: records));
        run.AssertCompilesWithoutWarnings();
        Assert.Contains("public static extern int @operator(int @class, int @params, int arg2);", run.Source("Lib.g.cs"), StringComparison.Ordinal);
        Assert.Contains("public int @int;", run.Source("Lib.Types.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_function_named_like_the_class_is_renamed_with_a_warning()
    {
        GeneratorRun run = Run(Manifest(functions: $"[ {Function("Lib")}, {Function("LibraryName")} ]"));
        Diagnostic[] clashes = run.WithId("SBG0005");
        Assert.Equal(2, clashes.Length);
        Assert.All(clashes, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
        Assert.Contains("EntryPoint = \"Lib\"", run.Source("Lib.g.cs"), StringComparison.Ordinal);
        Assert.Contains("public static extern int Lib_();", run.Source("Lib.g.cs"), StringComparison.Ordinal);
        Assert.Empty(run.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void A_type_named_like_the_class_is_renamed_with_a_warning()
    {
        string enums = $$"""[ { "name": "lib", "underlyingType": {{Int}}, "constants": [ { "name": "LIB_A", "value": 0 } ] } ]""";
        GeneratorRun run = Run(Manifest(enums: enums));
        Assert.Contains("generated as 'LibEnum'", Assert.Single(run.WithId("SBG0005")).GetMessage(), StringComparison.Ordinal);
        Assert.Contains("public enum LibEnum : int", run.Source("Lib.Types.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_call_annotation_on_a_function_taking_a_callback_is_an_error()
    {
        string callback = $$"""{ "kind": "pointer", "spelling": "void (*)(int)", "size": 8, "align": 8, "pointee": { "kind": "function", "spelling": "void (int)", "returnType": {{Void}}, "parameters": [ {{Int}} ], "variadic": false, "callingConvention": "c" } }""";
        string function = Function("subscribe", $$"""[ { "name": "callback", "type": {{callback}} } ]""", extra: ", \"annotations\": [ { \"name\": \"short_call\", \"arguments\": [] } ]");
        GeneratorRun run = Run(Manifest(functions: $"[ {function} ]"));
        Diagnostic error = Assert.Single(run.WithId("SBG0006"));
        Assert.Contains("function pointer", error.GetMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain("SuppressGCTransition", run.Source("Lib.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void Bindings_need_unsafe_code()
    {
        GeneratorRun run = Run(Manifest(functions: $"[ {Function("f")} ]"), allowUnsafe: false);
        Assert.Single(run.WithId("SBG0007"));
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void Two_manifests_for_one_class_are_an_error()
    {
        GeneratorRun run = GeneratorHarness.Run(
            "namespace Consumer;\n",
            new ManifestSpec("/a/one.native.json", Manifest(), "Same", "Consumer"),
            new ManifestSpec("/b/two.native.json", Manifest(), "Same", "Consumer"));
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "CS8785");
        Assert.Single(run.Sources.Keys, key => key == "Consumer.Same.g.cs");
        Assert.Contains("'Consumer.Same'", Assert.Single(run.WithId("SBG0008")).GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Additional_files_that_are_not_manifests_are_ignored()
    {
        GeneratorRun run = GeneratorHarness.Run("namespace Consumer;\n", new ManifestSpec("/project/settings.json", "{ not json", MarkAsManifest: false));
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.Sources);
    }

    [Fact]
    public void A_file_named_native_json_is_a_manifest_without_metadata()
    {
        GeneratorRun run = GeneratorHarness.Run("namespace Consumer;\n", new ManifestSpec("/project/lib.native.json", Manifest(functions: $"[ {Function("f")} ]"), MarkAsManifest: false));
        run.AssertCompilesWithoutWarnings();
        Assert.Contains("Consumer.LibNative.g.cs", run.Sources.Keys);
    }
}
