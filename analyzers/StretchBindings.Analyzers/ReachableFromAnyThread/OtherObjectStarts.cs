using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace StretchBindings.Analyzers.ReachableFromAnyThread;

/// <summary>
/// Threads, tasks and work items the compilation's code starts on a method of an object held in a field or property:
/// <c>new Thread(_engine.Run)</c>, <c>Task.Run(() => Host.Engine.Render())</c>. The object's type then runs that method on the new thread while its other
/// members can run on their callers' threads, as when it starts the thread itself (<see cref="SelfStartedThreads"/>).
/// The compilation's text is searched for start names once, when the first type is asked for; the methods each start
/// names on another object are kept by name, and only for a type that has a method of that name is the object they are
/// named on bound (and the call, when the name is overloaded).
/// </summary>
internal sealed class OtherObjectStarts
{
    /// <summary>
    /// A method named on another object in a start: the name (<c>x.Run</c>, or the call <c>x.Render()</c>), the object
    /// it is named on, and the member it is written in.
    /// </summary>
    private sealed class Named
    {
        public readonly ExpressionSyntax Expression;
        public readonly ExpressionSyntax Receiver;
        public readonly string Name;
        public readonly ISymbol Starter;
        public readonly SemanticModel Model;
        public readonly int TypeLevel;

        public Named(ExpressionSyntax expression, MemberAccessExpressionSyntax access, ISymbol starter, SemanticModel model, int typeLevel)
        {
            Expression = expression;
            Receiver = access.Expression;
            Name = access.Name.Identifier.ValueText;
            Starter = starter;
            Model = model;
            TypeLevel = typeLevel;
        }
    }

    private List<Named>? _named;

    /// <summary>The starts of the compilation's code on <paramref name="type"/>'s instance methods through another object, in source order.</summary>
    public List<SelfStartedThreads.Start> Of(INamedTypeSymbol type, Compilation compilation, CancellationToken cancellation)
    {
        _named ??= Scan(compilation, cancellation);
        var starts = new List<SelfStartedThreads.Start>();
        foreach (Named named in _named)
        {
            // Only an object held in a field or property: one made for the thread, or in a local, may be the thread's
            // alone. The receiver is bound at the level of the starting type's members, which binds that name only
            // (binding the call would bind the lambda around it); the call itself only when the name is overloaded.
            if (InstanceMethodNamed(type, named.Name, out int overloads) is not { } method
                || HeldType(named.Model.GetSpeculativeSymbolInfo(named.TypeLevel, named.Receiver, SpeculativeBindingOption.BindAsExpression).Symbol)
                    is not { } held
                || !SymbolEqualityComparer.Default.Equals(held.OriginalDefinition, type.OriginalDefinition))
            {
                continue;
            }

            if (overloads > 1)
            {
                method = named.Model.GetSymbolInfo(named.Expression).Symbol is IMethodSymbol { IsStatic: false } bound
                    && SymbolEqualityComparer.Default.Equals(bound.OriginalDefinition.ContainingType, type.OriginalDefinition)
                        ? bound.OriginalDefinition
                        : null;
            }

            if (method is not null)
            {
                starts.Add(new SelfStartedThreads.Start(method, null, named.Starter.OriginalDefinition));
            }
        }

        return starts;
    }

    // The instance method of that name (the first, when overloaded), and how many there are.
    private static IMethodSymbol? InstanceMethodNamed(INamedTypeSymbol type, string name, out int count)
    {
        IMethodSymbol? first = null;
        count = 0;
        foreach (ISymbol member in type.OriginalDefinition.GetMembers(name))
        {
            if (member is IMethodSymbol { IsStatic: false, MethodKind: MethodKind.Ordinary } method)
            {
                first ??= method;
                count++;
            }
        }

        return first;
    }

    // The type a field or property holds; null for anything else (a local, a parameter, a method's result).
    private static ITypeSymbol? HeldType(ISymbol? holder) => holder switch
    {
        IFieldSymbol field => field.Type,
        IPropertySymbol property => property.Type,
        _ => null,
    };

    private static List<Named> Scan(Compilation compilation, CancellationToken cancellation)
    {
        var found = new List<Named>();
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            cancellation.ThrowIfCancellationRequested();
            SemanticModel? model = null;
            var search = new IdentifierSearch(tree.GetRoot());
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
                if (SelfStartedThreads.StartedDelegate(start, written.ValueText, model, declaration.OpenBraceToken.Span.End) is not { } handed
                    || SelfStartedThreads.Starter(start, model) is not { } starter)
                {
                    continue;
                }

                int typeLevel = declaration.OpenBraceToken.Span.End;
                if (handed is MemberAccessExpressionSyntax access && IsOtherObject(access.Expression))
                {
                    // A method group: engine.Run.
                    found.Add(new Named(access, access, starter, model, typeLevel));
                }
                else if (handed is AnonymousFunctionExpressionSyntax lambda)
                {
                    // What the lambda calls on other objects: () => engine.Run().
                    foreach (SyntaxNode node in lambda.Body.DescendantNodesAndSelf())
                    {
                        if (node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax called } call && IsOtherObject(called.Expression))
                        {
                            found.Add(new Named(call, called, starter, model, typeLevel));
                        }
                    }
                }
            }
        }

        return found;
    }

    // Not this object: its own starts are SelfStartedThreads'.
    private static bool IsOtherObject(ExpressionSyntax receiver) => receiver is not (ThisExpressionSyntax or BaseExpressionSyntax);
}
