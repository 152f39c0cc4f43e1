using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using StretchBindings.Analyzers.Tests.Infrastructure;

namespace StretchBindings.Analyzers.Tests;

/// <summary>SB1002 and locks: one lock around every use makes a shared instance safe; a use without it is named.</summary>
public sealed class ReachableFromAnyThreadLockTests
{
    private static readonly InMemoryAdditionalText s_collections = ListedCollections.ListAndDictionary;

    private static Task<ImmutableArray<Diagnostic>> VerifyAsync(string source) => ListedCollections.VerifyReachableAsync(source);

    [Fact]
    public async Task Every_use_under_one_lock_statement_is_fine()
    {
        await VerifyAsync("""
            static class Audio
            {
                private static readonly object s_gate = new();
                private static readonly Stretcher s_stretcher = new();
                private static readonly List<int> s_blocks = new();

                public static int Render(int block)
                {
                    lock (s_gate)
                    {
                        s_blocks.Add(block);
                        return s_stretcher.Process(block);
                    }
                }

                public static void Reset()
                {
                    lock (s_gate) { s_stretcher.Reset(); s_blocks.Clear(); }
                }
            }
            """);
    }

    [Fact]
    public async Task Monitor_enter_and_exit_around_every_use_is_fine()
    {
        await VerifyAsync("""
            static class Audio
            {
                private static readonly object s_gate = new();
                private static readonly Stretcher s_stretcher = new();

                public static int Render(int block)
                {
                    Monitor.Enter(s_gate);
                    try { return s_stretcher.Process(block); }
                    finally { Monitor.Exit(s_gate); }
                }

                public static void Reset()
                {
                    bool taken = false;
                    try
                    {
                        Monitor.Enter(s_gate, ref taken);
                        s_stretcher.Reset();
                    }
                    finally
                    {
                        if (taken) { Monitor.Exit(s_gate); }
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task A_semaphore_used_as_a_mutex_around_every_use_is_fine()
    {
        await VerifyAsync("""
            sealed class Renderer
            {
                public static Renderer Shared { get; } = new();
                private readonly SemaphoreSlim _mutex = new(1, 1);
                private readonly Stretcher _stretcher = new();

                public async Task<int> RenderAsync(int block)
                {
                    await _mutex.WaitAsync();
                    try { return _stretcher.Process(block); }
                    finally { _mutex.Release(); }
                }

                public void Reset()
                {
                    _mutex.Wait();
                    try { _stretcher.Reset(); }
                    finally { _mutex.Release(); }
                }
            }
            """);
    }

    [Fact]
    public async Task A_release_without_a_wait_is_no_lock()
    {
        await VerifyAsync("""
            static class Audio
            {
                private static readonly SemaphoreSlim s_done = new(0);
                private static readonly Stretcher {|SB1002:s_stretcher|} = new();

                public static int Render(int block)
                {
                    try { return s_stretcher.Process(block); }
                    finally { s_done.Release(); }
                }
            }
            """);
    }

    [Fact]
    public async Task A_write_lock_for_changes_and_a_read_lock_for_reads_is_fine()
    {
        await VerifyAsync("""
            static class Names
            {
                private static readonly ReaderWriterLockSlim s_lock = new();
                private static readonly Dictionary<int, string> s_names = new();

                public static void Learn(int id, string name)
                {
                    s_lock.EnterWriteLock();
                    try { s_names[id] = name; }
                    finally { s_lock.ExitWriteLock(); }
                }

                public static string? Find(int id)
                {
                    s_lock.EnterReadLock();
                    try { return s_names.TryGetValue(id, out string? name) ? name : null; }
                    finally { s_lock.ExitReadLock(); }
                }
            }
            """);
    }

    [Fact]
    public async Task A_change_under_a_read_lock_is_reported()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync("""
            static class Names
            {
                private static readonly ReaderWriterLockSlim s_lock = new();
                private static readonly Dictionary<int, string> {|SB1002:s_names|} = new();

                public static void Learn(int id, string name)
                {
                    s_lock.EnterWriteLock();
                    try { s_names[id] = name; }
                    finally { s_lock.ExitWriteLock(); }
                }

                public static void Forget(int id)
                {
                    s_lock.EnterReadLock();
                    try { s_names.Remove(id); }
                    finally { s_lock.ExitReadLock(); }
                }
            }
            """);
        Assert.EndsWith("; 'Names.Forget' uses it without holding the lock on 's_lock' that its other uses hold", Assert.Single(diagnostics).GetMessage());
    }

    [Fact]
    public async Task A_use_without_the_lock_the_others_hold_is_reported_and_named()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync("""
            static class Audio
            {
                private static readonly object s_gate = new();
                private static readonly Stretcher {|SB1002:s_stretcher|} = new();

                public static int Render(int block) { lock (s_gate) { return s_stretcher.Process(block); } }
                public static void Tune(float ratio) { lock (s_gate) { s_stretcher.TimeRatio = ratio; } }
                public static void Reset() => s_stretcher.Reset();
            }
            """);
        Diagnostic diagnostic = Assert.Single(diagnostics);
        Assert.Equal(
            "'Audio.s_stretcher' holds a 'Stretcher', which is not thread-safe, where any thread can reach it: "
            + "'Audio.Render' and 'Audio.Reset' change it, and can run on two threads at once; "
            + "'Audio.Reset' uses it without holding the lock on 's_gate' that its other uses hold",
            diagnostic.GetMessage());
        Assert.Equal("s_stretcher", Assert.Single(diagnostic.AdditionalLocations).SourceTree!.GetText().ToString(diagnostic.AdditionalLocations[0].SourceSpan));
        Assert.Equal(8, diagnostic.AdditionalLocations[0].GetLineSpan().StartLinePosition.Line + 1);
    }

    [Fact]
    public async Task Two_different_locks_do_not_exclude_each_other()
    {
        await VerifyAsync("""
            static class Audio
            {
                private static readonly object s_left = new();
                private static readonly object s_right = new();
                private static readonly Stretcher {|SB1002:s_stretcher|} = new();

                public static int Left(int block) { lock (s_left) { return s_stretcher.Process(block); } }
                public static int Right(int block) { lock (s_right) { return s_stretcher.Process(block); } }
            }
            """);
    }

    [Fact]
    public async Task A_lock_around_a_lambda_does_not_hold_while_the_lambda_runs()
    {
        await VerifyAsync("""
            static class Audio
            {
                private static readonly object s_gate = new();
                private static readonly Stretcher {|SB1002:s_stretcher|} = new();

                public static Task<int> Render(int block)
                {
                    lock (s_gate) { return Task.Run(() => s_stretcher.Process(block)); }
                }
            }
            """);
    }

    [Fact]
    public async Task Ownership_moved_with_interlocked_is_fine()
    {
        await VerifyAsync("""
            static class Audio
            {
                private static Stretcher? s_spare = new();

                public static int Render(int block)
                {
                    Stretcher stretcher = Interlocked.Exchange(ref s_spare, null) ?? new Stretcher();
                    int frames = stretcher.Process(block);
                    if (Interlocked.CompareExchange(ref s_spare, stretcher, null) is not null) { stretcher.Dispose(); }
                    return frames;
                }
            }
            """);
    }

    [Fact]
    public async Task A_direct_use_beside_interlocked_hand_offs_is_reported()
    {
        await VerifyAsync("""
            static class Audio
            {
                private static Stretcher? {|SB1002:s_spare|} = new();

                public static Stretcher Take() => Interlocked.Exchange(ref s_spare, null) ?? new Stretcher();
                public static void Reset() => s_spare?.Reset();
            }
            """);
    }

    [Fact]
    public async Task A_collection_returned_from_inside_the_lock_is_reported_at_the_return()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync("""
            static class Schedule
            {
                private static readonly object s_gate = new();
                private static readonly List<int> {|SB1002:s_jobs|} = new();

                public static void Add(int job) { lock (s_gate) { s_jobs.Add(job); } }
                public static IEnumerable<int> All() { lock (s_gate) { return s_jobs; } }
            }
            """);
        Diagnostic diagnostic = Assert.Single(diagnostics);
        Assert.EndsWith(
            "'Schedule.All' returns it from inside the lock on 's_gate', so its callers use it without the lock its other uses hold",
            diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Equal(7, Assert.Single(diagnostic.AdditionalLocations).GetLineSpan().StartLinePosition.Line + 1);
    }

    [Fact]
    public async Task A_copy_returned_from_inside_the_lock_or_a_collection_never_changed_is_fine()
    {
        await VerifyAsync("""
            static class Schedule
            {
                private static readonly object s_gate = new();
                private static readonly List<int> s_jobs = new();
                private static readonly List<int> s_fixed = new() { 1, 2, 3 };

                public static void Add(int job) { lock (s_gate) { s_jobs.Add(job); } }
                public static List<int> All() { lock (s_gate) { return new List<int>(s_jobs); } }
                public static IEnumerable<int> Fixed() { lock (s_gate) { return s_fixed; } }
            }
            """);
    }

    [Fact]
    public async Task A_static_used_through_a_local_copy_under_a_callers_lock_of_one_object_is_reported_unless_thread_static()
    {
        await VerifyAsync("""
            public sealed class Channel
            {
                private static List<object> {|SB1002:s_merged|};
                [ThreadStatic] private static List<object> t_merged;
                private readonly Queue<int> _queue = new();

                public void Send() { lock (_queue) { Merge(); MergePerThread(); } }

                private void Merge()
                {
                    var list = s_merged;
                    if (list == null) { list = new List<object>(); s_merged = list; }
                    else { list.Clear(); }
                    list.Add(1);
                }

                private void MergePerThread()
                {
                    var list = t_merged;
                    if (list == null) { list = new List<object>(); t_merged = list; }
                    else { list.Clear(); }
                    list.Add(1);
                }
            }
            """);
    }
}
