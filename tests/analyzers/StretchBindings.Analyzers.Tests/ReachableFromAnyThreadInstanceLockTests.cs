using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using StretchBindings.Analyzers.Tests.Infrastructure;

namespace StretchBindings.Analyzers.Tests;

/// <summary>
/// SB1002 and a static guarded by a lock of one object: each object has its own lock, so two objects can use the
/// static at once; a lock every object shares keeps them apart.
/// </summary>
public sealed class ReachableFromAnyThreadInstanceLockTests
{
    private static Task<ImmutableArray<Diagnostic>> VerifyAsync(string source) => ListedCollections.VerifyReachableAsync(source);

    [Fact]
    public async Task A_static_used_under_an_instance_field_lock_is_reported()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync("""
            sealed class Channel
            {
                private static readonly List<object> {|SB1002:s_merged|} = new();
                private readonly object _outgoing = new();

                public int Merge(object item)
                {
                    lock (_outgoing)
                    {
                        s_merged.Clear();
                        s_merged.Add(item);
                        return s_merged.Count;
                    }
                }
            }
            """);
        Diagnostic diagnostic = Assert.Single(diagnostics);
        Assert.EndsWith(
            "'Channel.Merge' changes it, and two threads can run that at once; 'Channel.Merge' holds the lock on '_outgoing', "
            + "but each object has its own, so two objects can use it at once",
            diagnostic.GetMessage(),
            StringComparison.Ordinal);
        Assert.Single(diagnostic.AdditionalLocations);
    }

    [Fact]
    public async Task A_static_used_under_a_lock_on_this_is_reported()
    {
        await VerifyAsync("""
            sealed class Channel
            {
                private static readonly List<object> {|SB1002:s_merged|} = new();

                public void Merge(object item) { lock (this) { s_merged.Add(item); } }
                public void Reset() { lock (this) { s_merged.Clear(); } }
            }
            """);
    }

    [Fact]
    public async Task A_static_used_under_a_static_lock_or_its_own_is_fine()
    {
        await VerifyAsync("""
            sealed class Channel
            {
                private static readonly object s_gate = new();
                private static readonly List<object> s_merged = new();
                private static readonly List<object> s_pending = new();

                public void Merge(object item) { lock (s_gate) { s_merged.Add(item); } }
                public void Reset() { lock (s_gate) { s_merged.Clear(); } }
                public void Queue(object item) { lock (s_pending) { s_pending.Add(item); } }
            }
            """);
    }

    [Fact]
    public async Task An_instance_field_under_its_objects_lock_stays_fine()
    {
        await VerifyAsync("""
            sealed class Channel
            {
                public static readonly Channel Shared = new();
                private readonly object _gate = new();
                private readonly List<object> _merged = new();

                public void Merge(object item) { lock (_gate) { _merged.Add(item); } }
                public void Reset() { lock (this._gate) { _merged.Clear(); } }
            }
            """);
    }
}
