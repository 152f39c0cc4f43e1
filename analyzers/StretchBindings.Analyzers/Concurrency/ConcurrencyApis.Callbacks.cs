using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace StretchBindings.Analyzers.Concurrency;

/// <summary>The launches that hand over a callback rather than start work at once.</summary>
internal sealed partial class ConcurrencyApis
{
    /// <summary>
    /// Callbacks that run later on another thread while the registering code goes on: a continuation
    /// (<c>task.ContinueWith</c>), a cancellation callback (<c>token.Register</c>, run by whichever thread cancels),
    /// a wait registered with the thread pool, and the completion callback of an asynchronous I/O call
    /// (<c>stream.BeginRead(…, callback, state)</c>, <c>socket.BeginReceive</c>). Nothing waits for any of them.
    /// </summary>
    private Launch? CallbackLaunch(IInvocationOperation invocation)
    {
        IMethodSymbol method = invocation.TargetMethod;
        INamedTypeSymbol type = method.ContainingType.OriginalDefinition;
        string? api = method.Name switch
        {
            "ContinueWith" when Is(type, TaskName) || Is(type, GenericTaskName) => "Task.ContinueWith",
            "Register" or "UnsafeRegister" when Is(type, CancellationTokenName) => "CancellationToken." + method.Name,
            "RegisterWaitForSingleObject" or "UnsafeRegisterWaitForSingleObject" when Is(type, ThreadPoolName) => "ThreadPool." + method.Name,
            _ when method.Name.StartsWith("Begin", StringComparison.Ordinal) && HasAsyncCallback(method) => type.Name + "." + method.Name,
            _ => null,
        };
        if (api is null)
        {
            return null;
        }

        IOperation root = OperationHelpers.Root(invocation);
        ImmutableArray<IOperation> delegates = DelegateArguments(invocation, root);
        return delegates.IsEmpty ? null : new Launch(LaunchKind.Background, api, invocation, delegates, StateArgument(invocation.Arguments));
    }

    private bool HasAsyncCallback(IMethodSymbol method)
    {
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            if (Is(parameter.Type, AsyncCallbackName))
            {
                return true;
            }
        }

        return false;
    }
}
