using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using StretchBindings.Analyzers.Tests.Infrastructure;

namespace StretchBindings.Analyzers.Tests;

/// <summary>SB1001 for the less direct ways of starting work, and for uses that locks or reads make safe.</summary>
public sealed class SharedAcrossThreadsShapeTests
{
    private static readonly InMemoryAdditionalText s_collections = new("/src/NotThreadSafeTypes.txt", """
        System.Collections.Generic.Dictionary`2
        """);

    private static Task<ImmutableArray<Diagnostic>> VerifyAsync(string source, params AdditionalText[] files) =>
        AnalyzerHarness.VerifyAsync(new SharedAcrossThreadsAnalyzer(), source, files);

    // ---- launch shapes ----

    [Fact]
    public async Task A_method_group_given_to_a_parallel_loop()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync("""
            sealed class Renderer
            {
                private readonly Stretcher _stretcher = new();

                public void RenderAll(int blocks) => Parallel.For(0, blocks, RenderOne);

                private void RenderOne(int block) => {|SB1001:_stretcher|}.Process(block);
            }
            """);
        Assert.Contains("'Parallel.For' runs its delegates on several threads at once", Assert.Single(diagnostics).GetMessage());
    }

    [Fact]
    public async Task A_method_group_given_to_the_thread_pool_while_the_caller_goes_on()
    {
        await VerifyAsync("""
            sealed class Renderer
            {
                private readonly Stretcher _stretcher = new();

                public void Start()
                {
                    ThreadPool.UnsafeQueueUserWorkItem(Background, null);
                    _stretcher.Reset();
                }

                private void Background(object? state) => {|SB1001:_stretcher|}.Process(1);
            }
            """);
    }

    [Fact]
    public async Task A_method_group_whose_work_is_awaited_first_is_fine()
    {
        await VerifyAsync("""
            sealed class Renderer
            {
                private readonly Stretcher _stretcher = new();

                public async Task StartAsync()
                {
                    await Task.Run(Background);
                    _stretcher.Reset();
                }

                private void Background() => _stretcher.Process(1);
            }
            """);
    }

    [Fact]
    public async Task A_delegate_local_given_to_task_run()
    {
        await VerifyAsync("""
            static class Render
            {
                public static async Task TwiceAsync()
                {
                    var stretcher = new Stretcher();
                    Action work = () => {|SB1001:stretcher|}.Process(1);
                    Task background = Task.Run(work);
                    stretcher.Process(2);
                    await background;
                }
            }
            """);
    }

    [Fact]
    public async Task A_delegate_local_assigned_again_is_not_followed()
    {
        await VerifyAsync("""
            static class Render
            {
                public static async Task TwiceAsync(bool quiet)
                {
                    var stretcher = new Stretcher();
                    Action work = () => stretcher.Process(1);
                    if (quiet) { work = () => { }; }
                    Task background = Task.Run(work);
                    stretcher.Process(2);
                    await background;
                }
            }
            """);
    }

    [Fact]
    public async Task An_async_lambda_fanned_out_with_select_and_when_all()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync("""
            static class Render
            {
                public static async Task AllAsync(Stretcher stretcher, IEnumerable<int> blocks)
                {
                    await Task.WhenAll(blocks.Select(async block =>
                    {
                        await Task.Yield();
                        {|SB1001:stretcher|}.Process(block);
                    }).ToArray());
                }
            }
            """);
        Assert.Contains("'Task.WhenAll over Select' runs its delegates on several threads at once", Assert.Single(diagnostics).GetMessage());
    }

    [Fact]
    public async Task An_async_lambda_fanned_out_with_its_own_instance_is_fine()
    {
        await VerifyAsync("""
            static class Render
            {
                public static async Task AllAsync(IEnumerable<int> blocks)
                {
                    await Task.WhenAny(blocks.Select(async block =>
                    {
                        await Task.Yield();
                        using var stretcher = new Stretcher();
                        stretcher.Process(block);
                    }));
                }
            }
            """);
    }

    [Fact]
    public async Task An_instance_reached_through_a_captured_object_in_a_parallel_loop()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync("""
            public sealed class Engine
            {
                public Stretcher Stretcher { get; } = new();
                public readonly Stretcher Spare = new();
            }

            static class Render
            {
                public static void All(Engine engine, int blocks) =>
                    Parallel.For(0, blocks, block =>
                    {
                        {|SB1001:engine.Stretcher|}.Process(block);
                        {|SB1001:engine.Spare|}.Process(block);
                    });
            }
            """);
        Assert.Contains(diagnostics, d => d.GetMessage().StartsWith("'Stretcher' is a 'Stretcher'", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.GetMessage().StartsWith("'Spare' is a 'Stretcher'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_instance_reached_through_an_object_of_each_element_is_fine()
    {
        await VerifyAsync("""
            public sealed class Engine
            {
                public Stretcher Stretcher { get; } = new();
            }

            static class Render
            {
                public static void All(Engine[] engines, Engine other)
                {
                    Parallel.ForEach(engines, engine => engine.Stretcher.Process(1));
                    Parallel.For(0, engines.Length, i =>
                    {
                        Engine mine = engines[i];
                        mine.Stretcher.Process(i);
                    });
                    Parallel.For(0, 4, i => engines[i].Stretcher.Process(i));
                }
            }
            """);
    }

    [Fact]
    public async Task A_field_reached_through_two_captured_objects_is_left_alone()
    {
        await VerifyAsync("""
            public sealed class Engine
            {
                public Stretcher Stretcher { get; } = new();
            }

            static class Render
            {
                public static void Both(Engine left, Engine right, bool useLeft) =>
                    Parallel.For(0, 1, i =>
                    {
                        (useLeft ? left : right).Stretcher.Process(i);
                        left.Stretcher.Process(i);
                        right.Stretcher.Process(i);
                    });
            }
            """);
    }

    // ---- locks and reads ----

    [Fact]
    public async Task Monitor_enter_and_exit_around_every_use_is_fine()
    {
        await VerifyAsync("""
            sealed class Renderer
            {
                private readonly object _gate = new();
                private readonly Stretcher _stretcher = new();

                public void RenderAll(int blocks) => Parallel.For(0, blocks, block =>
                {
                    Monitor.Enter(_gate);
                    try { _stretcher.Process(block); }
                    finally { Monitor.Exit(_gate); }
                });
            }
            """);
    }

    [Fact]
    public async Task Monitor_enter_without_an_exit_in_a_finally_is_no_lock()
    {
        await VerifyAsync("""
            sealed class Renderer
            {
                private readonly object _gate = new();
                private readonly Stretcher _stretcher = new();

                public void RenderAll(int blocks) => Parallel.For(0, blocks, block =>
                {
                    Monitor.Enter(_gate);
                    {|SB1001:_stretcher|}.Process(block);
                    Monitor.Exit(_gate);
                });
            }
            """);
    }

    [Fact]
    public async Task Parallel_lookups_in_a_shared_table_only_read_it()
    {
        await VerifyAsync("""
            static class Lookup
            {
                public static int Sum(Dictionary<int, int> table, int[] keys)
                {
                    int sum = 0;
                    Parallel.ForEach(keys, key => Interlocked.Add(ref sum, table.TryGetValue(key, out int value) ? value + table.Count : 0));
                    return sum;
                }
            }
            """, s_collections);
    }

    [Fact]
    public async Task A_parallel_change_of_a_shared_table_is_reported()
    {
        await VerifyAsync("""
            static class Lookup
            {
                public static void Fill(Dictionary<int, int> table, int[] keys) =>
                    Parallel.ForEach(keys, key => {|SB1001:table|}[key] = key);
            }
            """, s_collections);
    }
}
