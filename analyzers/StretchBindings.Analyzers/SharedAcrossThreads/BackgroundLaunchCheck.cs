using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using StretchBindings.Analyzers.Concurrency;

namespace StretchBindings.Analyzers.SharedAcrossThreads;

/// <summary>
/// A delegate that runs once on another thread (<see cref="LaunchKind.Background"/>): an instance it uses, or is
/// handed as state, is a finding when the starting code uses or disposes it after the start without waiting for
/// the work first, or when the start repeats (a loop, a lambda called per element) without a wait in between.
/// Uses that all hold the same lock are fine, except a dispose.
/// </summary>
internal sealed class BackgroundLaunchCheck
{
    private readonly SingleThreadedTypes _types;
    private readonly MutatingMembers _members;
    private readonly Lazy<ConcurrencyApis> _apis;
    private readonly SharedUseReporter _reporter;

    public BackgroundLaunchCheck(SingleThreadedTypes types, MutatingMembers members, Lazy<ConcurrencyApis> apis, SharedUseReporter reporter)
    {
        _types = types;
        _members = members;
        _apis = apis;
        _reporter = reporter;
    }

    public void Check(Action<Diagnostic> report, Launch launch, CapturedInstances captures)
    {
        Dictionary<ISymbol, List<IOperation>> inDelegate = captures.Merged();
        ISymbol? handedOver = null;
        if (launch.StateArgument is { } state
            && VariableUses.ReferencedVariable(state) is { } stateVariable
            && _types.IsSingleThreaded(state.Type))
        {
            handedOver = stateVariable;
            if (!inDelegate.ContainsKey(stateVariable))
            {
                inDelegate.Add(stateVariable, new List<IOperation>());
            }
        }

        if (inDelegate.Count == 0)
        {
            return;
        }

        IOperation root = OperationHelpers.Root(launch.Operation);
        IOperation? startingFunction = OperationHelpers.EnclosingFunction(launch.Operation);
        IOperation startingScope = startingFunction ?? root;
        int launchEnd = launch.LaunchPoint.Syntax.Span.End;
        LaunchWaits waits = LaunchWaits.Find(launch, startingFunction, startingScope, _apis.Value);

        foreach (KeyValuePair<ISymbol, List<IOperation>> variable in inDelegate)
        {
            ISymbol symbol = variable.Key;
            List<IOperation> delegateUses = variable.Value;
            // A member of a captured object (engine.Stretcher) is matched in the starting code through the same holder.
            HolderPath? holder = delegateUses.Count > 0 && VariableUses.HeldBy(delegateUses[0]) is { } held
                && SymbolEqualityComparer.Default.Equals(held.Member, symbol)
                    ? held.Holder
                    : null;
            List<StartingCodeUse> startingUses = StartingCodeUse.Find(symbol, launch, startingScope, holder);

            var concurrent = new List<StartingCodeUse>();
            foreach (StartingCodeUse use in startingUses)
            {
                if (use.Position >= launchEnd && !waits.IsWaitedBefore(launchEnd, use.Position))
                {
                    concurrent.Add(use);
                }
            }

            IOperation? repeatScope = FindRepeatScope(launch, holder?.Root ?? symbol, startingFunction);
            bool repeats = repeatScope is not null && !waits.IsWaitedInside(launchEnd, repeatScope, allowAwait: repeatScope is ILoopOperation);
            if (!repeats && concurrent.Count == 0)
            {
                continue;
            }

            if (delegateUses.Count > 0 && IsGuarded(delegateUses, concurrent))
            {
                continue;
            }

            IOperation reportAt = delegateUses.Count > 0 ? delegateUses[0] : launch.StateArgument!;
            string reason;
            IOperation? other = null;
            if (repeats)
            {
                reason = repeatScope is ILoopOperation
                    ? $"the delegate of '{launch.ApiName}' is started again on each pass of the loop while earlier ones may still be running"
                    : $"the delegate of '{launch.ApiName}' is started once per element, and those runs overlap";
            }
            else
            {
                StartingCodeUse first = concurrent[0];
                other = first.Operation;
                int line = first.Operation.Syntax.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                string what = first.IsDispose ? "disposes it" : "uses it again";
                reason = $"the delegate of '{launch.ApiName}' uses it on another thread while the code that started it {what} "
                    + $"(line {line.ToString(CultureInfo.InvariantCulture)}) without waiting for that work";
            }

            if (handedOver is not null && SymbolEqualityComparer.Default.Equals(handedOver, symbol) && delegateUses.Count == 0)
            {
                reportAt = launch.StateArgument!;
            }

            _reporter.Report(report, launch, symbol, reportAt, other, reason);
        }
    }

    // The delegate's uses and the starting code's concurrent uses all hold one lock, or all only read the instance;
    // neither makes a dispose safe.
    private bool IsGuarded(List<IOperation> delegateUses, List<StartingCodeUse> concurrent)
    {
        var guarded = new List<IOperation>(delegateUses);
        bool disposes = false;
        foreach (StartingCodeUse use in concurrent)
        {
            guarded.Add(use.Operation);
            disposes |= use.IsDispose;
        }

        return !disposes && (VariableUses.ShareALock(guarded) || InstanceAccess.AllOnlyRead(guarded, _members));
    }

    /// <summary>
    /// A loop around the start that the variable outlives, or a lambda around it that is called once per element:
    /// then the delegate is started several times with the same instance.
    /// </summary>
    private IOperation? FindRepeatScope(Launch launch, ISymbol variable, IOperation? startingFunction)
    {
        for (IOperation? current = launch.LaunchPoint.Parent; current is not null && current != startingFunction; current = current.Parent)
        {
            if (current is ILoopOperation loop && !OperationHelpers.IsDeclaredInside(variable, loop))
            {
                return loop;
            }
        }

        if (startingFunction is IAnonymousFunctionOperation lambda
            && !OperationHelpers.IsDeclaredInside(variable, lambda)
            && _apis.Value.IsCalledPerElement(lambda))
        {
            return lambda;
        }

        return null;
    }
}
