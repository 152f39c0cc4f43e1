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

    /// <summary>
    /// Uses of the variable in <paramref name="scope"/> outside the launch, including the implicit dispose of a
    /// <c>using</c>; with a <paramref name="holder"/>, uses of the member <paramref name="variable"/> of the object in
    /// that variable, as long as the starting code does not put another object there.
    /// </summary>
    public static List<StartingCodeUse> Find(ISymbol variable, Launch launch, IOperation scope, HolderPath? holder = null)
    {
        var uses = new List<StartingCodeUse>();
        if (holder is not null && IsAssigned(holder, scope))
        {
            return uses;
        }

        foreach (IOperation use in VariableUses.UsesOf(variable, scope, holder))
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

    // The holder, or a member on its path, given another object in the starting code: the member may then be a
    // different instance. A member on the path counts whichever object it is stored in (it may be the same one).
    private static bool IsAssigned(HolderPath holder, IOperation scope)
    {
        foreach (IOperation operation in scope.Descendants())
        {
            if (operation is not IAssignmentOperation assignment)
            {
                continue;
            }

            IOperation target = OperationHelpers.SkipConversions(assignment.Target);
            if (SymbolEqualityComparer.Default.Equals(VariableUses.ReferencedVariable(target), holder.Root)
                || (target is IMemberReferenceOperation member && holder.PassesThrough(member.Member)))
            {
                return true;
            }
        }

        return false;
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
