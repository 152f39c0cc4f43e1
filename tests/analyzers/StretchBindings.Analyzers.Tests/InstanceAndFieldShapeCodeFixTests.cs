using Microsoft.CodeAnalysis.CodeActions;
using StretchBindings.Analyzers.CodeFixes;
using StretchBindings.Analyzers.Tests.Infrastructure;

namespace StretchBindings.Analyzers.Tests;

/// <summary>
/// The fixes on the per-instance SB1002 and the field shapes of SB1001: a lock where the other uses hold one, and no
/// fix where moving a creation or taking a lock would not be the fix.
/// </summary>
public sealed class InstanceAndFieldShapeCodeFixTests
{
    [Fact]
    public async Task The_object_in_a_static_takes_the_lock_its_other_uses_hold()
    {
        string fixedSource = await CodeFixHarness.ApplyAsync(
            new ReachableFromAnyThreadAnalyzer(), new ReachableFromAnyThreadCodeFixProvider(), """
            sealed class Voice
            {
                private readonly object _gate = new();
                private readonly Stretcher _stretcher = new();
                public int Render(int block) { lock (_gate) { return _stretcher.Process(block); } }
                public void Reset() => _stretcher.Reset();
            }

            static class Player
            {
                private static readonly Voice s_voice = new();
                public static int Play(int block) => s_voice.Render(block);
                public static void Stop() => s_voice.Reset();
            }
            """, "SB1002", ReachableFromAnyThreadCodeFixProvider.TakeLockKey);
        Assert.Contains("""
                public void Reset()
                {
                    lock (_gate)
                    {
                        _stretcher.Reset();
                    }
                }
            """, fixedSource);
    }

    [Fact]
    public async Task No_lock_is_offered_for_the_object_in_a_static_where_no_use_holds_one()
    {
        (_, _, List<CodeAction> actions) = await CodeFixHarness.OfferedAsync(
            new ReachableFromAnyThreadAnalyzer(), new ReachableFromAnyThreadCodeFixProvider(), """
            sealed class Voice
            {
                private readonly Stretcher _stretcher = new();
                public int Render(int block) => _stretcher.Process(block);
            }

            static class Player
            {
                private static readonly Voice s_voice = new();
                public static int Play(int block) => s_voice.Render(block);
            }
            """, "SB1002");
        Assert.Empty(actions);
    }

    [Fact]
    public async Task A_field_used_by_an_async_void_method_gets_no_creation_move()
    {
        // The instance is the object's own state: creating it inside the method would lose it, so nothing is offered.
        (_, _, List<CodeAction> actions) = await CodeFixHarness.OfferedAsync(
            new SharedAcrossThreadsAnalyzer(), new SharedAcrossThreadsCodeFixProvider(), """
            sealed class Player
            {
                private readonly Stretcher _stretcher = new();

                public async void OnBlockReady(object? sender, EventArgs e)
                {
                    await Task.Delay(1).ConfigureAwait(false);
                    _stretcher.Process(1);
                }
            }
            """, "SB1001");
        Assert.Empty(actions);
    }

    [Fact]
    public async Task A_local_used_through_a_delegate_local_in_a_parallel_loop_is_created_per_call()
    {
        string fixedSource = await CodeFixHarness.ApplyAsync(
            new SharedAcrossThreadsAnalyzer(), new SharedAcrossThreadsCodeFixProvider(), """
            static class Render
            {
                public static void All(int blocks)
                {
                    var stretcher = new Stretcher();
                    Action<int> work = block => stretcher.Process(block);
                    Parallel.For(0, blocks, work);
                }
            }
            """, "SB1001", SharedAcrossThreadsCodeFixProvider.MoveCreationKey);
        // Created once, inside the delegate each call runs, and disposed there.
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(fixedSource, "new Stretcher\\(\\)"));
        Assert.Contains("using var stretcher = new Stretcher();", fixedSource);
        Assert.True(fixedSource.IndexOf("block =>", StringComparison.Ordinal) < fixedSource.IndexOf("using var stretcher", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_local_the_starting_code_uses_again_is_not_moved_into_the_delegate()
    {
        (_, _, List<CodeAction> actions) = await CodeFixHarness.OfferedAsync(
            new SharedAcrossThreadsAnalyzer(), new SharedAcrossThreadsCodeFixProvider(), """
            static class Render
            {
                public static async Task TwiceAsync()
                {
                    var stretcher = new Stretcher();
                    Action work = () => stretcher.Process(1);
                    Task background = Task.Run(work);
                    stretcher.Process(2);
                    await background;
                }
            }
            """, "SB1001");
        Assert.Empty(actions);
    }
}
