using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace StretchBindings.Analyzers.Concurrency;

/// <summary>
/// Follows a delegate's calls into the methods of its own type (<c>new Thread(() =&gt; Loop())</c>, where
/// <c>Loop</c> uses the instance's fields), in any file of the compilation, a few calls deep: what those methods
/// do with the type's fields runs on the delegate's thread too. Only a type that has such a field is followed. Each use found is tied to the call in the
/// delegate it is reached through, where it is reported.
/// </summary>
internal static class CalledMethods
{
    // Bounded, so that a launch costs a few method bodies at most: deeper helpers are rarely where the state is.
    private const int MaxDepth = 3;
    private const int MaxMethods = 12;

    /// <summary>
    /// Adds to <paramref name="captured"/> the uses of fields and auto-properties holding single-threaded instances
    /// in the methods <paramref name="body"/> calls on its own type (through <c>this</c> or statically), and records
    /// in <paramref name="callSites"/> the call in <paramref name="body"/> each is reached through.
    /// </summary>
    public static void AddUses(
        IOperation body, INamedTypeSymbol ownType, SingleThreadedTypes types, Dictionary<ISymbol, List<IOperation>> captured, Dictionary<IOperation, IOperation> callSites)
    {
        if (body.SemanticModel is not { } model)
        {
            return;
        }

        var visited = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        var pending = new Queue<(IOperation Scope, IOperation? Via, int Depth)>();
        pending.Enqueue((body, null, 0));
        while (pending.Count > 0)
        {
            (IOperation scope, IOperation? via, int depth) = pending.Dequeue();
            foreach (IOperation operation in scope.Descendants())
            {
                if (operation is not IInvocationOperation invocation
                    || !IsCallOnOwnType(invocation, ownType)
                    || visited.Count >= MaxMethods
                    || !visited.Add(invocation.TargetMethod.OriginalDefinition)
                    || BodyOf(invocation.TargetMethod.OriginalDefinition, model) is not { } callee)
                {
                    continue;
                }

                IOperation callSite = via ?? invocation;
                foreach (KeyValuePair<ISymbol, List<IOperation>> variable in VariableUses.CapturedSingleThreaded(callee, types))
                {
                    // The callee's own parameters and locals are not the delegate's state; the type's fields are.
                    if (variable.Key is not (IFieldSymbol or IPropertySymbol) || !IsOwnOrBase(variable.Key.ContainingType, ownType))
                    {
                        continue;
                    }

                    if (!captured.TryGetValue(variable.Key, out List<IOperation>? uses))
                    {
                        uses = new List<IOperation>();
                        captured.Add(variable.Key, uses);
                    }

                    foreach (IOperation use in variable.Value)
                    {
                        uses.Add(use);
                        callSites[use] = callSite;
                    }
                }

                if (depth + 1 < MaxDepth)
                {
                    pending.Enqueue((callee, callSite, depth + 1));
                }
            }
        }
    }

    /// <summary>
    /// The type whose methods a delegate's calls are followed into: the type the delegate is written in, when it holds
    /// a single-threaded field (else its methods hold no state to share, and none is bound). A delegate written in the
    /// same type declaration as the launch has the launching code's type; only for one elsewhere (a method group, a
    /// delegate field's value) is the semantic model asked.
    /// </summary>
    public static INamedTypeSymbol? TypeToFollow(IOperation body, SyntaxNode launch, INamedTypeSymbol? launchingType, SingleThreadedTypes types)
    {
        INamedTypeSymbol? ownType = launchingType is not null
            && body.Syntax.FirstAncestorOrSelf<BaseTypeDeclarationSyntax>() is { } declaration
            && declaration == launch.FirstAncestorOrSelf<BaseTypeDeclarationSyntax>()
                ? launchingType
                : body.SemanticModel?.GetEnclosingSymbol(body.Syntax.SpanStart)?.ContainingType;
        return ownType is not null && types.HasSingleThreadedField(ownType) ? ownType.OriginalDefinition : null;
    }

    private static bool IsOwnOrBase(INamedTypeSymbol? declaring, INamedTypeSymbol ownType)
    {
        for (INamedTypeSymbol? current = ownType; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, declaring?.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }

    // An ordinary method called on this object or on its type, written in this compilation.
    private static bool IsCallOnOwnType(IInvocationOperation invocation, INamedTypeSymbol ownType)
    {
        IMethodSymbol method = invocation.TargetMethod;
        return method.MethodKind == MethodKind.Ordinary
            && !method.IsAbstract
            && !method.IsExtern
            && (invocation.Instance is null
                ? method.IsStatic && SymbolEqualityComparer.Default.Equals(method.ContainingType.OriginalDefinition, ownType)
                : invocation.Instance is IInstanceReferenceOperation)
            && !method.DeclaringSyntaxReferences.IsEmpty;
    }

    /// <summary>
    /// The body of a source method or constructor, from <paramref name="model"/> when it is in the same file, else from
    /// a model of its own file. Null for a partial method without a body, one declared in pieces, or a primary constructor.
    /// </summary>
    public static IMethodBodyBaseOperation? BodyOf(IMethodSymbol method, SemanticModel model)
    {
        IMethodSymbol implementation = method.PartialImplementationPart ?? method;
        if (implementation.DeclaringSyntaxReferences.Length != 1)
        {
            return null;
        }

        SyntaxReference declaration = implementation.DeclaringSyntaxReferences[0];
        SemanticModel own = declaration.SyntaxTree == model.SyntaxTree
            ? model
#pragma warning disable RS1030 // Only around a real launch, for the few methods it calls: no semantic model is at hand for another file.
            : model.Compilation.GetSemanticModel(declaration.SyntaxTree);
#pragma warning restore RS1030
        return own.GetOperation(declaration.GetSyntax()) as IMethodBodyBaseOperation;
    }
}
