using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using StretchBindings.Analyzers.Concurrency;

namespace StretchBindings.Analyzers.ReachableFromAnyThread;

/// <summary>
/// Decides, from every use of a field that any thread can reach, whether the instance it holds can be used by two
/// threads at once. It cannot when, after the initialisation, no use changes it (a table filled once, then only
/// read); when every use holds one and the same lock (a read lock is enough for a read); or when the uses only
/// move it between threads with <c>Interlocked.Exchange</c>/<c>CompareExchange</c>. A field that code of another
/// assembly can reach is always reported when any use of its type changes it (its uses there are not seen); a
/// collection there is judged by the uses here.
/// </summary>
internal static class SharingVerdict
{
    /// <summary>
    /// True when two threads can use the instance at once. <paramref name="unlocked"/> is then the first use
    /// without <paramref name="lockKey"/>, the lock the other uses hold; both are null when no lock is used.
    /// <paramref name="perObject"/>: the uses of a static hold no lock every object shares, and
    /// <paramref name="unlocked"/> is then one holding <paramref name="lockKey"/>, a lock of one object.
    /// <paramref name="readable"/>: the type has members that only read it (a collection), so that code of other
    /// assemblies can be handed it to read; any use of another type may change it.
    /// </summary>
    public static bool IsUnsafe(
        IFieldSymbol field, ISymbol member, List<FieldAccess> accesses, bool readable, Compilation compilation,
        out FieldAccess? unlocked, out object? lockKey, out bool perObject)
    {
        unlocked = null;
        lockKey = null;
        perObject = false;

        // A collection published for reading (a public table built once and never changed here) is judged by the
        // uses seen: other assemblies that change it are where that race is written. An instance every use of
        // which changes it races as soon as two of their threads use it.
        if (!readable && IsVisibleOutside(member, compilation))
        {
            return true;
        }

        var later = new List<FieldAccess>();
        bool changes = false;
        foreach (FieldAccess access in accesses)
        {
            if (!access.Initializes && access.Kind != AccessKind.Transfer)
            {
                later.Add(access);
                changes |= ChangesInstance(access.Kind);
            }
        }

        if (!changes)
        {
            return false;
        }

        // The lock most uses hold is the one the code means; a use without it is the one to fix.
        var counts = new Dictionary<object, int>(HeldLocks.KeyComparer);
        var enough = new List<object>();
        foreach (FieldAccess access in later)
        {
            Enough(access, field.IsStatic, enough);
            foreach (object key in enough)
            {
                counts[key] = counts.TryGetValue(key, out int count) ? count + 1 : 1;
            }
        }

        object? best = null;
        int bestCount = 0;
        foreach (KeyValuePair<object, int> pair in counts)
        {
            if (pair.Value > bestCount || (pair.Value == bestCount && best is not null && string.CompareOrdinal(HeldLocks.Describe(pair.Key), HeldLocks.Describe(best)) < 0))
            {
                best = pair.Key;
                bestCount = pair.Value;
            }
        }

        if (best is not null && bestCount == later.Count)
        {
            return false;
        }

        if (best is null && field.IsStatic)
        {
            // Uses of a static that hold only locks of one object: the message names one, and no lock is the fix.
            later.Sort(static (left, right) => CompareLocations(left.Location, right.Location));
            foreach (FieldAccess access in later)
            {
                foreach (object key in access.Exclusive)
                {
                    if (HeldLocks.IsPerInstance(key))
                    {
                        unlocked = access;
                        lockKey = key;
                        perObject = true;
                        return true;
                    }
                }
            }
        }

        if (best is not null)
        {
            lockKey = best;
            later.Sort(static (left, right) => CompareLocations(left.Location, right.Location));
            foreach (FieldAccess access in later)
            {
                Enough(access, field.IsStatic, enough);
                if (!Contains(enough, best))
                {
                    unlocked = access;
                    break;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// Whether a use can change the instance the field holds: a changing member, or handing it to code not seen.
    /// Storing another instance in the field changes the field, not the instance: a thread that read the field keeps
    /// the instance it read, so a table rebuilt and swapped in (copy-on-write) or built and then published races with
    /// nothing. A use that then changes the new instance through the field is a change of its own.
    /// </summary>
    public static bool ChangesInstance(AccessKind kind) => kind is AccessKind.Mutate or AccessKind.Escape;

    // The locks that make this use safe: any exclusive lock; a read lock only for a use that does not change it. For a
    // static, a lock of one object (an instance field, `this`) does not keep out the code running on another.
    // Filled into a list the caller reuses, not yielded: an iterator is a class of five methods to compile.
    private static void Enough(FieldAccess access, bool isStatic, List<object> keys)
    {
        keys.Clear();
        foreach (object key in access.Exclusive)
        {
            if (!isStatic || !HeldLocks.IsPerInstance(key))
            {
                keys.Add(key);
            }
        }

        if (!InstanceAccess.Changes(access.Kind))
        {
            foreach (object key in access.Shared)
            {
                if (!access.Exclusive.Contains(key) && (!isStatic || !HeldLocks.IsPerInstance(key)))
                {
                    keys.Add(key);
                }
            }
        }
    }

    private static bool Contains(List<object> keys, object key)
    {
        foreach (object candidate in keys)
        {
            if (HeldLocks.KeyComparer.Equals(candidate, key))
            {
                return true;
            }
        }

        return false;
    }

    private static int CompareLocations(Location left, Location right)
    {
        int byFile = string.CompareOrdinal(left.SourceTree?.FilePath, right.SourceTree?.FilePath);
        return byFile != 0 ? byFile : left.SourceSpan.Start.CompareTo(right.SourceSpan.Start);
    }

    /// <summary>Code of another assembly can use the member: it, and every type around it, is public or protected, or internal with InternalsVisibleTo.</summary>
    public static bool IsVisibleOutside(ISymbol member, Compilation compilation)
    {
        bool grantsInternals = false;
        foreach (AttributeData attribute in compilation.Assembly.GetAttributes())
        {
            if (attribute.AttributeClass is { } type && MetadataNames.Is(type, "System.Runtime.CompilerServices.InternalsVisibleToAttribute"))
            {
                grantsInternals = true;
                break;
            }
        }

        for (ISymbol? current = member; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
        {
            switch (current.DeclaredAccessibility)
            {
                case Accessibility.Private:
                    return false;
                case Accessibility.Internal or Accessibility.ProtectedAndInternal when !grantsInternals:
                    return false;
            }
        }

        return true;
    }
}
