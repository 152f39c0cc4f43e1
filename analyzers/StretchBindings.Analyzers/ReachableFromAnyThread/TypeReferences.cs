using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace StretchBindings.Analyzers.ReachableFromAnyThread;

/// <summary>
/// The names a type's declarations (all its partial parts) write, for the rules that follow one of its members back
/// to the code that names it: indexed by their text once, and bound on demand with one model per file, so that each
/// body is bound once however many members are followed. Used at the end of the compilation, only for a field about
/// to be judged.
/// </summary>
internal sealed class TypeReferences
{
    private static readonly List<SimpleNameSyntax> s_none = new();

    private readonly Compilation _compilation;
    private readonly Dictionary<string, List<SimpleNameSyntax>> _names = new();
    private readonly Dictionary<SyntaxTree, SemanticModel> _models = new();

    public TypeReferences(INamedTypeSymbol type, Compilation compilation)
    {
        _compilation = compilation;
        foreach (SyntaxReference part in type.DeclaringSyntaxReferences)
        {
            foreach (SyntaxNode node in part.GetSyntax().DescendantNodes())
            {
                if (node is SimpleNameSyntax name)
                {
                    string text = name.Identifier.ValueText;
                    if (!_names.TryGetValue(text, out List<SimpleNameSyntax>? list))
                    {
                        list = new List<SimpleNameSyntax>();
                        _names.Add(text, list);
                    }

                    list.Add(name);
                }
            }
        }
    }

    /// <summary>What code names to use <paramref name="member"/>: its property, for an accessor.</summary>
    public static ISymbol Named(ISymbol member) =>
        member is IMethodSymbol { AssociatedSymbol: { } property } ? property.OriginalDefinition : member.OriginalDefinition;

    /// <summary>The names written with <paramref name="member"/>'s text (unbound: some may name something else).</summary>
    public List<SimpleNameSyntax> Candidates(ISymbol member) =>
        _names.TryGetValue(Named(member).Name, out List<SimpleNameSyntax>? names) ? names : s_none;

    /// <summary>Whether <paramref name="name"/> binds to <paramref name="member"/> (its property, for an accessor).</summary>
    public bool Binds(SimpleNameSyntax name, ISymbol member) =>
        SymbolEqualityComparer.Default.Equals(ModelOf(name.SyntaxTree).GetSymbolInfo(name).Symbol?.OriginalDefinition, Named(member));

    /// <summary>The model of a file of the type, made once.</summary>
    public SemanticModel ModelOf(SyntaxTree tree)
    {
        if (!_models.TryGetValue(tree, out SemanticModel? model))
        {
#pragma warning disable RS1030 // At the end of the compilation, only for a field about to be judged: no model is at hand.
            model = _compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
            _models.Add(tree, model);
        }

        return model;
    }

    /// <summary>The call <paramref name="name"/> is the callee of (<c>Name(…)</c>, <c>x.Name(…)</c>), or null.</summary>
    public static InvocationExpressionSyntax? CallOf(SimpleNameSyntax name)
    {
        SyntaxNode expression = Expression(name);
        return expression.Parent is InvocationExpressionSyntax call && call.Expression == expression ? call : null;
    }

    /// <summary>The expression <paramref name="name"/> stands for: <c>x.Name</c> when it is a member access's name.</summary>
    public static SyntaxNode Expression(SimpleNameSyntax name) =>
        name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? access : name;
}
