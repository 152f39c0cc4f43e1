using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace StretchBindings.Analyzers.Concurrency;

/// <summary>
/// The single-threaded instances the delegates of one launch use from outside (captured locals and
/// parameters, fields, auto-properties), with their uses in each delegate in source order.
/// </summary>
internal sealed class CapturedInstances
{
    private readonly List<Dictionary<ISymbol, List<IOperation>>> _perDelegate;

    private CapturedInstances(List<Dictionary<ISymbol, List<IOperation>>> perDelegate)
    {
        _perDelegate = perDelegate;
    }

    /// <param name="launch">The launch.</param>
    /// <param name="types">Which types are single-threaded.</param>
    /// <param name="launchingType">The type whose code holds the launch, if known.</param>
    public static CapturedInstances Collect(Launch launch, SingleThreadedTypes types, INamedTypeSymbol? launchingType)
    {
        var perDelegate = new List<Dictionary<ISymbol, List<IOperation>>>(launch.Delegates.Length);
        // Worked out on the first delegate whose type holds a single-threaded field: most launches have none, and then
        // the starting code is not walked at all.
        bool? followCalls = null;
        // A holder's field (engine.Stretcher, _rig.Engine.Stretcher) is one object as long as it is reached through one
        // holder: the starting code's uses are matched by the same holder (see StartingCodeUse), and across several
        // delegates a member counts as shared only where every delegate reaches it through the same holder.
        bool throughHolders = launch.Kind is LaunchKind.SelfConcurrent or LaunchKind.Background or LaunchKind.SideBySide;
        List<Dictionary<ISymbol, HolderPath>>? holders = throughHolders && launch.Delegates.Length > 1
            ? new List<Dictionary<ISymbol, HolderPath>>(launch.Delegates.Length)
            : null;
        foreach (IOperation body in launch.Delegates)
        {
            Dictionary<ISymbol, HolderPath>? found = holders is null ? null : new Dictionary<ISymbol, HolderPath>(SymbolEqualityComparer.Default);
            holders?.Add(found!);
            Dictionary<ISymbol, List<IOperation>> captured = VariableUses.CapturedSingleThreaded(body, types, throughHolders, found);
            if (body.Syntax.SyntaxTree != launch.Operation.Syntax.SyntaxTree)
            {
                // A method group declared in another file: its uses are reported where it is handed over.
                foreach (List<IOperation> uses in captured.Values)
                {
                    foreach (IOperation use in uses)
                    {
                        launch.CallSites[use] = launch.Operation;
                    }
                }
            }

            if (CalledMethods.TypeToFollow(body, launch.Operation.Syntax, launchingType, types) is { } ownType
                && (followCalls ??= launch.Kind != LaunchKind.Background || StartingCodeCanOverlap(launch, types)))
            {
                CalledMethods.AddUses(body, ownType, types, captured, launch.CallSites);
            }

            if (launch.CallSites.Count > 0)
            {
                foreach (List<IOperation> uses in captured.Values)
                {
                    uses.Sort((left, right) => launch.ReportedAt(left).Syntax.SpanStart.CompareTo(launch.ReportedAt(right).Syntax.SpanStart));
                }
            }

            perDelegate.Add(captured);
        }

        if (holders is not null)
        {
            KeepMembersOfOneHolder(perDelegate, holders);
        }

        return new CapturedInstances(perDelegate);
    }

    /// <summary>
    /// Drops a member that the delegates reach through different holders (or one through a holder and another
    /// directly): <c>_left.Stretcher</c> and <c>_right.Stretcher</c> are two objects.
    /// </summary>
    private static void KeepMembersOfOneHolder(List<Dictionary<ISymbol, List<IOperation>>> perDelegate, List<Dictionary<ISymbol, HolderPath>> holders)
    {
        var paths = new Dictionary<ISymbol, HolderPath?>(SymbolEqualityComparer.Default);
        HashSet<ISymbol>? mixed = null;
        for (int i = 0; i < perDelegate.Count; i++)
        {
            foreach (ISymbol member in perDelegate[i].Keys)
            {
                HolderPath? path = holders[i].TryGetValue(member, out HolderPath? held) ? held : null;
                if (!paths.TryGetValue(member, out HolderPath? known))
                {
                    paths.Add(member, path);
                }
                else if (!Equals(known, path))
                {
                    (mixed ??= new HashSet<ISymbol>(SymbolEqualityComparer.Default)).Add(member);
                }
            }
        }

        if (mixed is null)
        {
            return;
        }

        foreach (Dictionary<ISymbol, List<IOperation>> captured in perDelegate)
        {
            foreach (ISymbol member in mixed)
            {
                captured.Remove(member);
            }
        }
    }

    /// <summary>
    /// Whether the methods a background delegate calls can matter: only when the code that starts it also uses a
    /// field or auto-property holding a single-threaded instance, or starts it again (in a loop or a lambda). Most
    /// launches (a consumer loop started once, a continuation) pass this cheap look at the starting code and cost
    /// no method bodies.
    /// </summary>
    private static bool StartingCodeCanOverlap(Launch launch, SingleThreadedTypes types)
    {
        IOperation root = OperationHelpers.Root(launch.Operation);
        for (IOperation? current = launch.LaunchPoint.Parent; current is not null && current != root; current = current.Parent)
        {
            if (current is ILoopOperation or IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return true;
            }
        }

        foreach (IOperation operation in root.Descendants())
        {
            if (operation is IFieldReferenceOperation or IPropertyReferenceOperation && types.IsSingleThreaded(operation.Type))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The captures of each delegate, in the order the launch lists the delegates.</summary>
    public IReadOnlyList<Dictionary<ISymbol, List<IOperation>>> PerDelegate => _perDelegate;

    /// <summary>
    /// The captures of all delegates together, each variable's uses in source order. With a single delegate
    /// this is that delegate's own dictionary, not a copy.
    /// </summary>
    public Dictionary<ISymbol, List<IOperation>> Merged()
    {
        if (_perDelegate.Count == 1)
        {
            return _perDelegate[0];
        }

        var merged = new Dictionary<ISymbol, List<IOperation>>(SymbolEqualityComparer.Default);
        foreach (Dictionary<ISymbol, List<IOperation>> capture in _perDelegate)
        {
            foreach (KeyValuePair<ISymbol, List<IOperation>> variable in capture)
            {
                if (!merged.TryGetValue(variable.Key, out List<IOperation>? uses))
                {
                    uses = new List<IOperation>();
                    merged.Add(variable.Key, uses);
                }

                uses.AddRange(variable.Value);
            }
        }

        foreach (List<IOperation> uses in merged.Values)
        {
            uses.Sort(static (left, right) => left.Syntax.SpanStart.CompareTo(right.Syntax.SpanStart));
        }

        return merged;
    }

    /// <summary>The uses of <paramref name="variable"/> in every delegate, delegate by delegate.</summary>
    public List<IOperation> UsesInAllDelegates(ISymbol variable)
    {
        var allUses = new List<IOperation>();
        foreach (Dictionary<ISymbol, List<IOperation>> capture in _perDelegate)
        {
            if (capture.TryGetValue(variable, out List<IOperation>? uses))
            {
                allUses.AddRange(uses);
            }
        }

        return allUses;
    }
}
