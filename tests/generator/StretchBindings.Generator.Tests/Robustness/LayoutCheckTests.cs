using System.Text;
using StretchBindings.Generator.Tests.Infrastructure;

namespace StretchBindings.Generator.Tests.Robustness;

/// <summary>The layout check of many structs is split into methods, so that compiling it stays linear (docs/benchmarks.md).</summary>
public sealed class LayoutCheckTests
{
    [Fact]
    public void The_layout_check_of_many_structs_is_split_into_methods_of_64()
    {
        const string Int = """{ "kind": "int", "spelling": "int", "name": "int", "size": 4, "align": 4, "signed": true }""";
        var records = new StringBuilder();
        for (int i = 0; i < 130; i++)
        {
            records.Append(i == 0 ? string.Empty : ", ")
                .Append($$"""{ "name": "s{{i}}", "kind": "struct", "opaque": false, "size": 8, "align": 4, "fields": [ { "name": "a", "type": {{Int}}, "offset": 0 }, { "name": "b", "type": {{Int}}, "offset": 4 } ] }""");
        }

        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation("namespace Consumer;\n"), new ManifestSpec("/p/Lib.native.json", $$"""
            { "schemaVersion": 1, "library": "lib", "functions": [], "records": [ {{records}} ], "enums": [], "typedefs": [], "constants": [] }
            """, "Lib", "Consumer.Native", "lib"));

        run.AssertCompilesWithoutWarnings();
        string source = run.Source("Lib.g.cs");
        Assert.Contains("Verify0();\n", source, StringComparison.Ordinal);
        Assert.Contains("Verify2();\n", source, StringComparison.Ordinal);
        Assert.Contains("private static void Verify2()", source, StringComparison.Ordinal);
        Assert.DoesNotContain("Verify3", source, StringComparison.Ordinal);
        Assert.Equal(130, source.Split("\"size\"").Length - 1);
    }
}
