using Microsoft.CodeAnalysis;
using StretchBindings.Generator.Tests.Infrastructure;

namespace StretchBindings.Generator.Tests;

/// <summary>
/// Two manifests of one namespace that both hold a struct of another header by value (<c>struct
/// timeval</c>) declare it once; EndToEnd/SharedRecordEndToEndTests does the same with real headers.
/// </summary>
public sealed class SharedRecordTests
{
    private const string Long = """{ "kind": "int", "spelling": "long", "name": "long", "size": 8, "align": 8, "signed": true }""";
    private const string Int = """{ "kind": "int", "spelling": "int", "name": "int", "size": 4, "align": 4, "signed": true }""";

    /// <summary>A manifest with a struct <c>{prefix}_sample</c> of its own header that holds <c>struct timeval</c>.</summary>
    private static string Manifest(string prefix, int microsecondsSize = 8)
    {
        string microseconds = microsecondsSize == 8 ? Long : Int;
        int size = 8 + microsecondsSize;
        return $$"""
            {
              "schemaVersion": 2, "library": "{{prefix}}", "header": "{{prefix}}.h", "files": ["{{prefix}}.h"],
              "target": { "triple": "x86_64-pc-linux-gnu", "pointerSize": 8, "language": "c11" }, "defines": [],
              "functions": [],
              "records": [
                { "name": "{{prefix}}_sample", "kind": "struct", "opaque": false, "size": {{size + 8}}, "align": 8,
                  "fields": [
                    { "name": "when", "type": { "kind": "struct", "spelling": "struct timeval", "name": "timeval", "size": {{size}}, "align": 8 }, "offset": 0 },
                    { "name": "id", "type": {{Int}}, "offset": {{size}} } ],
                  "location": { "file": "{{prefix}}.h", "line": 3, "column": 8 } },
                { "name": "timeval", "kind": "struct", "opaque": false, "size": {{size}}, "align": 8,
                  "fields": [ { "name": "tv_sec", "type": {{Long}}, "offset": 0 }, { "name": "tv_usec", "type": {{microseconds}}, "offset": 8 } ] }
              ],
              "enums": [], "typedefs": [], "constants": [], "unsupported": []
            }
            """;
    }

    private static ManifestSpec Spec(string prefix, string ns = "Consumer.Native", int microsecondsSize = 8) =>
        new($"/src/{prefix}.native.json", Manifest(prefix, microsecondsSize), prefix == "alpha" ? "Alpha" : "Beta", ns);

    [Fact]
    public void A_struct_of_another_header_held_by_two_manifests_of_one_namespace_is_declared_once()
    {
        // Listed in the order opposite to their paths: the first by path declares it, whatever the order.
        GeneratorRun run = GeneratorHarness.Run("namespace Consumer;", Spec("beta"), Spec("alpha"));

        run.AssertCompilesWithoutWarnings();
        Assert.Contains("public unsafe partial struct Timeval", run.Source("Consumer.Native.Alpha.Types.g.cs"), StringComparison.Ordinal);
        string beta = run.Source("Consumer.Native.Beta.Types.g.cs");
        Assert.DoesNotContain("struct Timeval", beta, StringComparison.Ordinal);
        Assert.Contains("public global::Consumer.Native.Timeval when;", beta, StringComparison.Ordinal);

        // Each struct's layout is still checked once, by the manifest that declares it.
        Assert.Contains("sizeof(global::Consumer.Native.Timeval)", run.Source("Consumer.Native.Alpha.g.cs"), StringComparison.Ordinal);
        Assert.DoesNotContain("sizeof(global::Consumer.Native.Timeval)", run.Source("Consumer.Native.Beta.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void Manifests_of_different_namespaces_each_declare_it()
    {
        GeneratorRun run = GeneratorHarness.Run("namespace Consumer;", Spec("alpha"), Spec("beta", "Consumer.Other"));

        run.AssertCompilesWithoutWarnings();
        Assert.Contains("public unsafe partial struct Timeval", run.Source("Consumer.Native.Alpha.Types.g.cs"), StringComparison.Ordinal);
        Assert.Contains("public unsafe partial struct Timeval", run.Source("Consumer.Other.Beta.Types.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void Layouts_that_differ_are_SBG0021_and_no_second_declaration()
    {
        GeneratorRun run = GeneratorHarness.Run("namespace Consumer;", Spec("alpha"), Spec("beta", microsecondsSize: 4));

        Diagnostic error = Assert.Single(run.CompileDiagnostics());
        Assert.Equal("SBG0021", error.Id);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Equal("/src/beta.native.json", error.Location.GetLineSpan().Path);
        Assert.Contains("'timeval'", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Contains("'/src/alpha.native.json'", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.EndsWith("SBG0021.md", error.Descriptor.HelpLinkUri, StringComparison.Ordinal);
    }

    [Fact]
    public void A_struct_of_the_scanned_header_is_never_shared()
    {
        // Both manifests declare 'alpha_sample' in their own header: two declarations, as before (CS0101 says so).
        string beta = Manifest("alpha").Replace("\"library\": \"alpha\"", "\"library\": \"beta\"", StringComparison.Ordinal);
        GeneratorRun run = GeneratorHarness.Run("namespace Consumer;", Spec("alpha"), new ManifestSpec("/src/beta.native.json", beta, "Beta", "Consumer.Native"));

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Contains("struct AlphaSample", run.Source("Consumer.Native.Beta.Types.g.cs"), StringComparison.Ordinal);
        Assert.DoesNotContain("struct Timeval", run.Source("Consumer.Native.Beta.Types.g.cs"), StringComparison.Ordinal);
    }
}
