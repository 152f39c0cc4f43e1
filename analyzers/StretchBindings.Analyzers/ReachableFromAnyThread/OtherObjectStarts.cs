using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace StretchBindings.Analyzers.ReachableFromAnyThread;

/// <summary>
/// Threads, tasks and work items the compilation's code starts on a method of an object held in a field or property:
/// <c>new Thread(_engine.Run)</c>, <c>Task.Run(() => Host.Engine.Render())</c>. The object's type then runs that method
/// on the new thread while its other members can run on their callers' threads, as when it starts the thread itself
/// (<see cref="SelfStartedThreads"/>). The compilation's text is searched for start names once, when the first type is
/// asked for; the methods each start names on a field or property (a chain of names, not shadowed by a local) are kept
/// by name, and only for a type that has a method of that name is the object they are named on bound (once), and the
/// call only when the name and the number of arguments cannot tell which method it is.
/// </summary>
internal sealed class OtherObjectStarts
{
    /// <summary>A method named on another object in a start: the name (<c>x.Run</c>, or the call <c>x.Render()</c>), the object it is named on, and the member it is written in.</summary>
    private sealed class Named
    {
        public readonly ExpressionSyntax Expression;
        public readonly ExpressionSyntax Receiver;
        public readonly WrittenStart Start;
        private ITypeSymbol? _held;
        private bool _bound;

        public Named(ExpressionSyntax expression, MemberAccessExpressionSyntax access, WrittenStart start)
        {
            Expression = expression;
            Receiver = access.Expression;
            Start = start;
        }

        /// <summary>The type of the field or property the method is named on; null for anything else. Bound once.</summary>
        public ITypeSymbol? Held()
        {
            if (!_bound)
            {
                _bound = true;
                _held = WrittenStart.HeldType(WrittenStart.AtTypeLevel(Receiver, Start.Model, Start.TypeLevel));
            }

            return _held;
        }
    }

    private Dictionary<string, List<Named>>? _byName;

    /// <summary>The starts of the compilation's code on <paramref name="type"/>'s instance methods through another object, in source order.</summary>
    public List<SelfStartedThreads.Start> Of(INamedTypeSymbol type, Compilation compilation, CancellationToken cancellation)
    {
        _byName ??= Scan(compilation, cancellation);
        var starts = new List<SelfStartedThreads.Start>();
        foreach (string name in type.OriginalDefinition.MemberNames)
        {
            if (!_byName.TryGetValue(name, out List<Named>? named))
            {
                continue;
            }

            foreach (Named method in named)
            {
                // Only an object held in a field or property: one made for the thread, or in a local, may be the thread's alone.
                if (!SymbolEqualityComparer.Default.Equals(method.Held()?.OriginalDefinition, type.OriginalDefinition))
                {
                    continue;
                }

                int? arguments = method.Expression is InvocationExpressionSyntax call ? call.ArgumentList.Arguments.Count : null;
                IMethodSymbol? entry = TypeReferences.Pick(type, name, arguments, out bool decided);
                if (!decided)
                {
                    entry = method.Start.Model.GetSymbolInfo(method.Expression).Symbol as IMethodSymbol;
                }

                if (entry is { IsStatic: false }
                    && SymbolEqualityComparer.Default.Equals(entry.OriginalDefinition.ContainingType, type.OriginalDefinition))
                {
                    starts.Add(new SelfStartedThreads.Start(entry.OriginalDefinition, null, method.Start.Starter.OriginalDefinition));
                }
            }
        }

        return starts;
    }

    private static Dictionary<string, List<Named>> Scan(Compilation compilation, CancellationToken cancellation)
    {
        var found = new Dictionary<string, List<Named>>();
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            cancellation.ThrowIfCancellationRequested();
            var search = new IdentifierSearch(tree.GetRoot(cancellation));
            foreach (WrittenStart written in WrittenStart.In(search, compilation))
            {
                if (written.Handed is MemberAccessExpressionSyntax access)
                {
                    // A method group: engine.Run.
                    Add(found, access, access, written, search);
                }
                else if (written.Handed is AnonymousFunctionExpressionSyntax lambda)
                {
                    // What the lambda calls on other objects: () => engine.Run().
                    foreach (SyntaxNode node in lambda.Body.DescendantNodesAndSelf())
                    {
                        if (node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax called } call)
                        {
                            Add(found, call, called, written, search);
                        }
                    }
                }
            }
        }

        return found;
    }

    // Kept when named on a field or property written as a chain of names (engine, _host.Engine), not on this object
    // (its own starts are SelfStartedThreads') and not on a local or parameter of the member.
    private static void Add(
        Dictionary<string, List<Named>> found, ExpressionSyntax expression, MemberAccessExpressionSyntax access,
        WrittenStart written, IdentifierSearch search)
    {
        if (!IsNameChain(access.Expression) || search.DeclaredInMember(access.Expression))
        {
            return;
        }

        string name = access.Name.Identifier.ValueText;
        if (!found.TryGetValue(name, out List<Named>? named))
        {
            named = new List<Named>();
            found.Add(name, named);
        }

        named.Add(new Named(expression, access, written));
    }

    private static bool IsNameChain(ExpressionSyntax receiver) => receiver switch
    {
        IdentifierNameSyntax => true,
        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } => true,
        MemberAccessExpressionSyntax { Expression: var inner } => IsNameChain(inner),
        _ => false,
    };
}
