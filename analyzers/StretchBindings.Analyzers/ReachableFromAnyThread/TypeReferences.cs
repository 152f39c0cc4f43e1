using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace StretchBindings.Analyzers.ReachableFromAnyThread;

/// <summary>
/// The names a type's declarations (all its partial parts) write, for the rules that follow one of its members back
/// to the code that names it: found by their text when a member is first asked for (<see cref="IdentifierSearch"/>),
/// and bound on demand with one model per file, so that each body is bound once however many members are followed;
/// a plain call that can only mean the member is not bound at all. Used at the end of the compilation, only for a
/// field about to be judged.
/// </summary>
internal sealed class TypeReferences
{
    private readonly Compilation _compilation;
    private readonly INamedTypeSymbol _type;
    private readonly List<IdentifierSearch> _parts = new();
    private readonly Dictionary<string, List<SimpleNameSyntax>> _names = new();
    private readonly Dictionary<SyntaxTree, SemanticModel> _models = new();

    public TypeReferences(INamedTypeSymbol type, Compilation compilation)
    {
        _compilation = compilation;
        _type = type.OriginalDefinition;
        foreach (SyntaxReference part in type.DeclaringSyntaxReferences)
        {
            _parts.Add(new IdentifierSearch(part.GetSyntax()));
        }
    }

    /// <summary>What code names to use <paramref name="member"/>: its property, for an accessor.</summary>
    public static ISymbol Named(ISymbol member) =>
        member is IMethodSymbol { AssociatedSymbol: { } property } ? property.OriginalDefinition : member.OriginalDefinition;

    /// <summary>The names written with <paramref name="member"/>'s text (unbound: some may name something else).</summary>
    public List<SimpleNameSyntax> Candidates(ISymbol member)
    {
        string text = Named(member).Name;
        if (!_names.TryGetValue(text, out List<SimpleNameSyntax>? names))
        {
            names = new List<SimpleNameSyntax>();
            foreach (IdentifierSearch part in _parts)
            {
                foreach (SyntaxToken token in part.Find(text))
                {
                    if (token.Parent is SimpleNameSyntax name)
                    {
                        names.Add(name);
                    }
                }
            }

            _names.Add(text, names);
        }

        return names;
    }

    /// <summary>Whether <paramref name="name"/> binds to <paramref name="member"/> (its property, for an accessor).</summary>
    public bool Binds(SimpleNameSyntax name, ISymbol member)
    {
        ISymbol named = Named(member);
        return PlainCallOf(name, named)
            ?? SymbolEqualityComparer.Default.Equals(ModelOf(name.SyntaxTree).GetSymbolInfo(name).Symbol?.OriginalDefinition, named);
    }

    /// <summary>
    /// For a call <c>M(…)</c> or <c>this.M(…)</c> in the type's own code, whether it calls <paramref name="named"/>,
    /// when the number of arguments tells the methods of that name (the type's and its base types') apart and no
    /// local, parameter or local function of that name in the member it is written in could be meant; null when
    /// only binding can tell. Binding the statement would, for a call in a large lambda, bind the lambda again for
    /// each overload tried.
    /// </summary>
    private bool? PlainCallOf(SimpleNameSyntax name, ISymbol named)
    {
        if (named is not IMethodSymbol || name is not IdentifierNameSyntax
            || CallOf(name) is not { Expression: IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } } call
            || name.FirstAncestorOrSelf<BaseTypeDeclarationSyntax>() is not { } declaration
            || !IsPartOfType(declaration))
        {
            return null;
        }

        string text = named.Name;
        IMethodSymbol? applicable = Pick(_type, text, call.ArgumentList.Arguments.Count, out bool decided);
        if (!decided)
        {
            return null;
        }

        // A declaration of the name in the member (a local function, a delegate local, a parameter) may be what it calls.
        SyntaxNode scope = (SyntaxNode?)name.FirstAncestorOrSelf<MemberDeclarationSyntax>() ?? declaration;
        foreach (IdentifierSearch part in _parts)
        {
            if (part.Holds(scope) && part.Declares(text, scope))
            {
                return null;
            }
        }

        return applicable is not null && SymbolEqualityComparer.Default.Equals(applicable, named);
    }

    /// <summary>
    /// The method of <paramref name="type"/> or its base types that <paramref name="name"/> can only mean when called
    /// with <paramref name="arguments"/> arguments (null: named as a method group), told apart by the number of
    /// arguments, optional parameters and params arrays counted. <paramref name="decided"/> is false when only binding
    /// can tell: several methods fit, or a field, property or event of that name might be what is invoked; a null
    /// answer that is decided means no method of that name fits.
    /// </summary>
    internal static IMethodSymbol? Pick(INamedTypeSymbol type, string name, int? arguments, out bool decided)
    {
        IMethodSymbol? applicable = null;
        decided = false;
        for (INamedTypeSymbol? current = type.OriginalDefinition; current is not null; current = current.BaseType)
        {
            foreach (ISymbol candidate in current.GetMembers(name))
            {
                if (candidate is not IMethodSymbol { MethodKind: MethodKind.Ordinary } method)
                {
                    return null;
                }

                if (arguments is not { } count || Accepts(method, count))
                {
                    if (applicable is not null)
                    {
                        return null;
                    }

                    applicable = method.OriginalDefinition;
                }
            }
        }

        decided = true;
        return applicable;
    }

    // Whether a call with that many arguments can call the method: its optional parameters and params array counted.
    private static bool Accepts(IMethodSymbol method, int arguments)
    {
        int required = 0;
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            if (!parameter.IsOptional && !parameter.IsParams)
            {
                required++;
            }
        }

        bool unbounded = method.Parameters.Length > 0 && method.Parameters[method.Parameters.Length - 1].IsParams;
        return arguments >= required && (unbounded || arguments <= method.Parameters.Length);
    }

    private bool IsPartOfType(BaseTypeDeclarationSyntax declaration)
    {
        foreach (IdentifierSearch part in _parts)
        {
            if (part.Scope.SyntaxTree == declaration.SyntaxTree && part.Scope.Span == declaration.Span)
            {
                return true;
            }
        }

        return false;
    }

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
