using System.Collections.Immutable;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace StretchBindings.Generator.Benchmarks;

/// <summary>
/// The generator on a synthetic manifest of 2,000 functions (with 100 structs, 50 enums and
/// constants): a first run (read, map, write) and a re-run after an unrelated edit (all cached).
/// </summary>
[MemoryDiagnoser]
public class GenerationBenchmarks
{
    public const int FunctionCount = 2000;

    private AdditionalText _manifest = null!;
    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _edited = null!;
    private GeneratorDriver _warm = null!;
    private bool _flip;

    [GlobalSetup]
    public void Setup()
    {
        _manifest = new Text("/bench/big.native.json", SyntheticManifest.Create(FunctionCount));
        _compilation = CSharpCompilation.Create(
            "Bench",
            [CSharpSyntaxTree.ParseText("namespace Bench; public static class A { public static int B() => 1; }")],
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true));
        SyntaxTree tree = _compilation.SyntaxTrees[0];
        _edited = _compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(SourceText.From(tree.ToString().Replace("=> 1", "=> 2", StringComparison.Ordinal))));
        _warm = CreateDriver().RunGenerators(_compilation);

        GeneratorDriverRunResult result = _warm.GetRunResult();
        int lines = result.GeneratedTrees.Sum(t => t.GetText().Lines.Count);
        Console.WriteLine($"// {FunctionCount} functions, manifest {Encoding.UTF8.GetByteCount(SyntheticManifest.Create(FunctionCount)) / 1024} KiB: {result.GeneratedTrees.Length} files, {lines} lines, {result.Diagnostics.Length} diagnostics");
    }

    private GeneratorDriver CreateDriver() => CSharpGeneratorDriver.Create(
        [new NativeBindingsGenerator().AsSourceGenerator()],
        [_manifest],
        (CSharpParseOptions)_compilation.SyntaxTrees[0].Options,
        new Options());

    [Benchmark(Description = "first run: read, map and write 2,000 functions")]
    public GeneratorDriver FirstRun() => CreateDriver().RunGenerators(_compilation);

    [Benchmark(Description = "re-run after an unrelated edit")]
    public GeneratorDriver Rerun()
    {
        _flip = !_flip;
        _warm = _warm.RunGenerators(_flip ? _edited : _compilation);
        return _warm;
    }

    internal sealed class Text(string path, string content) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(content, Encoding.UTF8);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    internal sealed class Options : AnalyzerConfigOptionsProvider
    {
        private static readonly AnalyzerConfigOptions Metadata = new Values(new Dictionary<string, string>
        {
            ["build_metadata.AdditionalFiles.SourceItemType"] = "NativeManifest",
            ["build_metadata.AdditionalFiles.ClassName"] = "Big",
            ["build_metadata.AdditionalFiles.Namespace"] = "Bench.Native",
        });

        public override AnalyzerConfigOptions GlobalOptions { get; } = new Values(new Dictionary<string, string>());

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => GlobalOptions;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Metadata;

        private sealed class Values(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
        }
    }
}
