using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using StretchBindings.Analyzers.ReachableFromAnyThread;

namespace StretchBindings.Analyzers.Concurrency;

/// <summary>
/// The framework APIs that run delegates on other threads, and those that wait for them, matched by full name as
/// the types are met (nothing is resolved): an API the compilation's references lack simply never matches.
/// </summary>
internal sealed partial class ConcurrencyApis
{
    // Constants, not instance fields: the names cost the constructor nothing to set (its code is compiled in every
    // compiler process that meets a launch).
    private const string ParallelName = "System.Threading.Tasks.Parallel";
    private const string ParallelEnumerableName = "System.Linq.ParallelEnumerable";
    private const string EnumerableName = "System.Linq.Enumerable";
    private const string TaskName = "System.Threading.Tasks.Task";
    private const string GenericTaskName = "System.Threading.Tasks.Task`1";
    private const string TaskFactoryName = "System.Threading.Tasks.TaskFactory";
    private const string GenericTaskFactoryName = "System.Threading.Tasks.TaskFactory`1";
    private const string ThreadPoolName = "System.Threading.ThreadPool";
    private const string ThreadName = "System.Threading.Thread";
    private const string TimerName = "System.Threading.Timer";
    private const string TimersTimerName = "System.Timers.Timer";
    private const string ListName = "System.Collections.Generic.List`1";
    private const string ArrayName = "System.Array";
    private const string WaitHandleName = "System.Threading.WaitHandle";
    private const string ManualResetEventSlimName = "System.Threading.ManualResetEventSlim";
    private const string CountdownEventName = "System.Threading.CountdownEvent";
    private const string BarrierName = "System.Threading.Barrier";
    private const string SemaphoreSlimName = "System.Threading.SemaphoreSlim";
    private const string TaskCompletionSourceName = "System.Threading.Tasks.TaskCompletionSource";
    private const string GenericTaskCompletionSourceName = "System.Threading.Tasks.TaskCompletionSource`1";
    private const string CancellationTokenName = "System.Threading.CancellationToken";
    private const string AsyncCallbackName = "System.AsyncCallback";
    private const string SocketAsyncEventArgsName = "System.Net.Sockets.SocketAsyncEventArgs";

    /// <summary>Recognizes an invocation or object creation that runs delegates on other threads.</summary>
    public Launch? Classify(IOperation operation)
    {
        return operation switch
        {
            IInvocationOperation invocation => ClassifyInvocation(invocation),
            IObjectCreationOperation creation => ClassifyCreation(creation),
            IEventAssignmentOperation subscription => ClassifySubscription(subscription),
            _ => null,
        };
    }

    private Launch? ClassifyInvocation(IInvocationOperation invocation)
    {
        IMethodSymbol method = invocation.TargetMethod;
        if (!IsLaunchMethodName(method.Name) && method.ContainingType.Name != "ParallelEnumerable")
        {
            return null;
        }

        if (CallbackLaunch(invocation) is { } callback)
        {
            return callback;
        }

        // Each family of APIs is judged in a method of its own: a compiler process then compiles to native code only
        // the families its compilation calls, not one large method holding them all.
        INamedTypeSymbol type = method.ContainingType.OriginalDefinition;
        if (Is(type, ParallelName))
        {
            return ClassifyParallel(invocation, method.Name);
        }

        if (Is(type, ParallelEnumerableName))
        {
            return ClassifyParallelQuery(invocation, method.Name);
        }

        if (Is(type, TaskName) && method.Name is "WhenAll" or "WhenAny")
        {
            return ClassifyFanOut(invocation, method.Name);
        }

        if ((Is(type, TaskName) && method.Name == "Run")
            || ((Is(type, TaskFactoryName) || Is(type, GenericTaskFactoryName)) && method.Name == "StartNew")
            || (Is(type, ThreadPoolName) && method.Name is "QueueUserWorkItem" or "UnsafeQueueUserWorkItem"))
        {
            return ClassifyQueued(invocation, type, method.Name);
        }

        return null;
    }

    // A set looked up, not a pattern of fifteen strings: the pattern compiles to a method of about 500 bytes of IL,
    // which every compiler process compiles to native code on the first invocation it sees.
    private static readonly HashSet<string> s_launchMethodNames = new(
        ("For ForEach ForEachAsync Invoke Run StartNew QueueUserWorkItem UnsafeQueueUserWorkItem WhenAll WhenAny "
            + "ContinueWith Register UnsafeRegister RegisterWaitForSingleObject UnsafeRegisterWaitForSingleObject").Split(' '),
        StringComparer.Ordinal);

    public static bool IsLaunchMethodName(string name) =>
        s_launchMethodNames.Contains(name) || (name.Length > 5 && name.StartsWith("Begin", StringComparison.Ordinal));

    // The types whose creation can start work, and the events whose handlers run on another thread (a timer's, a
    // socket operation's): asked by name for operations, and searched for in text (MayLaunch).
    private static readonly string[] s_launchTypeNames = { "Thread", "Task", "Timer" };
    private static readonly string[] s_launchEventNames = { "Elapsed", "Completed" };

    /// <summary>The types whose creation can start work (<c>new Thread(…)</c>, <c>new Task(…)</c>, <c>new Timer(…)</c>).</summary>
    public static bool IsLaunchTypeName(string name) => Array.IndexOf(s_launchTypeNames, name) >= 0;

    /// <summary>The events whose handlers run on another thread (a timer's <c>Elapsed</c>, a socket operation's <c>Completed</c>).</summary>
    public static bool IsLaunchEventName(string name) => Array.IndexOf(s_launchEventNames, name) >= 0;

    /// <summary>
    /// Whether source text can hold a launch: it writes a launch method's name (or a name starting <c>Begin</c>), a
    /// launch type's or event's, or <c>Parallel</c> (a parallel query's operators have ordinary names). Read without
    /// binding, to pass over code that cannot start work.
    /// </summary>
    public static bool MayLaunch(IdentifierSearch text)
    {
        return WritesAny(text, s_launchMethodNames) || WritesAny(text, s_launchTypeNames) || WritesAny(text, s_launchEventNames)
            || text.Contains("Begin") || text.Contains("Parallel");
    }

    private static bool WritesAny(IdentifierSearch text, IEnumerable<string> names)
    {
        foreach (string name in names)
        {
            if (text.Writes(name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <c>Task.WhenAll(items.Select(async x => …))</c> (with <c>ToList</c>/<c>ToArray</c> in between, or not): every
    /// element starts the async lambda, and after their first await the runs go on side by side on the thread pool.
    /// A lambda that is not async (<c>Select(x => Task.Run(…))</c>) is the launch inside it instead.
    /// </summary>
    private ImmutableArray<IOperation> AsyncLambdasPerElement(IInvocationOperation whenAll, IOperation root)
    {
        ImmutableArray<IOperation>.Builder builder = ImmutableArray.CreateBuilder<IOperation>();
        foreach (IArgumentOperation argument in whenAll.Arguments)
        {
            IOperation value = OperationHelpers.SkipConversions(argument.Value);
            while (value is IInvocationOperation { TargetMethod.Name: "ToList" or "ToArray" } materialized
                && (materialized.Instance ?? (materialized.Arguments.Length > 0 ? materialized.Arguments[0].Value : null)) is { } source)
            {
                value = OperationHelpers.SkipConversions(source);
            }

            if (value is IInvocationOperation { TargetMethod.Name: "Select" } select && Is(select.TargetMethod.ContainingType.OriginalDefinition, EnumerableName))
            {
                foreach (IOperation body in DelegateArguments(select, root))
                {
                    if (body is IAnonymousFunctionOperation { Symbol.IsAsync: true })
                    {
                        builder.Add(body);
                    }
                }
            }
        }

        return builder.ToImmutable();
    }

    private Launch? ClassifyCreation(IObjectCreationOperation creation)
    {
        if (creation.Type is not INamedTypeSymbol created)
        {
            return null;
        }

        INamedTypeSymbol type = created.OriginalDefinition;
        bool isThread = Is(type, ThreadName);
        bool isTask = Is(type, TaskName) || Is(type, GenericTaskName);
        bool isTimer = Is(type, TimerName);
        if (!isThread && !isTask && !isTimer)
        {
            return null;
        }

        IOperation root = OperationHelpers.Root(creation);
        ImmutableArray<IOperation> delegates = DelegateArguments(creation.Arguments, root);
        if (delegates.IsEmpty)
        {
            return null;
        }

        if (isTimer)
        {
            // A timer starts at creation and is never waited for.
            return new Launch(LaunchKind.Background, "Timer", creation, delegates, StateArgument(creation.Arguments));
        }

        IInvocationOperation? start = FindStart(creation, root);
        IOperation? state = isTask ? StateArgument(creation.Arguments) : start is null ? null : StateArgument(start.Arguments);
        return new Launch(LaunchKind.Background, isThread ? "new Thread" : "new Task", creation, delegates, state, start);
    }

    /// <summary>
    /// <c>timer.Elapsed += handler</c> on a <c>System.Timers.Timer</c>: the handler runs on the thread pool
    /// whenever the timer fires, while the subscribing code goes on, and nothing waits for it.
    /// </summary>
    private Launch? ClassifySubscription(IEventAssignmentOperation subscription)
    {
        if (!subscription.Adds || subscription.EventReference is not IEventReferenceOperation reference)
        {
            return null;
        }

        IOperation root = OperationHelpers.Root(subscription);
        if (reference.Event.Name == "Completed" && MetadataNames.DerivesFrom(reference.Event.ContainingType.OriginalDefinition, SocketAsyncEventArgsName))
        {
            // The handler runs on an I/O thread when an operation started with these arguments completes; the
            // subscribing code goes on, and nothing waits for it.
            return OperationHelpers.ResolveDelegateBody(subscription.HandlerValue, root) is { } completion
                ? new Launch(LaunchKind.Background, "SocketAsyncEventArgs.Completed", subscription, ImmutableArray.Create(completion))
                : null;
        }

        if (reference.Event.Name != "Elapsed" || !Is(reference.Event.ContainingType.OriginalDefinition, TimersTimerName))
        {
            return null;
        }

        if (OperationHelpers.ResolveDelegateBody(subscription.HandlerValue, root) is not { } handler)
        {
            return null;
        }

        // The handler can run once the timer is started; a Start() on the same local after the
        // subscription is that point (Enabled = true, or a timer started before, leaves the subscription).
        IInvocationOperation? start = null;
        if (reference.Instance is ILocalReferenceOperation timer)
        {
            foreach (IOperation candidate in root.Descendants())
            {
                if (candidate is IInvocationOperation { TargetMethod.Name: "Start", Instance: ILocalReferenceOperation started } call
                    && SymbolEqualityComparer.Default.Equals(started.Local, timer.Local)
                    && call.Syntax.SpanStart > subscription.Syntax.SpanStart)
                {
                    start = call;
                    break;
                }
            }
        }

        return new Launch(LaunchKind.Background, "Timer.Elapsed", subscription, ImmutableArray.Create(handler), startOperation: start);
    }

    /// <summary>The <c>Start</c> call of a thread or task: chained on the creation, or on the variable it was stored in.</summary>
    private static IInvocationOperation? FindStart(IObjectCreationOperation creation, IOperation root)
    {
        IOperation value = OperationHelpers.ClimbConversions(creation);
        if (value.Parent is IInvocationOperation { TargetMethod.Name: "Start" } chained && chained.Instance == value)
        {
            return chained;
        }

        ILocalSymbol? local = StoredInLocal(value);
        if (local is null)
        {
            return null;
        }

        foreach (IOperation candidate in root.Descendants())
        {
            if (candidate is IInvocationOperation { TargetMethod.Name: "Start", Instance: ILocalReferenceOperation reference } start
                && SymbolEqualityComparer.Default.Equals(reference.Local, local)
                && start.Syntax.SpanStart > creation.Syntax.SpanStart)
            {
                return start;
            }
        }

        return null;
    }

    /// <summary>The local a value is assigned to or initializes, if any.</summary>
    public static ILocalSymbol? StoredInLocal(IOperation value)
    {
        return value.Parent switch
        {
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
            ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when assignment.Value == value => target.Local,
            _ => null,
        };
    }

    private static IOperation? StateArgument(ImmutableArray<IArgumentOperation> arguments)
    {
        foreach (IArgumentOperation argument in arguments)
        {
            if (argument.Parameter is { Name: "state" or "obj" or "parameter" } parameter
                && parameter.Type.TypeKind != TypeKind.Delegate
                && !argument.IsImplicit)
            {
                return OperationHelpers.SkipConversions(argument.Value);
            }
        }

        return null;
    }

    private static ImmutableArray<IOperation> DelegateArguments(IInvocationOperation invocation, IOperation root) =>
        DelegateArguments(invocation.Arguments, root);

    private static ImmutableArray<IOperation> DelegateArguments(ImmutableArray<IArgumentOperation> arguments, IOperation root)
    {
        ImmutableArray<IOperation>.Builder builder = ImmutableArray.CreateBuilder<IOperation>();
        foreach (IArgumentOperation argument in arguments)
        {
            if (argument.Parameter?.Type.TypeKind == TypeKind.Delegate)
            {
                var bodies = new List<IOperation>();
                OperationHelpers.ResolveDelegateBodies(argument.Value, root, bodies, hops: 0);
                builder.AddRange(bodies);
            }
        }

        return builder.ToImmutable();
    }

    /// <summary>The actions of <c>Parallel.Invoke</c>, written as a parameter list or as an array.</summary>
    private static ImmutableArray<IOperation> InvokedActions(IInvocationOperation invocation, IOperation root)
    {
        ImmutableArray<IOperation>.Builder builder = ImmutableArray.CreateBuilder<IOperation>();
        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            if (OperationHelpers.SkipConversions(argument.Value) is IArrayCreationOperation { Initializer: { } initializer })
            {
                foreach (IOperation element in initializer.ElementValues)
                {
                    if (OperationHelpers.ResolveDelegateBody(element, root) is { } body)
                    {
                        builder.Add(body);
                    }
                }
            }
        }

        return builder.ToImmutable();
    }

    /// <summary>
    /// A lambda passed to an operator that calls it once per element (<c>Select</c>, <c>List.ForEach</c>):
    /// a task started in it is started once per element, and those tasks overlap.
    /// </summary>
    public bool IsCalledPerElement(IOperation function)
    {
        IOperation current = function;
        while (current.Parent is IDelegateCreationOperation or IConversionOperation or IParenthesizedOperation)
        {
            current = current.Parent;
        }

        if (current.Parent is not IArgumentOperation { Parent: IInvocationOperation invocation })
        {
            return false;
        }

        INamedTypeSymbol type = invocation.TargetMethod.ContainingType.OriginalDefinition;
        return Is(type, EnumerableName)
            || (invocation.TargetMethod.Name == "ForEach" && (Is(type, ListName) || Is(type, ArrayName)));
    }

    public bool IsTaskType(ITypeSymbol? type) =>
        type is not null && (Is(type.OriginalDefinition, TaskName) || Is(type.OriginalDefinition, GenericTaskName));

    public bool IsTaskClass(ITypeSymbol? type) => type is not null && Is(type.OriginalDefinition, TaskName);

    public bool IsThreadType(ITypeSymbol? type) => type is not null && Is(type.OriginalDefinition, ThreadName);

    /// <summary>
    /// A blocking wait on a synchronization primitive, or an await of a <c>TaskCompletionSource</c>'s task. The
    /// analyzer cannot tell what it waits for, so it assumes it waits for every delegate started before it.
    /// </summary>
    public bool IsSynchronizationWait(IOperation operation)
    {
        if (operation is IInvocationOperation invocation)
        {
            IMethodSymbol method = invocation.TargetMethod;
            INamedTypeSymbol type = method.ContainingType.OriginalDefinition;
            return (method.Name is "WaitOne" or "WaitAll" or "WaitAny" && MetadataNames.DerivesFrom(type, WaitHandleName))
                || (method.Name == "Wait" && (Is(type, ManualResetEventSlimName) || Is(type, CountdownEventName) || Is(type, SemaphoreSlimName)))
                || (method.Name == "SignalAndWait" && Is(type, BarrierName));
        }

        if (operation is IAwaitOperation awaitOperation)
        {
            IOperation awaited = OperationHelpers.SkipConversions(awaitOperation.Operation);
            if (awaited is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } configured })
            {
                awaited = OperationHelpers.SkipConversions(configured);
            }

            return (awaited is IPropertyReferenceOperation { Property.Name: "Task", Instance: { } source }
                    && source.Type is { } sourceType
                    && (Is(sourceType.OriginalDefinition, TaskCompletionSourceName) || Is(sourceType.OriginalDefinition, GenericTaskCompletionSourceName)))
                || (awaited is IInvocationOperation { TargetMethod.Name: "WaitAsync" } waitAsync
                    && Is(waitAsync.TargetMethod.ContainingType.OriginalDefinition, SemaphoreSlimName));
        }

        return false;
    }

    // By full name, as the type is met: resolving the names up front made the first launch-like call of every
    // compilation read the type tables of all its references.
    private static bool Is(ITypeSymbol type, string fullName) => MetadataNames.Is(type, fullName);
}
