using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace StretchBindings.Analyzers.Concurrency;

/// <summary>
/// Finds the variables an operation reads (locals, parameters, and fields or auto-properties of
/// <c>this</c> or of a type), and whether a lock is held around all their uses.
/// </summary>
internal static class VariableUses
{
    /// <summary>The variable <paramref name="operation"/> refers to, or null when it is not a variable reference.</summary>
    public static ISymbol? ReferencedVariable(IOperation operation)
    {
        switch (operation)
        {
            case ILocalReferenceOperation { IsDeclaration: false } local:
                return local.Local;
            case IParameterReferenceOperation parameter:
                return parameter.Parameter;
            case IFieldReferenceOperation { IsDeclaration: false } field
                when field.Instance is null or IInstanceReferenceOperation && !IsThreadStatic(field.Field):
                return field.Field;
            case IPropertyReferenceOperation property
                when property.Arguments.IsEmpty
                    && property.Instance is null or IInstanceReferenceOperation
                    && IsAutoProperty(property.Property):
                return property.Property;
            default:
                return null;
        }
    }

    // Every thread sees its own value of a [ThreadStatic] field.
    private static bool IsThreadStatic(IFieldSymbol field) =>
        field.IsStatic && MetadataNames.HasAttribute(field, "System.ThreadStaticAttribute");

    // A computed property may return a new instance on every call; only an auto-property is a stored variable.
    private static bool IsAutoProperty(IPropertySymbol property)
    {
        return !property.IsAbstract && !property.IsExtern && !property.IsIndexer && AutoProperties.BackingField(property) is not null;
    }

    /// <summary>
    /// Every use, inside <paramref name="scope"/>, of a variable declared outside it whose type is single-threaded,
    /// grouped by variable and in source order.
    /// </summary>
    /// <param name="scope">The delegate.</param>
    /// <param name="types">Which types are single-threaded.</param>
    /// <param name="throughHolders">
    /// Also count a field or auto-property of an object in a variable declared outside (<c>engine.Stretcher</c>,
    /// <c>_engine.Stretcher</c>, <c>_rig.Engine.Stretcher</c>), keyed by the member. A member reached through two
    /// different holders is left out: they may be two instances.
    /// </param>
    /// <param name="holdersFound">Filled, when given, with the holder of each member kept that was reached through one.</param>
    public static Dictionary<ISymbol, List<IOperation>> CapturedSingleThreaded(
        IOperation scope, SingleThreadedTypes types, bool throughHolders = false, Dictionary<ISymbol, HolderPath>? holdersFound = null)
    {
        var captured = new Dictionary<ISymbol, List<IOperation>>(SymbolEqualityComparer.Default);
        Dictionary<ISymbol, HolderPath?>? holders = null;
        foreach (IOperation operation in scope.Descendants())
        {
            ISymbol? variable = ReferencedVariable(operation);
            if (variable is null && throughHolders && HeldBy(operation) is { } held && !OperationHelpers.IsDeclaredInside(held.Holder.Root, scope))
            {
                variable = held.Member;
                holders ??= new Dictionary<ISymbol, HolderPath?>(SymbolEqualityComparer.Default);
                holders[variable] = !holders.TryGetValue(variable, out HolderPath? known) || held.Holder.Equals(known)
                    ? held.Holder
                    : null;
            }

            if (variable is null
                || !types.IsSingleThreaded(operation.Type)
                || OperationHelpers.IsDeclaredInside(variable, scope)
                || IsInsideNameOf(operation))
            {
                continue;
            }

            if (!captured.TryGetValue(variable, out List<IOperation>? uses))
            {
                uses = new List<IOperation>();
                captured.Add(variable, uses);
            }

            uses.Add(operation);
        }

        if (holders is not null)
        {
            foreach (KeyValuePair<ISymbol, HolderPath?> pair in holders)
            {
                if (pair.Value is null)
                {
                    captured.Remove(pair.Key);
                }
                else if (holdersFound is not null && captured.ContainsKey(pair.Key))
                {
                    holdersFound[pair.Key] = pair.Value;
                }
            }
        }

        foreach (List<IOperation> uses in captured.Values)
        {
            uses.Sort(static (left, right) => left.Syntax.SpanStart.CompareTo(right.Syntax.SpanStart));
        }

        return captured;
    }

    /// <summary>
    /// A field or auto-property of an object held in a variable (a local, a parameter, or a field or auto-property of
    /// <c>this</c> or of a type), directly or through up to <see cref="MaxPathMembers"/> stored members
    /// (<c>_rig.Engine.Stretcher</c>): the member, and the path to its object.
    /// </summary>
    public static (ISymbol Member, HolderPath Holder)? HeldBy(IOperation operation)
    {
        if (StoredMember(operation) is not ({ } member, { } instance))
        {
            return null;
        }

        ImmutableArray<ISymbol>.Builder? via = null;
        for (IOperation current = OperationHelpers.SkipConversions(instance); ; current = OperationHelpers.SkipConversions(instance))
        {
            if (ReferencedVariable(current) is { } root)
            {
                if (via is null)
                {
                    return (member, new HolderPath(root, ImmutableArray<ISymbol>.Empty));
                }

                via.Reverse();
                return (member, new HolderPath(root, via.ToImmutable()));
            }

            // A computed property or a call may give another object each time: only stored members are followed.
            if (StoredMember(current) is not ({ } link, { } next) || (via?.Count ?? 0) == MaxPathMembers)
            {
                return null;
            }

            via ??= ImmutableArray.CreateBuilder<ISymbol>();
            via.Add(link);
            instance = next;
        }
    }

    /// <summary>How many stored members a holder path may pass through between its variable and the member.</summary>
    public const int MaxPathMembers = 3;

    // An instance field or auto-property read from an object, and that object.
    private static (ISymbol? Member, IOperation? Instance) StoredMember(IOperation operation) => operation switch
    {
        IFieldReferenceOperation { Field.IsStatic: false } field => (field.Field, field.Instance),
        IPropertyReferenceOperation { Property.IsStatic: false, Arguments.IsEmpty: true } property when IsAutoProperty(property.Property) =>
            (property.Property, property.Instance),
        _ => (null, null),
    };

    /// <summary>
    /// Every use of <paramref name="variable"/> inside <paramref name="scope"/>, in source order; with a
    /// <paramref name="holder"/>, the uses of the member <paramref name="variable"/> of the object in that variable.
    /// </summary>
    public static List<IOperation> UsesOf(ISymbol variable, IOperation scope, HolderPath? holder = null)
    {
        var uses = new List<IOperation>();
        foreach (IOperation operation in scope.Descendants())
        {
            ISymbol? referenced = holder is null
                ? ReferencedVariable(operation)
                : HeldBy(operation) is { } held && held.Holder.Equals(holder) ? held.Member : null;
            if (referenced is not null
                && SymbolEqualityComparer.Default.Equals(referenced, variable)
                && !IsInsideNameOf(operation))
            {
                uses.Add(operation);
            }
        }

        uses.Sort(static (left, right) => left.Syntax.SpanStart.CompareTo(right.Syntax.SpanStart));
        return uses;
    }

    private static bool IsInsideNameOf(IOperation operation)
    {
        for (IOperation? current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is INameOfOperation)
            {
                return true;
            }

            if (current is IBlockOperation or IAnonymousFunctionOperation)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>
    /// True when one and the same lock is held around every use (see <see cref="HeldLocks"/>). A lock outside a
    /// lambda does not count for code inside it, which may run after the lock is released.
    /// </summary>
    public static bool ShareALock(IEnumerable<IOperation> uses)
    {
        HashSet<object>? common = null;
        foreach (IOperation use in uses)
        {
            HashSet<object> held = HeldLocks.Exclusive(use);
            if (common is null)
            {
                common = held;
            }
            else
            {
                common.IntersectWith(held);
            }

            if (common.Count == 0)
            {
                return false;
            }
        }

        return common is { Count: > 0 };
    }
}
