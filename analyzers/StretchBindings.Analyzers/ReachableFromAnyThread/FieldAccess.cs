using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using StretchBindings.Analyzers.Concurrency;

namespace StretchBindings.Analyzers.ReachableFromAnyThread;

/// <summary>
/// One use of a field holding a single-threaded instance, as SB1002 needs it at the end of the compilation: what
/// the use does with the instance, the locks held around it, and whether it is part of the initialisation.
/// </summary>
internal sealed class FieldAccess
{
    // Kept until Kind is first asked, then dropped: most uses are of fields no thread can share, never judged.
    private IOperation? _reference;
    private MutatingMembers? _members;
    private AccessKind _kind;

    private FieldAccess(IFieldSymbol field, IOperation reference, MutatingMembers members, HashSet<object> exclusive, HashSet<object> shared, bool returned, bool leavesLock, bool initializes, Location location, ISymbol member)
    {
        Returned = returned;
        LeavesLock = leavesLock;
        Field = field;
        Member = member.OriginalDefinition;
        _reference = reference;
        _members = members;
        Exclusive = exclusive;
        Shared = shared;
        Initializes = initializes;
        Location = location;
        Where = Describe(member);
    }

    // Plain readonly fields, not properties: see the note at the top of SharingFacts.cs.
    public readonly IFieldSymbol Field;

    /// <summary>
    /// What the use does with the instance, classified when first asked (at the end of the compilation): classifying
    /// may bind the bodies of the methods the instance is handed to, which only the fields judged there need.
    /// </summary>
    public AccessKind Kind
    {
        get
        {
            if (_reference is { } reference)
            {
                _kind = InstanceAccess.Classify(reference, _members!);
                _reference = null;
                _members = null;
            }

            return _kind;
        }
    }

    /// <summary>Locks held around the use that exclude every other holder.</summary>
    public readonly HashSet<object> Exclusive;

    /// <summary>Read locks held around the use: enough for a read, not for a change.</summary>
    public readonly HashSet<object> Shared;

    /// <summary>
    /// Returned from inside a lock (<c>lock (_gate) { return _items; }</c>): the callers use the instance after the lock
    /// is released, so the use counts as holding none.
    /// </summary>
    public readonly bool LeavesLock;

    /// <summary>Returned by its member (<c>return _items;</c>, <c>=&gt; _items</c>): its callers get the instance.</summary>
    public readonly bool Returned;

    /// <summary>Runs while the holder is built, before any other thread can see it.</summary>
    public readonly bool Initializes;

    public readonly Location Location;

    /// <summary>The member (method, accessor, field initializer) the use is written in.</summary>
    public readonly ISymbol Member;

    /// <summary>The member the use is written in, as a message names it.</summary>
    public readonly string Where;

    public static FieldAccess Create(IFieldSymbol field, IOperation reference, ISymbol containingSymbol, MutatingMembers members)
    {
        var exclusive = new HashSet<object>(HeldLocks.KeyComparer);
        var shared = new HashSet<object>(HeldLocks.KeyComparer);
        HeldLocks.Collect(reference, exclusive, shared);

        // `lock (field)` only reads the field to take the lock on the instance it holds: that use holds the lock too,
        // so that a collection locked on itself counts as guarded by one lock like one locked on a separate object.
        if (OperationHelpers.ClimbConversions(reference).Parent is ILockOperation lockOperation
            && HeldLocks.KeyOf(lockOperation.LockedValue) is { } own)
        {
            exclusive.Add(own);
        }

        bool returned = OperationHelpers.ClimbConversions(reference).Parent is IReturnOperation;
        bool leavesLock = (exclusive.Count > 0 || shared.Count > 0) && returned;
        if (leavesLock)
        {
            exclusive.Clear();
            shared.Clear();
        }

        return new FieldAccess(
            field,
            reference,
            members,
            exclusive,
            shared,
            returned,
            leavesLock,
            IsInitialization(field, reference, containingSymbol),
            reference.Syntax.GetLocation(),
            containingSymbol);
    }

    /// <summary>
    /// A use in an object initializer of a new holder, in a constructor of the field's type (the static constructor for a static field), in a field or
    /// property initializer of that type, or in the factory of a <c>Lazy&lt;T&gt;</c> created there. Any other
    /// lambda may run later, on another thread.
    /// </summary>
    private static bool IsInitialization(IFieldSymbol field, IOperation reference, ISymbol containingSymbol)
    {
        // `new Holder { Items = … }` (or `with { … }`): the object is being built and no other thread has it yet.
        if (reference is IMemberReferenceOperation { Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } })
        {
            return true;
        }

        // `_options.Items.Add(…)` in a builder: the object it holds in a readonly field set to a new object where the
        // field is declared is its own, being built until the builder hands it out.
        if (reference is IMemberReferenceOperation { Instance: IFieldReferenceOperation { Instance: IInstanceReferenceOperation, Field: { IsReadOnly: true, IsStatic: false } owner } }
            && IsMadeWithItsHolder(owner))
        {
            return true;
        }

        if (!SymbolEqualityComparer.Default.Equals(containingSymbol.ContainingType?.OriginalDefinition, field.ContainingType.OriginalDefinition)
            || containingSymbol.IsStatic != field.IsStatic)
        {
            return false;
        }

        bool initializer = containingSymbol is IFieldSymbol or IPropertySymbol;
        bool constructor = containingSymbol is IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor };
        if (!initializer && !constructor)
        {
            return false;
        }

        for (IOperation? current = reference.Parent; current is not null; current = current.Parent)
        {
            if (current is ILocalFunctionOperation)
            {
                return false;
            }

            if (current is IAnonymousFunctionOperation lambda && !(initializer && IsLazyFactory(lambda)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsMadeWithItsHolder(IFieldSymbol owner) =>
        owner.DeclaringSyntaxReferences.Length == 1
        && owner.DeclaringSyntaxReferences[0].GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: BaseObjectCreationExpressionSyntax };

    private static bool IsLazyFactory(IAnonymousFunctionOperation lambda)
    {
        IOperation current = lambda;
        while (current.Parent is IDelegateCreationOperation or IConversionOperation)
        {
            current = current.Parent;
        }

        return current.Parent is IArgumentOperation { Parent: IObjectCreationOperation creation }
            && MetadataNames.IsDefinition(creation.Type, "System.Lazy`1");
    }

    public static string Describe(ISymbol member) => member switch
    {
        IMethodSymbol { AssociatedSymbol: { } property } => Describe(property),
        IFieldSymbol { AssociatedSymbol: { } property } => Describe(property),
        _ => (member.ContainingType?.Name is { } type ? type + "." : string.Empty) + member.Name,
    };
}
