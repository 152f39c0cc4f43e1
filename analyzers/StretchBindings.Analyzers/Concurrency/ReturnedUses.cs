using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using StretchBindings.Analyzers.ReachableFromAnyThread;

namespace StretchBindings.Analyzers.Concurrency;

/// <summary>
/// An instance a method or property getter written here returns (<c>return snapshot;</c>,
/// <c>=&gt; _lookup ?? (_lookup = Build())</c>), judged by what its callers do with the value: a read when every caller
/// only reads it. Only where every caller can be seen and few are bound: a private member, that no override or
/// interface call can reach instead, named only in calls (not as a method group) at most <see cref="MaxCallers"/> times
/// in its type's code. Its callers are found by the member's name in the text (<see cref="IdentifierSearch"/>) and bound
/// one by one.
/// </summary>
internal static class ReturnedUses
{
    // Each caller's body is bound to see what it does with the value: a member called more often is taken as handing it on.
    private const int MaxCallers = 16;

    public static AccessKind Classify(IReturnOperation returned, MutatingMembers members, int depth)
    {
        if (returned.SemanticModel is not { } model || ReturningMember(returned, model) is not { } member)
        {
            return AccessKind.Escape;
        }

        // Judged once per compilation from the top, like a parameter (deeper answers may stop at the depth limit).
        return depth == 0
            ? members.ReturnUses.GetOrAdd(member, _ => ClassifyCallers(member, model.Compilation, members, depth))
            : ClassifyCallers(member, model.Compilation, members, depth);
    }

    // The method or property getter the return is written in, when every caller of it is in this compilation.
    private static IMethodSymbol? ReturningMember(IReturnOperation returned, SemanticModel model)
    {
        for (IOperation? current = returned.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return null;
            }
        }

        if (model.GetEnclosingSymbol(returned.Syntax.SpanStart) is not IMethodSymbol { MethodKind: MethodKind.Ordinary or MethodKind.PropertyGet } method
            || method.IsVirtual || method.IsAbstract || method.IsOverride || !method.ExplicitInterfaceImplementations.IsEmpty
            || (method.AssociatedSymbol ?? method).DeclaredAccessibility != Accessibility.Private
            || ImplementsInterface(method))
        {
            return null;
        }

        return method.OriginalDefinition;
    }

    private static bool ImplementsInterface(IMethodSymbol method)
    {
        ISymbol named = method.AssociatedSymbol ?? method;
        foreach (INamedTypeSymbol contract in method.ContainingType.AllInterfaces)
        {
            foreach (ISymbol member in contract.GetMembers(named.Name))
            {
                if (SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(member), named))
                {
                    return true;
                }
            }
        }

        return false;
    }

    // The callers are the type's own code (TypeReferences: found by name, bound with one model per file).
    private static AccessKind ClassifyCallers(IMethodSymbol method, Compilation compilation, MutatingMembers members, int depth)
    {
        var references = new TypeReferences(method.ContainingType, compilation);
        bool isMethod = TypeReferences.Named(method) is IMethodSymbol;
        int callers = 0;
        foreach (SimpleNameSyntax name in references.Candidates(method))
        {
            if (!references.Binds(name, method))
            {
                continue;
            }

            // A method named other than in a call (a method group) may be called anywhere.
            SyntaxNode expression = TypeReferences.Expression(name);
            SyntaxNode? use = isMethod ? (expression.Parent as InvocationExpressionSyntax) : expression;
            if (use is null || ++callers > MaxCallers || references.ModelOf(name.SyntaxTree).GetOperation(use) is not { } operation)
            {
                return AccessKind.Escape;
            }

            if (InstanceAccess.Classify(operation, members, depth + 1) is var kind and not (AccessKind.Read or AccessKind.Assign))
            {
                return kind;
            }
        }

        return AccessKind.Read;
    }
}
