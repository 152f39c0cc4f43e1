using Microsoft.CodeAnalysis.CodeActions;
using StretchBindings.Analyzers.CodeFixes;
using StretchBindings.Analyzers.Tests.Infrastructure;

namespace StretchBindings.Analyzers.Tests;

/// <summary>The SB1001 fixes on the newer launch shapes: a per-task instance where that is the fix, nothing where it would be wrong.</summary>
public sealed class SharedAcrossThreadsShapeCodeFixTests
{
    private static Task<string> FixAsync(string source, string key) =>
        CodeFixHarness.ApplyAsync(new SharedAcrossThreadsAnalyzer(), new SharedAcrossThreadsCodeFixProvider(), source, "SB1001", key);

    private static async Task<List<CodeAction>> OfferedAsync(string source) =>
        (await CodeFixHarness.OfferedAsync(new SharedAcrossThreadsAnalyzer(), new SharedAcrossThreadsCodeFixProvider(), source, "SB1001")).Actions;

    [Fact]
    public async Task An_async_fan_out_gets_one_instance_per_task()
    {
        string fixedSource = await FixAsync("""
            static class Render
            {
                public static async Task AllAsync(IEnumerable<int> blocks)
                {
                    var stretcher = new Stretcher(2, 48000f);
                    await Task.WhenAll(blocks.Select(async block =>
                    {
                        await Task.Yield();
                        stretcher.Process(block);
                    }));
                }
            }
            """, SharedAcrossThreadsCodeFixProvider.MoveCreationKey);
        Assert.Contains("""
                    await Task.WhenAll(blocks.Select(async block =>
                    {
                        using var stretcher = new Stretcher(2, 48000f);
                        await Task.Yield();
                        stretcher.Process(block);
                    }));
            """, fixedSource);
    }

    [Fact]
    public async Task A_lambda_stored_in_a_delegate_local_gets_its_own_instance()
    {
        string fixedSource = await FixAsync("""
            static class Render
            {
                public static void All(int blocks)
                {
                    var stretcher = new Stretcher();
                    Action<int> one = block => stretcher.Process(block);
                    Parallel.For(0, blocks, one);
                }
            }
            """, SharedAcrossThreadsCodeFixProvider.MoveCreationKey);
        Assert.Contains("""
                    Action<int> one = block =>
                    {
                        using var stretcher = new Stretcher();
                        stretcher.Process(block);
                    };
            """, fixedSource);
    }

    [Fact]
    public async Task No_fix_rewrites_a_method_group_or_a_field()
    {
        Assert.Empty(await OfferedAsync("""
            sealed class Renderer
            {
                private readonly Stretcher _stretcher = new();

                public void RenderAll(int blocks) => Parallel.For(0, blocks, RenderOne);

                private void RenderOne(int block) => _stretcher.Process(block);
            }
            """));
    }

    [Fact]
    public async Task No_fix_rewrites_an_instance_reached_through_a_captured_object()
    {
        // The fixes move a local of the single-threaded type; here the local is the holder, which they leave alone.
        Assert.Empty(await OfferedAsync("""
            public sealed class Engine
            {
                public Stretcher Stretcher { get; } = new();
            }

            static class Render
            {
                public static void All(int blocks)
                {
                    var engine = new Engine();
                    Parallel.For(0, blocks, block =>
                    {
                        engine.Stretcher.Process(block);
                    });
                }
            }
            """));
    }

    [Fact]
    public async Task Local_init_is_not_offered_when_the_loop_body_is_a_delegate_local()
    {
        List<CodeAction> actions = await OfferedAsync("""
            static class Render
            {
                public static void All(int blocks)
                {
                    var stretcher = new Stretcher();
                    Action<int> one = block => stretcher.Process(block);
                    Parallel.For(0, blocks, one);
                }
            }
            """);
        Assert.DoesNotContain(actions, action => action.EquivalenceKey == SharedAcrossThreadsCodeFixProvider.LocalInitKey);
    }
}
