using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace StretchBindings.Analyzers.ReachableFromAnyThread;

/// <summary>
/// What a static can reach: the types of this compilation whose objects a static holds, directly or through the
/// fields of other such objects, and what a field stores (a <c>Lazy&lt;T&gt;</c>'s value rather than the <c>Lazy</c>).
/// </summary>
internal static class StaticReach
{
    private const string LazyTypeName = "System.Lazy`1";

    /// <summary>
    /// The types of this compilation whose objects are reachable from a static, each with the static (first by name)
    /// and whether some are reached through a field of another shared object (then not every use is seen as one).
    /// </summary>
    internal static Dictionary<ITypeSymbol, SharedBy> SharedTypes(Compilation compilation, SingleThreadedTypes types, SharingFacts sharing)
    {
        // Roots in a stable order, so that the static a message names does not change from build to build.
        var roots = new List<StaticRoot>(sharing.StaticRoots);
        roots.Sort(static (left, right) => string.CompareOrdinal(FieldAccess.Describe(left.Root), FieldAccess.Describe(right.Root)));
        var shared = new Dictionary<ITypeSymbol, SharedBy>(SymbolEqualityComparer.Default);
        var pending = new Queue<ITypeSymbol>();
        foreach (StaticRoot root in roots)
        {
            Share(root.StoredType, root.Root, throughField: false);
        }

        while (pending.Count > 0)
        {
            ITypeSymbol type = pending.Dequeue();
            ISymbol root = shared[type].Root;
            foreach (ISymbol member in type.GetMembers())
            {
                if (member is IFieldSymbol { IsStatic: false } field && StoredType(field.Type) is { } stored && IsSourceType(stored, compilation))
                {
                    Share(stored.OriginalDefinition, root, throughField: true);
                }
            }
        }

        return shared;

        void Share(ITypeSymbol type, ISymbol root, bool throughField)
        {
            // A single-threaded object is reported where it is stored; its own fields add nothing.
            if (types.IsSingleThreaded(type))
            {
                return;
            }

            if (shared.TryGetValue(type, out SharedBy? known))
            {
                if (throughField && !known.ThroughFields)
                {
                    shared[type] = new SharedBy(known.Root, true);
                }

                return;
            }

            shared.Add(type, new SharedBy(root, throughField));
            pending.Enqueue(type);
        }
    }

    internal static bool IsSourceType(ITypeSymbol? type, Compilation compilation) =>
        type is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } named
        && SymbolEqualityComparer.Default.Equals(named.ContainingAssembly, compilation.Assembly);

    /// <summary>The type whose instance a field stores: the value of a <c>Lazy&lt;T&gt;</c>, else the field's type.</summary>
    internal static ITypeSymbol StoredType(ITypeSymbol type) =>
        type is INamedTypeSymbol { IsGenericType: true } named && MetadataNames.IsDefinition(named, LazyTypeName)
            ? named.TypeArguments[0]
            : type;

    /// <summary>The type itself, or the value of a <c>Lazy&lt;T&gt;</c>, which is one instance for every thread too.</summary>
    internal static bool HoldsSingleThreaded(ITypeSymbol type, SingleThreadedTypes types, out ITypeSymbol? heldType)
    {
        if (types.IsSingleThreaded(type))
        {
            heldType = type;
            return true;
        }

        if (type is INamedTypeSymbol { IsGenericType: true } named
            && MetadataNames.IsDefinition(named, LazyTypeName)
            && types.IsSingleThreaded(named.TypeArguments[0]))
        {
            heldType = named.TypeArguments[0];
            return true;
        }

        heldType = null;
        return false;
    }
}
