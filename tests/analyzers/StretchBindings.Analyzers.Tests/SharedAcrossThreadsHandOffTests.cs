using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using StretchBindings.Analyzers.CodeFixes;
using StretchBindings.Analyzers.Tests.Infrastructure;

namespace StretchBindings.Analyzers.Tests;

/// <summary>
/// SB1001 through a call into another type's method: the instance is handed to a method that starts work on another
/// thread with it and returns, and the caller goes on using it.
/// </summary>
public sealed class SharedAcrossThreadsHandOffTests
{
    private static Task<ImmutableArray<Diagnostic>> VerifyAsync(string source) =>
        AnalyzerHarness.VerifyAsync(new SharedAcrossThreadsAnalyzer(), source);

    [Fact]
    public async Task An_instance_handed_to_a_static_method_that_starts_a_task_with_it()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync("""
            static class Worker
            {
                public static Task Start(Stretcher stretcher) => Task.Run(() => stretcher.Process(1));
            }

            sealed class Host
            {
                public void Run()
                {
                    var stretcher = new Stretcher();
                    Worker.Start({|SB1001:stretcher|});
                    stretcher.Reset();
                }
            }
            """);
        Assert.Contains("'Task.Run in Worker.Start' uses it on another thread while the code that started it uses it again", Assert.Single(diagnostics).GetMessage());
    }

    [Fact]
    public async Task An_instance_handed_to_another_objects_method_that_starts_a_thread_with_it()
    {
        await VerifyAsync("""
            sealed class Pump
            {
                public void Begin(int channel, Stretcher stretcher)
                {
                    var thread = new Thread(() => stretcher.Process(channel));
                    thread.Start();
                }
            }

            sealed class Host
            {
                private readonly Pump _pump = new();

                public void Run(Stretcher stretcher)
                {
                    _pump.Begin(2, {|SB1001:stretcher|});
                    stretcher.Process(3);
                }
            }
            """);
    }

    [Fact]
    public async Task A_field_handed_to_a_method_that_queues_it_to_the_thread_pool()
    {
        await VerifyAsync("""
            static class Background
            {
                public static void Queue(Stretcher stretcher) =>
                    ThreadPool.QueueUserWorkItem(state => ((Stretcher)state!).Reset(), stretcher);
            }

            sealed class Host
            {
                private readonly Stretcher _stretcher = new();

                public int Run()
                {
                    Background.Queue({|SB1001:_stretcher|});
                    return _stretcher.Process(1);
                }
            }
            """);
    }

    [Fact]
    public async Task The_returned_work_awaited_before_the_next_use_is_fine()
    {
        await VerifyAsync("""
            static class Worker
            {
                public static Task Start(Stretcher stretcher) => Task.Run(() => stretcher.Process(1));
            }

            sealed class Host
            {
                public async Task RunAsync()
                {
                    var stretcher = new Stretcher();
                    await Worker.Start(stretcher);
                    stretcher.Reset();
                }
            }
            """);
    }

    [Fact]
    public async Task A_method_that_waits_for_its_own_work_before_returning_is_fine()
    {
        await VerifyAsync("""
            static class Worker
            {
                public static void RunNow(Stretcher stretcher)
                {
                    Task work = Task.Run(() => stretcher.Process(1));
                    work.Wait();
                }
            }

            sealed class Host
            {
                public void Run(Stretcher stretcher)
                {
                    Worker.RunNow(stretcher);
                    stretcher.Reset();
                }
            }
            """);
    }

    [Fact]
    public async Task A_method_whose_work_does_not_use_the_instance_is_fine()
    {
        await VerifyAsync("""
            static class Worker
            {
                public static Task Start(Stretcher stretcher, int[] blocks)
                {
                    stretcher.Reset();
                    return Task.Run(() => blocks.Length);
                }
            }

            sealed class Host
            {
                public void Run(Stretcher stretcher)
                {
                    Worker.Start(stretcher, new int[4]);
                    stretcher.Process(1);
                }
            }
            """);
    }

    [Fact]
    public async Task An_instance_the_caller_no_longer_uses_after_handing_it_over_is_fine()
    {
        await VerifyAsync("""
            static class Worker
            {
                public static Task Start(Stretcher stretcher) => Task.Run(() => stretcher.Process(1));
            }

            sealed class Host
            {
                public Task Run()
                {
                    var stretcher = new Stretcher();
                    stretcher.Reset();
                    return Worker.Start(stretcher);
                }
            }
            """);
    }

    [Fact]
    public async Task No_code_fix_is_offered_where_a_new_instance_in_the_delegate_would_still_be_handed_over()
    {
        (_, Diagnostic diagnostic, List<CodeAction> actions) = await CodeFixHarness.OfferedAsync(
            new SharedAcrossThreadsAnalyzer(), new SharedAcrossThreadsCodeFixProvider(), """
            static class Worker
            {
                public static void Start(Stretcher stretcher) => Task.Run(() => stretcher.Process(1));
            }

            sealed class Host
            {
                public void Run(Action<Action> schedule)
                {
                    var stretcher = new Stretcher();
                    schedule(() =>
                    {
                        Worker.Start(stretcher);
                        stretcher.Reset();
                    });
                }
            }
            """, "SB1001");
        Assert.Equal(DiagnosticIds.HandedOnLaunch, diagnostic.Properties[DiagnosticIds.LaunchKindProperty]);
        Assert.Empty(actions);
    }
}
