using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace StretchBindings.Analyzers.Concurrency;

/// <summary>
/// A call that hands a single-threaded instance to a method written in the compilation, of any type, which starts
/// work on another thread with it and returns without waiting for that work (<c>Worker.Start(stretcher)</c>, where
/// <c>Start</c> runs <c>Task.Run(() =&gt; s.Process(…))</c>): the call is then a launch of its own, with the instance as
/// the state it hands over, and a use of the instance after it races with that work unless the caller waits for what
/// the method returns. The method is judged by its own body, once per parameter and compilation: work it starts
/// directly or inside a lambda or local function of its own (not waited for there), and calls that hand the instance
/// on to another such method, up to <see cref="MaxDepth"/> calls deep. A virtual, abstract or interface method is
/// followed only where the object's type is known exactly (sealed, a struct, or created in the call's receiver), so
/// that no override can replace the method; a method of a referenced assembly is not followed.
/// </summary>
internal sealed class HandOffs
{
    // Calls followed from the caller's call to the method that starts the work: deeper chains are rare.
    private const int MaxDepth = 3;

    private readonly SingleThreadedTypes _types;
    private readonly Lazy<ConcurrencyApis> _apis;

    // Per parameter of a source method: the API that runs it on another thread, or "" when none does.
    private readonly ConcurrentDictionary<IParameterSymbol, string> _launchedWith = new(SymbolEqualityComparer.Default);

    // Which parameters can reach a launch at all, read from the text before any body is bound.
    private readonly LaunchReach _reach = new();

    public HandOffs(SingleThreadedTypes types, Lazy<ConcurrencyApis> apis)
    {
        _types = types;
        _apis = apis;
    }

    /// <summary>The launch <paramref name="call"/> makes by handing an instance to such a method; null for most calls.</summary>
    public Launch? Find(IInvocationOperation call)
    {
        // The arguments' types first: most calls hand over no single-threaded instance, and finding the target is dearer.
        if (!HandsSingleThreaded(call) || KnownTarget(call) is not { } method)
        {
            return null;
        }

        return FindHandedInstance(call, method.OriginalDefinition);
    }

    private bool HandsSingleThreaded(IInvocationOperation call)
    {
        foreach (IArgumentOperation argument in call.Arguments)
        {
            if (_types.IsSingleThreaded(argument.Value.Type))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The source method <paramref name="call"/> runs: the called method when no override can replace it, else its
    /// implementation in the receiver's type when that type is known exactly. Null otherwise, and for a method
    /// without a body here.
    /// </summary>
    internal static IMethodSymbol? KnownTarget(IInvocationOperation call)
    {
        IMethodSymbol? method = call.TargetMethod;
        if (method.IsExtern)
        {
            return null;
        }

        bool interfaceMember = method.ContainingType.TypeKind == TypeKind.Interface;
        if ((interfaceMember || method.IsVirtual || method.IsAbstract || method.IsOverride) && !method.IsSealed && !(method.ContainingType.IsSealed && !interfaceMember))
        {
            method = call.Instance is { } instance && ExactType(instance) is { } type ? ImplementationIn(type, method) : null;
        }

        return method is { IsAbstract: false, DeclaringSyntaxReferences.IsEmpty: false } ? method : null;
    }

    // The receiver's type when no derived type can be behind it: a sealed class, a struct, or an object created right there.
    private static INamedTypeSymbol? ExactType(IOperation instance)
    {
        IOperation receiver = OperationHelpers.SkipConversions(instance);
        return receiver.Type as INamedTypeSymbol is { } type
            && (receiver is IObjectCreationOperation || type.TypeKind == TypeKind.Struct || (type.TypeKind == TypeKind.Class && type.IsSealed))
                ? type
                : null;
    }

    // The method of the type (or its nearest base) that runs for a call to the interface or virtual method.
    private static IMethodSymbol? ImplementationIn(INamedTypeSymbol type, IMethodSymbol method)
    {
        if (method.ContainingType.TypeKind == TypeKind.Interface)
        {
            return type.FindImplementationForInterfaceMember(method) as IMethodSymbol;
        }

        IMethodSymbol definition = method.OriginalDefinition;
        for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            foreach (ISymbol member in current.GetMembers(method.Name))
            {
                for (IMethodSymbol? candidate = member as IMethodSymbol; candidate is not null; candidate = candidate.OverriddenMethod)
                {
                    if (SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, definition))
                    {
                        return (IMethodSymbol)member;
                    }
                }
            }
        }

        return null;
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

            string api = LaunchedWith(method, method.Parameters[parameter.Ordinal], model);
            if (api.Length > 0)
            {
                string name = api + " in " + method.ContainingType.Name + "." + method.Name;
                return new Launch(LaunchKind.HandedOn, name, call, ImmutableArray<IOperation>.Empty, stateArgument: argument.Value);
            }
        }

        return null;
    }

    // The API (with the methods it is reached through) that runs the parameter on another thread after the method
    // returns; "" when nothing does. Remembered per parameter for the caller's call; the methods it hands the
    // parameter on to are judged afresh within the depth left (a parameter already on the chain finds nothing), so
    // that the answer does not depend on which call was analyzed first.
    private string LaunchedWith(IMethodSymbol method, IParameterSymbol received, SemanticModel model)
    {
        if (!_launchedWith.TryGetValue(received, out string? api))
        {
            api = FindLaunch(method, received, model, new HashSet<IParameterSymbol>(SymbolEqualityComparer.Default) { received });
            _launchedWith.TryAdd(received, api);
        }

        return api;
    }

    private string FindLaunch(IMethodSymbol method, IParameterSymbol received, SemanticModel model, HashSet<IParameterSymbol> chain)
    {
        if (!_reach.MayReach(method, received, model.Compilation, MaxDepth - chain.Count) || CalledMethods.BodyOf(method, model) is not { } body)
        {
            return string.Empty;
        }

        foreach (IOperation operation in body.Descendants())
        {
            Launch? launch = null;
            string api;
            if (operation is IInvocationOperation or IObjectCreationOperation
                && SharedAcrossThreadsAnalyzer.IsCandidate(operation)
                && _apis.Value.Classify(operation) is { Kind: LaunchKind.Background } started
                && Uses(started, received))
            {
                launch = started;
                api = started.ApiName;
            }
            else if (chain.Count < MaxDepth
                && operation is IInvocationOperation call
                && HandedOnTo(call, received, model, chain) is { } handedOn)
            {
                (launch, api) = handedOn;
            }
            else
            {
                continue;
            }

            // Work started inside a lambda or local function counts unless that function waits for it.
            IOperation? function = OperationHelpers.EnclosingFunction(operation);
            IOperation scope = function ?? body;
            LaunchWaits waits = LaunchWaits.Find(launch, function, scope, _apis.Value);
            if (!waits.IsWaitedBefore(launch.LaunchPoint.Syntax.Span.End, scope.Syntax.Span.End))
            {
                return api;
            }
        }

        return string.Empty;
    }

    // A call in the method's body that hands the parameter itself to another method that launches work with it.
    private (Launch Launch, string Api)? HandedOnTo(IInvocationOperation call, IParameterSymbol received, SemanticModel model, HashSet<IParameterSymbol> chain)
    {
        foreach (IArgumentOperation argument in call.Arguments)
        {
            if (argument.Parameter is not { RefKind: RefKind.None or RefKind.In } parameter
                || !SymbolEqualityComparer.Default.Equals(VariableUses.ReferencedVariable(argument.Value), received)
                || KnownTarget(call)?.OriginalDefinition is not { } target
                || parameter.Ordinal >= target.Parameters.Length)
            {
                continue;
            }

            IParameterSymbol next = target.Parameters[parameter.Ordinal];
            if (!chain.Add(next))
            {
                continue;
            }

            string api = FindLaunch(target, next, model, chain);
            chain.Remove(next);
            if (api.Length > 0)
            {
                string name = api + " in " + target.ContainingType.Name + "." + target.Name;
                return (new Launch(LaunchKind.HandedOn, name, call, ImmutableArray<IOperation>.Empty, stateArgument: argument.Value), name);
            }
        }

        return null;
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
