using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace StretchBindings.Analyzers.Tests.Infrastructure;

/// <summary>An AdditionalFile held in memory, as the compiler would hand it to the analyzers.</summary>
public sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
{
    private readonly SourceText _text = SourceText.From(text);

    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}
