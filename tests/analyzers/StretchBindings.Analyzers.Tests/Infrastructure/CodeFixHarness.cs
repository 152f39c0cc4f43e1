using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace StretchBindings.Analyzers.Tests.Infrastructure;

/// <summary>
/// Code fixes on the Roslyn testing framework: the framework builds the snippet's project, finds the
/// diagnostic, asks the provider for its actions and applies one (checking the syntax it built); the
/// result must compile and no longer carry the fixed diagnostic. The framework then runs the whole fix
/// again as a code-fix test with that result as the fixed state (not for a non-local diagnostic, whose
/// fix the framework declines to test: see <see cref="SnippetTest.IsNonLocalAsync"/>).
/// </summary>
public static class CodeFixHarness
{
    /// <summary>The code actions offered for the first diagnostic of <paramref name="diagnosticId"/> in the snippet.</summary>
    public static Task<(Document Document, Diagnostic Diagnostic, List<CodeAction> Actions)> OfferedAsync(
        DiagnosticAnalyzer analyzer, CodeFixProvider provider, string source, string diagnosticId, params AdditionalText[] additionalFiles) =>
        OfferedAsync(SnippetSetup.Default, analyzer, provider, source, diagnosticId, additionalFiles);

    public static async Task<(Document Document, Diagnostic Diagnostic, List<CodeAction> Actions)> OfferedAsync(
        SnippetSetup setup, DiagnosticAnalyzer analyzer, CodeFixProvider provider, string source, string diagnosticId, params AdditionalText[] additionalFiles)
    {
        Offer offer = await OfferAsync(setup, analyzer, provider, source, diagnosticId, additionalFiles);
        return (offer.Document, offer.Diagnostic, offer.Actions);
    }

    /// <summary>
    /// Applies the fix with <paramref name="equivalenceKey"/> to the first <paramref name="diagnosticId"/> and returns the
    /// snippet's new text, after checking that it compiles and that the diagnostic it fixed is gone.
    /// </summary>
    public static Task<string> ApplyAsync(
        DiagnosticAnalyzer analyzer, CodeFixProvider provider, string source, string diagnosticId, string equivalenceKey,
        params AdditionalText[] additionalFiles) =>
        ApplyAsync(SnippetSetup.Default, analyzer, provider, source, diagnosticId, equivalenceKey, additionalFiles);

    public static async Task<string> ApplyAsync(
        SnippetSetup setup, DiagnosticAnalyzer analyzer, CodeFixProvider provider, string source, string diagnosticId, string equivalenceKey,
        params AdditionalText[] additionalFiles)
    {
        Offer offer = await OfferAsync(setup, analyzer, provider, source, diagnosticId, additionalFiles);
        CodeAction action = offer.Actions.SingleOrDefault(a => a.EquivalenceKey == equivalenceKey)
            ?? throw new InvalidOperationException(
                $"The fix '{equivalenceKey}' was not offered; offered: {string.Join(", ", offer.Actions.Select(a => a.EquivalenceKey))}.");

        Project changed = await offer.Test.ApplyAsync(offer.Document.Project, action);
        string text = (await changed.GetDocument(offer.Document.Id)!.GetTextAsync()).ToString();
        ImmutableArray<Diagnostic> after = await offer.Test.DiagnosticsAsync(changed);
        AnalyzerHarness.AssertNoErrors(after);
        Assert.DoesNotContain(after, d => d.Id == diagnosticId && d.Location.SourceTree?.FilePath == SnippetTest.SnippetPath
            && d.Location.GetLineSpan().StartLinePosition == offer.Diagnostic.Location.GetLineSpan().StartLinePosition);

        if (!offer.NonLocal)
        {
            await VerifyAsFixTestAsync(setup, analyzer, provider, source, diagnosticId, equivalenceKey, additionalFiles, offer.Diagnostics, text, after);
        }

        return text;
    }

    /// <summary>The same fix as a code-fix test of the framework: the input's diagnostics, one fix, the fixed text and its diagnostics.</summary>
    private static async Task VerifyAsFixTestAsync(
        SnippetSetup setup, DiagnosticAnalyzer analyzer, CodeFixProvider provider, string source, string diagnosticId, string equivalenceKey,
        AdditionalText[] additionalFiles, ImmutableArray<Diagnostic> before, string fixedText, ImmutableArray<Diagnostic> after)
    {
        var test = new SnippetTest(analyzer, provider, setup, source, additionalFiles)
        {
            CodeActionEquivalenceKey = equivalenceKey,
            CodeFixTestBehaviors = CodeFixTestBehaviors.FixOne | CodeFixTestBehaviors.SkipFixAllCheck,
            NumberOfIncrementalIterations = 1,
            FixToSelect = d => d.Id == diagnosticId && d.Location.SourceTree?.FilePath == SnippetTest.SnippetPath,
        };
        test.TestState.MarkupHandling = MarkupMode.None;
        test.TestState.ExpectedDiagnostics.AddRange(before.Select(Expected));
        foreach ((string path, string supportText) in setup.SupportFiles)
        {
            test.FixedState.Sources.Add((path, supportText));
        }

        test.FixedState.Sources.Add((SnippetTest.SnippetPath, fixedText));
        test.FixedState.MarkupHandling = MarkupMode.None;
        test.FixedState.ExpectedDiagnostics.AddRange(after.Select(Expected));
        await test.RunAsync();
    }

    private static async Task<Offer> OfferAsync(
        SnippetSetup setup, DiagnosticAnalyzer analyzer, CodeFixProvider provider, string source, string diagnosticId, AdditionalText[] additionalFiles)
    {
        var test = new SnippetTest(analyzer, provider, setup, source, additionalFiles);
        test.TestState.MarkupHandling = MarkupMode.None;
        (Project project, ImmutableArray<Diagnostic> diagnostics) = await test.AnalyzeAsync();
        AnalyzerHarness.AssertNoErrors(diagnostics);
        Diagnostic diagnostic = diagnostics
            .Where(d => d.Id == diagnosticId && d.Location.SourceTree?.FilePath == SnippetTest.SnippetPath)
            .OrderBy(d => d.Location.SourceSpan.Start)
            .FirstOrDefault() ?? throw new InvalidOperationException($"No {diagnosticId} was reported in the snippet.");
        bool nonLocal = await test.IsNonLocalAsync(diagnostic);
        Document document = project.Documents.Single(d => d.FilePath == SnippetTest.SnippetPath);
        return new Offer(test, document, diagnostics, diagnostic, nonLocal, await test.OfferedAsync(document, diagnostic));
    }

    /// <summary>A diagnostic as the framework expects it: its ID, severity and span (the message is the analyzer tests' concern).</summary>
    private static DiagnosticResult Expected(Diagnostic diagnostic)
    {
        var result = new DiagnosticResult(diagnostic.Id, diagnostic.Severity);
        if (diagnostic.Location == Location.None)
        {
            return result;
        }

        foreach (Location location in diagnostic.AdditionalLocations.Prepend(diagnostic.Location))
        {
            FileLinePositionSpan span = location.GetLineSpan();
            result = result.WithSpan(span.Path, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1,
                span.EndLinePosition.Line + 1, span.EndLinePosition.Character + 1);
        }

        return result;
    }

    private sealed record Offer(SnippetTest Test, Document Document, ImmutableArray<Diagnostic> Diagnostics, Diagnostic Diagnostic, bool NonLocal, List<CodeAction> Actions);
}
