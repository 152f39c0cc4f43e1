using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace StretchBindings.Analyzers.Concurrency;

/// <summary>A use of a variable by the code that started a launch, outside the launched delegates.</summary>
internal sealed class StartingCodeUse
{
    public StartingCodeUse(IOperation operation, int position, bool isDispose)
    {
        Operation = operation;
        Position = position;
        IsDispose = isDispose;
    }

    public IOperation Operation { get; }

    public int Position { get; }

    /// <summary>The implicit <c>Dispose</c> at the end of a <c>using</c> scope.</summary>
    public bool IsDispose { get; }

    /// <summary>Uses of the variable in <paramref name="scope"/> outside the launch, including the implicit dispose of a <c>using</c>.</summary>
    public static List<StartingCodeUse> Find(ISymbol variable, Launch launch, IOperation scope)
    {
        var uses = new List<StartingCodeUse>();
        foreach (IOperation use in VariableUses.UsesOf(variable, scope))
        {
            if (IsPartOfLaunch(use, launch))
            {
                continue;
            }

            uses.Add(new StartingCodeUse(use, use.Syntax.SpanStart, isDispose: false));
        }

        if (variable is ILocalSymbol local)
        {
            foreach (IOperation operation in OperationHelpers.DescendantsAndSelf(scope))
            {
                int? disposeAt = operation switch
                {
                    IUsingDeclarationOperation declaration when Declares(declaration.DeclarationGroup, local) =>
                        (declaration.Syntax.Parent ?? declaration.Syntax).Span.End - 1,
                    IUsingOperation { Resources: IVariableDeclarationGroupOperation group } statement when Declares(group, local) =>
                        statement.Syntax.Span.End - 1,
                    _ => null,
                };
                if (disposeAt is int position)
                {
                    uses.Add(new StartingCodeUse(operation, position, isDispose: true));
                }
            }
        }

        return uses;
    }

    private static bool Declares(IVariableDeclarationGroupOperation group, ILocalSymbol local)
    {
        foreach (IVariableDeclarationOperation declaration in group.Declarations)
        {
            foreach (IVariableDeclaratorOperation declarator in declaration.Declarators)
            {
                if (SymbolEqualityComparer.Default.Equals(declarator.Symbol, local))
                {
                    return true;
                }
            }
        }

        return false;
    }

    // Uses inside the delegates, or in the state argument handed to them, belong to the launch.
    private static bool IsPartOfLaunch(IOperation use, Launch launch)
    {
        foreach (IOperation body in launch.Delegates)
        {
            if (OperationHelpers.IsInside(use, body))
            {
                return true;
            }
        }

        return launch.StateArgument is { } state && OperationHelpers.IsInside(use, state);
    }
}
