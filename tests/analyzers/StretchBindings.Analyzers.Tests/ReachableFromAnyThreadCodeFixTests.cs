using Microsoft.CodeAnalysis.CodeActions;
using StretchBindings.Analyzers.CodeFixes;
using StretchBindings.Analyzers.Tests.Infrastructure;

namespace StretchBindings.Analyzers.Tests;

/// <summary>The SB1002 fix: take the lock the other uses hold around the use that does not; offered only where that is the fix and compiles.</summary>
public sealed class ReachableFromAnyThreadCodeFixTests
{
    private static Task<string> FixAsync(string source) =>
        CodeFixHarness.ApplyAsync(
            new ReachableFromAnyThreadAnalyzer(), new ReachableFromAnyThreadCodeFixProvider(), source, "SB1002", ReachableFromAnyThreadCodeFixProvider.TakeLockKey);

    private static async Task<List<CodeAction>> OfferedAsync(string source) =>
        (await CodeFixHarness.OfferedAsync(new ReachableFromAnyThreadAnalyzer(), new ReachableFromAnyThreadCodeFixProvider(), source, "SB1002")).Actions;

    [Fact]
    public async Task The_lock_is_taken_around_the_statement_that_lacks_it()
    {
        string fixedSource = await FixAsync("""
            static class Audio
            {
                private static readonly object s_gate = new();
                private static readonly Stretcher s_stretcher = new();

                public static int Render(int block) { lock (s_gate) { return s_stretcher.Process(block); } }

                public static void Reset(bool hard)
                {
                    if (hard)
                    {
                        s_stretcher.Reset();
                    }
                }
            }
            """);
        Assert.Contains("""
                    if (hard)
                    {
                        lock (s_gate)
                        {
                            s_stretcher.Reset();
                        }
                    }
            """, fixedSource);
    }

    [Fact]
    public async Task A_public_method_of_an_object_with_its_own_thread_takes_the_lock_its_loop_holds()
    {
        string fixedSource = await FixAsync("""
            sealed class Engine
            {
                private readonly object _gate = new();
                private readonly Stretcher _stretcher = new();

                public void Start() => new Thread(Run).Start();

                public void Reset(bool hard)
                {
                    if (hard)
                    {
                        _stretcher.Reset();
                    }
                }

                private void Run()
                {
                    while (true) { lock (_gate) { _stretcher.Process(256); } }
                }
            }
            """);
        Assert.Contains("""
                    if (hard)
                    {
                        lock (_gate)
                        {
                            _stretcher.Reset();
                        }
                    }
            """, fixedSource);
    }

    [Fact]
    public async Task A_started_lambda_takes_the_lock_its_objects_callers_hold()
    {
        string fixedSource = await FixAsync("""
            sealed class Pump
            {
                private readonly object _gate = new();
                private readonly Stretcher _stretcher = new();

                public void Start() => Task.Run(() =>
                {
                    while (true)
                    {
                        _stretcher.Process(256);
                    }
                });

                public void Flush()
                {
                    lock (_gate) { _stretcher.Reset(); }
                }
            }
            """);
        Assert.Contains("""
                    while (true)
                    {
                        lock (_gate)
                        {
                            _stretcher.Process(256);
                        }
                    }
            """, fixedSource);
    }

    [Fact]
    public async Task An_expression_body_becomes_a_block_holding_the_lock()
    {
        string fixedSource = await FixAsync("""
            sealed class Engine
            {
                public static Engine Instance { get; } = new();
                private readonly object _gate = new();
                private readonly Stretcher _stretcher = new();

                public void Reset() { lock (_gate) { _stretcher.Reset(); } }
                public int Render(int block) => _stretcher.Process(block);
            }

            static class Host
            {
                public static int Play(int block) => Engine.Instance.Render(block);
                public static void Stop() => Engine.Instance.Reset();
            }
            """);
        Assert.Contains("""
                public int Render(int block)
                {
                    lock (_gate)
                    {
                        return _stretcher.Process(block);
                    }
                }
            """, fixedSource);
    }

    [Fact]
    public async Task No_lock_is_offered_where_no_other_use_holds_one()
    {
        List<CodeAction> offered = await OfferedAsync("""
            static class Audio
            {
                private static readonly Stretcher s_stretcher = new();
                public static int Render(int block) => s_stretcher.Process(block);
            }
            """);
        Assert.DoesNotContain(offered, action => action.EquivalenceKey == ReachableFromAnyThreadCodeFixProvider.TakeLockKey);
        Assert.Contains(offered, action => action.EquivalenceKey == ReachableFromAnyThreadCodeFixProvider.PerThreadKey);
    }

    [Fact]
    public async Task Nothing_is_offered_for_a_collection_returned_from_inside_its_lock()
    {
        // Locking the return again would change nothing: the callers use it after the lock is released.
        (_, _, List<CodeAction> offered) = await CodeFixHarness.OfferedAsync(
            new ReachableFromAnyThreadAnalyzer(), new ReachableFromAnyThreadCodeFixProvider(), """
            static class Schedule
            {
                private static readonly object s_gate = new();
                private static readonly List<int> s_jobs = new();

                public static void Add(int job) { lock (s_gate) { s_jobs.Add(job); } }
                public static IEnumerable<int> All() { lock (s_gate) { return s_jobs; } }
            }
            """, "SB1002", ListedCollections.ListAndDictionary);
        Assert.Empty(offered);
    }

    [Fact]
    public async Task Nothing_is_offered_for_a_static_locked_only_by_locks_of_one_object()
    {
        // The code means to lock, so one instance per thread is not what it means, and its lock is not one to take.
        List<CodeAction> offered = await OfferedAsync("""
            sealed class Channel
            {
                private static readonly Stretcher s_stretcher = new();
                private readonly object _gate = new();
                public int Render(int block) { lock (_gate) { return s_stretcher.Process(block); } }
            }
            """);
        Assert.Empty(offered);
    }

    [Fact]
    public async Task Without_a_lock_an_instance_made_from_constants_is_made_per_thread()
    {
        string fixedSource = await CodeFixHarness.ApplyAsync(
            new ReachableFromAnyThreadAnalyzer(), new ReachableFromAnyThreadCodeFixProvider(), """
            static class Audio
            {
                private static readonly Stretcher s_stretcher = new(2, 48000f);
                public static int Render(int block) => s_stretcher.Process(block);
                public static void Reset() => Audio.s_stretcher.Reset();
            }
            """, "SB1002", ReachableFromAnyThreadCodeFixProvider.PerThreadKey);
        Assert.Contains("private static readonly ThreadLocal<Stretcher> s_stretcher = new(() => new Stretcher(2, 48000f));", fixedSource);
        Assert.Contains("=> s_stretcher.Value.Process(block);", fixedSource);
        Assert.Contains("=> Audio.s_stretcher.Value.Reset();", fixedSource);
    }

    [Fact]
    public async Task A_static_made_per_thread_leaves_each_value_to_its_thread()
    {
        string fixedSource = await CodeFixHarness.ApplyAsync(
            new ReachableFromAnyThreadAnalyzer(), new ReachableFromAnyThreadCodeFixProvider(), """
            static class Audio
            {
                private static readonly Stretcher s_stretcher = new();
                public static int Render(int block) => s_stretcher.Process(block);
            }
            """, "SB1002", ReachableFromAnyThreadCodeFixProvider.PerThreadKey);

        // Tracked values would stay alive after their threads end: a static has no point at which to dispose them.
        Assert.DoesNotContain("trackAllValues", fixedSource);
        Assert.DoesNotContain(".Values", fixedSource);
    }

    [Fact]
    public async Task An_instance_field_made_per_thread_has_every_value_disposed_by_its_objects_dispose()
    {
        string fixedSource = await CodeFixHarness.ApplyAsync(
            new ReachableFromAnyThreadAnalyzer(), new ReachableFromAnyThreadCodeFixProvider(), """
            public sealed class Voice : IDisposable
            {
                public static Voice Instance { get; } = new();
                private readonly Stretcher _stretcher = new(2, 48000f);
                private bool _disposed;
                public int Render(int block) => _stretcher.Process(block);
                public void Dispose()
                {
                    _disposed = true;
                    _stretcher.Dispose();
                }
            }
            """, "SB1002", ReachableFromAnyThreadCodeFixProvider.PerThreadKey);
        Assert.Contains("private readonly ThreadLocal<Stretcher> _stretcher = new(() => new Stretcher(2, 48000f), trackAllValues: true);", fixedSource);
        Assert.Contains("=> _stretcher.Value.Process(block);", fixedSource);
        Assert.Contains("""
                    _disposed = true;
                    foreach (Stretcher value in _stretcher.Values)
                    {
                        value.Dispose();
                    }

                    _stretcher.Dispose();
                }
            """.ReplaceLineEndings(), fixedSource.ReplaceLineEndings());
        Assert.DoesNotContain("_stretcher.Value.Dispose()", fixedSource);
    }

    [Fact]
    public async Task An_expression_bodied_dispose_of_the_field_becomes_the_disposal_of_every_value()
    {
        string fixedSource = await CodeFixHarness.ApplyAsync(
            new ReachableFromAnyThreadAnalyzer(), new ReachableFromAnyThreadCodeFixProvider(), """
            public sealed class Voice : IDisposable
            {
                public static Voice Instance { get; } = new();
                private readonly Stretcher _stretcher = new();
                public int Render(int block) => _stretcher.Process(block);
                public void Dispose() => _stretcher.Dispose();
            }
            """, "SB1002", ReachableFromAnyThreadCodeFixProvider.PerThreadKey);
        Assert.Contains("foreach (Stretcher value in _stretcher.Values)", fixedSource);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(fixedSource, @"_stretcher\.Dispose\(\);"));
        Assert.DoesNotContain("=> _stretcher", fixedSource.Substring(fixedSource.IndexOf("void Dispose", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task No_per_thread_instance_is_offered_for_an_instance_field_of_a_type_without_dispose()
    {
        List<CodeAction> offered = await OfferedAsync("""
            public sealed class Voice
            {
                public static Voice Instance { get; } = new();
                private readonly Stretcher _stretcher = new();
                public int Render(int block) => _stretcher.Process(block);
            }
            """);
        Assert.DoesNotContain(offered, action => action.EquivalenceKey == ReachableFromAnyThreadCodeFixProvider.PerThreadKey);
    }

    [Theory]
    [InlineData("Work.Use(s_stretcher);")]                  // handed on: other code keeps the one instance
    [InlineData("Stretcher alias = s_stretcher; alias.Reset();")]
    public async Task No_per_thread_instance_is_offered_when_the_instance_is_handed_on(string use)
    {
        List<CodeAction> offered = await OfferedAsync($$"""
            static class Audio
            {
                private static readonly Stretcher s_stretcher = new();
                public static int Render(int block) => s_stretcher.Process(block);
                public static void Share() { {{use}} }
            }
            """);
        Assert.DoesNotContain(offered, action => action.EquivalenceKey == ReachableFromAnyThreadCodeFixProvider.PerThreadKey);
    }

    [Fact]
    public async Task No_per_thread_instance_is_offered_when_the_instance_is_made_from_state()
    {
        List<CodeAction> offered = await OfferedAsync("""
            static class Audio
            {
                private static int s_channels = 2;
                private static readonly Stretcher s_stretcher = new(s_channels, 48000f);
                public static int Render(int block) => s_stretcher.Process(block);
            }
            """);
        Assert.DoesNotContain(offered, action => action.EquivalenceKey == ReachableFromAnyThreadCodeFixProvider.PerThreadKey);
    }

    [Fact]
    public async Task No_lock_is_offered_for_a_semaphore_or_across_an_await()
    {
        Assert.Empty(await OfferedAsync("""
            static class Audio
            {
                private static readonly SemaphoreSlim s_mutex = new(1, 1);
                private static readonly Stretcher s_stretcher = new();

                public static async Task<int> RenderAsync(int block)
                {
                    await s_mutex.WaitAsync();
                    try { return s_stretcher.Process(block); }
                    finally { s_mutex.Release(); }
                }

                public static void Reset() => s_stretcher.Reset();
            }
            """));
        Assert.Empty(await OfferedAsync("""
            static class Audio
            {
                private static readonly object s_gate = new();
                private static readonly Stretcher s_stretcher = new();

                public static int Render(int block) { lock (s_gate) { return s_stretcher.Process(block); } }
                public static async Task TuneAsync() => s_stretcher.TimeRatio = await Task.FromResult(2f);
            }
            """));
    }

    [Fact]
    public async Task No_lock_is_offered_where_the_lock_cannot_be_named()
    {
        Assert.Empty(await OfferedAsync("""
            sealed class Engine
            {
                public static Engine Instance { get; } = new();
                private static Stretcher? s_last;
                private readonly object _gate = new();

                public void Render(int block) { lock (_gate) { s_last?.Process(block); } }
                public void Tune() { lock (_gate) { s_last!.TimeRatio = 2; } }
                public static void Forget() => s_last?.Reset();
            }
            """));
    }
}
