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
        foreach (IOperation body in launch.Delegates)
        {
            // A holder's field (engine.Stretcher) is followed for one delegate, which overlaps with itself or with the
            // code that started it: the holder is then one captured object, and the starting code's uses are matched
            // by the same holder (see StartingCodeUse). Across delegates the same field may belong to different holders.
            Dictionary<ISymbol, List<IOperation>> captured = VariableUses.CapturedSingleThreaded(
                body, types, throughHolders: launch.Kind is LaunchKind.SelfConcurrent or LaunchKind.Background && launch.Delegates.Length == 1);
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

        return new CapturedInstances(perDelegate);
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
