using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace StretchBindings.Analyzers.Concurrency;

internal static class OperationHelpers
{
    public static IOperation Root(IOperation operation)
    {
        IOperation current = operation;
        while (current.Parent is not null)
        {
            current = current.Parent;
        }

        return current;
    }

    /// <summary>The innermost lambda, anonymous method or local function around <paramref name="operation"/>; null for the member body.</summary>
    public static IOperation? EnclosingFunction(IOperation operation)
    {
        for (IOperation? current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return current;
            }
        }

        return null;
    }

    /// <summary>Descends from <paramref name="operation"/> through conversions and parentheses.</summary>
    public static IOperation SkipConversions(IOperation operation)
    {
        IOperation current = operation;
        while (true)
        {
            switch (current)
            {
                case IConversionOperation conversion:
                    current = conversion.Operand;
                    break;
                case IParenthesizedOperation parenthesized:
                    current = parenthesized.Operand;
                    break;
                default:
                    return current;
            }
        }
    }

    /// <summary>Climbs from <paramref name="operation"/> through conversions and parentheses.</summary>
    public static IOperation ClimbConversions(IOperation operation)
    {
        IOperation current = operation;
        while (current.Parent is IConversionOperation or IParenthesizedOperation)
        {
            current = current.Parent;
        }

        return current;
    }

    /// <summary>The body a delegate argument runs: a lambda, an anonymous method, or a local function passed by name.</summary>
    public static IOperation? ResolveDelegateBody(IOperation value, IOperation root)
    {
        IOperation current = value;
        while (true)
        {
            switch (current)
            {
                case IConversionOperation conversion:
                    current = conversion.Operand;
                    continue;
                case IParenthesizedOperation parenthesized:
                    current = parenthesized.Operand;
                    continue;
                case IDelegateCreationOperation creation:
                    current = creation.Target;
                    continue;
                case IAnonymousFunctionOperation:
                    return current;
                case IMethodReferenceOperation { Method.MethodKind: MethodKind.LocalFunction } reference:
                    foreach (IOperation candidate in root.Descendants())
                    {
                        if (candidate is ILocalFunctionOperation local
                            && SymbolEqualityComparer.Default.Equals(local.Symbol, reference.Method.OriginalDefinition))
                        {
                            return local;
                        }
                    }

                    return null;
                default:
                    return null;
            }
        }
    }

    public static bool IsInside(IOperation operation, IOperation container) =>
        operation.Syntax.SyntaxTree == container.Syntax.SyntaxTree && container.Syntax.Span.Contains(operation.Syntax.Span);

    /// <summary>True when <paramref name="symbol"/> (a local or parameter) is declared inside <paramref name="container"/>.</summary>
    public static bool IsDeclaredInside(ISymbol symbol, IOperation container)
    {
        if (symbol is not ILocalSymbol and not IParameterSymbol)
        {
            return false;
        }

        foreach (SyntaxReference reference in symbol.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree == container.Syntax.SyntaxTree && container.Syntax.Span.Contains(reference.Span))
            {
                return true;
            }
        }

        return false;
    }

    public static IEnumerable<IOperation> DescendantsAndSelf(IOperation operation)
    {
        yield return operation;
        foreach (IOperation descendant in operation.Descendants())
        {
            yield return descendant;
        }
    }
}
