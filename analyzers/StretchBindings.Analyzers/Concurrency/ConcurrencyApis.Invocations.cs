using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace StretchBindings.Analyzers.Concurrency;

/// <summary>The launches made by calling an API of the framework, one method per family of APIs (see ClassifyInvocation).</summary>
internal sealed partial class ConcurrencyApis
{
    private Launch? ClassifyParallel(IInvocationOperation invocation, string name)
    {
        IOperation root = OperationHelpers.Root(invocation);
        string api = "Parallel." + name;
        if (name == "Invoke")
        {
            return new Launch(LaunchKind.SideBySide, api, invocation, InvokedActions(invocation, root));
        }

        return name is "For" or "ForEach" or "ForEachAsync"
            ? new Launch(LaunchKind.SelfConcurrent, api, invocation, DelegateArguments(invocation, root))
            : null;
    }

    private Launch? ClassifyParallelQuery(IInvocationOperation invocation, string name)
    {
        ImmutableArray<IOperation> delegates = DelegateArguments(invocation, OperationHelpers.Root(invocation));
        return delegates.IsEmpty ? null : new Launch(LaunchKind.SelfConcurrent, "PLINQ " + name, invocation, delegates);
    }

    private Launch? ClassifyFanOut(IInvocationOperation invocation, string name)
    {
        ImmutableArray<IOperation> fannedOut = AsyncLambdasPerElement(invocation, OperationHelpers.Root(invocation));
        return fannedOut.IsEmpty ? null : new Launch(LaunchKind.SelfConcurrent, "Task." + name + " over Select", invocation, fannedOut);
    }

    private Launch? ClassifyQueued(IInvocationOperation invocation, INamedTypeSymbol type, string name)
    {
        ImmutableArray<IOperation> delegates = DelegateArguments(invocation, OperationHelpers.Root(invocation));
        if (delegates.IsEmpty)
        {
            return null;
        }

        string api = Is(type, TaskName) ? "Task.Run" : Is(type, ThreadPoolName) ? "ThreadPool." + name : "Task.Factory.StartNew";
        return new Launch(LaunchKind.Background, api, invocation, delegates, StateArgument(invocation.Arguments));
    }
}
