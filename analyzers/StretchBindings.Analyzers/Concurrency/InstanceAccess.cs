using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace StretchBindings.Analyzers.Concurrency;

/// <summary>What one use of a variable holding a single-threaded instance does with the instance.</summary>
internal enum AccessKind
{
    /// <summary>Calls a member that only reads the instance (see <see cref="MutatingMembers"/>), or compares it.</summary>
    Read,

    /// <summary>Calls a member that changes the instance, or writes a property or an indexer of it.</summary>
    Mutate,

    /// <summary>Stores a new instance in the variable.</summary>
    Assign,

    /// <summary><c>Interlocked.Exchange</c>/<c>CompareExchange</c> on the variable: ownership moves to one thread at a time.</summary>
    Transfer,

    /// <summary>Hands the instance on (an argument, an alias, a return value): what happens to it is not seen.</summary>
    Escape,
}

internal static class InstanceAccess
{
    /// <summary>Classifies the use <paramref name="reference"/> of a variable (a field, property, local or parameter reference).</summary>
    public static AccessKind Classify(IOperation reference, MutatingMembers members) => Classify(reference, members, depth: 0);

    // How many calls deep a use handed on as an argument is followed (an extension calling another on its receiver).
    private const int MaxArgumentDepth = 3;

    internal static AccessKind Classify(IOperation reference, MutatingMembers members, int depth)
    {
        IOperation value = OperationHelpers.ClimbConversions(reference);
        if (value.Parent is IArgumentOperation { Parameter.RefKind: RefKind.Ref, Parent: IInvocationOperation exchange } && IsInterlockedExchange(exchange))
        {
            return AccessKind.Transfer;
        }

        // `_table ??= new()` stores an instance when there is none, and its value is the instance either way.
        if (value.Parent is ICoalesceAssignmentOperation { Target: var target } coalesce && target == value)
        {
            value = OperationHelpers.ClimbConversions(coalesce);
            if (value.Parent is IExpressionStatementOperation)
            {
                return AccessKind.Assign;
            }
        }

        if (IsAssignedTo(value))
        {
            return AccessKind.Assign;
        }

        // The value of a Lazy<T> is the instance; its Value property is the way to it.
        if (value.Parent is IPropertyReferenceOperation { Property.Name: "Value" } lazyValue
            && lazyValue.Instance == value
            && MetadataNames.IsDefinition(value.Type, "System.Lazy`1"))
        {
            value = OperationHelpers.ClimbConversions(lazyValue);
        }

        // `holder?.Field` as a whole: what is done with its value is done with the instance; so with `field ?? other`
        // and `test ? field : other`, whose value may be it.
        while (value.Parent is IConditionalAccessOperation outer && outer.WhenNotNull == value
            || value.Parent is ICoalesceOperation
            || value.Parent is IConditionalOperation choice && choice.Condition != value)
        {
            value = OperationHelpers.ClimbConversions(value.Parent!);
        }

        if (value.Parent is IConditionalAccessOperation conditional && conditional.Operation == value)
        {
            value = FindConditionalInstance(conditional.WhenNotNull) ?? value;
        }

        ITypeSymbol? type = value.Type;
        switch (value.Parent)
        {
            case IInvocationOperation call when call.Instance == value:
                return type is not null && members.Mutates(type, call.TargetMethod, isWrite: false)
                    && !OverrideKeepsState(call.TargetMethod, call.SemanticModel, members, depth)
                    ? AccessKind.Mutate : AccessKind.Read;
            case IPropertyReferenceOperation property when property.Instance == value:
                bool write = IsAssignedTo(OperationHelpers.ClimbConversions(property));
                return type is not null && members.Mutates(type, property.Property, write) ? AccessKind.Mutate : AccessKind.Read;
            case IEventReferenceOperation:
                return AccessKind.Mutate;
            case IForEachLoopOperation loop when loop.Collection == value:
                return type is not null && members.HasReadOnlyMembers(type) ? AccessKind.Read : AccessKind.Mutate;
            case IBinaryOperation or IIsTypeOperation or IIsPatternOperation or INameOfOperation:
                return AccessKind.Read;
            case ILockOperation lockOperation when lockOperation.LockedValue == value:
                return AccessKind.Read;
            case IArgumentOperation { Parameter: { RefKind: RefKind.None or RefKind.In } parameter }
                when type is not null && members.HasReadOnlyMembers(type) && IsReadOnlyView(parameter.Type):
                return AccessKind.Read;
            // Copied into the same field of another object (`new Query { Fields = inner.Fields }`): its uses there are
            // this field's own uses, judged with them.
            case ISimpleAssignmentOperation copy when copy.Value == value && IsSameMember(OperationHelpers.SkipConversions(copy.Target), reference):
                return AccessKind.Read;
            // Returned as a read-only view (`queries.SelectMany(q => q.Fields)`): the caller can only read it.
            case IReturnOperation when type is not null && reference.Type is { } own && members.HasReadOnlyMembers(own) && IsReadOnlyView(type):
                return AccessKind.Read;
            // Returned by a member whose callers are all here: what they do with it.
            case IReturnOperation returned when depth < MaxArgumentDepth:
                return ReturnedUses.Classify(returned, members, depth);
            // Stored in a field or auto-property written here that holds such instances (`Result = packet.Properties`,
            // a property's initializer): the instance's uses through it are that member's own, judged at it.
            // The assignment's own value (`local = _table = other._table`) goes on to its parent.
            case ISimpleAssignmentOperation copy when copy.Value == value && IsWatchedMember(OperationHelpers.SkipConversions(copy.Target), members):
                return copy.Parent is IExpressionStatementOperation or IObjectOrCollectionInitializerOperation || depth >= MaxArgumentDepth
                    ? AccessKind.Read
                    : Classify(copy, members, depth + 1);
            // Read into a local of the method (`var table = _table;`): what the method does with the local is done with it.
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } when depth < MaxArgumentDepth:
                return ClassifyLocal(declarator.Symbol, value, members, depth);
            case ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } copy when copy.Value == value && depth < MaxArgumentDepth:
                return copy.Parent is IExpressionStatementOperation ? ClassifyLocal(local.Local, value, members, depth) : AccessKind.Escape;
            case IFieldInitializerOperation initializer when AllWatched(initializer.InitializedFields, members):
                return AccessKind.Read;
            case IPropertyInitializerOperation initializer when AllWatched(initializer.InitializedProperties, members):
                return AccessKind.Read;
            // The value or comparand of `Interlocked.CompareExchange(ref _pooled, null, item)`: stored in the location
            // or compared with what it holds, as one atomic step; the instance itself is not used.
            case IArgumentOperation { Parameter.RefKind: RefKind.None, Parent: IInvocationOperation atomic } when IsInterlockedExchange(atomic):
                return AccessKind.Read;
            case IArgumentOperation { Parameter: { RefKind: RefKind.None or RefKind.In } parameter, Parent: IInvocationOperation call }
                when type is not null:
                return ClassifyArgument(call, call.TargetMethod.OriginalDefinition, parameter, type, members, depth);
            case IArgumentOperation { Parameter: { RefKind: RefKind.None or RefKind.In } parameter, Parent: IObjectCreationOperation { Constructor: { } constructor } creation }
                when type is not null:
                return ClassifyArgument(creation, constructor.OriginalDefinition, parameter, type, members, depth);
            default:
                return AccessKind.Escape;
        }
    }

    private static bool IsInterlockedExchange(IInvocationOperation call) =>
        call.TargetMethod.Name is "Exchange" or "CompareExchange" && MetadataNames.Is(call.TargetMethod.ContainingType, "System.Threading.Interlocked");

    /// <summary>
    /// The instance read into <paramref name="local"/>: judged by every use of the local in the code around
    /// <paramref name="value"/> (the method, lambda or initializer it is written in), like a parameter's in a body.
    /// </summary>
    private static AccessKind ClassifyLocal(ILocalSymbol local, IOperation value, MutatingMembers members, int depth)
    {
        IOperation root = value;
        while (root.Parent is { } parent)
        {
            root = parent;
        }

        return UsesIn(root, local, members, depth);
    }

    /// <summary>
    /// What the code of <paramref name="scope"/> does with the instance <paramref name="variable"/> (a local or a
    /// parameter) holds: the first use that is not a read, or a read. Storing another instance in the variable leaves
    /// the one it held alone; its later uses are judged here too.
    /// </summary>
    private static AccessKind UsesIn(IOperation scope, ISymbol variable, MutatingMembers members, int depth)
    {
        foreach (IOperation operation in scope.Descendants())
        {
            ISymbol? referenced = operation switch
            {
                ILocalReferenceOperation local => local.Local,
                IParameterReferenceOperation parameter => parameter.Parameter,
                _ => null,
            };
            if (referenced is not null && SymbolEqualityComparer.Default.Equals(referenced, variable)
                && Classify(operation, members, depth + 1) is var kind and not (AccessKind.Read or AccessKind.Assign))
            {
                return kind;
            }
        }

        return AccessKind.Read;
    }

    /// <summary>A field, or an auto-property's backing field, written in this compilation and holding a single-threaded instance: one whose uses the rules see.</summary>
    private static bool IsWatched(IFieldSymbol? field, MutatingMembers members) =>
        field is { IsConst: false } && (field.AssociatedSymbol ?? field).Locations is { IsEmpty: false } locations && locations[0].IsInSource
        && members.IsSingleThreaded(field.Type);

    private static bool IsWatchedMember(IOperation target, MutatingMembers members) => target switch
    {
        IFieldReferenceOperation field => IsWatched(field.Field.OriginalDefinition, members),
        IPropertyReferenceOperation { Arguments.IsEmpty: true } property => IsWatched(AutoProperties.BackingField(property.Property.OriginalDefinition), members),
        _ => false,
    };

    private static bool AllWatched(ImmutableArray<IFieldSymbol> fields, MutatingMembers members)
    {
        foreach (IFieldSymbol field in fields)
        {
            if (!IsWatched(field.OriginalDefinition, members))
            {
                return false;
            }
        }

        return !fields.IsEmpty;
    }

    private static bool AllWatched(ImmutableArray<IPropertySymbol> properties, MutatingMembers members)
    {
        foreach (IPropertySymbol property in properties)
        {
            if (!IsWatched(AutoProperties.BackingField(property.OriginalDefinition), members))
            {
                return false;
            }
        }

        return !properties.IsEmpty;
    }

    /// <summary>
    /// The instance handed to a method or constructor as an argument. A method written in the compilation that no
    /// override can replace, and a constructor written here, is judged by what its body does with the parameter: a read when every use there is a read (an
    /// extension called on the instance, <c>table.GetOrDefault(key)</c>, or a helper given it, <c>Count(table)</c>).
    /// An extension from a referenced assembly is judged by its name, like the instance's own members
    /// (<c>GetValueOrDefault</c> reads a dictionary, <c>TryAdd</c> changes it); any other call hands it on.
    /// </summary>
    private static AccessKind ClassifyArgument(IOperation call, IMethodSymbol method, IParameterSymbol parameter, ITypeSymbol type, MutatingMembers members, int depth)
    {
        if (method.Locations.Length == 0 || !method.Locations[0].IsInSource)
        {
            // A listed collection built from it (`new Dictionary<K, V>(table)`) copies it: a read.
            if (method.MethodKind == MethodKind.Constructor && members.IsSingleThreaded(method.ContainingType))
            {
                return AccessKind.Read;
            }

            return method.IsExtensionMethod && parameter.Ordinal == 0
                ? members.Mutates(type, method, isWrite: false) ? AccessKind.Mutate : AccessKind.Read
                : AccessKind.Escape;
        }

        // A virtual or interface call may run another body than the one written here.
        if (method.IsVirtual || method.IsAbstract || method.IsOverride || method.ContainingType.TypeKind == TypeKind.Interface
            || depth >= MaxArgumentDepth || parameter.Ordinal >= method.Parameters.Length || call.SemanticModel is not { } model)
        {
            return AccessKind.Escape;
        }

        IParameterSymbol received = method.Parameters[parameter.Ordinal];
        if (depth > 0)
        {
            return ClassifyParameter(method, received, model, members, depth);
        }

        // Judged once per compilation from the top (deeper answers may stop at the depth limit and are not kept).
        return members.ParameterUses.GetOrAdd(received, _ => ClassifyParameter(method, received, model, members, depth));
    }

    private static AccessKind ClassifyParameter(IMethodSymbol method, IParameterSymbol received, SemanticModel model, MutatingMembers members, int depth)
    {
        if (members.BodyOf(method, model) is not { } body)
        {
            return AccessKind.Escape;
        }

        return UsesIn(body, received, members, depth);
    }

    /// <summary>
    /// A member of a listed type overridden in the compilation (<c>class CryptoRandom : Random</c> whose
    /// <c>NextBytes</c> asks a thread-safe generator) is judged by its body: it keeps the object's state when it
    /// assigns no field of the object, calls on <c>this</c> or <c>base</c> only members written here that keep it too
    /// (three calls deep), and only reads the single-threaded instances its fields hold.
    /// </summary>
    private static bool OverrideKeepsState(IMethodSymbol target, SemanticModel? model, MutatingMembers members, int depth)
    {
        IMethodSymbol method = target.OriginalDefinition;
        if (!method.IsOverride || model is null)
        {
            return false;
        }

        return depth > 0
            ? BodyKeepsState(method, model, members, depth)
            : members.OverridesKeepingState.GetOrAdd(method, _ => BodyKeepsState(method, model, members, depth));
    }

    // A member called on `this` from such an override: another override judged the same way, or a method written here
    // that no override replaces (not the listed base's own code, which changes its state).
    private static bool KeepsState(IMethodSymbol method, SemanticModel model, MutatingMembers members, int depth) =>
        (method.IsOverride || !(method.IsVirtual || method.IsAbstract)) && BodyKeepsState(method, model, members, depth);

    private static bool BodyKeepsState(IMethodSymbol method, SemanticModel model, MutatingMembers members, int depth)
    {
        if (method.Locations.Length == 0 || !method.Locations[0].IsInSource || depth >= MaxArgumentDepth
            || members.BodyOf(method, model) is not { } body)
        {
            return false;
        }

        foreach (IOperation operation in body.Descendants())
        {
            bool changes = operation switch
            {
                IFieldReferenceOperation { Instance: IInstanceReferenceOperation } field =>
                    IsAssignedTo(OperationHelpers.ClimbConversions(field))
                    || (members.IsSingleThreaded(field.Field.Type) && Changes(Classify(field, members, depth + 1))),
                IPropertyReferenceOperation { Instance: IInstanceReferenceOperation } property => IsAssignedTo(OperationHelpers.ClimbConversions(property)),
                IInvocationOperation { Instance: IInstanceReferenceOperation } call => !KeepsState(call.TargetMethod.OriginalDefinition, model, members, depth + 1),
                _ => false,
            };
            if (changes)
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsSameMember(IOperation target, IOperation reference) => (target, reference) switch
    {
        (IFieldReferenceOperation left, IFieldReferenceOperation right) => SymbolEqualityComparer.Default.Equals(left.Field.OriginalDefinition, right.Field.OriginalDefinition),
        (IPropertyReferenceOperation left, IPropertyReferenceOperation right) => SymbolEqualityComparer.Default.Equals(left.Property.OriginalDefinition, right.Property.OriginalDefinition),
        _ => false,
    };

    /// <summary>True when every use only reads: then uses on several threads at once cannot race.</summary>
    public static bool AllOnlyRead(IEnumerable<IOperation> uses, MutatingMembers members)
    {
        foreach (IOperation use in uses)
        {
            if (Classify(use, members) != AccessKind.Read)
            {
                return false;
            }
        }

        return true;
    }

    public static bool Changes(AccessKind kind) => kind is AccessKind.Mutate or AccessKind.Assign or AccessKind.Escape;

    private static bool IsAssignedTo(IOperation value) => value.Parent switch
    {
        IAssignmentOperation assignment => assignment.Target == value,
        IIncrementOrDecrementOperation => true,
        _ => false,
    };

    // A parameter typed as a read-only view of a collection (IEnumerable<T>, IReadOnlyList<T>, …) only reads it.
    private static bool IsReadOnlyView(ITypeSymbol type) =>
        type.TypeKind == TypeKind.Interface
        && type.ContainingNamespace?.ToDisplayString() is "System.Collections" or "System.Collections.Generic"
        && (type.Name is "IEnumerable" || type.Name.StartsWith("IReadOnly", System.StringComparison.Ordinal));

    private static IOperation? FindConditionalInstance(IOperation whenNotNull)
    {
        foreach (IOperation candidate in OperationHelpers.DescendantsAndSelf(whenNotNull))
        {
            if (candidate is IConditionalAccessInstanceOperation)
            {
                return candidate;
            }
        }

        return null;
    }
}
