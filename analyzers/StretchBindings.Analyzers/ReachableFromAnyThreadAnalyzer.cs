using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using StretchBindings.Analyzers.Concurrency;
using StretchBindings.Analyzers.ReachableFromAnyThread;

namespace StretchBindings.Analyzers;

/// <summary>
/// SB1002: a single-threaded instance held by a static field or auto-property, or by a field of an object
/// that is itself reachable from one, and used so that two threads can use it at once. <c>[ThreadStatic]</c>
/// statics and <c>ThreadLocal&lt;T&gt;</c> are fine; so are instances only read after their initialisation,
/// guarded by one lock at every use, or passed between threads with <c>Interlocked</c> (see <see cref="SharingVerdict"/>).
/// </summary>
/// <remarks>
/// Whether a field is safe depends on every use of it, and whether an object is reachable from a static on every
/// static, so the diagnostics are reported at the end of the compilation.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ReachableFromAnyThreadAnalyzer : DiagnosticAnalyzer
{
    private const string ThreadStaticAttributeName = "System.ThreadStaticAttribute";
    private const string LazyTypeName = "System.Lazy`1";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.ReachableFromAnyThread);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            ThreadingFacts facts = ThreadingFacts.For(start.Compilation, start.Options, start.CancellationToken);
            if (facts.Types is not { } types || facts.Members is not { } members)
            {
                return;
            }

            Compilation compilation = start.Compilation;
            var sharing = new SharingFacts();
            start.RegisterSymbolAction(
                symbolContext => AnalyzeMember(symbolContext, compilation, types, sharing),
                SymbolKind.Field,
                SymbolKind.Property);
            start.RegisterOperationAction(
                operationContext => CollectAccess(operationContext, types, members, sharing),
                OperationKind.FieldReference,
                OperationKind.PropertyReference);
            start.RegisterCompilationEndAction(endContext => Report(endContext, types, sharing));
        });
    }

    /// <summary>What the member and operation actions learn for the compilation-end action.</summary>
    private sealed class SharingFacts
    {
        /// <summary>Static fields (or auto-properties) holding a single-threaded instance.</summary>
        public ConcurrentBag<(ISymbol Member, IFieldSymbol Storage, ITypeSymbol HeldType)> StaticHolders { get; } = new();

        /// <summary>Statics holding an object of a type of this compilation, whose fields every thread can then reach.</summary>
        public ConcurrentBag<(ITypeSymbol StoredType, ISymbol Root)> StaticRoots { get; } = new();

        public ConcurrentBag<(ISymbol Member, IFieldSymbol Storage, ITypeSymbol HeldType)> InstanceHolders { get; } = new();

        public ConcurrentBag<FieldAccess> Accesses { get; } = new();
    }

    private static void AnalyzeMember(SymbolAnalysisContext context, Compilation compilation, SingleThreadedTypes types, SharingFacts sharing)
    {
        ISymbol member = context.Symbol;
        if (member.IsImplicitlyDeclared || member.Locations.IsEmpty || !member.Locations[0].IsInSource)
        {
            return;
        }

        IFieldSymbol? storage = member switch
        {
            IFieldSymbol field when !field.IsConst => field,
            // Only auto-properties store anything; looking for the backing field is worth it only for these.
            IPropertySymbol property when (property.IsStatic
                ? IsSourceType(StoredType(property.Type), compilation) || HoldsSingleThreaded(property.Type, types, out _)
                : HoldsSingleThreaded(property.Type, types, out _)) => FindBackingField(property),
            _ => null,
        };
        if (storage is null)
        {
            return;
        }

        bool holds = HoldsSingleThreaded(storage.Type, types, out ITypeSymbol? heldType);
        if (storage.IsStatic)
        {
            if (MetadataNames.HasAttribute(storage, ThreadStaticAttributeName))
            {
                return;
            }

            if (holds)
            {
                sharing.StaticHolders.Add((member, storage, heldType!));
            }
            else if (StoredType(storage.Type) is { } stored && IsSourceType(stored, compilation))
            {
                sharing.StaticRoots.Add((stored.OriginalDefinition, member));
            }
        }
        else if (holds)
        {
            sharing.InstanceHolders.Add((member, storage, heldType!));
        }
    }

    /// <summary>Records a use of a field or auto-property holding a single-threaded instance.</summary>
    private static void CollectAccess(OperationAnalysisContext context, SingleThreadedTypes types, MutatingMembers members, SharingFacts sharing)
    {
        IFieldSymbol? field = context.Operation switch
        {
            IFieldReferenceOperation reference => reference.Field,
            IPropertyReferenceOperation { Arguments.IsEmpty: true } reference when HoldsSingleThreaded(reference.Property.Type, types, out _) =>
                FindBackingField(reference.Property.OriginalDefinition),
            _ => null,
        };
        if (field is null || field.IsConst || !HoldsSingleThreaded(field.Type, types, out _))
        {
            return;
        }

        sharing.Accesses.Add(FieldAccess.Create(field.OriginalDefinition, context.Operation, context.ContainingSymbol, members));
    }

    private static void Report(CompilationAnalysisContext context, SingleThreadedTypes types, SharingFacts sharing)
    {
        var accesses = new Dictionary<IFieldSymbol, List<FieldAccess>>(SymbolEqualityComparer.Default);
        foreach (FieldAccess access in sharing.Accesses)
        {
            if (!accesses.TryGetValue(access.Field, out List<FieldAccess>? list))
            {
                list = new List<FieldAccess>();
                accesses.Add(access.Field, list);
            }

            list.Add(access);
        }

        foreach ((ISymbol member, IFieldSymbol storage, ITypeSymbol heldType) in sharing.StaticHolders)
        {
            ReportIfUnsafe(context, member, storage, heldType, accesses, string.Empty);
        }

        if (sharing.InstanceHolders.IsEmpty || sharing.StaticRoots.IsEmpty)
        {
            return;
        }

        Dictionary<ITypeSymbol, ISymbol> shared = SharedTypes(context.Compilation, types, sharing);
        foreach ((ISymbol member, IFieldSymbol storage, ITypeSymbol heldType) in sharing.InstanceHolders)
        {
            if (shared.TryGetValue(member.ContainingType.OriginalDefinition, out ISymbol? root))
            {
                ReportIfUnsafe(
                    context, member, storage, heldType, accesses,
                    $", because '{member.ContainingType.Name}' objects are reachable from static '{FieldAccess.Describe(root)}'");
            }
        }
    }

    private static void ReportIfUnsafe(
        CompilationAnalysisContext context, ISymbol member, IFieldSymbol storage, ITypeSymbol heldType,
        Dictionary<IFieldSymbol, List<FieldAccess>> accesses, string because)
    {
        List<FieldAccess> uses = accesses.TryGetValue(storage.OriginalDefinition, out List<FieldAccess>? found) ? found : new List<FieldAccess>();
        if (!SharingVerdict.IsUnsafe(storage, member, uses, context.Compilation, out FieldAccess? unlocked, out object? lockKey))
        {
            return;
        }

        string suffix = because;
        IEnumerable<Location>? additional = null;
        ImmutableDictionary<string, string?>? properties = null;
        if (unlocked is not null && lockKey is not null)
        {
            suffix += $"; '{unlocked.Where}' uses it without holding the lock on '{HeldLocks.Describe(lockKey)}' that its other uses hold";
            additional = new[] { unlocked.Location };
            if (lockKey is IFieldSymbol or IPropertySymbol && IsMonitorLock((ISymbol)lockKey))
            {
                // The code fix takes this lock around the use, with a lock statement.
                properties = ImmutableDictionary<string, string?>.Empty
                    .Add(DiagnosticIds.LockNameProperty, ((ISymbol)lockKey).Name)
                    .Add(DiagnosticIds.LockIdProperty, DocumentationCommentId.CreateDeclarationId((ISymbol)lockKey));
            }
        }

        context.ReportDiagnostic(Diagnostic.Create(
            Descriptors.ReachableFromAnyThread, member.Locations[0], additional, properties, FieldAccess.Describe(member), heldType.Name, suffix));
    }

    // A lock taken with lock or Monitor, on an object that is not itself a semaphore or reader-writer lock.
    private static bool IsMonitorLock(ISymbol symbol)
    {
        ITypeSymbol? type = symbol is IFieldSymbol field ? field.Type : ((IPropertySymbol)symbol).Type;
        return type is { IsReferenceType: true }
            && !MetadataNames.Is(type, "System.Threading.SemaphoreSlim")
            && !MetadataNames.Is(type, "System.Threading.ReaderWriterLockSlim");
    }

    /// <summary>The types of this compilation whose objects are reachable from a static, each with the static (first by name).</summary>
    private static Dictionary<ITypeSymbol, ISymbol> SharedTypes(Compilation compilation, SingleThreadedTypes types, SharingFacts sharing)
    {
        // Roots in a stable order, so that the static a message names does not change from build to build.
        var roots = sharing.StaticRoots.ToList();
        roots.Sort(static (left, right) => string.CompareOrdinal(FieldAccess.Describe(left.Root), FieldAccess.Describe(right.Root)));
        var shared = new Dictionary<ITypeSymbol, ISymbol>(SymbolEqualityComparer.Default);
        var pending = new Queue<ITypeSymbol>();
        foreach ((ITypeSymbol storedType, ISymbol root) in roots)
        {
            Share(storedType, root);
        }

        while (pending.Count > 0)
        {
            ITypeSymbol type = pending.Dequeue();
            ISymbol root = shared[type];
            foreach (ISymbol member in type.GetMembers())
            {
                if (member is IFieldSymbol { IsStatic: false } field && StoredType(field.Type) is { } stored && IsSourceType(stored, compilation))
                {
                    Share(stored.OriginalDefinition, root);
                }
            }
        }

        return shared;

        void Share(ITypeSymbol type, ISymbol root)
        {
            // A single-threaded object is reported where it is stored; its own fields add nothing.
            if (!types.IsSingleThreaded(type) && !shared.ContainsKey(type))
            {
                shared.Add(type, root);
                pending.Enqueue(type);
            }
        }
    }

    private static bool IsSourceType(ITypeSymbol? type, Compilation compilation) =>
        type is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } named
        && SymbolEqualityComparer.Default.Equals(named.ContainingAssembly, compilation.Assembly);

    /// <summary>The type whose instance a field stores: the value of a <c>Lazy&lt;T&gt;</c>, else the field's type.</summary>
    private static ITypeSymbol StoredType(ITypeSymbol type) =>
        type is INamedTypeSymbol { IsGenericType: true } named && MetadataNames.IsDefinition(named, LazyTypeName)
            ? named.TypeArguments[0]
            : type;

    /// <summary>The type itself, or the value of a <c>Lazy&lt;T&gt;</c>, which is one instance for every thread too.</summary>
    private static bool HoldsSingleThreaded(ITypeSymbol type, SingleThreadedTypes types, out ITypeSymbol? heldType)
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

    private static IFieldSymbol? FindBackingField(IPropertySymbol property)
    {
        foreach (ISymbol member in property.ContainingType.GetMembers())
        {
            if (member is IFieldSymbol field && SymbolEqualityComparer.Default.Equals(field.AssociatedSymbol, property))
            {
                return field;
            }
        }

        return null;
    }
}
