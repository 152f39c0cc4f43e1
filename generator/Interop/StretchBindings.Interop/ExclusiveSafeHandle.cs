using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace StretchBindings.Interop;

/// <summary>
/// A <see cref="SafeHandle"/> for a native instance that one thread at a time may use (a
/// <see cref="NotThreadSafeAttribute"/> type). Each call holds an <see cref="ExclusiveLease"/>: one
/// interlocked compare-exchange on entry and one on exit, which both refuses concurrent use and keeps
/// the instance alive for the call, so calls need no reference count of their own.
/// </summary>
/// <remarks>
/// <see cref="SafeHandle.Dispose()"/> never throws and may be called any number of times, from any
/// thread. When it finds a call running it only marks the handle disposed; the running call's lease,
/// the last one out, releases the instance. Calls that start after that get
/// <see cref="ObjectDisposedException"/>.
/// </remarks>
public abstract class ExclusiveSafeHandle : SafeHandle
{
    // The whole life of the handle in one word, changed only by interlocked operations.
    private const int Idle = 0;
    private const int Busy = 1;
    private const int DisposeRequested = 2;
    private const int Disposed = 4;

    private int _state;

    /// <summary>Creates a handle holding <paramref name="invalidHandleValue"/>.</summary>
    protected ExclusiveSafeHandle(IntPtr invalidHandleValue, bool ownsHandle)
        : base(invalidHandleValue, ownsHandle)
    {
    }

    /// <summary>
    /// Takes the instance for one call. Throws <see cref="InvalidOperationException"/> when another
    /// thread holds it, <see cref="ObjectDisposedException"/> once it is disposed.
    /// </summary>
    /// <param name="typeName">The projected type, for the exception's message.</param>
    public ExclusiveLease Lease(string typeName)
    {
        int state = Interlocked.CompareExchange(ref _state, Busy, Idle);
        if (state != Idle)
        {
            Refuse(state, typeName);
        }

        return new ExclusiveLease(this);
    }

    /// <summary>Ends a call; the last one out after a <c>Dispose</c> releases the instance.</summary>
    internal void Return()
    {
        if (Interlocked.CompareExchange(ref _state, Idle, Busy) != Busy)
        {
            // Dispose came while the call ran and left the release to it.
            Volatile.Write(ref _state, Disposed);
            base.Dispose(true);
        }
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (!disposing)
        {
            // The finalizer: no call can be running, as a running call's lease keeps the handle reachable.
            base.Dispose(false);
            return;
        }

        while (true)
        {
            int state = Volatile.Read(ref _state);
            if ((state & (DisposeRequested | Disposed)) != 0)
            {
                return;
            }

            // Idle: take the instance for good and release it now. Busy: leave the release to the call.
            int wanted = state == Idle ? Disposed : Busy | DisposeRequested;
            if (Interlocked.CompareExchange(ref _state, wanted, state) == state)
            {
                if (wanted == Disposed)
                {
                    base.Dispose(true);
                }

                return;
            }
        }
    }

    private static void Refuse(int state, string typeName)
    {
        if ((state & (DisposeRequested | Disposed)) != 0)
        {
            throw new ObjectDisposedException(typeName);
        }

        ConcurrentUse.Throw(typeName);
    }
}

/// <summary>
/// One call's hold on an <see cref="ExclusiveSafeHandle"/>, from <see cref="ExclusiveSafeHandle.Lease"/>
/// to <see cref="Dispose"/>. Generated members take it in a <c>using</c> around the native call.
/// </summary>
public readonly ref struct ExclusiveLease
{
    private readonly ExclusiveSafeHandle _handle;

    internal ExclusiveLease(ExclusiveSafeHandle handle)
    {
        _handle = handle;
    }

    /// <summary>Gives the instance back.</summary>
    public void Dispose() => _handle.Return();
}

/// <summary>
/// One call's reference on a <see cref="SafeHandle"/> that any thread may use: the reference count
/// keeps the instance alive when another thread disposes it during the call.
/// </summary>
public ref struct SharedLease
{
    private readonly SafeHandle _handle;
    private bool _added;

    private SharedLease(SafeHandle handle)
    {
        _handle = handle;
        _added = false;
    }

    /// <summary>Adds a reference; <see cref="ObjectDisposedException"/> once the handle is disposed.</summary>
    public static SharedLease Enter(SafeHandle handle)
    {
        var lease = new SharedLease(handle);
        handle.DangerousAddRef(ref lease._added);
        return lease;
    }

    /// <summary>Drops the reference; the last one out after a <c>Dispose</c> releases the instance.</summary>
    public void Dispose()
    {
        if (_added)
        {
            _added = false;
            _handle.DangerousRelease();
        }
    }
}
