using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StretchBindings.Analyzers.Tests.Infrastructure;

namespace StretchBindings.Analyzers.Tests;

/// <summary>
/// SB1002 on an object that starts its own thread, where the rule reads names instead of binding statements: the
/// start's receiver (a type, a field, a local), the methods a started delegate names, and the calls that lead back
/// to a use. Each shape has the case that must be reported beside the one a name alone would get wrong.
/// </summary>
public sealed class ReachableFromAnyThreadSelfStartedNamesTests
{
    private static Task<ImmutableArray<Diagnostic>> VerifyAsync(string source) =>
        AnalyzerHarness.VerifyAsync(new ReachableFromAnyThreadAnalyzer(), source);

    [Fact]
    public async Task A_start_through_a_factory_field_or_local_is_a_start()
    {
        await VerifyAsync("""
            sealed class FromField
            {
                private readonly TaskFactory _factory = new();
                private readonly Stretcher {|SB1002:_stretcher|} = new();

                public void Start() => _factory.StartNew(Drain);

                public void Flush() => _stretcher.Reset();

                private void Drain() => _stretcher.Process(256);
            }

            sealed class FromLocal
            {
                private readonly Stretcher {|SB1002:_stretcher|} = new();

                public void Start()
                {
                    TaskFactory factory = Task.Factory;
                    factory.StartNew(() => Drain());
                }

                public void Flush() => _stretcher.Reset();

                private void Drain() => _stretcher.Process(256);
            }
            """);
    }

    [Fact]
    public async Task A_call_named_like_a_start_on_another_type_is_not_one()
    {
        await VerifyAsync("""
            sealed class Runner
            {
                public void Run(Action work) => work();
                public void StartNew(Action work) => work();
            }

            sealed class Engine
            {
                private readonly Runner _runner = new();
                private readonly Stretcher _stretcher = new();

                public void Start()
                {
                    _runner.Run(() => Drain());
                    _runner.StartNew(Drain);
                }

                public void Flush() => _stretcher.Reset();

                private void Drain() => _stretcher.Process(256);
            }
            """);
    }

    [Fact]
    public async Task The_overload_a_started_lambda_calls_is_the_one_that_runs_there()
    {
        await VerifyAsync("""
            sealed class Uses
            {
                private readonly Stretcher {|SB1002:_stretcher|} = new();

                public void Start() => Task.Run(() => Step(256));

                public void Flush() => _stretcher.Reset();

                private void Step(int block) => _stretcher.Process(block);
                private void Step() { }
            }

            sealed class DoesNotUse
            {
                private readonly Stretcher _stretcher = new();

                public void Start() => Task.Run(() => Step());

                public void Flush() => _stretcher.Reset();

                private void Step(int block) => _stretcher.Process(block);
                private void Step() { }
            }
            """);
    }

    [Fact]
    public async Task A_local_function_of_the_member_name_is_what_the_lambda_calls()
    {
        await VerifyAsync("""
            sealed class Engine
            {
                private readonly Stretcher _stretcher = new();

                public void Start()
                {
                    Task.Run(() => Drain());

                    static void Drain() { }
                }

                public void Flush() => _stretcher.Reset();

                private void Drain() => _stretcher.Process(256);
            }
            """);
    }

    [Fact]
    public async Task A_caller_reaches_a_use_through_the_overload_its_arguments_pick()
    {
        await VerifyAsync("""
            sealed class Picks
            {
                private readonly Stretcher {|SB1002:_stretcher|} = new();

                public void Start() => new Thread(Loop).Start();

                public void Send(int block) => Push(block);

                private void Loop() => _stretcher.Reset();
                private void Push(int block) => _stretcher.Process(block);
                private void Push(int block, int count) { }
            }

            sealed class PicksTheOther
            {
                private readonly Stretcher _stretcher = new();

                public void Start() => new Thread(Loop).Start();

                public void Send(int block) => Push(block, 2);

                private void Loop() => _stretcher.Reset();
                private void Push(int block) => _stretcher.Process(block);
                private void Push(int block, int count) { }
            }
            """);
    }

    [Fact]
    public async Task A_delegate_local_named_like_the_member_is_not_a_call_of_it()
    {
        await VerifyAsync("""
            sealed class Engine
            {
                private readonly Stretcher _stretcher = new();

                public void Start() => new Thread(Loop).Start();

                public void Send()
                {
                    Action Push = () => { };
                    Push();
                }

                private void Loop() => _stretcher.Reset();
                private void Push() => _stretcher.Process(256);
            }
            """);
    }

    [Fact]
    public async Task A_timer_callback_and_an_elapsed_handler_run_on_the_thread_pool()
    {
        await VerifyAsync("""
            sealed class Ticker
            {
                private readonly Stretcher {|SB1002:_stretcher|} = new();
                private Timer? _timer;

                public void Start() => _timer = new Timer(Tick, null, 0, 100);

                public void Flush() => _stretcher.Reset();

                private void Tick(object? state) => _stretcher.Process(256);
            }

            sealed class Poller
            {
                private readonly Stretcher {|SB1002:_stretcher|} = new();
                private readonly System.Timers.Timer _timer = new(100);

                public Poller() => _timer.Elapsed += (sender, args) => _stretcher.Process(256);

                public void Flush() => _stretcher.Reset();
            }
            """);
    }

    [Fact]
    public async Task A_timer_of_another_kind_or_an_event_named_elapsed_is_not_a_start()
    {
        await VerifyAsync("""
            namespace Ui
            {
                // A timer that ticks on the thread that made it, as UI timers do.
                sealed class Timer
                {
                    public Timer(Action tick, int interval) { }
                }

                sealed class Clock
                {
                    public event EventHandler? Elapsed;
                    public void Raise() => Elapsed?.Invoke(this, EventArgs.Empty);
                }

                sealed class Watch
                {
                    private readonly Stretcher _stretcher = new();
                    private readonly Clock _clock = new();
                    private Timer? _timer;

                    public Watch() => _clock.Elapsed += (sender, args) => _stretcher.Process(256);

                    public void Start() => _timer = new Timer(Tick, 100);

                    public void Flush() => _stretcher.Reset();

                    private void Tick() => _stretcher.Process(256);
                }
            }
            """);
    }

    [Fact]
    public async Task A_call_a_base_class_overload_takes_is_not_the_types_method()
    {
        await VerifyAsync("""
            class Drainer
            {
                protected void Drain(int blocks) { }
            }

            sealed class Engine : Drainer
            {
                private readonly Stretcher _stretcher = new();

                public void Start() => Task.Run(() => Drain(1));

                public void Flush() => _stretcher.Reset();

                private void Drain() => _stretcher.Process(256);
            }
            """);
    }

    [Fact]
    public async Task Code_being_typed_does_not_stop_the_rule()
    {
        // A missing argument is a name with no text: searching for it must end.
        CSharpCompilation compilation = AnalyzerHarness.Compile("""
            sealed class Engine
            {
                private readonly Stretcher _stretcher = new();

                public void Start() => new Thread(, 0).Start();

                public void Flush() => _stretcher.Reset();

                private void Loop() => _stretcher.Process(256);
            }
            """);
        Assert.NotEmpty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Task<ImmutableArray<Diagnostic>> analysis = AnalyzerHarness.RunAsync(new ReachableFromAnyThreadAnalyzer(), compilation);
        Assert.Same(analysis, await Task.WhenAny(analysis, Task.Delay(TimeSpan.FromSeconds(60))));
        Assert.Empty(await analysis);
    }
}
