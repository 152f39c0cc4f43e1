using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace StretchBindings.Analyzers.Tests.Infrastructure;

/// <summary>Compiles snippets and runs analyzers on them; an analyzer that throws fails the test.</summary>
public static class AnalyzerHarness
{
    public const string SnippetPath = "Snippet.cs";

    // A partial method without implementation stands for what the LibraryImport generator would emit.
    private static readonly ImmutableHashSet<string> s_toleratedErrors = ImmutableHashSet.Create("CS8795");

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(LoadReferences);

    public static ImmutableArray<MetadataReference> References => s_references.Value;

    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Latest);

    public static CSharpCompilationOptions CompilationOptions { get; } = new CSharpCompilationOptions(
        OutputKind.DynamicallyLinkedLibrary,
        nullableContextOptions: NullableContextOptions.Enable,
        allowUnsafe: true);

    public static CSharpCompilation Compile(string source, SnippetSetup? setup = null)
    {
        setup ??= SnippetSetup.Default;
        IEnumerable<SyntaxTree> trees = setup.SupportFiles
            .Select(file => CSharpSyntaxTree.ParseText(file.Text, ParseOptions, file.Path))
            .Append(CSharpSyntaxTree.ParseText(source, ParseOptions, SnippetPath));
        return CSharpCompilation.Create("Snippet", trees, References, setup.CompilationOptions);
    }

    /// <summary>Asserts that the compilation has no errors, other than the tolerated ones.</summary>
    public static void AssertCompiles(Compilation compilation)
    {
        Diagnostic[] errors = compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error && !s_toleratedErrors.Contains(d.Id))
            .ToArray();
        Assert.True(errors.Length == 0, "The snippet does not compile:\n" + string.Join("\n", errors.Select(e => e.ToString())));
    }

    public static async Task<ImmutableArray<Diagnostic>> RunAsync(
        DiagnosticAnalyzer analyzer, Compilation compilation, IEnumerable<AdditionalText>? additionalFiles = null,
        IReadOnlyDictionary<string, string>? globalOptions = null)
    {
        var exceptions = new List<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(additionalFiles?.ToImmutableArray() ?? ImmutableArray<AdditionalText>.Empty,
                new GlobalOptionsProvider(globalOptions ?? new Dictionary<string, string>())),
            onAnalyzerException: (exception, failed, diagnostic) =>
            {
                lock (exceptions)
                {
                    exceptions.Add($"{failed.GetType().Name}: {exception}");
                }
            },
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false);
        var withAnalyzers = new CompilationWithAnalyzers(compilation, [analyzer], options);
        ImmutableArray<Diagnostic> diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        Assert.True(exceptions.Count == 0, "An analyzer threw:\n" + string.Join("\n", exceptions));
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        return diagnostics;
    }

    /// <summary>
    /// Compiles the marked snippet, runs the analyzer, and asserts that exactly the marked diagnostics are
    /// reported, at exactly the marked spans. Returns the diagnostics for further checks.
    /// </summary>
    public static async Task<ImmutableArray<Diagnostic>> VerifyAsync(
        DiagnosticAnalyzer analyzer, string markedSource, params AdditionalText[] additionalFiles)
    {
        (string source, List<ExpectedDiagnostic> expected) = Markup.Parse(markedSource);
        CSharpCompilation compilation = Compile(source);
        AssertCompiles(compilation);
        ImmutableArray<Diagnostic> diagnostics = await RunAsync(analyzer, compilation, additionalFiles);

        var actual = diagnostics
            .Where(d => d.Location.IsInSource && d.Location.SourceTree!.FilePath == SnippetPath)
            .Select(d => new ExpectedDiagnostic(d.Id, d.Location.SourceSpan))
            .OrderBy(d => d.Span.Start).ThenBy(d => d.Id)
            .ToList();
        var ordered = expected.OrderBy(d => d.Span.Start).ThenBy(d => d.Id).ToList();
        if (!actual.SequenceEqual(ordered))
        {
            Assert.Fail(Describe(source, ordered, diagnostics));
        }

        Assert.DoesNotContain(diagnostics, d => d.Location.IsInSource && d.Location.SourceTree!.FilePath == SupportSource.Path);
        return diagnostics;
    }

    private static string Describe(string source, List<ExpectedDiagnostic> expected, ImmutableArray<Diagnostic> actual)
    {
        var text = SourceText.From(source);
        var builder = new StringBuilder();
        builder.AppendLine("Expected:");
        foreach (ExpectedDiagnostic diagnostic in expected)
        {
            builder.AppendLine($"  {diagnostic.Id} {text.Lines.GetLinePositionSpan(diagnostic.Span)} '{text.ToString(diagnostic.Span)}'");
        }

        builder.AppendLine("Actual:");
        foreach (Diagnostic diagnostic in actual.OrderBy(d => d.Location.SourceSpan.Start))
        {
            string covered = diagnostic.Location.IsInSource && diagnostic.Location.SourceTree!.FilePath == SnippetPath
                ? text.ToString(diagnostic.Location.SourceSpan)
                : diagnostic.Location.ToString();
            builder.AppendLine($"  {diagnostic.Id} {diagnostic.Location.GetLineSpan().Span} '{covered}': {diagnostic.GetMessage()}");
        }

        return builder.ToString();
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        // The test host's own framework assemblies stand in for reference assemblies.
        string[] paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return paths
            .Where(path =>
            {
                string name = Path.GetFileName(path);
                return name.StartsWith("System.", StringComparison.Ordinal)
                    || name is "System.dll" or "netstandard.dll" or "mscorlib.dll" or "Microsoft.Win32.Primitives.dll";
            })
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }
}

/// <summary>Build properties as the compiler passes them to analyzers (<c>build_property.X</c>).</summary>
internal sealed class GlobalOptionsProvider(IReadOnlyDictionary<string, string> values) : Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptionsProvider
{
    public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GlobalOptions { get; } = new Options(values);

    public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

    public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

    private sealed class Options(IReadOnlyDictionary<string, string> values) : Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions
    {
        public static readonly Options Empty = new(new Dictionary<string, string>());

        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) =>
            values.TryGetValue(key, out value);
    }
}
