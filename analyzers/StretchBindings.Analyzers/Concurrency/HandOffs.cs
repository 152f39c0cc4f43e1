using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace StretchBindings.Analyzers.Concurrency;

/// <summary>
/// A call that hands a single-threaded instance to a method written in the compilation, of any type, which starts
/// work on another thread with it and returns without waiting for that work (<c>Worker.Start(stretcher)</c>, where
/// <c>Start</c> runs <c>Task.Run(() =&gt; s.Process(…))</c>): the call is then a launch of its own, with the instance as
/// the state it hands over, and a use of the instance after it races with that work unless the caller waits for what
/// the method returns. The method is judged by its own body, once per parameter and compilation; a virtual, abstract
/// or interface method, a method of a referenced assembly, and work started inside a lambda of the method are not
/// followed, nor is a method that hands the instance on again.
/// </summary>
internal sealed class HandOffs
{
    private readonly SingleThreadedTypes _types;
    private readonly Lazy<ConcurrencyApis> _apis;

    // Per parameter of a source method: the API that runs it on another thread, or "" when none does.
    private readonly ConcurrentDictionary<IParameterSymbol, string> _launchedWith = new(SymbolEqualityComparer.Default);

    public HandOffs(SingleThreadedTypes types, Lazy<ConcurrencyApis> apis)
    {
        _types = types;
        _apis = apis;
    }

    /// <summary>The launch <paramref name="call"/> makes by handing an instance to such a method; null for most calls.</summary>
    public Launch? Find(IInvocationOperation call)
    {
        IMethodSymbol method = call.TargetMethod;
        if (call.Arguments.IsEmpty || method.IsVirtual || method.IsAbstract || method.IsOverride || method.IsExtern
            || method.ContainingType.TypeKind == TypeKind.Interface || method.DeclaringSyntaxReferences.IsEmpty)
        {
            return null;
        }

        return FindHandedInstance(call, method.OriginalDefinition);
    }

    // Apart from the test above, which every call passes: only calls to source methods come here.
    private Launch? FindHandedInstance(IInvocationOperation call, IMethodSymbol method)
    {
        foreach (IArgumentOperation argument in call.Arguments)
        {
            if (argument.Parameter is not { RefKind: RefKind.None or RefKind.In } parameter
                || parameter.Ordinal >= method.Parameters.Length
                || !_types.IsSingleThreaded(argument.Value.Type)
                || VariableUses.ReferencedVariable(argument.Value) is null
                || call.SemanticModel is not { } model)
            {
                continue;
            }

            IParameterSymbol received = method.Parameters[parameter.Ordinal];
            if (!_launchedWith.TryGetValue(received, out string? api))
            {
                api = LaunchedWith(method, received, model);
                _launchedWith.TryAdd(received, api);
            }

            if (api.Length > 0)
            {
                string name = api + " in " + method.ContainingType.Name + "." + method.Name;
                return new Launch(LaunchKind.HandedOn, name, call, ImmutableArray<IOperation>.Empty, stateArgument: argument.Value);
            }
        }

        return null;
    }

    // The API of a launch in the method's own body (not in a lambda of it) whose work uses the parameter and is not
    // waited for before the method returns; "" when there is none.
    private string LaunchedWith(IMethodSymbol method, IParameterSymbol received, SemanticModel model)
    {
        if (CalledMethods.BodyOf(method, model) is not { } body)
        {
            return string.Empty;
        }

        foreach (IOperation operation in body.Descendants())
        {
            if (operation is not (IInvocationOperation or IObjectCreationOperation)
                || !SharedAcrossThreadsAnalyzer.IsCandidate(operation)
                || OperationHelpers.EnclosingFunction(operation) is not null
                || _apis.Value.Classify(operation) is not { Kind: LaunchKind.Background } launch
                || !Uses(launch, received))
            {
                continue;
            }

            LaunchWaits waits = LaunchWaits.Find(launch, null, body, _apis.Value);
            if (!waits.IsWaitedBefore(launch.LaunchPoint.Syntax.Span.End, body.Syntax.Span.End))
            {
                return launch.ApiName;
            }
        }

        return string.Empty;
    }

    private bool Uses(Launch launch, IParameterSymbol received)
    {
        foreach (IOperation body in launch.Delegates)
        {
            if (VariableUses.CapturedSingleThreaded(body, _types).ContainsKey(received))
            {
                return true;
            }
        }

        return launch.StateArgument is { } state && SymbolEqualityComparer.Default.Equals(VariableUses.ReferencedVariable(state), received);
    }
}
