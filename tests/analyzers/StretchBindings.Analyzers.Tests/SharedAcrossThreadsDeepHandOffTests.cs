using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using StretchBindings.Analyzers.Tests.Infrastructure;

namespace StretchBindings.Analyzers.Tests;

/// <summary>
/// SB1001 through hand-offs the first round did not follow: an instance passed on through several calls, to a virtual
/// or interface method whose implementation is known at the call, or to a method that starts the work inside a lambda
/// or local function of its own.
/// </summary>
public sealed class SharedAcrossThreadsDeepHandOffTests
{
    private static Task<ImmutableArray<Diagnostic>> VerifyAsync(string source) =>
        AnalyzerHarness.VerifyAsync(new SharedAcrossThreadsAnalyzer(), source);

    [Fact]
    public async Task An_instance_passed_on_through_two_methods_to_one_that_starts_a_task()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync("""
            static class Worker
            {
                public static Task Start(Stretcher stretcher) => Task.Run(() => stretcher.Process(1));
            }

            static class Relay
            {
                public static void Forward(Stretcher stretcher, int channel)
                {
                    if (channel > 0)
                    {
                        Worker.Start(stretcher);
                    }
                }
            }

            sealed class Host
            {
                public void Run(Stretcher stretcher)
                {
                    Relay.Forward({|SB1001:stretcher|}, 2);
                    stretcher.Reset();
                }
            }
            """);
        Assert.Contains("'Task.Run in Worker.Start in Relay.Forward'", Assert.Single(diagnostics).GetMessage());
    }

    [Fact]
    public async Task An_instance_passed_on_through_three_methods_of_different_objects()
    {
        await VerifyAsync("""
            sealed class Pump
            {
                public void Begin(Stretcher stretcher) => new Thread(() => stretcher.Process(1)).Start();
            }

            sealed class Mixer
            {
                private readonly Pump _pump = new();
                public void Add(Stretcher stretcher) => _pump.Begin(stretcher);
            }

            sealed class Deck
            {
                private readonly Mixer _mixer = new();
                public void Load(Stretcher stretcher) => _mixer.Add(stretcher);
            }

            sealed class Host
            {
                private readonly Deck _deck = new();

                public void Run()
                {
                    var stretcher = new Stretcher();
                    _deck.Load({|SB1001:stretcher|});
                    stretcher.Process(2);
                }
            }
            """);
    }

    [Fact]
    public async Task A_middle_method_that_waits_for_the_work_it_hands_on_is_fine()
    {
        await VerifyAsync("""
            static class Worker
            {
                public static Task Start(Stretcher stretcher) => Task.Run(() => stretcher.Process(1));
            }

            static class Relay
            {
                public static void RunNow(Stretcher stretcher) => Worker.Start(stretcher).Wait();

                public static async Task RunAsync(Stretcher stretcher) => await Worker.Start(stretcher);
            }

            sealed class Host
            {
                public async Task RunAsync(Stretcher stretcher)
                {
                    Relay.RunNow(stretcher);
                    stretcher.Reset();
                    await Relay.RunAsync(stretcher);
                    stretcher.Reset();
                }
            }
            """);
    }

    [Fact]
    public async Task A_chain_longer_than_three_calls_and_a_method_handing_to_itself_are_left_alone()
    {
        await VerifyAsync("""
            static class Chain
            {
                public static void A(Stretcher s) => B(s);
                public static void B(Stretcher s) => C(s);
                public static void C(Stretcher s) => D(s);
                public static void D(Stretcher s) => Task.Run(() => s.Process(1));

                public static void Loop(Stretcher s, int n)
                {
                    if (n > 0)
                    {
                        Loop(s, n - 1);
                    }
                }
            }

            sealed class Host
            {
                public void Run(Stretcher stretcher)
                {
                    Chain.A(stretcher);
                    Chain.Loop(stretcher, 3);
                    stretcher.Reset();
                }
            }
            """);
    }

    [Fact]
    public async Task An_override_in_a_sealed_class_and_an_interface_method_of_a_sealed_class()
    {
        await VerifyAsync("""
            abstract class PumpBase
            {
                public abstract void Begin(Stretcher stretcher);
            }

            sealed class ThreadPump : PumpBase
            {
                public override void Begin(Stretcher stretcher) => new Thread(() => stretcher.Process(1)).Start();
            }

            interface IWorker
            {
                void Start(Stretcher stretcher);
            }

            sealed class PoolWorker : IWorker
            {
                void IWorker.Start(Stretcher stretcher) => ThreadPool.QueueUserWorkItem(_ => stretcher.Reset());
            }

            sealed class Host
            {
                private readonly ThreadPump _pump = new();
                private readonly PoolWorker _worker = new();

                public void Run(Stretcher first, Stretcher second)
                {
                    _pump.Begin({|SB1001:first|});
                    first.Reset();
                    ((IWorker)_worker).Start({|SB1001:second|});
                    second.Process(2);
                }
            }
            """);
    }

    [Fact]
    public async Task A_virtual_method_called_on_an_object_created_in_the_call()
    {
        await VerifyAsync("""
            class Pump
            {
                public virtual void Begin(Stretcher stretcher) { }
            }

            class TaskPump : Pump
            {
                public override void Begin(Stretcher stretcher) => Task.Run(() => stretcher.Process(1));
            }

            sealed class Host
            {
                public void Run(Stretcher stretcher)
                {
                    new TaskPump().Begin({|SB1001:stretcher|});
                    stretcher.Reset();
                }
            }
            """);
    }

    [Fact]
    public async Task A_virtual_or_interface_method_whose_implementation_is_not_known_is_left_alone()
    {
        // Another override (or implementation) may run instead: the call names no single method body.
        await VerifyAsync("""
            class Pump
            {
                public virtual void Begin(Stretcher stretcher) => Task.Run(() => stretcher.Process(1));
            }

            interface IWorker
            {
                void Start(Stretcher stretcher);
            }

            sealed class PoolWorker : IWorker
            {
                public void Start(Stretcher stretcher) => ThreadPool.QueueUserWorkItem(_ => stretcher.Reset());
            }

            sealed class Host
            {
                public void Run(Pump pump, IWorker worker, Stretcher stretcher)
                {
                    pump.Begin(stretcher);
                    worker.Start(stretcher);
                    stretcher.Reset();
                }
            }
            """);
    }

    [Fact]
    public async Task Work_started_inside_a_lambda_or_a_local_function_of_the_method()
    {
        await VerifyAsync("""
            static class Worker
            {
                public static void Queue(Stretcher stretcher)
                {
                    Action queue = () => ThreadPool.QueueUserWorkItem(_ => stretcher.Process(1));
                    queue();
                }

                public static void Later(Stretcher stretcher)
                {
                    Go();

                    void Go() => Task.Run(() => stretcher.Reset());
                }
            }

            sealed class Host
            {
                public void Run(Stretcher first, Stretcher second)
                {
                    Worker.Queue({|SB1001:first|});
                    first.Reset();
                    Worker.Later({|SB1001:second|});
                    second.Process(3);
                }
            }
            """);
    }

    [Fact]
    public async Task Work_a_lambda_of_the_method_waits_for_is_fine()
    {
        await VerifyAsync("""
            static class Worker
            {
                public static void PerBlock(Stretcher stretcher, List<int> blocks) =>
                    blocks.ForEach(block => Task.Run(() => stretcher.Process(block)).Wait());
            }

            sealed class Host
            {
                public void Run(Stretcher stretcher)
                {
                    Worker.PerBlock(stretcher, new List<int> { 1, 2 });
                    stretcher.Reset();
                }
            }
            """);
    }

    [Fact]
    public async Task An_instance_passed_as_an_extensions_receiver_and_by_name_to_one_that_starts_a_task()
    {
        // The method that starts the work is reached only through names the text of each body writes: the receiver of
        // an extension, and an argument written `stretcher: …` out of order.
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync("""
            static class Playback
            {
                public static void Queue(this Stretcher stretcher, int block) => Worker.Start(block: block, stretcher: stretcher);
            }

            static class Worker
            {
                public static Task Start(int block, Stretcher stretcher) => Task.Run(() => stretcher.Process(block));
            }

            sealed class Host
            {
                public void Run(Stretcher stretcher)
                {
                    {|SB1001:stretcher|}.Queue(2);
                    stretcher.Reset();
                }
            }
            """);
        Assert.Contains("'Task.Run in Worker.Start in Playback.Queue'", Assert.Single(diagnostics).GetMessage());
    }

    [Fact]
    public async Task An_instance_passed_down_helpers_that_only_use_it_is_fine()
    {
        await VerifyAsync("""
            static class Render
            {
                public static void Layout(Stretcher stretcher, int block) => Line(stretcher, block + 1);
                private static void Line(Stretcher stretcher, int block) => stretcher.Process(block);
            }

            sealed class Host
            {
                public void Run(Stretcher stretcher)
                {
                    Render.Layout(stretcher, 2);
                    stretcher.Reset();
                }
            }
            """);
    }
}
