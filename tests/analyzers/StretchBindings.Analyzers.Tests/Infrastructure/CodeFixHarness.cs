using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace StretchBindings.Analyzers.Tests.Infrastructure;

/// <summary>
/// Applies a code fix the way an IDE does: in a workspace, through <see cref="CodeFixContext"/> and the
/// action's operations. The result must compile and must no longer carry the fixed diagnostic.
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
        Document document = CreateDocument(setup, source, additionalFiles);
        Compilation compilation = (await document.Project.GetCompilationAsync())!;
        AnalyzerHarness.AssertCompiles(compilation);
        ImmutableArray<Diagnostic> diagnostics = await AnalyzerHarness.RunAsync(analyzer, compilation, additionalFiles);
        Diagnostic diagnostic = diagnostics
            .Where(d => d.Id == diagnosticId && d.Location.SourceTree?.FilePath == AnalyzerHarness.SnippetPath)
            .OrderBy(d => d.Location.SourceSpan.Start)
            .FirstOrDefault() ?? throw new InvalidOperationException($"No {diagnosticId} was reported in the snippet.");

        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await provider.RegisterCodeFixesAsync(context);
        return (document, diagnostic, actions);
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
        (Document document, Diagnostic diagnostic, List<CodeAction> actions) =
            await OfferedAsync(setup, analyzer, provider, source, diagnosticId, additionalFiles);
        CodeAction action = actions.SingleOrDefault(a => a.EquivalenceKey == equivalenceKey)
            ?? throw new InvalidOperationException(
                $"The fix '{equivalenceKey}' was not offered; offered: {string.Join(", ", actions.Select(a => a.EquivalenceKey))}.");

        ImmutableArray<CodeActionOperation> operations = await action.GetOperationsAsync(CancellationToken.None);
        Solution changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        Document fixedDocument = changed.GetDocument(document.Id)!;
        string text = (await fixedDocument.GetTextAsync()).ToString();

        Compilation compilation = (await fixedDocument.Project.GetCompilationAsync())!;
        AnalyzerHarness.AssertCompiles(compilation);
        ImmutableArray<Diagnostic> after = await AnalyzerHarness.RunAsync(analyzer, compilation, additionalFiles);
        Assert.DoesNotContain(after, d => d.Id == diagnosticId && d.Location.SourceTree?.FilePath == AnalyzerHarness.SnippetPath
            && d.Location.GetLineSpan().StartLinePosition == diagnostic.Location.GetLineSpan().StartLinePosition);
        return text;
    }

    private static Document CreateDocument(SnippetSetup setup, string source, AdditionalText[] additionalFiles)
    {
        var workspace = new AdhocWorkspace();
        ProjectId projectId = ProjectId.CreateNewId();
        Solution solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(
                projectId,
                VersionStamp.Default,
                "Snippet",
                "Snippet",
                LanguageNames.CSharp,
                compilationOptions: setup.CompilationOptions,
                parseOptions: AnalyzerHarness.ParseOptions,
                metadataReferences: AnalyzerHarness.References));
        foreach ((string path, string text) in setup.SupportFiles)
        {
            solution = solution.AddDocument(DocumentId.CreateNewId(projectId), Path.GetFileName(path), SourceText.From(text), filePath: path);
        }

        DocumentId documentId = DocumentId.CreateNewId(projectId);
        solution = solution.AddDocument(documentId, AnalyzerHarness.SnippetPath, SourceText.From(source), filePath: AnalyzerHarness.SnippetPath);
        foreach (AdditionalText file in additionalFiles)
        {
            solution = solution.AddAdditionalDocument(DocumentId.CreateNewId(projectId), Path.GetFileName(file.Path), file.GetText()!, filePath: file.Path);
        }

        return solution.GetDocument(documentId)!;
    }
}
