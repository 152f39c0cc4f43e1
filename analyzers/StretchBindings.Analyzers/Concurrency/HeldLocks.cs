using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace StretchBindings.Analyzers.Concurrency;

/// <summary>
/// The locks held around an operation, within its own function (a lock outside a lambda does not count for code
/// inside it, which may run after the lock is released). Recognized: <c>lock (x)</c>; a <c>try</c> whose
/// <c>finally</c> calls <c>Monitor.Exit(x)</c>; a <c>try</c> whose <c>finally</c> calls <c>x.Release()</c> on a
/// <c>SemaphoreSlim</c> that the function <c>Wait</c>s for first (a semaphore used as a mutex); a <c>try</c> whose
/// <c>finally</c> calls <c>x.ExitWriteLock()</c> (exclusive) or <c>x.ExitReadLock()</c> (shared) on a
/// <c>ReaderWriterLockSlim</c>. A lock is named by what it locks on: a field, property, local, parameter,
/// <c>this</c> or <c>typeof(T)</c>.
/// </summary>
internal static class HeldLocks
{
    public static readonly IEqualityComparer<object> KeyComparer = new LockKeyComparer();

    /// <summary>The locks that exclude every other holder, held around <paramref name="operation"/>.</summary>
    public static HashSet<object> Exclusive(IOperation operation)
    {
        var exclusive = new HashSet<object>(KeyComparer);
        Collect(operation, exclusive, shared: null);
        return exclusive;
    }

    /// <summary>Exclusive locks, and read locks that other readers may hold at the same time, around <paramref name="operation"/>.</summary>
    public static void Collect(IOperation operation, HashSet<object> exclusive, HashSet<object>? shared)
    {
        IOperation child = operation;
        for (IOperation? current = operation.Parent; current is not null; child = current, current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return;
            }

            if (current is ILockOperation lockOperation && lockOperation.Body == child && KeyOf(lockOperation.LockedValue) is { } key)
            {
                exclusive.Add(key);
            }
            else if (current is ITryOperation { Finally: { } cleanup } tryOperation && tryOperation.Body == child)
            {
                CollectReleasedIn(cleanup, operation, exclusive, shared);
            }
        }
    }

    private static void CollectReleasedIn(IBlockOperation cleanup, IOperation use, HashSet<object> exclusive, HashSet<object>? shared)
    {
        foreach (IOperation candidate in cleanup.Descendants())
        {
            if (candidate is not IInvocationOperation call)
            {
                continue;
            }

            IMethodSymbol method = call.TargetMethod;
            INamedTypeSymbol type = method.ContainingType.OriginalDefinition;
            if (method.Name == "Exit" && MetadataNames.Is(type, "System.Threading.Monitor")
                && call.Arguments.Length == 1 && KeyOf(call.Arguments[0].Value) is { } monitor)
            {
                exclusive.Add(monitor);
            }
            else if (call.Instance is { } instance && KeyOf(instance) is { } key)
            {
                if (method.Name == "Release" && MetadataNames.Is(type, "System.Threading.SemaphoreSlim") && IsWaitedBefore(key, use))
                {
                    exclusive.Add(key);
                }
                else if (MetadataNames.Is(type, "System.Threading.ReaderWriterLockSlim"))
                {
                    if (method.Name == "ExitWriteLock")
                    {
                        exclusive.Add(key);
                    }
                    else if (method.Name is "ExitReadLock" or "ExitUpgradeableReadLock")
                    {
                        shared?.Add(key);
                    }
                }
            }
        }
    }

    // The semaphore is entered (Wait or WaitAsync) earlier in the same function than the use.
    private static bool IsWaitedBefore(object key, IOperation use)
    {
        IOperation root = OperationHelpers.EnclosingFunction(use) ?? OperationHelpers.Root(use);
        foreach (IOperation candidate in root.Descendants())
        {
            if (candidate is IInvocationOperation { TargetMethod.Name: "Wait" or "WaitAsync", Instance: { } instance } wait
                && wait.Syntax.SpanStart < use.Syntax.SpanStart
                && KeyOf(instance) is { } waited
                && KeyComparer.Equals(waited, key))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>What a lock is named by, or null when it cannot be told apart from another lock.</summary>
    public static object? KeyOf(IOperation lockedValue)
    {
        return OperationHelpers.SkipConversions(lockedValue) switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            IFieldReferenceOperation field => field.Field,
            IPropertyReferenceOperation { Arguments.IsEmpty: true } property => property.Property,
            IInstanceReferenceOperation => LockKeyComparer.This,
            ITypeOfOperation typeOf => typeOf.TypeOperand,
            _ => null,
        };
    }

    /// <summary>
    /// A lock named by an instance member or <c>this</c>: each object has its own, so it keeps two threads apart only
    /// on one object's state, not on a static that every object shares.
    /// </summary>
    public static bool IsPerInstance(object key) =>
        key is IFieldSymbol { IsStatic: false } or IPropertySymbol { IsStatic: false } || ReferenceEquals(key, LockKeyComparer.This);

    /// <summary>How a message names a lock.</summary>
    public static string Describe(object key) => key is ISymbol symbol ? symbol.Name : ReferenceEquals(key, LockKeyComparer.This) ? "this" : key.ToString();

    private sealed class LockKeyComparer : IEqualityComparer<object>
    {
        public static readonly object This = new();

        public new bool Equals(object? x, object? y) =>
            x is ISymbol left && y is ISymbol right ? SymbolEqualityComparer.Default.Equals(left, right) : ReferenceEquals(x, y);

        public int GetHashCode(object obj) =>
            obj is ISymbol symbol ? SymbolEqualityComparer.Default.GetHashCode(symbol) : obj.GetHashCode();
    }
}
