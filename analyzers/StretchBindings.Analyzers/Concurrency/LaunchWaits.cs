using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace StretchBindings.Analyzers.Concurrency;

/// <summary>A point in the starting code after which the started work is known to be finished.</summary>
internal sealed class WaitPoint
{
    public WaitPoint(IOperation operation, int position, bool isAwait)
    {
        Operation = operation;
        Position = position;
        IsAwait = isAwait;
    }

    public IOperation Operation { get; }

    /// <summary>Source position after which the work is finished.</summary>
    public int Position { get; }

    public bool IsAwait { get; }
}

/// <summary>
/// The waits for one launch in the function that starts it: await, <c>Wait</c>, <c>Join</c>, <c>Result</c> or
/// <c>GetAwaiter().GetResult()</c> on the started task or thread (directly, through a local, or through a local
/// collection it is added to), <c>Task.WaitAll</c>/<c>WhenAll</c> over it, and blocking waits on
/// synchronization primitives.
/// </summary>
internal sealed class LaunchWaits
{
    private readonly List<WaitPoint> _waits;

    private LaunchWaits(List<WaitPoint> waits)
    {
        _waits = waits;
    }

    /// <param name="launch">The launch waited for.</param>
    /// <param name="startingFunction">The function that starts it (null at the top level); waits in nested functions do not count.</param>
    /// <param name="scope">The operations to search: the starting function, or the whole tree.</param>
    /// <param name="apis">The compilation's concurrency types.</param>
    public static LaunchWaits Find(Launch launch, IOperation? startingFunction, IOperation scope, ConcurrencyApis apis)
    {
        var waits = new List<WaitPoint>();
        ILocalSymbol? handle = null;

        IOperation value = ClimbTaskChain(OperationHelpers.ClimbConversions(launch.Operation));
        if (WaitOn(value) is { } direct)
        {
            waits.Add(direct);
        }
        else
        {
            handle = ConcurrencyApis.StoredInLocal(value) ?? CollectionAddedTo(value);
            if (CombinatorAround(value, apis) is { } combinator)
            {
                waits.Add(combinator);
            }
        }

        foreach (IOperation operation in scope.Descendants())
        {
            if (OperationHelpers.EnclosingFunction(operation) != startingFunction)
            {
                continue;
            }

            if (handle is not null
                && operation is ILocalReferenceOperation reference
                && SymbolEqualityComparer.Default.Equals(reference.Local, handle))
            {
                IOperation handleValue = ClimbTaskChain(OperationHelpers.ClimbConversions(reference));
                if ((WaitOn(handleValue) ?? CombinatorAround(handleValue, apis)) is { } wait)
                {
                    waits.Add(wait);
                }
            }
            else if (apis.IsSynchronizationWait(operation))
            {
                waits.Add(new WaitPoint(operation, operation.Syntax.Span.End, operation is IAwaitOperation));
            }
        }

        return new LaunchWaits(waits);
    }

    /// <summary>Whether a wait after the launch comes before a use at <paramref name="usePosition"/>.</summary>
    public bool IsWaitedBefore(int launchEnd, int usePosition)
    {
        foreach (WaitPoint wait in _waits)
        {
            if (wait.Position >= launchEnd && wait.Position <= usePosition)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether a wait after the launch lies inside <paramref name="scope"/> (a loop pass or a per-element lambda).
    /// An await counts only where <paramref name="allowAwait"/>: in a lambda called per element, an await lets the next call start.
    /// </summary>
    public bool IsWaitedInside(int launchEnd, IOperation scope, bool allowAwait)
    {
        foreach (WaitPoint wait in _waits)
        {
            if (wait.Position >= launchEnd && (allowAwait || !wait.IsAwait) && OperationHelpers.IsInside(wait.Operation, scope))
            {
                return true;
            }
        }

        return false;
    }

    // ConfigureAwait, ContinueWith and Unwrap keep the identity of "the started work" for waiting purposes.
    private static IOperation ClimbTaskChain(IOperation value)
    {
        IOperation current = value;
        while (current.Parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" or "ContinueWith" or "Unwrap" } chained
            && chained.Instance == current)
        {
            current = OperationHelpers.ClimbConversions(chained);
        }

        return current;
    }

    /// <summary>A wait applied directly to a task or thread value: await, Wait(), Join(), Result, GetAwaiter().GetResult().</summary>
    private static WaitPoint? WaitOn(IOperation value)
    {
        switch (value.Parent)
        {
            case IAwaitOperation awaitOperation:
                return new WaitPoint(awaitOperation, awaitOperation.Syntax.Span.End, isAwait: true);
            case IInvocationOperation { TargetMethod.Name: "Wait" or "Join" } blocking when blocking.Instance == value:
                return new WaitPoint(blocking, blocking.Syntax.Span.End, isAwait: false);
            case IPropertyReferenceOperation { Property.Name: "Result" } result when result.Instance == value:
                return new WaitPoint(result, result.Syntax.Span.End, isAwait: false);
            case IInvocationOperation { TargetMethod.Name: "GetAwaiter" } awaiter when awaiter.Instance == value
                && awaiter.Parent is IInvocationOperation { TargetMethod.Name: "GetResult" } getResult:
                return new WaitPoint(getResult, getResult.Syntax.Span.End, isAwait: false);
            default:
                return null;
        }
    }

    /// <summary><c>Task.WaitAll</c> / <c>Task.WhenAll</c> somewhere in the arguments of which the value appears.</summary>
    private static WaitPoint? CombinatorAround(IOperation value, ConcurrencyApis apis)
    {
        for (IOperation? current = value.Parent; current is not null; current = current.Parent)
        {
            if (current is IArgumentOperation argument && IsTaskCombinator(argument.Parent, apis) is { } wait)
            {
                return wait;
            }

            if (current is IBlockOperation or IAnonymousFunctionOperation or IExpressionStatementOperation)
            {
                return null;
            }
        }

        return null;
    }

    private static WaitPoint? IsTaskCombinator(IOperation? operation, ConcurrencyApis apis)
    {
        if (operation is not IInvocationOperation { TargetMethod.Name: "WaitAll" or "WhenAll" } combinator
            || !apis.IsTaskClass(combinator.TargetMethod.ContainingType))
        {
            return null;
        }

        if (combinator.TargetMethod.Name == "WhenAll")
        {
            IOperation result = ClimbTaskChain(OperationHelpers.ClimbConversions(combinator));
            if (WaitOn(result) is { } wait)
            {
                return wait;
            }
        }

        return new WaitPoint(combinator, combinator.Syntax.Span.End, isAwait: false);
    }

    /// <summary>The local collection a task is added to (<c>tasks.Add(Task.Run(...))</c>), which is then waited as a whole.</summary>
    private static ILocalSymbol? CollectionAddedTo(IOperation value)
    {
        return value.Parent is IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "Add", Instance: ILocalReferenceOperation collection } }
            ? collection.Local
            : null;
    }
}
