using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using StretchBindings.Analyzers.Tests.Infrastructure;

namespace StretchBindings.Analyzers.Tests;

/// <summary>
/// SB1001 for callbacks that run later on another thread (continuations, cancellation callbacks, registered waits,
/// I/O completions), for delegates that reach the instance through methods of their own type, and for delegates
/// kept in fields that are not readonly.
/// </summary>
public sealed class SharedAcrossThreadsCallbackTests
{
    private static Task<ImmutableArray<Diagnostic>> VerifyAsync(string source) =>
        AnalyzerHarness.VerifyAsync(new SharedAcrossThreadsAnalyzer(), source);

    private static async Task<ImmutableArray<Diagnostic>> VerifyWithAsync(string otherFile, string source)
    {
        var setup = new SnippetSetup([(SupportSource.Path, SupportSource.Text), ("Other.cs", otherFile)], OutputKind.DynamicallyLinkedLibrary);
        var test = new SnippetTest(new SharedAcrossThreadsAnalyzer(), provider: null, setup, source, []);
        await test.RunAsync();
        return test.Diagnostics;
    }

    // ---- calls into methods of the same type ----

    [Fact]
    public async Task A_thread_whose_lambda_calls_a_method_that_uses_the_field()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync("""
            sealed class Player
            {
                private readonly Stretcher _stretcher = new();

                public void Start()
                {
                    new Thread(() => {|SB1001:Loop()|}).Start();
                    _stretcher.Reset();
                }

                private void Loop()
                {
                    while (true) { _stretcher.Process(1); }
                }
            }
            """);
        Assert.Contains("'_stretcher'", Assert.Single(diagnostics).GetMessage());
    }

    [Fact]
    public async Task A_task_whose_lambda_reaches_the_field_two_calls_deep()
    {
        await VerifyAsync("""
            sealed class Player
            {
                private Stretcher Engine { get; } = new();

                public void Start()
                {
                    Task.Run(() => {|SB1001:Work(2)|});
                    Engine.Reset();
                }

                private void Work(int blocks) { for (int i = 0; i < blocks; i++) { Render(i); } }

                private void Render(int block) => Engine.Process(block);
            }
            """);
    }

    [Fact]
    public async Task A_thread_joined_before_the_field_is_used_again_is_fine()
    {
        await VerifyAsync("""
            sealed class Player
            {
                private readonly Stretcher _stretcher = new();

                public void Run()
                {
                    var worker = new Thread(() => Loop());
                    worker.Start();
                    worker.Join();
                    _stretcher.Reset();
                }

                private void Loop() => _stretcher.Process(1);
            }
            """);
    }

    [Fact]
    public async Task A_single_consumer_loop_started_once_is_fine()
    {
        await VerifyAsync("""
            sealed class Consumer
            {
                private readonly Stretcher _stretcher = new();
                private readonly System.Collections.Concurrent.BlockingCollection<int> _blocks = new();

                public void Start() => new Thread(() => Drain()) { IsBackground = true }.Start();

                public void Post(int block) => _blocks.Add(block);

                private void Drain()
                {
                    foreach (int block in _blocks.GetConsumingEnumerable()) { _stretcher.Process(block); }
                }
            }
            """);
    }

    [Fact]
    public async Task A_called_method_that_only_uses_its_own_instance_is_fine()
    {
        await VerifyAsync("""
            sealed class Player
            {
                private readonly Stretcher _stretcher = new();

                public void Start()
                {
                    Task.Run(() => Work());
                    _stretcher.Reset();
                }

                private static void Work()
                {
                    using var own = new Stretcher();
                    own.Process(1);
                }
            }
            """);
    }

    [Fact]
    public async Task A_lambda_calling_a_method_of_another_part_of_a_partial_class()
    {
        await VerifyWithAsync(
            """
            partial class Player
            {
                private void Loop() => _stretcher.Process(1);
            }
            """,
            """
            partial class Player
            {
                private readonly Stretcher _stretcher = new();

                public void Start()
                {
                    new Thread(() => {|SB1001:Loop()|}).Start();
                    _stretcher.Reset();
                }
            }
            """);
    }

    [Fact]
    public async Task A_method_group_declared_in_another_file_is_reported_where_it_is_handed_over()
    {
        await VerifyWithAsync(
            """
            partial class Player
            {
                private void Background() => _stretcher.Process(1);
            }
            """,
            """
            partial class Player
            {
                private readonly Stretcher _stretcher = new();

                public void Start()
                {
                    {|SB1001:Task.Run(Background)|};
                    _stretcher.Reset();
                }
            }
            """);
    }

    [Fact]
    public async Task A_method_group_of_another_file_awaited_first_is_fine()
    {
        await VerifyWithAsync(
            """
            partial class Player
            {
                private void Background() => _stretcher.Process(1);
            }
            """,
            """
            partial class Player
            {
                private readonly Stretcher _stretcher = new();

                public async Task StartAsync()
                {
                    await Task.Run(Background);
                    _stretcher.Reset();
                }
            }
            """);
    }

    // ---- delegates kept in fields that are not readonly ----

    [Fact]
    public async Task A_delegate_field_assigned_once_in_a_method()
    {
        await VerifyAsync("""
            sealed class Player
            {
                private readonly Stretcher _stretcher = new();
                private Action? _work;

                public void Configure() => _work = () => {|SB1001:_stretcher|}.Process(1);

                public void Start()
                {
                    Task.Run(_work!);
                    _stretcher.Reset();
                }
            }
            """);
    }

    [Fact]
    public async Task A_delegate_field_assigned_in_several_places_counts_every_value()
    {
        await VerifyAsync("""
            sealed class Player
            {
                private readonly Stretcher _stretcher = new();
                private readonly Meter _meter = new();
                private Action _work = () => { };

                public void Loud() => _work = () => _meter.Add(1);

                public void Quiet() => _work = () => {|SB1001:_stretcher|}.Reset();

                public void Clear() => _work = null!;

                public void Start()
                {
                    Task.Run(_work);
                    _stretcher.Process(1);
                }
            }
            """);
    }

    [Fact]
    public async Task A_delegate_field_whose_values_use_no_shared_instance_is_fine()
    {
        await VerifyAsync("""
            sealed class Player
            {
                private readonly Stretcher _stretcher = new();
                private Action _work = () => { };

                public void Configure() => _work = () => { using var own = new Stretcher(); own.Process(1); };

                public void Start()
                {
                    Task.Run(_work);
                    _stretcher.Process(1);
                }
            }
            """);
    }

    // ---- callbacks ----

    [Fact]
    public async Task A_continuation_that_uses_the_instance_while_the_caller_goes_on()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync("""
            sealed class Player
            {
                private readonly Stretcher _stretcher = new();

                public void Start(Task loaded)
                {
                    loaded.ContinueWith(_ => {|SB1001:_stretcher|}.Process(1));
                    _stretcher.Reset();
                }
            }
            """);
        Assert.Contains("'Task.ContinueWith'", Assert.Single(diagnostics).GetMessage());
    }

    [Fact]
    public async Task A_continuation_awaited_before_the_next_use_is_fine()
    {
        await VerifyAsync("""
            sealed class Player
            {
                private readonly Stretcher _stretcher = new();

                public async Task StartAsync(Task loaded)
                {
                    await loaded.ContinueWith(_ => _stretcher.Process(1));
                    _stretcher.Reset();
                }
            }
            """);
    }

    [Fact]
    public async Task A_cancellation_callback_runs_on_the_thread_that_cancels()
    {
        await VerifyAsync("""
            sealed class Player
            {
                private readonly Stretcher _stretcher = new();

                public void Play(CancellationToken token)
                {
                    token.Register(() => {|SB1001:_stretcher|}.Reset());
                    while (!token.IsCancellationRequested) { _stretcher.Process(1); }
                }
            }
            """);
    }

    [Fact]
    public async Task A_cancellation_callback_with_its_own_instance_is_fine()
    {
        await VerifyAsync("""
            sealed class Player
            {
                private readonly Stretcher _stretcher = new();

                public void Play(CancellationToken token)
                {
                    token.Register(() => { using var flush = new Stretcher(); flush.Reset(); });
                    while (!token.IsCancellationRequested) { _stretcher.Process(1); }
                }
            }
            """);
    }

    [Fact]
    public async Task A_wait_registered_with_the_thread_pool()
    {
        await VerifyAsync("""
            sealed class Player
            {
                private readonly Stretcher _stretcher = new();

                public void Start(WaitHandle ready)
                {
                    ThreadPool.RegisterWaitForSingleObject(ready, (state, timedOut) => {|SB1001:_stretcher|}.Process(1), null, -1, true);
                    _stretcher.Reset();
                }
            }
            """);
    }

    [Fact]
    public async Task A_stream_read_completion_callback()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync("""
            sealed class Player
            {
                private readonly Stretcher _stretcher = new();
                private readonly byte[] _buffer = new byte[4096];

                public void Start(System.IO.Stream input)
                {
                    input.BeginRead(_buffer, 0, _buffer.Length, result => {|SB1001:_stretcher|}.Process(input.EndRead(result)), null);
                    _stretcher.Reset();
                }
            }
            """);
        Assert.Contains("'Stream.BeginRead'", Assert.Single(diagnostics).GetMessage());
    }

    [Fact]
    public async Task A_socket_completion_handler()
    {
        await VerifyAsync("""
            sealed class Session
            {
                private readonly Stretcher _stretcher = new();

                public void Start(System.Net.Sockets.Socket socket)
                {
                    var args = new System.Net.Sockets.SocketAsyncEventArgs();
                    args.Completed += (sender, e) => {|SB1001:_stretcher|}.Process(e.BytesTransferred);
                    socket.ReceiveAsync(args);
                    _stretcher.Reset();
                }
            }
            """);
    }

    [Fact]
    public async Task A_begin_method_without_an_async_callback_is_not_a_launch()
    {
        await VerifyAsync("""
            sealed class Player
            {
                private readonly Stretcher _stretcher = new();

                public void Start()
                {
                    BeginScope(() => _stretcher.Process(1));
                    _stretcher.Reset();
                }

                private static void BeginScope(Action action) => action();
            }
            """);
    }
}
