using System;
using System.Runtime.InteropServices;
using System.Threading;

namespace StretchBindings.Interop;

/// <summary>
/// A <see cref="SafeHandle"/> for a native instance that one thread at a time may use (a
/// <see cref="NotThreadSafeAttribute"/> type). Each call holds an <see cref="ExclusiveLease"/>, which
/// both refuses concurrent use and keeps the instance alive for the call, so calls need no reference
/// count of their own: one interlocked compare-exchange on entry, a plain write on exit.
/// </summary>
/// <remarks>
/// <see cref="SafeHandle.Dispose()"/> never throws and may be called any number of times, from any
/// thread. When it finds a call running it only marks the handle disposed; the running call's lease,
/// the last one out, releases the instance as it ends. Calls that start after that get
/// <see cref="ObjectDisposedException"/>.
/// </remarks>
public abstract class ExclusiveSafeHandle : SafeHandle
{
    private const int Idle = 0;
    private const int Busy = 1;
    private const int Released = 2;

    // Idle, Busy (a call holds the instance) or Released (for good); changed to Busy and Released only
    // by compare-exchange, so that exactly one thread ever holds the instance or releases it.
    private int _state;

    // Set once by Dispose. Whoever sees it with the instance idle releases it.
    private int _disposeRequested;

    /// <summary>Creates a handle holding <paramref name="invalidHandleValue"/>.</summary>
    protected ExclusiveSafeHandle(nint invalidHandleValue, bool ownsHandle)
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
        if (state != Idle || Volatile.Read(ref _disposeRequested) != 0)
        {
            Refuse(state, typeName);
        }

        return new ExclusiveLease(this);
    }

    /// <summary>Ends a call; after a <c>Dispose</c> that found it running, releases the instance.</summary>
    internal void Return()
    {
#if NETSTANDARD2_0
        // Without a process-wide barrier for Dispose to use, this side fences itself.
        Interlocked.Exchange(ref _state, Idle);
#else
        // A plain write: only Dispose races with it, and Dispose fences both sides (see Dispose).
        Volatile.Write(ref _state, Idle);
#endif
        if (Volatile.Read(ref _disposeRequested) != 0)
        {
            TryRelease();
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

        if (Interlocked.Exchange(ref _disposeRequested, 1) != 0 || TryRelease())
        {
            return;
        }

        // A call seemed to be running. Its end may have written Idle and read the request before
        // either became visible to the other side: a process-wide barrier settles it, after which
        // either the instance is seen idle here or the request is seen by the call.
        FlushOtherProcessors();
        TryRelease();
    }

    /// <summary>Releases the instance if no call holds it; true when it is released (now or before).</summary>
    private bool TryRelease()
    {
        int state = Interlocked.CompareExchange(ref _state, Released, Idle);
        if (state == Idle)
        {
            base.Dispose(true);
        }

        return state != Busy;
    }

    private static void FlushOtherProcessors()
    {
#if NETSTANDARD2_0
        // No process-wide barrier here: Return fences itself instead.
        Interlocked.MemoryBarrier();
#else
        Interlocked.MemoryBarrierProcessWide();
#endif
    }

    private void Refuse(int state, string typeName)
    {
        if (state == Idle)
        {
            // Taken just as Dispose asked for the release: give it back, which releases the instance.
            Return();
        }

        if (state == Released || Volatile.Read(ref _disposeRequested) != 0)
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
