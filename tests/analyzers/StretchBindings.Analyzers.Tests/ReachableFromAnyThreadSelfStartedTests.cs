using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using StretchBindings.Analyzers.Tests.Infrastructure;

namespace StretchBindings.Analyzers.Tests;

/// <summary>
/// SB1002 on an object that starts a thread on its own code: the started member runs on that thread while the
/// object's other members run on their callers' threads, so a field both sides use is shared though no static
/// holds the object.
/// </summary>
public sealed class ReachableFromAnyThreadSelfStartedTests
{
    private static Task<ImmutableArray<Diagnostic>> VerifyAsync(string source) =>
        AnalyzerHarness.VerifyAsync(new ReachableFromAnyThreadAnalyzer(), source);

    [Fact]
    public async Task A_field_the_started_loop_and_a_public_method_both_use_is_reported_naming_both()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync("""
            sealed class Engine
            {
                private readonly Stretcher {|SB1002:_stretcher|} = new();
                private Thread? _loop;

                public void Start()
                {
                    _loop = new Thread(Run) { IsBackground = true };
                    _loop.Start();
                }

                public void Reset() => _stretcher.Reset();

                private void Run()
                {
                    while (true) { Step(); }
                }

                private void Step() => _stretcher.Process(256);
            }
            """);
        Assert.Equal(
            "'Engine._stretcher' holds a 'Stretcher', which is not thread-safe, where any thread can reach it, because 'Engine' runs "
            + "'Engine.Run' on a thread that 'Engine.Start' starts, while 'Engine.Reset' can run on its callers' threads",
            Assert.Single(diagnostics).GetMessage());
    }

    [Fact]
    public async Task A_delegate_local_a_task_and_a_work_item_are_starts_too()
    {
        await VerifyAsync("""
            sealed class Receiver
            {
                private readonly Stretcher {|SB1002:_stretcher|} = new();

                public void Open(bool native)
                {
                    ThreadStart receive = Receive;
                    if (native)
                    {
                        receive = ReceiveNative;
                    }

                    new Thread(receive).Start();
                }

                public int Send(int block) => _stretcher.Process(block);

                private void Receive() => _stretcher.Reset();
                private void ReceiveNative() { }
            }

            sealed class Pump
            {
                private readonly Stretcher {|SB1002:_stretcher|} = new();

                public void Start() => Task.Run(() => Drain());

                public void Flush() => _stretcher.Reset();

                private void Drain() => _stretcher.Process(64);
            }

            sealed class Queue
            {
                private readonly Stretcher {|SB1002:_stretcher|} = new();

                public void Post() => ThreadPool.QueueUserWorkItem(_ => Work());

                public float Ratio => _stretcher.TimeRatio;

                public void Set(float ratio) => _stretcher.TimeRatio = ratio;

                private void Work() => _stretcher.Process(32);
            }
            """);
    }

    [Fact]
    public async Task Uses_all_under_one_lock_are_not_reported()
    {
        await VerifyAsync("""
            sealed class Engine
            {
                private readonly object _gate = new();
                private readonly Stretcher _stretcher = new();

                public void Start() => new Thread(Run).Start();

                public void Reset()
                {
                    lock (_gate) { _stretcher.Reset(); }
                }

                private void Run()
                {
                    lock (_gate) { _stretcher.Process(256); }
                }
            }
            """);
    }

    [Fact]
    public async Task A_field_only_the_started_thread_uses_is_not_reported()
    {
        await VerifyAsync("""
            sealed class Engine
            {
                private readonly Stretcher _stretcher = new();
                private volatile float _ratio = 1f;

                public void Start() => new Thread(Run).Start();

                public void SetRatio(float ratio) => _ratio = ratio;

                private void Run()
                {
                    _stretcher.TimeRatio = _ratio;
                    _stretcher.Process(256);
                }
            }
            """);
    }

    [Fact]
    public async Task The_starting_method_and_a_method_that_waits_for_the_thread_are_not_callers_beside_it()
    {
        await VerifyAsync("""
            sealed class Engine
            {
                private readonly Stretcher _stretcher = new();
                private Thread? _loop;

                public void Start(float ratio)
                {
                    _stretcher.TimeRatio = ratio;
                    _loop = new Thread(Run);
                    _loop.Start();
                }

                public void Stop()
                {
                    _loop?.Join();
                    _stretcher.Reset();
                }

                private void Run() => _stretcher.Process(256);
            }
            """);
    }

    [Fact]
    public async Task A_helper_only_the_constructor_calls_runs_before_the_thread()
    {
        await VerifyAsync("""
            sealed class Engine
            {
                private readonly object _gate = new();
                private Stretcher _stretcher;

                public Engine() { Seed(); }

                public void Start() => new Thread(Run).Start();

                public void Reset() { lock (_gate) { _stretcher.Reset(); } }

                private void Seed() { _stretcher = new Stretcher(); _stretcher.Reset(); }

                private void Run() { lock (_gate) { _stretcher.Process(256); } }
            }
            """);
    }

    [Fact]
    public async Task A_thread_started_on_another_object_does_not_make_this_one_shared()
    {
        // Run is started on a new object, not on this one: without that distinction Run would be this object's
        // thread and Reset its callers' side.
        await VerifyAsync("""
            sealed class Engine
            {
                private readonly Stretcher _stretcher = new();

                public void Spawn() => new Thread(new Engine().Run).Start();

                public void Reset() => _stretcher.Reset();

                public void Run() => _stretcher.Process(256);
            }
            """);
    }

    [Fact]
    public async Task Handing_a_method_to_a_start_or_calling_it_in_the_started_lambda_is_no_call_from_the_starter()
    {
        // Restart calls Start, which names Run and Drain only for the new threads: neither runs on Restart's caller.
        await VerifyAsync("""
            sealed class Engine
            {
                private readonly Stretcher _stretcher = new();

                public void Restart() => Start();

                private void Start()
                {
                    new Thread(Run).Start();
                    Task.Run(() => Drain());
                }

                private void Run() => _stretcher.Process(256);
                private void Drain() => _stretcher.Reset();
            }
            """);
    }

    [Fact]
    public async Task An_explicit_interface_member_and_a_wait_on_other_work_are_callers_side()
    {
        await VerifyAsync("""
            sealed class Engine : IDisposable
            {
                private readonly Stretcher {|SB1002:_stretcher|} = new();
                private readonly Stretcher {|SB1002:_second|} = new();

                public void Start() => new Thread(Run).Start();

                void IDisposable.Dispose() => _stretcher.Reset();

                public void Flush()
                {
                    Task.Delay(1).Wait();
                    _second.Reset();
                }

                private void Run()
                {
                    _stretcher.Process(256);
                    _second.Process(256);
                }
            }
            """);
    }

    [Fact]
    public async Task A_listed_collection_the_loop_fills_and_a_public_method_reads_is_reported()
    {
        await ListedCollections.VerifyReachableAsync("""
            using System.Collections.Generic;

            sealed class Log
            {
                private readonly List<string> {|SB1002:_lines|} = new();

                public void Start() => new Thread(Collect).Start();

                public int Count() => _lines.Count;

                private void Collect()
                {
                    while (true) { _lines.Add("line"); }
                }
            }
            """);
    }

    [Fact]
    public async Task A_use_written_in_the_started_lambda_runs_on_the_started_thread()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync("""
            sealed class Pump
            {
                private readonly Stretcher {|SB1002:_stretcher|} = new();

                public void Start() => Task.Run(() =>
                {
                    while (true) { _stretcher.Process(256); }
                });

                public void Flush() => _stretcher.Reset();
            }
            """);
        Assert.Equal(
            "'Pump._stretcher' holds a 'Stretcher', which is not thread-safe, where any thread can reach it, because 'Pump' runs a "
            + "lambda of 'Pump.Start' on a thread that 'Pump.Start' starts, while 'Pump.Flush' can run on its callers' threads",
            Assert.Single(diagnostics).GetMessage());
    }

    [Fact]
    public async Task A_lock_around_the_start_does_not_hold_in_the_started_lambda()
    {
        await VerifyAsync("""
            sealed class LockedInside
            {
                private readonly object _gate = new();
                private readonly Stretcher _stretcher = new();

                public void Start() => new Thread(() => { lock (_gate) { _stretcher.Process(256); } }).Start();

                public void Flush()
                {
                    lock (_gate) { _stretcher.Reset(); }
                }
            }

            sealed class LockedOutside
            {
                private readonly object _gate = new();
                private readonly Stretcher {|SB1002:_stretcher|} = new();

                public void Start()
                {
                    lock (_gate) { ThreadPool.QueueUserWorkItem(_ => _stretcher.Process(256)); }
                }

                public void Flush()
                {
                    lock (_gate) { _stretcher.Reset(); }
                }
            }
            """);
    }

    [Fact]
    public async Task A_lambda_stored_for_later_is_not_a_start()
    {
        await VerifyAsync("""
            sealed class Deferred
            {
                private readonly Stretcher _stretcher = new();
                private Action? _drain;

                public void Start() => new Thread(Idle).Start();

                public void Prepare() => _drain = () => _stretcher.Process(256);

                public void Flush() => _stretcher.Reset();

                public void Drain() => _drain?.Invoke();

                private void Idle() { }
            }
            """);
    }
}
