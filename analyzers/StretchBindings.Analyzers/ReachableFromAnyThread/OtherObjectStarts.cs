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
        public readonly ISymbol Starter;
        public readonly SemanticModel Model;
        public readonly int TypeLevel;
        private ITypeSymbol? _held;
        private bool _bound;

        public Named(ExpressionSyntax expression, MemberAccessExpressionSyntax access, ISymbol starter, SemanticModel model, int typeLevel)
        {
            Expression = expression;
            Receiver = access.Expression;
            Starter = starter;
            Model = model;
            TypeLevel = typeLevel;
        }

        /// <summary>The type of the field or property the method is named on; null for anything else. Bound once.</summary>
        public ITypeSymbol? Held()
        {
            if (!_bound)
            {
                _bound = true;
                _held = Model.GetSpeculativeSymbolInfo(TypeLevel, SelfStartedThreads.WithoutThis(Receiver), SpeculativeBindingOption.BindAsExpression).Symbol switch
                {
                    IFieldSymbol field => field.Type,
                    IPropertySymbol property => property.Type,
                    _ => null,
                };
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

            foreach (Named start in named)
            {
                // Only an object held in a field or property: one made for the thread, or in a local, may be the thread's alone.
                if (!SymbolEqualityComparer.Default.Equals(start.Held()?.OriginalDefinition, type.OriginalDefinition))
                {
                    continue;
                }

                int? arguments = start.Expression is InvocationExpressionSyntax call ? call.ArgumentList.Arguments.Count : null;
                IMethodSymbol? method = TypeReferences.Pick(type, name, arguments, out bool decided);
                if (!decided)
                {
                    method = start.Model.GetSymbolInfo(start.Expression).Symbol as IMethodSymbol;
                }

                if (method is { IsStatic: false }
                    && SymbolEqualityComparer.Default.Equals(method.OriginalDefinition.ContainingType, type.OriginalDefinition))
                {
                    starts.Add(new SelfStartedThreads.Start(method.OriginalDefinition, null, start.Starter.OriginalDefinition));
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
            SemanticModel? model = null;
            var search = new IdentifierSearch(tree.GetRoot(cancellation));
            foreach (SyntaxToken written in SelfStartedThreads.StartNames(search))
            {
                if (SelfStartedThreads.StartAt(written) is not { } start
                    || start.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } declaration)
                {
                    continue;
                }

#pragma warning disable RS1030 // At the end of the compilation, once, for the files that name a thread start: no model is at hand.
                model ??= compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                int typeLevel = declaration.OpenBraceToken.Span.End;
                if (SelfStartedThreads.StartedDelegate(start, written.ValueText, model, typeLevel, search) is not { } handed
                    || SelfStartedThreads.Starter(start, model) is not { } starter)
                {
                    continue;
                }

                if (handed is MemberAccessExpressionSyntax access)
                {
                    // A method group: engine.Run.
                    Add(found, access, access, starter, model, typeLevel, search);
                }
                else if (handed is AnonymousFunctionExpressionSyntax lambda)
                {
                    // What the lambda calls on other objects: () => engine.Run().
                    foreach (SyntaxNode node in lambda.Body.DescendantNodesAndSelf())
                    {
                        if (node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax called } call)
                        {
                            Add(found, call, called, starter, model, typeLevel, search);
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
        ISymbol starter, SemanticModel model, int typeLevel, IdentifierSearch search)
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

        named.Add(new Named(expression, access, starter, model, typeLevel));
    }

    private static bool IsNameChain(ExpressionSyntax receiver) => receiver switch
    {
        IdentifierNameSyntax => true,
        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } => true,
        MemberAccessExpressionSyntax { Expression: var inner } => IsNameChain(inner),
        _ => false,
    };
}
