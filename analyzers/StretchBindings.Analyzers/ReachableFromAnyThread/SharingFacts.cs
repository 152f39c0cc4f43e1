using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace StretchBindings.Analyzers.ReachableFromAnyThread;

// The facts below are classes, not value tuples: the collections holding them then run the runtime's shared code
// for reference types, already compiled, instead of code compiled anew in every compiler process. They hold plain
// readonly fields rather than properties or records: every accessor is one more method for a fresh compiler
// process to compile before it can run (see analyzers/benchmarks/count-jit.sh).

/// <summary>A field or auto-property holding a single-threaded instance: as declared, where it is stored, and the type held.</summary>
internal sealed class Holder
{
    public readonly ISymbol Member;
    public readonly IFieldSymbol Storage;
    public readonly ITypeSymbol HeldType;

    public Holder(ISymbol member, IFieldSymbol storage, ITypeSymbol heldType)
    {
        Member = member;
        Storage = storage;
        HeldType = heldType;
    }
}

/// <summary>How a type's objects are reachable from a static: the static, and whether through another object's field.</summary>
internal sealed class SharedBy
{
    public readonly ISymbol Root;
    public readonly bool ThroughFields;

    public SharedBy(ISymbol root, bool throughFields)
    {
        Root = root;
        ThroughFields = throughFields;
    }
}

/// <summary>
/// What the member and operation actions learn for the compilation-end action. Lists added to under their own lock
/// and read by the end action alone, once the other actions are done: a ConcurrentBag would make every fresh
/// compiler process load and set up its per-thread queues first. The uses, added to far more often, go to a queue.
/// </summary>
internal sealed class SharingFacts
{
    /// <summary>Static fields (or auto-properties) holding a single-threaded instance.</summary>
    public readonly List<Holder> StaticHolders = new();

    /// <summary>Statics holding an object of a type of this compilation, whose fields every thread can then reach.</summary>
    public readonly List<StaticRoot> StaticRoots = new();

    /// <summary>What is done with the objects those statics hold, for the per-instance view.</summary>
    public readonly SharedInstances Instances = new();

    public readonly List<Holder> InstanceHolders = new();

    /// <summary>
    /// Every use of a field holding such an instance: added to for each field reference of the compilation by the
    /// operation actions on all threads at once, where a lock around a list made them wait on each other. The
    /// runtime's own queue, whose code for reference types is already compiled, takes them without a lock.
    /// </summary>
    public readonly ConcurrentQueue<FieldAccess> Accesses = new();
}
