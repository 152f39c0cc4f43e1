using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace StretchBindings.Analyzers.ReachableFromAnyThread;

/// <summary>
/// The per-instance view of an object held by a static: which members of that one object are used through the
/// static, and by which code. A field of the object's type is then judged by the uses that can reach it from those
/// members (following calls on <c>this</c>), not by every use on every instance of the type; and the message names
/// the code that reaches it, the places two threads can come from.
/// </summary>
internal sealed class SharedInstances
{
    /// <summary>A use of an object held by a static: the member used on it, the code using it, and the static.</summary>
    internal sealed class Entry
    {
        public readonly ISymbol Member;
        public readonly ISymbol Where;
        public readonly IFieldSymbol Root;

        public Entry(ISymbol member, ISymbol where, IFieldSymbol root)
        {
            Member = member;
            Where = where;
            Root = root;
        }
    }

    /// <summary>Uses of a static that holds an object of a source type, each with the member used on it.</summary>
    private readonly List<Entry> _rootUses = new();

    /// <summary>Statics whose object is handed on (passed, returned, stored, aliased): its uses cannot all be seen.</summary>
    private readonly ConcurrentDictionary<IFieldSymbol, byte> _escaped = new(SymbolEqualityComparer.Default);

    /// <summary>Records a reference to a static holding an object: the member used on it, or that it escapes.</summary>
    public void RecordRootUse(IFieldSymbol root, IOperation reference, ISymbol where)
    {
        if (IsWrite(reference))
        {
            return;
        }

        IOperation receiver = reference;
        // Lazy<T>.Value is the object itself.
        if (receiver.Parent is IPropertyReferenceOperation { Property.Name: "Value" } value && value.Instance == receiver
            && MetadataNames.IsDefinition(root.Type, "System.Lazy`1"))
        {
            receiver = value;
        }

        ISymbol? member = receiver.Parent switch
        {
            IInvocationOperation call when call.Instance == receiver => call.TargetMethod.OriginalDefinition,
            IPropertyReferenceOperation property when property.Instance == receiver => property.Property.OriginalDefinition,
            IFieldReferenceOperation field when field.Instance == receiver => field.Field.OriginalDefinition,
            IEventReferenceOperation => null,
            IConditionalAccessOperation conditional when conditional.Operation == receiver => ConditionalMember(conditional.WhenNotNull),
            _ => null,
        };
        if (member is null)
        {
            _escaped.TryAdd(root.OriginalDefinition, 0);
            return;
        }

        // Added under its own lock by the operation actions, read by the end action alone (see SharingFacts).
        var entry = new Entry(member, where, root.OriginalDefinition);
        lock (_rootUses)
        {
            _rootUses.Add(entry);
        }
    }

    /// <summary>The statics holding <paramref name="type"/>'s objects directly, and whether each can be judged per instance.</summary>
    public Dictionary<IFieldSymbol, bool> RootsOf(ITypeSymbol type, IEnumerable<StaticRoot> roots, Compilation compilation)
    {
        var found = new Dictionary<IFieldSymbol, bool>(SymbolEqualityComparer.Default);
        foreach (StaticRoot root in roots)
        {
            if (SymbolEqualityComparer.Default.Equals(root.StoredType, type))
            {
                IFieldSymbol storage = root.Storage.OriginalDefinition;
                found[storage] = !_escaped.ContainsKey(storage) && !SharingVerdict.IsVisibleOutside(root.Root, compilation);
            }
        }

        return found;
    }

    /// <summary>The uses of the objects held by <paramref name="roots"/>: the member used through a static, the code using it, and the static.</summary>
    public List<Entry> EntriesOf(IEnumerable<IFieldSymbol> roots)
    {
        var rootSet = new HashSet<IFieldSymbol>(roots, SymbolEqualityComparer.Default);
        var entries = new List<Entry>();
        foreach (Entry entry in _rootUses)
        {
            if (rootSet.Contains(entry.Root))
            {
                entries.Add(entry);
            }
        }

        entries.Sort(static (left, right) => string.CompareOrdinal(FieldAccess.Describe(left.Where), FieldAccess.Describe(right.Where)));
        return entries;
    }

    /// <summary>
    /// The members that run on an object when <paramref name="starts"/> are used on it: those, and what they call on
    /// <c>this</c>. Read from the members' own code at the end of the compilation, for the few types held by statics,
    /// rather than by an action on every call of the compilation.
    /// </summary>
    public HashSet<ISymbol> Reach(IEnumerable<ISymbol> starts, Compilation compilation)
    {
        var reached = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var pending = new Queue<ISymbol>();
        foreach (ISymbol start in starts)
        {
            Add(start);
        }

        while (pending.Count > 0)
        {
            foreach (ISymbol callee in CalleesOf(pending.Dequeue(), compilation))
            {
                Add(callee);
            }
        }

        return reached;

        void Add(ISymbol member)
        {
            if (reached.Add(member))
            {
                pending.Enqueue(member);
            }

            // A property runs its accessors, and a use is recorded against the accessor it is written in.
            if (member is IPropertySymbol property)
            {
                foreach (IMethodSymbol? accessor in new[] { property.GetMethod, property.SetMethod })
                {
                    if (accessor is not null && reached.Add(accessor.OriginalDefinition))
                    {
                        pending.Enqueue(accessor.OriginalDefinition);
                    }
                }
            }
        }
    }

    private readonly Dictionary<ISymbol, List<ISymbol>> _callees = new(SymbolEqualityComparer.Default);

    /// <summary>The members of its own type a method or accessor calls (or whose properties it uses) on <c>this</c>.</summary>
    private List<ISymbol> CalleesOf(ISymbol member, Compilation compilation)
    {
        if (_callees.TryGetValue(member, out List<ISymbol>? known))
        {
            return known;
        }

        var callees = new List<ISymbol>();
        _callees.Add(member, callees);
        if (member is not IMethodSymbol method)
        {
            return callees;
        }

        foreach (SyntaxReference reference in method.DeclaringSyntaxReferences)
        {
            SyntaxNode syntax = reference.GetSyntax();
            if (compilation.GetSemanticModel(reference.SyntaxTree).GetOperation(syntax) is not { } body)
            {
                continue;
            }

            foreach (IOperation operation in body.Descendants())
            {
                ISymbol? callee = operation switch
                {
                    IInvocationOperation { Instance: IInstanceReferenceOperation } call => call.TargetMethod.OriginalDefinition,
                    IPropertyReferenceOperation { Instance: IInstanceReferenceOperation } property => property.Property.OriginalDefinition,
                    _ => null,
                };
                if (callee is not null && SymbolEqualityComparer.Default.Equals(callee.ContainingType, method.ContainingType.OriginalDefinition))
                {
                    callees.Add(callee);
                }
            }
        }

        return callees;
    }

    private readonly Dictionary<INamedTypeSymbol, SelfStartedOrigins?> _origins = new(SymbolEqualityComparer.Default);
    private readonly OtherObjectStarts _otherObjectStarts = new();

    /// <summary>
    /// Where the code of <paramref name="type"/> runs when threads are started on its members, by its own code or by
    /// code holding one of its objects; null when none is. Read once per type.
    /// </summary>
    public SelfStartedOrigins? OriginsOf(INamedTypeSymbol type, Compilation compilation, CancellationToken cancellation)
    {
        if (!_origins.TryGetValue(type, out SelfStartedOrigins? origins))
        {
            List<SelfStartedThreads.Start> starts = SelfStartedThreads.Of(type, compilation);
            starts.AddRange(_otherObjectStarts.Of(type, compilation, cancellation));
            origins = starts.Count == 0 ? null : new SelfStartedOrigins(type, starts, compilation);
            _origins.Add(type, origins);
        }

        return origins;
    }

    /// <summary>An accessor stands for its property's uses too; everything else is itself.</summary>
    public static ISymbol Normalize(ISymbol member) => member.OriginalDefinition;

    private static ISymbol? ConditionalMember(IOperation whenNotNull) => whenNotNull switch
    {
        IInvocationOperation { Instance: IConditionalAccessInstanceOperation } call => call.TargetMethod.OriginalDefinition,
        IPropertyReferenceOperation { Instance: IConditionalAccessInstanceOperation } property => property.Property.OriginalDefinition,
        IFieldReferenceOperation { Instance: IConditionalAccessInstanceOperation } field => field.Field.OriginalDefinition,
        IConditionalAccessOperation nested => ConditionalMember(nested.Operation),
        _ => null,
    };

    // Storing a new object in the static hands nothing on; ??= also yields the object, so it counts as handed on.
    private static bool IsWrite(IOperation reference) =>
        reference.Parent is ISimpleAssignmentOperation assignment && assignment.Target == reference;
}

/// <summary>A static holding an object of a type of the compilation: the type stored, the static as declared, and where it is stored.</summary>
internal sealed class StaticRoot
{
    // Fields, not properties: see the note at the top of SharingFacts.cs.
    public readonly ITypeSymbol StoredType;
    public readonly ISymbol Root;
    public readonly IFieldSymbol Storage;

    public StaticRoot(ITypeSymbol storedType, ISymbol root, IFieldSymbol storage)
    {
        StoredType = storedType;
        Root = root;
        Storage = storage;
    }
}
