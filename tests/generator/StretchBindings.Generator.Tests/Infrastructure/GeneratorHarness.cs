using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using StretchBindings.Generator;

namespace StretchBindings.Generator.Tests.Infrastructure;

/// <summary>
/// A manifest handed to the generator as an AdditionalFile, with the metadata &lt;NativeHeader&gt; gives it
/// (<paramref name="Header"/>: the scanned header's full path).
/// </summary>
internal sealed record ManifestSpec(string Path, string Content, string? ClassName = null, string? Namespace = null, string? Library = null, bool MarkAsManifest = true,
    string? Header = null)
{
    public static ManifestSpec FromFile(string file, string? className = null, string? ns = null, string? library = null) =>
        new(file, File.ReadAllText(file), className, ns, library);

    /// <summary>The file's metadata as the SDK passes it to the generator (<c>build_metadata.AdditionalFiles.*</c>).</summary>
    public Dictionary<string, string> Metadata()
    {
        var values = new Dictionary<string, string>();
        if (MarkAsManifest)
        {
            values["build_metadata.AdditionalFiles.SourceItemType"] = "NativeManifest";
        }

        if (ClassName is not null)
        {
            values["build_metadata.AdditionalFiles.ClassName"] = ClassName;
        }

        if (Namespace is not null)
        {
            values["build_metadata.AdditionalFiles.Namespace"] = Namespace;
        }

        if (Library is not null)
        {
            values["build_metadata.AdditionalFiles.Library"] = Library;
        }

        if (Header is not null)
        {
            values["build_metadata.AdditionalFiles.NativeHeader"] = Header;
        }

        return values;
    }
}

internal sealed class InMemoryAdditionalText(string path, string content) : AdditionalText
{
    private readonly SourceText _text = SourceText.From(content, Encoding.UTF8);

    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}

/// <summary>Per-file metadata and global properties, as the SDK writes them into the generated .editorconfig.</summary>
internal sealed class TestOptionsProvider(IReadOnlyDictionary<string, Dictionary<string, string>> files, Dictionary<string, string> global)
    : AnalyzerConfigOptionsProvider
{
    public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(global);

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options(new Dictionary<string, string>());

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
        new Options(files.TryGetValue(textFile.Path, out Dictionary<string, string>? values) ? values : new Dictionary<string, string>());

    private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }
}

/// <summary>The result of one generator run: the generated sources, the generator's diagnostics and the compiled output.</summary>
internal sealed record GeneratorRun(
    GeneratorDriver Driver,
    Compilation Input,
    Compilation Output,
    ImmutableArray<Diagnostic> GeneratorDiagnostics,
    IReadOnlyDictionary<string, string> Sources)
{
    /// <summary>Compiler diagnostics of the output (warnings and errors), generator ones included.</summary>
    public IReadOnlyList<Diagnostic> CompileDiagnostics() =>
        Output.GetDiagnostics().Concat(GeneratorDiagnostics).Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();

    public string Source(string hintSuffix) =>
        Sources.Single(pair => pair.Key.EndsWith(hintSuffix, StringComparison.Ordinal)).Value;

    /// <summary>No warning or error but those of the <paramref name="allowed"/> ID.</summary>
    public void AssertCompilesWithoutWarnings(string? allowed = null)
    {
        IReadOnlyList<Diagnostic> diagnostics = CompileDiagnostics().Where(d => d.Id != allowed).ToList();
        Assert.True(diagnostics.Count == 0, "Expected no warnings or errors:\n" + string.Join("\n", diagnostics.Select(d => d.ToString())));
    }

    public Diagnostic[] WithId(string id) => GeneratorDiagnostics.Where(d => d.Id == id).ToArray();
}

/// <summary>Drives the generator in memory with CSharpGeneratorDriver, tracking its steps.</summary>
internal static class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    /// <summary>C# 12 (Roslyn 4.8's newest), with XML doc comments checked so that malformed generated docs warn.</summary>
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.CSharp12, DocumentationMode.Diagnose);

    public static ImmutableArray<MetadataReference> DefaultReferences => References.Value;

    public static CSharpCompilation CreateCompilation(string source, bool allowUnsafe = true, string assemblyName = "Consumer") =>
        CreateCompilation([source], allowUnsafe, assemblyName);

    public static CSharpCompilation CreateCompilation(IEnumerable<string> sources, bool allowUnsafe = true, string assemblyName = "Consumer") =>
        CSharpCompilation.Create(
            assemblyName,
            sources.Select((text, i) => CSharpSyntaxTree.ParseText(text, ParseOptions, path: $"Source{i}.cs")),
            References.Value,
            CompilationOptions.WithAllowUnsafe(allowUnsafe));

    /// <summary>Test sources need no docs; generated ones have theirs checked (<see cref="DocumentationMode.Diagnose"/>).</summary>
    public static CSharpCompilationOptions CompilationOptions { get; } =
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable)
            .WithSpecificDiagnosticOptions([new KeyValuePair<string, ReportDiagnostic>("CS1591", ReportDiagnostic.Suppress)]);

    public static GeneratorDriver CreateDriver(IEnumerable<ManifestSpec> manifests, string rootNamespace = "Consumer") =>
        CreateDriver(manifests, out _, rootNamespace);

    public static GeneratorDriver CreateDriver(IEnumerable<ManifestSpec> manifests, out IReadOnlyList<AdditionalText> additionalTexts, string rootNamespace = "Consumer",
        bool trackSteps = true, IReadOnlyDictionary<string, string>? buildProperties = null)
    {
        var texts = new List<AdditionalText>();
        additionalTexts = texts;
        var metadata = new Dictionary<string, Dictionary<string, string>>();
        foreach (ManifestSpec manifest in manifests)
        {
            texts.Add(new InMemoryAdditionalText(manifest.Path, manifest.Content));
            metadata[manifest.Path] = manifest.Metadata();
        }

        var globals = new Dictionary<string, string> { ["build_property.RootNamespace"] = rootNamespace };
        foreach ((string name, string value) in buildProperties ?? new Dictionary<string, string>())
        {
            globals["build_property." + name] = value;
        }

        var options = new TestOptionsProvider(metadata, globals);
        return CSharpGeneratorDriver.Create(
            [new NativeBindingsGenerator().AsSourceGenerator()],
            texts,
            ParseOptions,
            options,
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));
    }

    public static GeneratorRun Run(string source, params ManifestSpec[] manifests) => Run(CreateCompilation(source), manifests);

    public static GeneratorRun Run(Compilation compilation, params ManifestSpec[] manifests)
    {
        GeneratorDriver driver = CreateDriver(manifests);
        return Run(driver, compilation);
    }

    public static GeneratorRun Run(GeneratorDriver driver, Compilation compilation)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        GeneratorDriverRunResult result = driver.GetRunResult();
        var sources = result.Results.SelectMany(r => r.GeneratedSources).ToDictionary(s => s.HintName, s => s.SourceText.ToString());
        return new GeneratorRun(driver, compilation, output, diagnostics, sources);
    }

    /// <summary>The reference assemblies of the testing framework's compilations, and the attributes library.</summary>
    private static ImmutableArray<MetadataReference> LoadReferences() =>
        TestReferenceAssemblies.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None).GetAwaiter().GetResult()
            .Add(MetadataReference.CreateFromFile(typeof(StretchBindings.Interop.NativeKernelAttribute).Assembly.Location));

    /// <summary>
    /// Runs the driver on one compilation, then on a second, all inside this method, so that neither the
    /// caller nor a Debug build's extended local lifetimes keep the first one or the first driver alive.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static (GeneratorDriver Driver, WeakReference FirstCompilation) RunTwice(GeneratorDriver driver, string firstSource, string secondSource)
    {
        WeakReference first = RunOnce(ref driver, firstSource);
        driver = driver.RunGenerators(CreateCompilation(secondSource));
        return (driver, first);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference RunOnce(ref GeneratorDriver driver, string source)
    {
        CSharpCompilation compilation = CreateCompilation(source);
        driver = driver.RunGenerators(compilation);
        return new WeakReference(compilation);
    }
}
