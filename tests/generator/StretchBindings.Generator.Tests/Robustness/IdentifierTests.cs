using Microsoft.CodeAnalysis;
using StretchBindings.Generator.Tests.Infrastructure;

namespace StretchBindings.Generator.Tests.Robustness;

/// <summary>Every generated identifier is valid and unique; a rename is a warning (SBG0005) at the header line.</summary>
public sealed class IdentifierTests
{
    private const string Int = """{ "kind": "int", "spelling": "int", "name": "int", "size": 4, "align": 4, "signed": true }""";
    private const string Double = """{ "kind": "float", "spelling": "double", "name": "double", "size": 8, "align": 8 }""";

    private static string Located(int line) => $$""", "location": { "file": "lib.h", "line": {{line}}, "column": 5 }""";

    private static GeneratorRun Run(string functions = "[]", string records = "[]", string enums = "[]") => GeneratorHarness.Run(
        GeneratorHarness.CreateCompilation("namespace Consumer;\n"),
        new ManifestSpec("/project/obj/Lib.native.json", $$"""
            { "schemaVersion": 1, "library": "lib", "header": "lib.h", "target": { "pointerSize": 8 },
              "functions": {{functions}}, "records": {{records}}, "enums": {{enums}}, "typedefs": [], "constants": [] }
            """, "Lib", "Consumer.Native", "lib"));

    private static string Handle(string functions) => $$"""
        [ { "name": "thing", "kind": "struct", "opaque": true, "fields": [],
            "annotations": [ { "name": "handle", "arguments": [ "thing_new", "thing_free" ] } ] } ]
        """;

    private const string ThingPointer = """{ "kind": "pointer", "spelling": "thing *", "size": 8, "pointee": { "kind": "struct", "spelling": "thing", "name": "thing", "opaque": true } }""";

    [Fact]
    public void Parameters_that_become_one_name_are_made_unique_with_a_warning_at_the_header_line()
    {
        // Legal C, one C# name: 'sample_rate' and 'sampleRate' are both 'sampleRate' in the projection.
        string set = $$"""{ "name": "thing_set", "returnType": {{Int}}, "parameters": [ { "name": "self", "type": {{ThingPointer}} }, { "name": "sample_rate", "type": {{Double}} }, { "name": "sampleRate", "type": {{Double}} }, { "name": "result", "type": {{Int}} } ]{{Located(9)}} }""";
        string create = $$"""{ "name": "thing_new", "returnType": {{ThingPointer}}, "parameters": [] }""";
        string free = $$"""{ "name": "thing_free", "returnType": { "kind": "void", "spelling": "void" }, "parameters": [ { "name": "self", "type": {{ThingPointer}} } ] }""";
        GeneratorRun run = Run(functions: $"[ {create}, {free}, {set} ]", records: Handle(string.Empty));

        run.AssertCompilesWithoutWarnings(allowed: "SBG0005");
        Diagnostic[] renames = run.WithId("SBG0005");
        Assert.Contains(renames, d => d.GetMessage().Contains("generated as 'sampleRate_'", StringComparison.Ordinal));
        Assert.Contains(renames, d => d.GetMessage().Contains("generated as 'result_'", StringComparison.Ordinal));
        Assert.All(renames, d => Assert.Equal(("/project/obj/lib.h", 8), (d.Location.GetLineSpan().Path, d.Location.GetLineSpan().StartLinePosition.Line)));
        Assert.Contains("public int Set(double sampleRate, double sampleRate_, int result_)", run.Source("Lib.Projection.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_function_without_a_name_is_skipped_at_its_header_line_not_bound_to_an_empty_entry_point()
    {
        string nameless = $$"""{ "name": "", "returnType": {{Int}}, "parameters": []{{Located(4)}} }""";
        string named = $$"""{ "name": "lib_count", "returnType": {{Int}}, "parameters": [] }""";
        GeneratorRun run = Run(functions: $"[ {nameless}, {named} ]");

        run.AssertCompilesWithoutWarnings();
        Diagnostic skipped = Assert.Single(run.WithId("SBG0004"));
        Assert.Contains("it has no name", skipped.GetMessage(), StringComparison.Ordinal);
        Assert.Equal(3, skipped.Location.GetLineSpan().StartLinePosition.Line);
        Assert.DoesNotContain("EntryPoint = \"\"", run.Source("Lib.g.cs"), StringComparison.Ordinal);
        Assert.Contains("EntryPoint = \"lib_count\"", run.Source("Lib.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_parameter_named_like_its_function_is_renamed_so_that_the_overload_can_call_it()
    {
        string buffer = """{ "kind": "pointer", "spelling": "const float *", "size": 8, "pointee": { "kind": "float", "spelling": "const float", "name": "float", "size": 4, "const": true } }""";
        string function = $$"""{ "name": "sum", "returnType": {{Int}}, "parameters": [ { "name": "sum", "type": {{Int}} }, { "name": "data", "type": {{buffer}}, "annotations": [ { "name": "in_buffer", "arguments": [ "count" ] } ] }, { "name": "count", "type": {{Int}} } ] }""";
        GeneratorRun run = Run(functions: $"[ {function} ]");
        run.AssertCompilesWithoutWarnings(allowed: "SBG0005");
        Assert.Contains("generated as 'sum_'", Assert.Single(run.WithId("SBG0005")).GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_struct_and_an_enum_of_one_name_are_told_apart_by_their_kind()
    {
        string records = $$"""[ { "name": "color", "kind": "struct", "opaque": false, "size": 4, "align": 4, "fields": [ { "name": "value", "type": {{Int}}, "offset": 0 } ]{{Located(3)}} } ]""";
        string enums = $$"""[ { "name": "color", "underlyingType": {{Int}}, "constants": [ { "name": "COLOR_RED", "value": 0 }, { "name": "COLOR_BLUE", "value": 1 } ]{{Located(7)}} } ]""";
        GeneratorRun run = Run(records: records, enums: enums);
        run.AssertCompilesWithoutWarnings(allowed: "SBG0005");
        Diagnostic clash = Assert.Single(run.WithId("SBG0005"));
        Assert.Contains("generated as 'ColorEnum'", clash.GetMessage(), StringComparison.Ordinal);
        Assert.Equal(6, clash.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains("public enum ColorEnum : int", run.Source("Lib.Types.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void Names_with_control_characters_and_quotes_stay_inside_comments_and_literals()
    {
        string create = $$"""{ "name": "thing_new", "returnType": {{ThingPointer}}, "parameters": [] }""";
        string free = $$"""{ "name": "thing_free", "returnType": { "kind": "void", "spelling": "void" }, "parameters": [ { "name": "self", "type": {{ThingPointer}} } ] }""";
        string odd = $$"""{ "name": "odd\nname\"quoted\u0001", "returnType": {{Int}}, "parameters": [ { "name": "a\tb", "type": {{Int}} } ] }""";
        string records = Handle(string.Empty).Replace("\"thing\", \"kind\"", "\"thing\", \"doc\": { \"text\": \"line\\none\" }, \"kind\"", StringComparison.Ordinal);
        GeneratorRun run = Run(functions: $"[ {create}, {free}, {odd} ]", records: records);
        run.AssertCompilesWithoutWarnings(allowed: "SBG0005");
        Assert.Contains("public static extern int odd_name_quoted_(int a_b);", run.Source("Lib.g.cs"), StringComparison.Ordinal);
        Diagnostic[] renames = run.WithId("SBG0005");
        Assert.Contains(renames, d => d.GetMessage().Contains("it is generated as 'odd_name_quoted_'", StringComparison.Ordinal));
        Assert.Contains(renames, d => d.GetMessage().Contains("it is generated as 'a_b'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_parameter_of_type_void_skips_its_function_with_the_reason()
    {
        string function = """{ "name": "f", "returnType": { "kind": "void", "spelling": "void" }, "parameters": [ { "name": "v", "type": { "kind": "void", "spelling": "void" } } ] }""";
        GeneratorRun run = Run(functions: $"[ {function} ]");
        run.AssertCompilesWithoutWarnings();
        Assert.Contains("not a type a value can have", Assert.Single(run.WithId("SBG0004")).GetMessage(), StringComparison.Ordinal);
    }
}
