using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using StretchBindings.Analyzers.Tests.Infrastructure;

namespace StretchBindings.Analyzers.Tests;

/// <summary>SB1001 for work started through a delegate field, and for async void methods that leave the caller's context.</summary>
public sealed class SharedAcrossThreadsFieldShapeTests
{
    private static Task<ImmutableArray<Diagnostic>> VerifyAsync(string source) =>
        AnalyzerHarness.VerifyAsync(new SharedAcrossThreadsAnalyzer(), source);

    // ---- delegate fields ----

    [Fact]
    public async Task A_readonly_delegate_field_given_to_task_run()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync("""
            sealed class Renderer
            {
                private readonly Stretcher _stretcher = new();
                private readonly Action _render;

                public Renderer() => _render = () => {|SB1001:_stretcher|}.Process(1);

                public async Task TwiceAsync()
                {
                    Task background = Task.Run(_render);
                    _stretcher.Process(2);
                    await background;
                }
            }
            """);
        Assert.Contains("'Task.Run' uses it on another thread while the code that started it uses it again", Assert.Single(diagnostics).GetMessage());
    }

    [Fact]
    public async Task A_delegate_field_initialised_with_a_method_group_in_a_parallel_loop()
    {
        await VerifyAsync("""
            sealed class Renderer
            {
                private readonly Stretcher _stretcher = new();
                private readonly Action<int> _renderOne;

                public Renderer() => _renderOne = RenderOne;

                public void RenderAll(int blocks) => Parallel.For(0, blocks, _renderOne);

                private void RenderOne(int block) => {|SB1001:_stretcher|}.Process(block);
            }
            """);
    }

    [Fact]
    public async Task A_delegate_field_whose_work_is_awaited_first_is_fine()
    {
        await VerifyAsync("""
            sealed class Renderer
            {
                private readonly Stretcher _stretcher = new();
                private readonly Action _render;

                public Renderer() => _render = () => _stretcher.Process(1);

                public async Task TwiceAsync()
                {
                    await Task.Run(_render);
                    _stretcher.Process(2);
                }
            }
            """);
    }

    [Fact]
    public async Task A_delegate_field_given_its_value_twice_is_not_followed()
    {
        await VerifyAsync("""
            sealed class Renderer
            {
                private readonly Stretcher _stretcher = new();
                private readonly Action _render = () => { };

                public Renderer(bool loud)
                {
                    if (loud) { _render = () => _stretcher.Process(1); }
                }

                public async Task TwiceAsync()
                {
                    Task background = Task.Run(_render);
                    _stretcher.Process(2);
                    await background;
                }
            }
            """);
    }

    [Fact]
    public async Task A_delegate_field_that_can_change_is_followed_to_each_value()
    {
        // Either value may be the one Task.Run gets; the constructor's uses the instance.
        await VerifyAsync("""
            sealed class Renderer
            {
                private readonly Stretcher _stretcher = new();
                private Action _render;

                public Renderer() => _render = () => {|SB1001:_stretcher|}.Process(1);

                public void Quiet() => _render = () => { };

                public async Task TwiceAsync()
                {
                    Task background = Task.Run(_render);
                    _stretcher.Process(2);
                    await background;
                }
            }
            """);
    }

    [Fact]
    public async Task A_delegate_field_combined_with_plus_equals_is_followed_to_each_delegate_combined()
    {
        // Both combined delegates run when Task.Run invokes the field; the second uses the instance.
        await VerifyAsync("""
            sealed class Renderer
            {
                private readonly Stretcher _stretcher = new();
                private Action? _render;

                public Renderer()
                {
                    _render += () => Console.WriteLine("start");
                    _render += () => {|SB1001:_stretcher|}.Process(1);
                }

                public async Task RenderAsync()
                {
                    Task background = Task.Run(_render!);
                    _stretcher.Process(2);
                    await background;
                }
            }
            """);
    }

    [Fact]
    public async Task A_combined_delegate_field_whose_work_is_awaited_first_is_fine()
    {
        await VerifyAsync("""
            sealed class Renderer
            {
                private readonly Stretcher _stretcher = new();
                private Action? _render;

                public void Add() => _render += () => _stretcher.Process(1);

                public void Remove() => _render -= Quiet;

                private void Quiet() { }

                public async Task RenderAsync()
                {
                    await Task.Run(_render!);
                    _stretcher.Process(2);
                }
            }
            """);
    }

    [Fact]
    public async Task Malformed_combining_assignments_do_not_throw()
    {
        Microsoft.CodeAnalysis.CSharp.CSharpCompilation compilation = AnalyzerHarness.Compile("""
            sealed class Renderer
            {
                private readonly Stretcher _stretcher = new();
                private Action? _render;

                public void Add() { _render += ; _render -= () => ; _render *= 2; _render += Missing; }

                public void Run() { Task.Run(_render); _stretcher.Process( }
            }
            """);
        Assert.NotEmpty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        await AnalyzerHarness.RunAsync(new SharedAcrossThreadsAnalyzer(), compilation);
    }

    // ---- async void ----

    [Fact]
    public async Task An_async_void_handler_that_goes_on_on_the_thread_pool()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync("""
            sealed class Player
            {
                private readonly Stretcher _stretcher = new();

                public async void OnBlockReady(object? sender, EventArgs e)
                {
                    await Task.Delay(1).ConfigureAwait(false);
                    {|SB1001:_stretcher|}.Process(1);
                    _stretcher.Process(2);
                }
            }
            """);
        Diagnostic diagnostic = Assert.Single(diagnostics);
        Assert.Contains("the async void method 'OnBlockReady' uses it on the thread pool after 'ConfigureAwait(false)'", diagnostic.GetMessage());
        Assert.Single(diagnostic.AdditionalLocations);
    }

    [Fact]
    public async Task An_async_void_lambda_subscribed_to_an_event_that_leaves_the_context()
    {
        await VerifyAsync("""
            sealed class Player
            {
                private static readonly Stretcher s_stretcher = new();
                public event EventHandler? BlockReady;

                public void Listen() => BlockReady += async (sender, e) =>
                {
                    s_stretcher.Reset();
                    await Task.Yield();
                    await Task.Delay(1).ConfigureAwait(false);
                    {|SB1001:s_stretcher|}.Process(1);
                };
            }
            """);
    }

    [Fact]
    public async Task An_async_void_handler_that_resumes_on_its_callers_context_is_fine()
    {
        await VerifyAsync("""
            sealed class Player
            {
                private readonly Stretcher _stretcher = new();

                public async void OnClick(object? sender, EventArgs e)
                {
                    await Task.Delay(1);
                    _stretcher.Process(1);
                }
            }
            """);
    }

    [Fact]
    public async Task An_async_void_handler_with_its_own_instance_or_a_lock_is_fine()
    {
        await VerifyAsync("""
            sealed class Player
            {
                private readonly object _gate = new();
                private readonly Stretcher _stretcher = new();

                public async void OnBlockReady(object? sender, EventArgs e)
                {
                    lock (_gate) { _stretcher.Reset(); }
                    await Task.Delay(1).ConfigureAwait(false);
                    using var mine = new Stretcher();
                    mine.Process(1);
                    lock (_gate) { _stretcher.Process(1); }
                }
            }
            """);
    }

    [Fact]
    public async Task An_async_task_method_is_awaited_by_its_caller_and_not_reported_here()
    {
        await VerifyAsync("""
            sealed class Player
            {
                private readonly Stretcher _stretcher = new();

                public async Task RenderAsync()
                {
                    await Task.Delay(1).ConfigureAwait(false);
                    _stretcher.Process(1);
                }
            }
            """);
    }
}
