using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
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

    /// <summary>
    /// The body a delegate argument runs: a lambda, an anonymous method, or a local function passed by name; a
    /// method of this object or a static method passed by name (a method group), in any file; or any of these stored
    /// first in a local that is never assigned again, or in a readonly field of this type given its value once, by its
    /// initializer or a constructor in the same file. Null when there is none, or several (see <see cref="ResolveDelegateBodies"/>).
    /// </summary>
    public static IOperation? ResolveDelegateBody(IOperation value, IOperation root)
    {
        var bodies = new List<IOperation>(1);
        ResolveDelegateBodies(value, root, bodies, hops: 0);
        return bodies.Count == 1 ? bodies[0] : null;
    }

    /// <summary>
    /// Every body a delegate argument can run: as <see cref="ResolveDelegateBody"/>, and also each value a private
    /// delegate field that is not readonly is given anywhere in its type (once, or in several places: any of them may
    /// be the one that runs).
    /// </summary>
    public static void ResolveDelegateBodies(IOperation value, IOperation root, List<IOperation> bodies, int hops)
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
                    bodies.Add(current);
                    return;
                case IMethodReferenceOperation { Method.MethodKind: MethodKind.LocalFunction } reference:
                    foreach (IOperation candidate in root.Descendants())
                    {
                        if (candidate is ILocalFunctionOperation local
                            && SymbolEqualityComparer.Default.Equals(local.Symbol, reference.Method.OriginalDefinition))
                        {
                            bodies.Add(local);
                            return;
                        }
                    }

                    return;
                case IMethodReferenceOperation { Method.MethodKind: MethodKind.Ordinary, Instance: null or IInstanceReferenceOperation } reference:
                    if (MethodBody(reference) is { } method)
                    {
                        bodies.Add(method);
                    }

                    return;
                case ILocalReferenceOperation { Local.Type.TypeKind: TypeKind.Delegate } local when hops++ < 4:
                    if (OnlyValueOf(local.Local, root) is not { } stored)
                    {
                        return;
                    }

                    current = stored;
                    continue;
                case IFieldReferenceOperation { Field: { IsReadOnly: true, Type.TypeKind: TypeKind.Delegate } field, Instance: null or IInstanceReferenceOperation } reference
                    when hops++ < 4:
                    if (OnlyValueOf(field, reference) is not { } assigned)
                    {
                        return;
                    }

                    current = assigned;
                    continue;
                case IFieldReferenceOperation { Field: { IsReadOnly: false, Type.TypeKind: TypeKind.Delegate } mutable, Instance: null or IInstanceReferenceOperation } mutableReference
                    when hops++ < 4 && mutableReference.SemanticModel is { } model:
                    foreach (IOperation fieldValue in DelegateFieldValues.Of(mutable, model))
                    {
                        ResolveDelegateBodies(fieldValue, root, bodies, hops);
                    }

                    return;
                default:
                    return;
            }
        }
    }

    // The body of a method named by a method group, in whichever file of the compilation declares it.
    private static IOperation? MethodBody(IMethodReferenceOperation reference) =>
        reference.SemanticModel is { } model ? CalledMethods.BodyOf(reference.Method.OriginalDefinition, model) : null;

    /// <summary>
    /// The one value a readonly delegate field is given, when its declaration and its constructors are in the file of
    /// <paramref name="reference"/> (their operations then come from the same semantic model): its initializer, or
    /// the one assignment in a constructor. Null when it has none or several.
    /// </summary>
    private static IOperation? OnlyValueOf(IFieldSymbol field, IOperation reference)
    {
        if (reference.SemanticModel is not { } model || field.DeclaringSyntaxReferences.Length != 1)
        {
            return null;
        }

        SyntaxTree tree = reference.Syntax.SyntaxTree;
        SyntaxReference declaration = field.DeclaringSyntaxReferences[0];
        if (declaration.SyntaxTree != tree)
        {
            return null;
        }

        IOperation? value = declaration.GetSyntax() is VariableDeclaratorSyntax { Initializer: { } equals }
            && model.GetOperation(equals) is IFieldInitializerOperation initializer ? initializer.Value : null;
        foreach (IMethodSymbol constructor in field.IsStatic ? field.ContainingType.StaticConstructors : field.ContainingType.InstanceConstructors)
        {
            foreach (SyntaxReference body in constructor.DeclaringSyntaxReferences)
            {
                if (body.SyntaxTree != tree)
                {
                    return null;
                }

                if (model.GetOperation(body.GetSyntax()) is not { } operation)
                {
                    continue;
                }

                foreach (IOperation candidate in operation.Descendants())
                {
                    if (candidate is ISimpleAssignmentOperation { Target: IFieldReferenceOperation target } assignment
                        && SymbolEqualityComparer.Default.Equals(target.Field.OriginalDefinition, field.OriginalDefinition))
                    {
                        if (value is not null)
                        {
                            return null;
                        }

                        value = assignment.Value;
                    }
                }
            }
        }

        return value;
    }

    /// <summary>The initializer of a local that is never assigned afterwards, or null.</summary>
    private static IOperation? OnlyValueOf(ILocalSymbol local, IOperation root)
    {
        IOperation? value = null;
        foreach (IOperation candidate in root.Descendants())
        {
            switch (candidate)
            {
                case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                    value = declarator.Initializer?.Value;
                    break;
                case IAssignmentOperation { Target: ILocalReferenceOperation target } when SymbolEqualityComparer.Default.Equals(target.Local, local):
                    return null;
            }
        }

        return value;
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
