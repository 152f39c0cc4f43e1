using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using StretchBindings.Analyzers.Concurrency;
using StretchBindings.Analyzers.ReachableFromAnyThread;

namespace StretchBindings.Analyzers;

/// <summary>
/// SB1002: a single-threaded instance held by a static field or auto-property, by a field of an object
/// that is itself reachable from one, or by a field of an object on whose methods a thread, task, work item or
/// timer is started, by its own code (<see cref="SelfStartedThreads"/>) or by code holding it
/// (<see cref="OtherObjectStarts"/>), and used so that two threads can use it at once. <c>[ThreadStatic]</c>
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

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.ReachableFromAnyThread);

    public override void Initialize(AnalysisContext context)
    {
        // Generated code is not analyzed, so every report is at a field of code that is not generated; letting the
        // driver report anywhere saves it reading the whole file of each report again for a GeneratedCode marker.
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics);
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
                operationContext => CollectAccess(operationContext, compilation, types, members, sharing),
                OperationKind.FieldReference,
                OperationKind.PropertyReference);
            start.RegisterCompilationEndAction(endContext => Report(endContext, types, members, sharing));
        });
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
                ? StaticReach.IsSourceType(StaticReach.StoredType(property.Type), compilation)
                    || StaticReach.HoldsSingleThreaded(property.Type, types, out _)
                : StaticReach.HoldsSingleThreaded(property.Type, types, out _)) => AutoProperties.BackingField(property),
            _ => null,
        };
        if (storage is null)
        {
            return;
        }

        bool holds = StaticReach.HoldsSingleThreaded(storage.Type, types, out ITypeSymbol? heldType);
        if (storage.IsStatic)
        {
            // The type first, the attributes only for a static that matters: asking for them binds them.
            ITypeSymbol? root = null;
            if (!holds && StaticReach.StoredType(storage.Type) is { } stored && StaticReach.IsSourceType(stored, compilation))
            {
                root = stored;
            }

            if ((!holds && root is null) || MetadataNames.HasAttribute(storage, ThreadStaticAttributeName))
            {
                return;
            }

            if (holds)
            {
                var held = new Holder(member, storage, heldType!);
                lock (sharing.StaticHolders)
                {
                    sharing.StaticHolders.Add(held);
                }
            }
            else
            {
                var shared = new StaticRoot(root!.OriginalDefinition, member, storage);
                lock (sharing.StaticRoots)
                {
                    sharing.StaticRoots.Add(shared);
                }
            }
        }
        else if (holds)
        {
            var held = new Holder(member, storage, heldType!);
            lock (sharing.InstanceHolders)
            {
                sharing.InstanceHolders.Add(held);
            }
        }
    }

    /// <summary>Records a use of a field or auto-property holding a single-threaded instance.</summary>
    private static void CollectAccess(OperationAnalysisContext context, Compilation compilation, SingleThreadedTypes types, MutatingMembers members, SharingFacts sharing)
    {

        IFieldSymbol? field = context.Operation switch
        {
            IFieldReferenceOperation reference => reference.Field,
            IPropertyReferenceOperation { Arguments.IsEmpty: true } reference
                when StaticReach.HoldsSingleThreaded(reference.Property.Type, types, out _)
                    || (reference.Property.IsStatic && StaticReach.IsSourceType(StaticReach.StoredType(reference.Property.Type), compilation)) =>
                AutoProperties.BackingField(reference.Property.OriginalDefinition),
            _ => null,
        };
        if (field is null || field.IsConst)
        {
            return;
        }

        if (!StaticReach.HoldsSingleThreaded(field.Type, types, out _))
        {
            if (field.IsStatic && StaticReach.StoredType(field.Type) is { } stored && StaticReach.IsSourceType(stored, compilation))
            {
                sharing.Instances.RecordRootUse(field, context.Operation, context.ContainingSymbol);
            }

            return;
        }

        FieldAccess access = FieldAccess.Create(field.OriginalDefinition, context.Operation, context.ContainingSymbol, members);
        sharing.Accesses.Enqueue(access);
    }

    private static void Report(CompilationAnalysisContext context, SingleThreadedTypes types, MutatingMembers members, SharingFacts sharing)
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

        // Judging a field can bind code (its callers, the starts of its type): a cancelled build stops between fields.
        foreach (Holder held in sharing.StaticHolders)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            List<FieldAccess> uses = accesses.TryGetValue(held.Storage.OriginalDefinition, out List<FieldAccess>? found) ? found : new List<FieldAccess>();
            ReportIfUnsafe(context, members, held.Member, held.Storage, held.HeldType, uses, StaticOrigins(uses, SharingVerdict.IsVisibleOutside(held.Member, context.Compilation)));
        }

        if (sharing.InstanceHolders.Count == 0)
        {
            return;
        }

        Dictionary<ITypeSymbol, SharedBy> shared = sharing.StaticRoots.Count == 0
            ? new Dictionary<ITypeSymbol, SharedBy>(SymbolEqualityComparer.Default)
            : StaticReach.SharedTypes(context.Compilation, types, sharing);
        foreach (Holder held in sharing.InstanceHolders)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            ISymbol member = held.Member;
            IFieldSymbol storage = held.Storage;
            ITypeSymbol heldType = held.HeldType;
            INamedTypeSymbol holder = member.ContainingType.OriginalDefinition;
            if (!shared.TryGetValue(holder, out SharedBy? sharedBy))
            {
                ReportSelfStarted(context, members, held, accesses, sharing.Instances);
                continue;
            }

            Dictionary<IFieldSymbol, bool> roots = sharing.Instances.RootsOf(holder, sharing.StaticRoots, context.Compilation);
            bool perInstance = !sharedBy.ThroughFields && roots.Count > 0 && !roots.ContainsValue(false);
            if (!perInstance)
            {
                ReportIfUnsafe(
                    context, members, member, storage, heldType, accesses,
                    $", because '{holder.Name}' objects are reachable from static '{FieldAccess.Describe(sharedBy.Root)}'");
                continue;
            }

            ReportPerInstance(context, members, member, storage, heldType, accesses, sharing.Instances, roots.Keys);
        }
    }

    /// <summary>
    /// A field of an object held by statics whose every use is seen: judged by the uses that run on that object
    /// (the members used through the statics and what they call on <c>this</c>), and reported naming the code that
    /// reaches it.
    /// </summary>
    private static void ReportPerInstance(
        CompilationAnalysisContext context, MutatingMembers members, ISymbol member, IFieldSymbol storage, ITypeSymbol heldType,
        Dictionary<IFieldSymbol, List<FieldAccess>> accesses, SharedInstances instances, IEnumerable<IFieldSymbol> roots)
    {
        List<SharedInstances.Entry> entries = instances.EntriesOf(roots);
        var entryMembers = new List<ISymbol>();
        foreach (SharedInstances.Entry entry in entries)
        {
            entryMembers.Add(entry.Member);
        }

        HashSet<ISymbol> reached = instances.Reach(entryMembers, context.Compilation);
        bool direct = reached.Contains(storage.OriginalDefinition) || (storage.AssociatedSymbol is { } property && reached.Contains(property.OriginalDefinition));
        List<FieldAccess> all = accesses.TryGetValue(storage.OriginalDefinition, out List<FieldAccess>? found) ? found : new List<FieldAccess>();
        var onShared = new List<FieldAccess>();
        var changers = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (FieldAccess access in all)
        {
            if (access.Initializes || direct || reached.Contains(access.Member))
            {
                onShared.Add(access);
                if (!access.Initializes && SharingVerdict.ChangesInstance(access.Kind))
                {
                    changers.Add(access.Member);
                }
            }
        }

        // The code that reaches a changing use through a static: where the two threads come from.
        var origins = new List<string>();
        foreach (SharedInstances.Entry entry in entries)
        {
            string origin = $"'{FieldAccess.Describe(entry.Where)}'";
            if (origins.Count < 2 && !origins.Contains(origin) && (direct || instances.Reach(new[] { entry.Member }, context.Compilation).Overlaps(changers)))
            {
                origins.Add(origin);
            }
        }

        if (origins.Count == 0)
        {
            return;
        }

        string via = string.Join("', '", SortedNames(roots));
        string because = origins.Count == 2
            ? $", because the '{member.ContainingType.Name}' held by static '{via}' is used through it by {origins[0]} and {origins[1]}, which can run on two threads at once"
            : $", because the '{member.ContainingType.Name}' held by static '{via}' is used through it by {origins[0]}, which two threads can run at once";
        ReportIfUnsafe(context, members, member, storage, heldType, onShared, because);
    }

    /// <summary>
    /// A field of an object that starts a thread on its own code (<see cref="SelfStartedThreads"/>), or on whose method
    /// other code starts one (<see cref="OtherObjectStarts"/>): judged by the uses the started members or the callers' can reach, when a use runs on the started thread and another on a caller's.
    /// What is cheap is asked first: whether the uses alone allow a race, then whether threads are started on the
    /// type's members (by its own code, or by code holding one of its objects), and only then where the uses run.
    /// </summary>
    private static void ReportSelfStarted(
        CompilationAnalysisContext context, MutatingMembers members, Holder held,
        Dictionary<IFieldSymbol, List<FieldAccess>> accesses, SharedInstances instances)
    {
        if (!accesses.TryGetValue(held.Storage.OriginalDefinition, out List<FieldAccess>? uses))
        {
            return;
        }

        // The uses alone first: finding the starts searches the compilation's text.
        INamedTypeSymbol holder = held.Member.ContainingType.OriginalDefinition;
        if (!SharingVerdict.IsUnsafe(held.Storage, held.Member, uses, members.HasReadOnlyMembers(held.HeldType), context.Compilation, out _, out _, out _)
            || instances.OriginsOf(holder, context.Compilation, context.CancellationToken) is not { } origins)
        {
            return;
        }

        // The uses code can reach on either side; one that only the constructors reach runs before the thread starts.
        SelfStartedThreads.Start? running = null;
        ISymbol? caller = null;
        var reached = new List<FieldAccess>();
        foreach (FieldAccess use in uses)
        {
            if (use.Initializes)
            {
                reached.Add(use);
                continue;
            }

            SelfStartedThreads.Start? start = origins.LambdaOf(use.Location);
            ISymbol? from = null;
            if (start is null)
            {
                origins.Of(use.Member, out start, out from);
            }

            if (start is not null || from is not null)
            {
                reached.Add(use);
            }

            running ??= start;
            caller ??= from;
        }

        if (running is null || caller is null)
        {
            return;
        }

        string because = $", because '{holder.Name}' runs {running.Describe()} on a thread that "
            + $"'{FieldAccess.Describe(running.Starter)}' starts, while '{FieldAccess.Describe(caller)}' can run on its callers' threads";
        ReportIfUnsafe(context, members, held.Member, held.Storage, held.HeldType, reached, because);
    }

    /// <summary>Where two threads can come from for a static: the code that changes it, or other assemblies' code.</summary>
    private static string StaticOrigins(List<FieldAccess> uses, bool visibleOutside)
    {
        var changers = new List<string>();
        foreach (FieldAccess use in uses)
        {
            if (!use.Initializes && SharingVerdict.ChangesInstance(use.Kind) && !changers.Contains(use.Where))
            {
                changers.Add(use.Where);
            }
        }

        changers.Sort(string.CompareOrdinal);
        return changers.Count switch
        {
            0 => visibleOutside ? ", and code of other assemblies can use it" : string.Empty,
            1 => $": '{changers[0]}' changes it, and two threads can run that at once",
            _ => $": '{changers[0]}' and '{changers[1]}' change it, and can run on two threads at once",
        };
    }

    private static List<string> SortedNames(IEnumerable<IFieldSymbol> roots)
    {
        var names = new List<string>();
        foreach (IFieldSymbol root in roots)
        {
            names.Add(FieldAccess.Describe(root));
        }

        names.Sort(string.CompareOrdinal);
        return names;
    }

    private static void ReportIfUnsafe(
        CompilationAnalysisContext context, MutatingMembers members, ISymbol member, IFieldSymbol storage, ITypeSymbol heldType,
        Dictionary<IFieldSymbol, List<FieldAccess>> accesses, string because) =>
        ReportIfUnsafe(
            context, members, member, storage, heldType,
            accesses.TryGetValue(storage.OriginalDefinition, out List<FieldAccess>? found) ? found : new List<FieldAccess>(),
            because);

    private static void ReportIfUnsafe(
        CompilationAnalysisContext context, MutatingMembers members, ISymbol member, IFieldSymbol storage, ITypeSymbol heldType, List<FieldAccess> uses, string because)
    {
        bool readable = members.HasReadOnlyMembers(heldType);
        if (!SharingVerdict.IsUnsafe(storage, member, uses, readable, context.Compilation, out _, out _, out _))
        {
            return;
        }

        // About to be reported: the locks callers hold for private members are worth reading now.
        CallerLocks.Extend(uses, context.Compilation);
        if (!SharingVerdict.IsUnsafe(storage, member, uses, readable, context.Compilation, out FieldAccess? unlocked, out object? lockKey, out bool perObject)
            || OneThreadOrigin.Confines(member, storage, uses, context.Compilation))
        {
            return;
        }

        string suffix = because;
        IEnumerable<Location>? additional = null;
        ImmutableDictionary<string, string?>? properties = null;
        if (perObject && unlocked is not null && lockKey is not null)
        {
            // Neither fix fits: the code means to lock, but on a lock every object has its own.
            suffix += $"; '{unlocked.Where}' holds the lock on '{HeldLocks.Describe(lockKey)}', but each object has its own, so two objects can use it at once";
            additional = new[] { unlocked.Location };
        }
        else if (unlocked is { LeavesLock: true } && lockKey is not null)
        {
            // Taking the lock around the return changes nothing: its callers hold it no longer. No fix is offered.
            suffix += $"; '{unlocked.Where}' returns it from inside the lock on '{HeldLocks.Describe(lockKey)}', so its callers use it without the lock its other uses hold";
            additional = new[] { unlocked.Location };
        }
        else if (unlocked is not null && lockKey is not null)
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
}
