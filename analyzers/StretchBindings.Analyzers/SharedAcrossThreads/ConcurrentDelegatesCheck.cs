using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using StretchBindings.Analyzers.Concurrency;

namespace StretchBindings.Analyzers.SharedAcrossThreads;

/// <summary>
/// Launches whose delegates run at the same time as each other: a delegate run on several threads at once
/// (<see cref="LaunchKind.SelfConcurrent"/>), or several delegates run side by side (<see cref="LaunchKind.SideBySide"/>).
/// An instance they share is a finding unless every use holds the same lock or only reads it.
/// </summary>
internal sealed class ConcurrentDelegatesCheck
{
    private readonly SharedUseReporter _reporter;
    private readonly MutatingMembers _members;

    public ConcurrentDelegatesCheck(SharedUseReporter reporter, MutatingMembers members)
    {
        _reporter = reporter;
        _members = members;
    }

    /// <summary>Any instance the delegates use, since each delegate overlaps with itself.</summary>
    public void CheckSelfConcurrent(Action<Diagnostic> report, Launch launch, CapturedInstances captures)
    {
        foreach (KeyValuePair<ISymbol, List<IOperation>> variable in captures.Merged())
        {
            if (!IsSafe(variable.Value))
            {
                _reporter.Report(report, launch, variable.Key, variable.Value[0], null, $"'{launch.ApiName}' runs its delegates on several threads at once");
            }
        }
    }

    /// <summary>An instance used by two or more of the delegates, reported at its first use in the second delegate.</summary>
    public void CheckSideBySide(Action<Diagnostic> report, Launch launch, CapturedInstances captures)
    {
        var firstUser = new Dictionary<ISymbol, IOperation>(SymbolEqualityComparer.Default);
        var done = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (Dictionary<ISymbol, List<IOperation>> capture in captures.PerDelegate)
        {
            foreach (KeyValuePair<ISymbol, List<IOperation>> variable in capture)
            {
                if (!firstUser.TryGetValue(variable.Key, out IOperation? earlier))
                {
                    firstUser.Add(variable.Key, variable.Value[0]);
                    continue;
                }

                if (!done.Add(variable.Key))
                {
                    continue;
                }

                if (!IsSafe(captures.UsesInAllDelegates(variable.Key)))
                {
                    _reporter.Report(report, launch, variable.Key, variable.Value[0], earlier, $"'{launch.ApiName}' runs the actions that use it at the same time");
                }
            }
        }
    }

    // Uses that all hold one lock, or that all only read the instance (a lookup in a shared table), cannot race.
    private bool IsSafe(List<IOperation> uses) => VariableUses.ShareALock(uses) || InstanceAccess.AllOnlyRead(uses, _members);
}
