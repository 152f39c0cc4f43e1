using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using StretchBindings.Analyzers.CodeFixes;
using StretchBindings.Analyzers.Tests.Infrastructure;

namespace StretchBindings.Analyzers.Tests;

/// <summary>samples/AnalyzerDemo: the broken program has exactly its one SB1001, and the code fix turns it into the fixed one.</summary>
public sealed class SampleTests
{
    private static readonly string s_sampleRoot = Path.Combine(Repository.Root, "samples", "AnalyzerDemo");

    // The SDK's implicit usings for a console project, which the sample projects rely on.
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    private static SnippetSetup SampleSetup()
    {
        var files = Directory.GetFiles(Path.Combine(s_sampleRoot, "Shared"), "*.cs")
            .Order()
            .Select(path => (path, File.ReadAllText(path)))
            .Append(("ImplicitUsings.cs", ImplicitUsings))
            .ToList();
        return new SnippetSetup(files, OutputKind.ConsoleApplication);
    }

    [Fact]
    public async Task The_broken_sample_has_exactly_one_sb1001_and_the_fixed_one_none()
    {
        SnippetSetup setup = SampleSetup();
        foreach ((string project, int expected) in new[] { ("Broken", 1), ("Fixed", 0) })
        {
            Compilation compilation = AnalyzerHarness.Compile(File.ReadAllText(Path.Combine(s_sampleRoot, project, "Program.cs")), setup);
            AnalyzerHarness.AssertCompiles(compilation);
            var diagnostics = new List<Diagnostic>();
            diagnostics.AddRange(await AnalyzerHarness.RunAsync(new SharedAcrossThreadsAnalyzer(), compilation));
            diagnostics.AddRange(await AnalyzerHarness.RunAsync(new ReachableFromAnyThreadAnalyzer(), compilation));
            diagnostics.AddRange(await AnalyzerHarness.RunAsync(new GCTransitionAnalyzer(), compilation));
            Assert.Equal(expected, diagnostics.Count);
            Assert.All(diagnostics, d => Assert.Equal("SB1001", d.Id));
        }
    }

    [Fact]
    public async Task The_local_init_fix_turns_the_broken_sample_into_the_fixed_one()
    {
        string broken = File.ReadAllText(Path.Combine(s_sampleRoot, "Broken", "Program.cs"));
        string fixedByHand = File.ReadAllText(Path.Combine(s_sampleRoot, "Fixed", "Program.cs"));
        string fixedByCodeFix = await CodeFixHarness.ApplyAsync(
            SampleSetup(),
            new SharedAcrossThreadsAnalyzer(),
            new SharedAcrossThreadsCodeFixProvider(),
            broken,
            "SB1001",
            SharedAcrossThreadsCodeFixProvider.LocalInitKey);

        // The two programs differ only in comments (and the blank lines around them).
        Assert.Equal(WithoutComments(fixedByHand), WithoutComments(fixedByCodeFix));
    }

    private static string WithoutComments(string source) =>
        string.Join("\n", source.Split('\n').Where(line =>
            line.Trim().Length > 0 && !line.TrimStart().StartsWith("//", StringComparison.Ordinal)));
}
