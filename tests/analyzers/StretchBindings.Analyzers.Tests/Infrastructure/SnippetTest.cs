using System.Collections.Immutable;
using System.Runtime.ExceptionServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Testing.Model;

namespace StretchBindings.Analyzers.Tests.Infrastructure;

/// <summary>
/// A snippet, its support files and AdditionalFiles as a test of the Roslyn testing framework, for one
/// analyzer and optionally its code fix. Without a fixed state it only checks diagnostics, as an analyzer
/// test; the framework also checks that they go away under <c>// &lt;auto-generated&gt;</c> and
/// <c>#pragma warning disable</c>.
/// </summary>
public sealed class SnippetTest : CSharpCodeFixTest<EmptyDiagnosticAnalyzer, EmptyCodeFixProvider, XunitVerifier>
{
    public const string SnippetPath = "Snippet.cs";

    private readonly DiagnosticAnalyzer _analyzer;
    private readonly CodeFixProvider? _provider;
    private ImmutableArray<Diagnostic>? _firstDiagnostics;
    private CompilationWithAnalyzers? _lastAnalysis;

    public SnippetTest(DiagnosticAnalyzer analyzer, CodeFixProvider? provider, SnippetSetup setup, string source, IEnumerable<AdditionalText> additionalFiles)
    {
        _analyzer = analyzer;
        _provider = provider;
        ReferenceAssemblies = TestReferenceAssemblies.Net80;
        TestState.OutputKind = setup.CompilationOptions.OutputKind;
        foreach ((string path, string text) in setup.SupportFiles)
        {
            TestState.Sources.Add((path, text));
        }

        TestState.Sources.Add((SnippetPath, source));
        foreach (AdditionalText file in additionalFiles)
        {
            TestState.AdditionalFiles.Add((file.Path, file.GetText()!));
        }

        // A partial method without implementation stands for what the LibraryImport generator would emit.
        DisabledDiagnostics.Add("CS8795");
    }

    /// <summary>Every diagnostic of the first analysis (of the snippet as written), compiler errors included.</summary>
    public ImmutableArray<Diagnostic> Diagnostics =>
        _firstDiagnostics ?? throw new InvalidOperationException("The test has not run.");

    /// <summary>Which diagnostic a one-fix run fixes (the framework's default: the first fixable one).</summary>
    public Func<Diagnostic, bool>? FixToSelect { get; init; }

    protected override Diagnostic? TrySelectDiagnosticToFix(ImmutableArray<Diagnostic> fixableDiagnostics) =>
        FixToSelect is null ? base.TrySelectDiagnosticToFix(fixableDiagnostics) : fixableDiagnostics.FirstOrDefault(FixToSelect);

    protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => [_analyzer];

    protected override IEnumerable<CodeFixProvider> GetCodeFixProviders() => _provider is null ? [] : [_provider];

    protected override CompilationOptions CreateCompilationOptions() =>
        ((CSharpCompilationOptions)base.CreateCompilationOptions())
            .WithNullableContextOptions(NullableContextOptions.Enable)
            .WithAllowUnsafe(true);

    // Errors cannot be disabled like warnings: this one is left out of the compiler's diagnostics instead.
    protected override bool IsCompilerDiagnosticIncluded(Diagnostic diagnostic, CompilerDiagnostics compilerDiagnostics) =>
        !DisabledDiagnostics.Contains(diagnostic.Id) && base.IsCompilerDiagnosticIncluded(diagnostic, compilerDiagnostics);

    protected override CompilationWithAnalyzers CreateCompilationWithAnalyzers(
        Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, AnalyzerOptions options, CancellationToken cancellationToken) =>
        _lastAnalysis = base.CreateCompilationWithAnalyzers(compilation, analyzers, options, cancellationToken);

    protected override ImmutableArray<(Project project, Diagnostic diagnostic)> FilterDiagnostics(ImmutableArray<(Project project, Diagnostic diagnostic)> diagnostics)
    {
        _firstDiagnostics ??= diagnostics.Select(pair => pair.diagnostic).ToImmutableArray();
        return base.FilterDiagnostics(diagnostics);
    }

    /// <summary>The snippet's project as the framework builds it, with the diagnostics of the analyzer and the compiler.</summary>
    public async Task<(Project Project, ImmutableArray<Diagnostic> Diagnostics)> AnalyzeAsync()
    {
        SolutionState state = TestState
            .WithInheritedValuesApplied(null, [])
            .WithProcessedMarkup(MarkupOptions, null, [], [], DefaultFilePath);
        Project project = await CreateProjectAsync(new EvaluatedProjectState(state, ReferenceAssemblies), [], CancellationToken.None);
        return (project, await DiagnosticsAsync(project));
    }

    public async Task<ImmutableArray<Diagnostic>> DiagnosticsAsync(Project project)
    {
        ImmutableArray<(Project project, Diagnostic diagnostic)> diagnostics = await GetSortedDiagnosticsAsync(
            project.Solution, [_analyzer], [], CompilerDiagnostics, Verify, CancellationToken.None);
        return diagnostics.Select(pair => pair.diagnostic).ToImmutableArray();
    }

    /// <summary>
    /// Whether the last analysis reported <paramref name="diagnostic"/> as non-local (outside what the
    /// reporting action analyzed): an IDE shows such a diagnostic, and offers its fix, only under full
    /// solution analysis, and the framework declines to test a fix for one.
    /// </summary>
    public async Task<bool> IsNonLocalAsync(Diagnostic diagnostic)
    {
        AnalysisResult result = await _lastAnalysis!.GetAnalysisResultAsync(CancellationToken.None);
        return result.CompilationDiagnostics.Values.SelectMany(d => d)
            .Any(d => d.Id == diagnostic.Id && d.Location.Equals(diagnostic.Location));
    }

    /// <summary>The code actions the provider offers for <paramref name="diagnostic"/>.</summary>
    public async Task<List<CodeAction>> OfferedAsync(Document document, Diagnostic diagnostic)
    {
        var actions = new List<CodeAction>();
        CodeFixContext context = CreateCodeFixContext(document, diagnostic.Location.SourceSpan, [diagnostic], (action, _) => actions.Add(action), CancellationToken.None);
        await _provider!.RegisterCodeFixesAsync(context);
        return actions;
    }

    /// <summary>Applies the action as the framework does, checking that the result's syntax is what the action built.</summary>
    public async Task<Project> ApplyAsync(Project project, CodeAction action)
    {
        (Project changed, ExceptionDispatchInfo? validationError) = await ApplyCodeActionAsync(project, action, Verify, CancellationToken.None);
        validationError?.Throw();
        return changed;
    }
}
