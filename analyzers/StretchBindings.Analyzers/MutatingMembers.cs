using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace StretchBindings.Analyzers;

/// <summary>
/// Which members of a single-threaded type change it. A line of <c>NotThreadSafeTypes.txt</c> may name them
/// (<c>My.Cache`1: Add, Remove, this[]</c>); the BCL collections (namespaces <c>System.Collections*</c>) and
/// <c>StringBuilder</c> have a default list; for any other type every member counts as a change, because a
/// native instance keeps state even in its getters. Writing a property or an indexer always changes the instance.
/// </summary>
internal sealed class MutatingMembers
{
    /// <summary>The name a list uses for an indexer.</summary>
    public const string IndexerName = "this[]";

    // One string split once, not an array of 45 literals: the initializer is code every compiler process compiles
    // before its first use, and a set only read needs no immutable tree.
    private static readonly HashSet<string> s_collectionDefaults = new(
        ("Add AddRange AddFirst AddLast AddBefore AddAfter Insert InsertRange "
            + "Remove RemoveAt RemoveAll RemoveRange RemoveWhere RemoveFirst RemoveLast Clear "
            + "Enqueue EnqueueRange Dequeue TryDequeue EnqueueDequeue DequeueEnqueue Push Pop TryPop "
            + "Sort Reverse TryAdd Set SetAll SetValue UnionWith IntersectWith ExceptWith "
            + "SymmetricExceptWith TrimExcess EnsureCapacity Append AppendLine AppendFormat AppendJoin "
            + "Replace Move").Split(' '),
        StringComparer.Ordinal);

    private readonly ListedTypeNames _listed;
    private readonly SingleThreadedTypes _types;

    // Asked for every use of a field of a listed type; the answers depend on the type alone.
    private readonly ConcurrentDictionary<ITypeSymbol, HashSet<string>?> _declared = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ITypeSymbol, bool> _collectionDefaults = new(SymbolEqualityComparer.Default);

    /// <param name="listed">The type lists as <see cref="SingleThreadedTypes.ReadListedTypes"/> read them.</param>
    /// <param name="types">The single-threaded types those lists and the attribute make.</param>
    public MutatingMembers(ListedTypeNames listed, SingleThreadedTypes types)
    {
        _listed = listed;
        _types = types;
    }

    /// <summary>What a method written in the compilation does with an instance given as this parameter (asked for many uses).</summary>
    internal ConcurrentDictionary<IParameterSymbol, Concurrency.AccessKind> ParameterUses { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>Whether an override of a listed member written in the compilation keeps the object's state.</summary>
    internal ConcurrentDictionary<IMethodSymbol, bool> OverridesKeepingState { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>What the callers of a method or property getter written in the compilation do with the instance it returns.</summary>
    internal ConcurrentDictionary<IMethodSymbol, Concurrency.AccessKind> ReturnUses { get; } = new(SymbolEqualityComparer.Default);

    private readonly ConcurrentDictionary<IMethodSymbol, Microsoft.CodeAnalysis.Operations.IMethodBodyBaseOperation?> _bodies = new(SymbolEqualityComparer.Default);

    /// <summary>The body of a method written in the compilation, bound once however many uses follow it.</summary>
    internal Microsoft.CodeAnalysis.Operations.IMethodBodyBaseOperation? BodyOf(IMethodSymbol method, SemanticModel model) =>
        _bodies.GetOrAdd(method, _ => Concurrency.CalledMethods.BodyOf(method, model));

    /// <summary>True when <paramref name="type"/> is single-threaded: its own state is what a change of it changes.</summary>
    public bool IsSingleThreaded(ITypeSymbol type) => _types.IsSingleThreaded(type);

    /// <summary>True when using <paramref name="member"/> of an instance of <paramref name="type"/> can change the instance.</summary>
    public bool Mutates(ITypeSymbol type, ISymbol member, bool isWrite)
    {
        if (isWrite)
        {
            return true;
        }

        string name = member is IPropertySymbol { IsIndexer: true } ? IndexerName : member.Name;
        if (DeclaredFor(type) is { } declared)
        {
            return declared.Contains(name);
        }

        if (_collectionDefaults.GetOrAdd(type.OriginalDefinition, HasCollectionDefaults))
        {
            return s_collectionDefaults.Contains(name);
        }

        return true;
    }

    /// <summary>True when some members of <paramref name="type"/> only read it, so that a use can be a read.</summary>
    public bool HasReadOnlyMembers(ITypeSymbol type) =>
        DeclaredFor(type) is not null || _collectionDefaults.GetOrAdd(type.OriginalDefinition, HasCollectionDefaults);

    private HashSet<string>? DeclaredFor(ITypeSymbol type) => _declared.GetOrAdd(type.OriginalDefinition, definition =>
    {
        for (ITypeSymbol? current = definition; current is not null; current = current.BaseType)
        {
            if (_listed.Match(current)?.Members is { } members)
            {
                return members;
            }
        }

        return null;
    });

    private static bool HasCollectionDefaults(ITypeSymbol type)
    {
        for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (InCollectionsNamespace(current.ContainingNamespace) || MetadataNames.Is(current.OriginalDefinition, "System.Text.StringBuilder"))
            {
                return true;
            }
        }

        return false;
    }

    // System.Collections or a namespace inside it, found by walking out rather than by formatting the name.
    private static bool InCollectionsNamespace(INamespaceSymbol? ns)
    {
        for (; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            if (ns.Name == "Collections" && ns.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true })
            {
                return true;
            }
        }

        return false;
    }
}
