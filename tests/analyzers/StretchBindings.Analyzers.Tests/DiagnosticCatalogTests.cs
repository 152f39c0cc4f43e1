using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace StretchBindings.Analyzers.Tests;

/// <summary>Every diagnostic is tracked in the release files and explained, with a wrong and a right example, in docs/diagnostics/.</summary>
public sealed class DiagnosticCatalogTests
{
    private static readonly DiagnosticAnalyzer[] s_analyzers =
    [
        new SharedAcrossThreadsAnalyzer(),
        new ReachableFromAnyThreadAnalyzer(),
        new GCTransitionAnalyzer(),
    ];

    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (string id in s_analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct().Order())
        {
            data.Add(id);
        }

        return data;
    }

    [Fact]
    public void The_contract_ids_are_all_there()
    {
        string[] ids = s_analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct().Order().ToArray();
        Assert.Equal(["SB1001", "SB1002", "SB1003", "SB1004", "SB1005"], ids);
        Assert.Equal(DiagnosticSeverity.Error, Descriptor("SB1003").DefaultSeverity);
        Assert.Equal(DiagnosticSeverity.Warning, Descriptor("SB1001").DefaultSeverity);
        Assert.Equal(DiagnosticSeverity.Warning, Descriptor("SB1002").DefaultSeverity);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Each_rule_has_a_help_page_with_a_wrong_and_a_right_example(string id)
    {
        string path = Path.Combine(Repository.Root, "docs", "diagnostics", id + ".md");
        Assert.True(File.Exists(path), $"{path} is missing.");
        string text = File.ReadAllText(path);
        Assert.StartsWith($"# {id}: ", text);
        Assert.Contains("## Wrong", text);
        Assert.Contains("## Right", text);
        Assert.Matches(new Regex(@"## Wrong\s+(.|\n)*?```csharp|## Wrong\s+(.|\n)*?```json"), text);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Each_rule_is_tracked_with_its_category_and_severity(string id)
    {
        string unshipped = File.ReadAllText(Path.Combine(
            Repository.Root, "analyzers", "StretchBindings.Analyzers", "AnalyzerReleases.Unshipped.md"));
        DiagnosticDescriptor descriptor = Descriptor(id);
        Assert.Contains($"{id} | {descriptor.Category} | {descriptor.DefaultSeverity} |", unshipped);
    }

    private static DiagnosticDescriptor Descriptor(string id) =>
        s_analyzers.SelectMany(a => a.SupportedDiagnostics).First(d => d.Id == id);
}
