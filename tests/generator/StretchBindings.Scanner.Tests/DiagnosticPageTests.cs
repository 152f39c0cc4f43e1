using System.Reflection;
using StretchBindings.Manifest;
using StretchBindings.Scanner.Scanning;

namespace StretchBindings.Scanner.Tests;

/// <summary>Every scanner diagnostic ID is defined once and explained in docs/diagnostics/ and the scanner's page.</summary>
public sealed class DiagnosticPageTests
{
    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (string id in AllIds())
        {
            data.Add(id);
        }

        return data;
    }

    [Fact]
    public void The_ids_are_unique_and_numbered_in_order()
    {
        string[] ids = AllIds();
        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.Equal(Enumerable.Range(1, ids.Length).Select(i => $"SBSCAN{i:000}"), ids.Order());
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Each_id_has_a_page_and_a_row_in_the_scanner_docs(string id)
    {
        string page = Path.Combine(Repository.Root, "docs", "diagnostics", id + ".md");
        Assert.True(File.Exists(page), $"{page} is missing");
        Assert.StartsWith($"# {id}: ", File.ReadAllText(page), StringComparison.Ordinal);
        string scanner = File.ReadAllText(Path.Combine(Repository.Root, "docs", "header-scanner.md"));
        Assert.Contains($"| [{id}](diagnostics/{id}.md) |", scanner, StringComparison.Ordinal);
    }

    private static string[] AllIds() =>
        typeof(ScanDiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToArray();
}
