using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace StretchBindings.Analyzers.Concurrency;

internal enum LaunchKind
{
    /// <summary>The delegates run on several threads at once (Parallel loops, PLINQ operators).</summary>
    SelfConcurrent,

    /// <summary>Each delegate runs once, all of them at the same time (<c>Parallel.Invoke</c>).</summary>
    SideBySide,

    /// <summary>The delegate runs once on another thread while the code that started it goes on.</summary>
    Background,

    /// <summary>
    /// A call hands the instance to a method that starts background work with it and returns (see <see cref="HandOffs"/>):
    /// judged like <see cref="Background"/>, with the instance as the state handed over.
    /// </summary>
    HandedOn,
}

/// <summary>A place where code starts delegates that run on other threads.</summary>
internal sealed class Launch
{
    public Launch(
        LaunchKind kind,
        string apiName,
        IOperation operation,
        ImmutableArray<IOperation> delegates,
        IOperation? stateArgument = null,
        IOperation? startOperation = null)
    {
        Kind = kind;
        ApiName = apiName;
        Operation = operation;
        Delegates = delegates;
        StateArgument = stateArgument;
        StartOperation = startOperation;
        LaunchPoint = startOperation ?? operation;
    }

    // Plain readonly fields, not properties: each accessor would be one more method for a fresh compiler process to
    // compile (see analyzers/benchmarks/count-jit.sh).

    public readonly LaunchKind Kind;

    /// <summary>How users know the API: <c>Parallel.For</c>, <c>Task.Run</c>, <c>new Thread</c>.</summary>
    public readonly string ApiName;

    /// <summary>The invocation or object creation that hands over the delegates.</summary>
    public readonly IOperation Operation;

    /// <summary>The code that runs on other threads: lambdas, anonymous methods or local functions.</summary>
    public readonly ImmutableArray<IOperation> Delegates;

    /// <summary>The state object handed to the delegate (<c>QueueUserWorkItem(callback, state)</c>), if any.</summary>
    public readonly IOperation? StateArgument;

    /// <summary>For a thread or task created first and started later, the <c>Start</c> call.</summary>
    public readonly IOperation? StartOperation;

    /// <summary>
    /// For a use the delegates reach outside their own code (in a method they call, or a method group of another
    /// file), the operation in the launching code it is reached through: where it is reported.
    /// </summary>
    public readonly Dictionary<IOperation, IOperation> CallSites = new();

    /// <summary>Where a use of the delegates is reported: the use itself, or the call it is reached through.</summary>
    public IOperation ReportedAt(IOperation use) => CallSites.TryGetValue(use, out IOperation? site) ? site : use;

    /// <summary>The operation from which the delegates may run: the start call, else the operation.</summary>
    public readonly IOperation LaunchPoint;
}
