using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace StretchBindings.Analyzers.ReachableFromAnyThread;

/// <summary>
/// An object that starts a thread on its own code: an instance member of its type starts a thread, a task or a
/// thread-pool work item on another instance member of it (<c>new Thread(Loop)</c>, <c>Task.Run(() => Loop())</c>,
/// <c>ThreadStart run = Loop; new Thread(run)</c>). That member then runs on the new thread while the object's other
/// members can run on their callers' threads: the object is reachable from two threads, though no static holds it.
/// Read from the type's own code at the end of the compilation, only for types with a field holding a
/// single-threaded instance, and only where their code names a thread-starting API.
/// </summary>
internal static class SelfStartedThreads
{
    /// <summary>
    /// What the type runs on a thread it starts, and the member that starts it: a member of the type (<see cref="Entry"/>),
    /// or the started lambda's own code (<see cref="Lambda"/>; what it calls on the object are starts of their own).
    /// </summary>
    internal sealed class Start
    {
        public readonly IMethodSymbol? Entry;
        public readonly AnonymousFunctionExpressionSyntax? Lambda;
        public readonly ISymbol Starter;

        public Start(IMethodSymbol? entry, AnonymousFunctionExpressionSyntax? lambda, ISymbol starter)
        {
            Entry = entry;
            Lambda = lambda;
            Starter = starter;
        }

        /// <summary>What runs on the thread, for a message: <c>'Engine.Run'</c>, or <c>a lambda of 'Engine.Start'</c>.</summary>
        public string Describe() =>
            Entry is not null ? $"'{FieldAccess.Describe(Entry)}'" : $"a lambda of '{FieldAccess.Describe(Starter)}'";
    }

    /// <summary>The threads <paramref name="type"/> starts on its own instance members, in source order.</summary>
    /// <remarks>
    /// Binding a start's statement would bind the lambdas in it for every overload tried, the bulk of this rule's
    /// time on a type that starts its work in large lambdas. So only names are bound: the start's receiver or created
    /// type, speculatively at the level of the type's members, and the members a delegate names, looked up among the
    /// type's own methods; a call is bound only when the name is overloaded or the receiver is not a type, field or
    /// property.
    /// </remarks>
    public static List<Start> Of(INamedTypeSymbol type, Compilation compilation)
    {
        var starts = new List<Start>();
        foreach (SyntaxReference part in type.DeclaringSyntaxReferences)
        {
            if (part.GetSyntax() is not TypeDeclarationSyntax declaration)
            {
                continue;
            }

            var search = new IdentifierSearch(declaration);
            foreach (WrittenStart written in WrittenStart.In(search, compilation))
            {
                if (written.Starter is not { IsStatic: false } starter
                    || !SymbolEqualityComparer.Default.Equals(starter.ContainingType?.OriginalDefinition, type.OriginalDefinition))
                {
                    continue;
                }

                if (written.Handed is AnonymousFunctionExpressionSyntax lambda)
                {
                    starts.Add(new Start(null, lambda, starter.OriginalDefinition));
                }

                foreach (IMethodSymbol entry in Entries(written.Handed, written.Model, type, search))
                {
                    starts.Add(new Start(entry, null, starter.OriginalDefinition));
                }
            }
        }

        return starts;
    }

    /// <summary>The instance methods of <paramref name="type"/> a started delegate runs on <c>this</c>.</summary>
    private static List<IMethodSymbol> Entries(ExpressionSyntax handed, SemanticModel model, INamedTypeSymbol type, IdentifierSearch search)
    {
        var entries = new List<IMethodSymbol>();
        SyntaxNode? member = handed.FirstAncestorOrSelf<MemberDeclarationSyntax>();
        var hidden = new LocalNames(member, search);
        switch (handed)
        {
            case AnonymousFunctionExpressionSyntax lambda:
                // What the lambda calls on this object.
                foreach (SyntaxNode node in lambda.Body.DescendantNodesAndSelf())
                {
                    if (node is InvocationExpressionSyntax { Expression: IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } } call)
                    {
                        AddNamed(call.Expression, call, hidden, model, type, entries);
                    }
                }

                break;
            case IdentifierNameSyntax name when member is not null && LocalValues(name.Identifier.ValueText, member) is { } values:
                // A delegate local: every method group stored in it in the same member.
                foreach (ExpressionSyntax value in values)
                {
                    if (value is IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax })
                    {
                        AddNamed(value, null, hidden, model, type, entries);
                    }
                }

                break;
            default:
                // A method group: Loop or this.Loop.
                if (handed is IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax })
                {
                    AddNamed(handed, null, hidden, model, type, entries);
                }

                break;
        }

        return entries;
    }

    /// <summary>
    /// The values a local named <paramref name="name"/> is given in <paramref name="member"/> (its initializer and
    /// plain assignments), or null when the member declares no local of that name.
    /// </summary>
    private static List<ExpressionSyntax>? LocalValues(string name, SyntaxNode member)
    {
        List<ExpressionSyntax>? values = null;
        foreach (SyntaxNode node in member.DescendantNodes())
        {
            switch (node)
            {
                case VariableDeclaratorSyntax declarator when declarator.Identifier.ValueText == name:
                    values ??= new List<ExpressionSyntax>();
                    if (declarator.Initializer?.Value is { } initial)
                    {
                        values.Add(initial);
                    }

                    break;
                case AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Left: IdentifierNameSyntax left } assignment
                    when left.Identifier.ValueText == name:
                    (values ??= new List<ExpressionSyntax>()).Add(assignment.Right);
                    break;
            }
        }

        return values;
    }

    /// <summary>
    /// Adds the instance method of <paramref name="type"/> that <paramref name="named"/> (<c>Loop</c>, <c>this.Loop</c>)
    /// names, found by name and argument count among the methods of the type and its base types
    /// (<see cref="TypeReferences.Pick"/>): the written call is bound only when those cannot tell, and nothing is added
    /// when the member declares a local function, local or parameter of that name.
    /// </summary>
    private static void AddNamed(
        ExpressionSyntax named, InvocationExpressionSyntax? call, LocalNames hidden, SemanticModel model,
        INamedTypeSymbol type, List<IMethodSymbol> entries)
    {
        string name = named is MemberAccessExpressionSyntax access ? access.Name.Identifier.ValueText : ((IdentifierNameSyntax)named).Identifier.ValueText;
        if (named is IdentifierNameSyntax && hidden.Contains(name))
        {
            return;
        }

        IMethodSymbol? only = TypeReferences.Pick(type, name, call?.ArgumentList.Arguments.Count, out bool decided);
        if (!decided)
        {
            only = model.GetSymbolInfo((ExpressionSyntax?)call ?? named).Symbol as IMethodSymbol;
        }

        if (only is not null)
        {
            AddOwn(only, type, entries);
        }
    }

    /// <summary>Whether a member declares a name (a local, local function, parameter, lambda parameter), asked per name.</summary>
    private sealed class LocalNames
    {
        private readonly SyntaxNode? _member;
        private readonly IdentifierSearch _search;
        private readonly Dictionary<string, bool> _known = new();

        public LocalNames(SyntaxNode? member, IdentifierSearch search)
        {
            _member = member;
            _search = search;
        }

        public bool Contains(string name)
        {
            if (_member is null)
            {
                return false;
            }

            if (!_known.TryGetValue(name, out bool declared))
            {
                declared = _search.Declares(name, _member);
                _known.Add(name, declared);
            }

            return declared;
        }
    }

    private static void AddOwn(IMethodSymbol method, INamedTypeSymbol type, List<IMethodSymbol> entries)
    {
        IMethodSymbol definition = method.OriginalDefinition;
        if (!definition.IsStatic
            && SymbolEqualityComparer.Default.Equals(definition.ContainingType, type.OriginalDefinition))
        {
            foreach (IMethodSymbol known in entries)
            {
                if (SymbolEqualityComparer.Default.Equals(known, definition))
                {
                    return;
                }
            }

            entries.Add(definition);
        }
    }
}
