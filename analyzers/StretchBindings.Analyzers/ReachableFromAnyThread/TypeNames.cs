using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace StretchBindings.Analyzers.ReachableFromAnyThread;

/// <summary>The simple names written in a type's declarations, for the rules that follow its members back to their callers.</summary>
internal static class TypeNames
{
    /// <summary>Every simple name in the type's declarations (all its partial parts), by its text.</summary>
    public static Dictionary<string, List<SimpleNameSyntax>> Of(INamedTypeSymbol type)
    {
        var names = new Dictionary<string, List<SimpleNameSyntax>>();
        foreach (SyntaxReference part in type.DeclaringSyntaxReferences)
        {
            foreach (SyntaxNode node in part.GetSyntax().DescendantNodes())
            {
                if (node is SimpleNameSyntax name)
                {
                    string text = name.Identifier.ValueText;
                    if (!names.TryGetValue(text, out List<SimpleNameSyntax>? list))
                    {
                        list = new List<SimpleNameSyntax>();
                        names.Add(text, list);
                    }

                    list.Add(name);
                }
            }
        }

        return names;
    }
}
