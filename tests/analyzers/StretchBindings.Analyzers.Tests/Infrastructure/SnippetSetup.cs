using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace StretchBindings.Analyzers.Tests.Infrastructure;

/// <summary>What a snippet is compiled with: the files beside it, and the kind of output.</summary>
public sealed class SnippetSetup(IReadOnlyList<(string Path, string Text)> supportFiles, OutputKind outputKind)
{
    /// <summary>The test support source (attributes, Stretcher, global usings), as a library.</summary>
    public static SnippetSetup Default { get; } = new([(SupportSource.Path, SupportSource.Text)], OutputKind.DynamicallyLinkedLibrary);

    public IReadOnlyList<(string Path, string Text)> SupportFiles { get; } = supportFiles;

    public CSharpCompilationOptions CompilationOptions { get; } = AnalyzerHarness.CompilationOptions.WithOutputKind(outputKind);
}
