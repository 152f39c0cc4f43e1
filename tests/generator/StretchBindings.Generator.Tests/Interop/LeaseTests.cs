using System.Runtime.InteropServices;
using StretchBindings.Interop;

namespace StretchBindings.Generator.Tests.Interop;

/// <summary>
/// The leases generated members hold around a native call: <see cref="ExclusiveSafeHandle"/> for
/// single-threaded instances, <see cref="SharedLease"/> for the others. A fake instance counts its
/// releases and records any call that ran on a released instance.
/// </summary>
public sealed class LeaseTests
{
    private sealed class FakeInstance : ExclusiveSafeHandle
    {
        private int _released;
        private int _usedAfterRelease;

        public FakeInstance()
            : base(IntPtr.Zero, ownsHandle: true)
        {
            SetHandle(new IntPtr(1));
        }

        public int Releases => Volatile.Read(ref _released);

        public int UsesAfterRelease => Volatile.Read(ref _usedAfterRelease);

        public override bool IsInvalid => handle == IntPtr.Zero;

        /// <summary>What a native call does with the instance: it must still be there.</summary>
        public void Use()
        {
            if (Releases != 0)
            {
                Interlocked.Increment(ref _usedAfterRelease);
            }
        }

        protected override bool ReleaseHandle()
        {
            Interlocked.Increment(ref _released);
            return true;
        }
    }

    private sealed class FakeSharedInstance() : SafeHandle(new IntPtr(1), ownsHandle: true)
    {
        public int Releases;

        public override bool IsInvalid => false;

        protected override bool ReleaseHandle()
        {
            Interlocked.Increment(ref Releases);
            return true;
        }
    }

    [Fact]
    public void Dispose_is_idempotent_and_releases_once()
    {
        var instance = new FakeInstance();
        instance.Dispose();
        instance.Dispose();
        instance.Close();

        Assert.Equal(1, instance.Releases);
        Assert.True(instance.IsClosed);
        Assert.Throws<ObjectDisposedException>(() => instance.Lease("Fake").Dispose());
    }

    [Fact]
    public void A_second_lease_while_one_is_held_is_concurrent_use()
    {
        using var instance = new FakeInstance();
        using (instance.Lease("Fake"))
        {
            InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => instance.Lease("Fake").Dispose());
            Assert.Contains("Fake is being used by another thread", error.Message, StringComparison.Ordinal);
        }

        // Given back: the instance is free again.
        instance.Lease("Fake").Dispose();
    }

    [Fact]
    public void Dispose_during_a_call_on_another_thread_does_not_throw_and_the_call_releases_the_instance_once_after_it_ends()
    {
        var instance = new FakeInstance();
        using var inside = new ManualResetEventSlim();
        using var finish = new ManualResetEventSlim();
        int releasesSeenByTheCall = -1;
        var call = new Thread(() =>
        {
            using (instance.Lease("Fake"))
            {
                inside.Set();
                finish.Wait();
                instance.Use();
                releasesSeenByTheCall = instance.Releases;
            }
        });
        call.Start();
        inside.Wait();

        instance.Dispose();
        instance.Dispose();
        Assert.Equal(0, instance.Releases);
        Assert.False(instance.IsClosed);
        Assert.Throws<ObjectDisposedException>(() => instance.Lease("Fake").Dispose());

        finish.Set();
        call.Join();

        Assert.Equal(0, releasesSeenByTheCall);
        Assert.Equal(1, instance.Releases);
        Assert.Equal(0, instance.UsesAfterRelease);
        Assert.True(instance.IsClosed);
        Assert.Throws<ObjectDisposedException>(() => instance.Lease("Fake").Dispose());
        instance.Dispose();
        Assert.Equal(1, instance.Releases);
    }

    [Fact]
    public void Racing_Dispose_with_calls_never_frees_under_a_call_and_frees_exactly_once()
    {
        for (int round = 0; round < 2000; round++)
        {
            var instance = new FakeInstance();
            using var start = new Barrier(2);
            Exception? unexpected = null;
            var caller = new Thread(() =>
            {
                start.SignalAndWait();
                while (true)
                {
                    try
                    {
                        using (instance.Lease("Fake"))
                        {
                            instance.Use();
                        }
                    }
                    catch (ObjectDisposedException)
                    {
                        return;
                    }
                    catch (Exception exception)
                    {
                        // Only this thread calls: concurrent use would be a false alarm.
                        unexpected = exception;
                        return;
                    }
                }
            });
            caller.Start();
            start.SignalAndWait();
            Thread.SpinWait(round % 200);
            instance.Dispose();
            caller.Join();

            Assert.Null(unexpected);
            Assert.Equal(1, instance.Releases);
            Assert.Equal(0, instance.UsesAfterRelease);
        }
    }

    [Fact]
    public void A_shared_lease_keeps_the_instance_until_it_ends_and_Dispose_is_refused_nothing()
    {
        var instance = new FakeSharedInstance();
        using (SharedLease.Enter(instance))
        using (SharedLease.Enter(instance))
        {
            instance.Dispose();
            Assert.Equal(0, instance.Releases);
        }

        Assert.Equal(1, instance.Releases);
        Assert.Throws<ObjectDisposedException>(() => SharedLease.Enter(instance).Dispose());
        instance.Dispose();
        Assert.Equal(1, instance.Releases);
    }
}
