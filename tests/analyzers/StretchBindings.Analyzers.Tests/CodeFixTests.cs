using Microsoft.CodeAnalysis.CodeActions;
using StretchBindings.Analyzers.CodeFixes;
using StretchBindings.Analyzers.Tests.Infrastructure;

namespace StretchBindings.Analyzers.Tests;

/// <summary>Every code fix, applied through a workspace; each result compiles and no longer has the diagnostic.</summary>
public sealed class CodeFixTests
{
    private static Task<string> FixSharingAsync(string source, string key) =>
        CodeFixHarness.ApplyAsync(new SharedAcrossThreadsAnalyzer(), new SharedAcrossThreadsCodeFixProvider(), source, "SB1001", key);

    private static Task<string> FixGCTransitionAsync(string source, string id, string key) =>
        CodeFixHarness.ApplyAsync(new GCTransitionAnalyzer(), new GCTransitionCodeFixProvider(), source, id, key, TestManifests.StretchFile);

    private static async Task<List<CodeAction>> OfferedForSharingAsync(string source) =>
        (await CodeFixHarness.OfferedAsync(new SharedAcrossThreadsAnalyzer(), new SharedAcrossThreadsCodeFixProvider(), source, "SB1001")).Actions;

    // ---- SB1001: create the instance inside the delegate ----

    [Fact]
    public async Task Creation_moves_into_an_expression_bodied_loop_body_with_using()
    {
        string fixedSource = await FixSharingAsync("""
            static class Render
            {
                public static void All(int blocks)
                {
                    var stretcher = new Stretcher(2, 48000f);
                    Parallel.For(0, blocks, i => stretcher.Process(i));
                }
            }
            """, SharedAcrossThreadsCodeFixProvider.MoveCreationKey);
        Assert.Equal("""
            static class Render
            {
                public static void All(int blocks)
                {
                    Parallel.For(0, blocks, i =>
                    {
                        using var stretcher = new Stretcher(2, 48000f);
                        stretcher.Process(i);
                    });
                }
            }
            """, fixedSource);
    }

    [Fact]
    public async Task Creation_moves_out_of_a_using_statement_into_a_task_that_returns_a_value()
    {
        string fixedSource = await FixSharingAsync("""
            static class Render
            {
                public static Task<int> StartAsync(int block)
                {
                    using (var stretcher = new Stretcher())
                    {
                        return Task.Run(() => stretcher.Process(block));
                    }
                }
            }
            """, SharedAcrossThreadsCodeFixProvider.MoveCreationKey);
        Assert.Equal("""
            static class Render
            {
                public static Task<int> StartAsync(int block)
                {
                    return Task.Run(() =>
                    {
                        using var stretcher = new Stretcher();
                        return stretcher.Process(block);
                    });
                }
            }
            """, fixedSource);
    }

    [Fact]
    public async Task Creation_moves_into_a_block_body_and_a_target_typed_new_is_spelled_out()
    {
        string fixedSource = await FixSharingAsync("""
            static class Render
            {
                public static void All(int[] blocks)
                {
                    Stretcher stretcher = new(2, 44100f);
                    blocks.AsParallel().ForAll(block =>
                    {
                        stretcher.Process(block);
                    });
                }
            }
            """, SharedAcrossThreadsCodeFixProvider.MoveCreationKey);
        Assert.Equal("""
            static class Render
            {
                public static void All(int[] blocks)
                {
                    blocks.AsParallel().ForAll(block =>
                    {
                        using Stretcher stretcher = new Stretcher(2, 44100f);
                        stretcher.Process(block);
                    });
                }
            }
            """, fixedSource);
    }

    [Fact]
    public async Task Creation_moves_into_a_local_function()
    {
        string fixedSource = await FixSharingAsync("""
            static class Render
            {
                public static void All(int blocks)
                {
                    var stretcher = new Stretcher();
                    Parallel.For(0, blocks, RenderBlock);

                    void RenderBlock(int block) => stretcher.Process(block);
                }
            }
            """, SharedAcrossThreadsCodeFixProvider.MoveCreationKey);
        Assert.Equal("""
            static class Render
            {
                public static void All(int blocks)
                {
                    Parallel.For(0, blocks, RenderBlock);

                    void RenderBlock(int block)
                    {
                        using var stretcher = new Stretcher();
                        stretcher.Process(block);
                    }
                }
            }
            """, fixedSource);
    }

    [Fact]
    public async Task A_non_disposable_instance_moves_without_using()
    {
        string fixedSource = await FixSharingAsync("""
            static class Render
            {
                public static void All(int blocks)
                {
                    var fast = new FastStretcher();
                    Parallel.For(0, blocks, i => { fast.Process(i); });
                }
            }
            """, SharedAcrossThreadsCodeFixProvider.MoveCreationKey);
        Assert.Equal("""
            static class Render
            {
                public static void All(int blocks)
                {
                    Parallel.For(0, blocks, i => { var fast = new FastStretcher(); fast.Process(i); });
                }
            }
            """, fixedSource);
    }

    // ---- SB1001: localInit / localFinally ----

    [Fact]
    public async Task Parallel_for_switches_to_local_init()
    {
        string fixedSource = await FixSharingAsync("""
            static class Render
            {
                public static void All(int blocks)
                {
                    using var stretcher = new Stretcher(2, 48000f);
                    Parallel.For(0, blocks, i => stretcher.Process(i));
                }
            }
            """, SharedAcrossThreadsCodeFixProvider.LocalInitKey);
        Assert.Equal("""
            static class Render
            {
                public static void All(int blocks)
                {
                    Parallel.For(0, blocks, () => new Stretcher(2, 48000f), (i, loopState, stretcher) =>
                    {
                        stretcher.Process(i);
                        return stretcher;
                    }, stretcher => stretcher.Dispose());
                }
            }
            """, fixedSource);
    }

    [Fact]
    public async Task Parallel_foreach_with_loop_state_and_early_returns_switches_to_local_init()
    {
        string fixedSource = await FixSharingAsync("""
            static class Render
            {
                public static void All(IEnumerable<int> blocks, ParallelOptions options)
                {
                    var stretcher = new Stretcher();
                    Parallel.ForEach(blocks, options, (block, state) =>
                    {
                        if (block < 0)
                        {
                            state.Stop();
                            return;
                        }

                        stretcher.Process(block);
                    });
                }
            }
            """, SharedAcrossThreadsCodeFixProvider.LocalInitKey);
        Assert.Equal("""
            static class Render
            {
                public static void All(IEnumerable<int> blocks, ParallelOptions options)
                {
                    Parallel.ForEach(blocks, options, () => new Stretcher(), (block, state, stretcher) =>
                    {
                        if (block < 0)
                        {
                            state.Stop();
                            return stretcher;
                        }

                        stretcher.Process(block);
                        return stretcher;
                    }, stretcher => stretcher.Dispose());
                }
            }
            """, fixedSource);
    }

    [Fact]
    public async Task Local_init_is_offered_only_for_parallel_loops_and_move_only_for_locals_used_nowhere_else()
    {
        List<CodeAction> forTask = await OfferedForSharingAsync("""
            static class Render
            {
                public static Task StartAsync()
                {
                    using var stretcher = new Stretcher();
                    return Task.Run(() => stretcher.Process(1));
                }
            }
            """);
        Assert.Equal([SharedAcrossThreadsCodeFixProvider.MoveCreationKey], forTask.Select(a => a.EquivalenceKey));

        List<CodeAction> usedAfter = await OfferedForSharingAsync("""
            static class Render
            {
                public static void All(int blocks)
                {
                    var stretcher = new Stretcher();
                    Parallel.For(0, blocks, i => stretcher.Process(i));
                    stretcher.Reset();
                }
            }
            """);
        Assert.Empty(usedAfter);

        List<CodeAction> field = await OfferedForSharingAsync("""
            sealed class Renderer
            {
                private readonly Stretcher _stretcher = new();
                public void All(int blocks) => Parallel.For(0, blocks, i => _stretcher.Process(i));
            }
            """);
        Assert.Empty(field);

        List<CodeAction> shadowed = await OfferedForSharingAsync("""
            static class Render
            {
                public static void All(int i)
                {
                    var stretcher = new Stretcher(i, 48000f);
                    Parallel.For(0, 8, i => stretcher.Process(i));
                }
            }
            """);
        Assert.Empty(shadowed);
    }

    // ---- SB1003 / SB1004 ----

    [Fact]
    public async Task An_unsafe_attribute_is_removed_from_a_shared_list()
    {
        string fixedSource = await FixGCTransitionAsync("""
            static class Native
            {
                [DllImport("stretch"), SuppressGCTransition]
                public static extern int stretch_process(IntPtr s, int frames);
            }
            """, "SB1003", GCTransitionCodeFixProvider.RemoveKey);
        Assert.Equal("""
            static class Native
            {
                [DllImport("stretch")]
                public static extern int stretch_process(IntPtr s, int frames);
            }
            """, fixedSource);
    }

    [Fact]
    public async Task An_unsafe_attribute_on_its_own_line_is_removed_with_its_line()
    {
        string fixedSource = await FixGCTransitionAsync("""
            static class Native
            {
                [DllImport("stretch")]
                [SuppressGCTransition]
                public static extern int stretch_flush(IntPtr s);
            }
            """, "SB1003", GCTransitionCodeFixProvider.RemoveKey);
        Assert.Equal("""
            static class Native
            {
                [DllImport("stretch")]
                public static extern int stretch_flush(IntPtr s);
            }
            """, fixedSource);
    }

    [Fact]
    public async Task Short_call_is_removed_from_a_native_kernel()
    {
        string fixedSource = await FixGCTransitionAsync("""
            static partial class Kernels
            {
                [NativeKernel("stretch", ShortCall = true)]
                public static partial int stretch_process(IntPtr s, int frames);

                [NativeKernel("libstretch.so.1", ShortCall = true)]
                public static partial int stretch_flush(IntPtr s);
            }
            """, "SB1003", GCTransitionCodeFixProvider.RemoveKey);
        Assert.Contains("[NativeKernel(\"stretch\")]\n    public static partial int stretch_process", fixedSource);

        string second = await FixGCTransitionAsync(fixedSource, "SB1003", GCTransitionCodeFixProvider.RemoveKey);
        Assert.Contains("[NativeKernel(\"libstretch.so.1\")]\n    public static partial int stretch_flush", second);
    }

    [Fact]
    public async Task The_attribute_is_added_to_a_short_call()
    {
        string fixedSource = await FixGCTransitionAsync("""
            static partial class Native
            {
                [DllImport("stretch")]
                public static extern void stretch_reset(IntPtr s);

                [LibraryImport("stretch", EntryPoint = "stretch_channels")]
                public static partial int Channels(IntPtr s);
            }
            """, "SB1004", GCTransitionCodeFixProvider.AddKey);
        Assert.Contains("[DllImport(\"stretch\"), SuppressGCTransition]\n    public static extern void stretch_reset", fixedSource);

        string second = await FixGCTransitionAsync(fixedSource, "SB1004", GCTransitionCodeFixProvider.AddKey);
        Assert.Contains("[LibraryImport(\"stretch\", EntryPoint = \"stretch_channels\"), SuppressGCTransition]", second);
    }
}
