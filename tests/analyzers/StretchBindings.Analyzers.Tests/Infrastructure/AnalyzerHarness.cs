using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace StretchBindings.Analyzers.Tests.Infrastructure;

/// <summary>
/// Analyzer tests on the Roslyn testing framework (<see cref="SnippetTest"/>), and a compilation of a
/// snippet for the few tests that look at one directly.
/// </summary>
public static class AnalyzerHarness
{
    public const string SnippetPath = SnippetTest.SnippetPath;

    // A partial method without implementation stands for what the LibraryImport generator would emit.
    private static readonly ImmutableHashSet<string> s_toleratedErrors = ImmutableHashSet.Create("CS8795");

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(() =>
        TestReferenceAssemblies.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None).GetAwaiter().GetResult());

    /// <summary>The reference assemblies of the framework's tests, for a compilation built by hand.</summary>
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
    public static void AssertCompiles(Compilation compilation) => AssertNoErrors(compilation.GetDiagnostics());

    public static void AssertNoErrors(IEnumerable<Diagnostic> diagnostics)
    {
        Diagnostic[] errors = diagnostics
            .Where(d => d.Severity == DiagnosticSeverity.Error && d.Id.StartsWith("CS", StringComparison.Ordinal) && !s_toleratedErrors.Contains(d.Id))
            .ToArray();
        Assert.True(errors.Length == 0, "The snippet does not compile:\n" + string.Join("\n", errors.Select(e => e.ToString())));
    }

    /// <summary>
    /// Runs one analyzer on a compilation built by hand, with build properties as the compiler passes them
    /// (<c>build_property.X</c>); an analyzer that throws fails the test.
    /// </summary>
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
        return diagnostics;
    }

    /// <summary>
    /// Checks, on the testing framework, that the analyzer reports exactly the diagnostics marked in the
    /// snippet (<c>{|SB1001:covered text|}</c>) at exactly the marked spans, and nothing in the support
    /// source; the snippet must compile. Returns the diagnostics for further checks.
    /// </summary>
    public static async Task<ImmutableArray<Diagnostic>> VerifyAsync(
        DiagnosticAnalyzer analyzer, string markedSource, params AdditionalText[] additionalFiles)
    {
        var test = new SnippetTest(analyzer, provider: null, SnippetSetup.Default, markedSource, additionalFiles);
        await test.RunAsync();
        return test.Diagnostics;
    }
}

/// <summary>Build properties as the compiler passes them to analyzers (<c>build_property.X</c>).</summary>
internal sealed class GlobalOptionsProvider(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptionsProvider
{
    public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(values);

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

    private sealed class Options(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public static readonly Options Empty = new(new Dictionary<string, string>());

        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) =>
            values.TryGetValue(key, out value);
    }
}
