using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StretchBindings.Analyzers.Tests.Infrastructure;

namespace StretchBindings.Analyzers.Tests;

/// <summary>
/// SB1002's one-thread rule for a dedicated thread started once: a long-running task, and a thread started by an
/// ordinary method that refuses a second start. A start that can repeat, or a task on the thread pool, is not one.
/// </summary>
public sealed class ReachableFromAnyThreadDedicatedThreadTests
{
    private static Task<ImmutableArray<Diagnostic>> VerifyAsync(string source) =>
        AnalyzerHarness.VerifyAsync(new ReachableFromAnyThreadAnalyzer(), source);

    [Fact]
    public async Task A_thread_started_by_a_method_that_refuses_a_second_start_is_one_thread()
    {
        await VerifyAsync("""
            static class Mixer
            {
                private static readonly Stretcher s_stretcher = new();
                private static Thread? s_consumer;

                public static void Start()
                {
                    if (s_consumer != null)
                    {
                        return;
                    }

                    s_consumer = new Thread(Drain) { IsBackground = true };
                    s_consumer.Start();
                }

                private static void Drain()
                {
                    while (true) { s_stretcher.Process(1); }
                }
            }
            """);
    }

    [Fact]
    public async Task A_thread_made_once_with_a_null_coalescing_assignment_is_one_thread()
    {
        await VerifyAsync("""
            static class Mixer
            {
                private static readonly Stretcher s_stretcher = new();
                private static Thread? s_consumer;

                public static void Start()
                {
                    s_consumer ??= new Thread(() => Drain());
                    s_consumer.Start();
                }

                private static void Drain()
                {
                    while (true) { s_stretcher.Process(1); }
                }
            }
            """);
    }

    [Fact]
    public async Task A_check_that_does_not_leave_the_method_is_no_guard()
    {
        await VerifyAsync("""
            static class Mixer
            {
                private static readonly Stretcher {|SB1002:s_stretcher|} = new();
                private static Thread? s_consumer;
                private static int s_restarts;

                public static void Start()
                {
                    if (s_consumer != null)
                    {
                        s_restarts++;
                    }

                    s_consumer = new Thread(Drain);
                    s_consumer.Start();
                }

                private static void Drain()
                {
                    while (true) { s_stretcher.Process(1); }
                }
            }
            """);
    }

    [Fact]
    public async Task A_guarded_start_inside_a_loop_is_not_one_thread()
    {
        await VerifyAsync("""
            static class Mixer
            {
                private static readonly Stretcher {|SB1002:s_stretcher|} = new();
                private static bool s_started;

                public static void Start(int count)
                {
                    if (s_started)
                    {
                        throw new InvalidOperationException();
                    }

                    s_started = true;
                    for (int i = 0; i < count; i++) { new Thread(Drain).Start(); }
                }

                private static void Drain()
                {
                    while (true) { s_stretcher.Process(1); }
                }
            }
            """);
    }

    [Fact]
    public async Task A_long_running_consumer_task_started_by_the_static_constructor_is_one_thread()
    {
        await VerifyAsync("""
            static class Mixer
            {
                private static readonly Stretcher s_stretcher = new();

                static Mixer() => Task.Factory.StartNew(Drain, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

                private static void Drain()
                {
                    while (true) { s_stretcher.Process(1); }
                }
            }
            """);
    }

    [Fact]
    public async Task A_long_running_task_created_and_then_started_is_one_thread()
    {
        await VerifyAsync("""
            static class Mixer
            {
                private static readonly Stretcher s_stretcher = new();

                static Mixer()
                {
                    var consumer = new Task(() => Drain(), TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach);
                    consumer.Start();
                }

                private static void Drain()
                {
                    while (true) { s_stretcher.Process(1); }
                }
            }
            """);
    }

    [Fact]
    public async Task A_task_on_the_thread_pool_is_not_a_dedicated_thread()
    {
        await VerifyAsync("""
            static class Mixer
            {
                private static readonly Stretcher {|SB1002:s_stretcher|} = new();

                static Mixer() => Task.Factory.StartNew(Drain, TaskCreationOptions.DenyChildAttach);

                private static void Drain()
                {
                    while (true) { s_stretcher.Process(1); }
                }
            }
            """);
    }

    [Fact]
    public async Task A_long_running_task_started_by_a_method_that_can_run_twice_is_reported()
    {
        await VerifyAsync("""
            static class Mixer
            {
                private static readonly Stretcher {|SB1002:s_stretcher|} = new();

                public static Task Start() => Task.Factory.StartNew(Drain, TaskCreationOptions.LongRunning);

                private static void Drain()
                {
                    while (true) { s_stretcher.Process(1); }
                }
            }
            """);
    }

    [Fact]
    public async Task Malformed_starts_and_guards_do_not_throw()
    {
        CSharpCompilation compilation = AnalyzerHarness.Compile("""
            static class Mixer
            {
                private static readonly Stretcher s_stretcher = new();
                private static Thread? s_consumer;

                static Mixer() => Task.Factory.StartNew(Drain, TaskCreationOptions.);

                public static void Start()
                {
                    if (s_consumer != ) return
                    s_consumer ??= new Thread(;
                    new Task(() => Drain(), (TaskCreationOptions)).Start();
                    Task.Factory.StartNew(, TaskCreationOptions.LongRunning);
                }

                public static async void OnTick(object sender, EventArgs e)
                {
                    await Task.Delay(1).ConfigureAwait(false;
                    s_stretcher.Process(1);
                }

                private static void Drain()
                {
                    while (true) { s_stretcher.Process(1); Task.Run(() => s_stretcher.Process( }
                }
            }
            """);
        Assert.NotEmpty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        await AnalyzerHarness.RunAsync(new ReachableFromAnyThreadAnalyzer(), compilation);
        await AnalyzerHarness.RunAsync(new SharedAcrossThreadsAnalyzer(), compilation);
    }
}
