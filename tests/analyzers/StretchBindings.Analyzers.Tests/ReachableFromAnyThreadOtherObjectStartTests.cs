using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using StretchBindings.Analyzers.Tests.Infrastructure;

namespace StretchBindings.Analyzers.Tests;

/// <summary>
/// SB1002 on an object whose method other code starts on a thread (<c>new Thread(_engine.Run)</c>): that method runs
/// on the new thread while the object's other members run on their callers' threads, as when the object starts the
/// thread itself. Only an object held in a field or property counts: one made for the thread may be its alone.
/// </summary>
public sealed class ReachableFromAnyThreadOtherObjectStartTests
{
    private static Task<ImmutableArray<Diagnostic>> VerifyAsync(string source) =>
        AnalyzerHarness.VerifyAsync(new ReachableFromAnyThreadAnalyzer(), source);

    [Fact]
    public async Task A_method_another_type_starts_on_a_held_object_runs_beside_its_other_members()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync("""
            sealed class Engine
            {
                private readonly Stretcher {|SB1002:_stretcher|} = new();

                public void Run() => _stretcher.Process(256);

                public void Reset() => _stretcher.Reset();
            }

            sealed class Host
            {
                private readonly Engine _engine = new();

                public void Start() => new Thread(_engine.Run).Start();

                public void Reset() => _engine.Reset();
            }
            """);
        Assert.Equal(
            "'Engine._stretcher' holds a 'Stretcher', which is not thread-safe, where any thread can reach it, because 'Engine' runs "
            + "'Engine.Run' on a thread that 'Host.Start' starts, while 'Engine.Reset' can run on its callers' threads",
            Assert.Single(diagnostics).GetMessage());
    }

    [Fact]
    public async Task A_call_in_a_started_lambda_on_a_held_object_is_a_start_of_that_method()
    {
        await VerifyAsync("""
            sealed class Renderer
            {
                private readonly Stretcher {|SB1002:_stretcher|} = new();

                public void Render() => _stretcher.Process(256);

                public void Flush() => _stretcher.Reset();
            }

            sealed class Player
            {
                public Renderer Output { get; } = new();

                public void Play() => Task.Run(() => Output.Render());
            }
            """);
    }

    [Fact]
    public async Task An_object_made_for_the_thread_or_kept_in_a_local_is_not_shared_by_it()
    {
        await VerifyAsync("""
            sealed class Worker
            {
                private readonly Stretcher _stretcher = new();

                public void Run() => _stretcher.Process(256);

                public void Reset() => _stretcher.Reset();
            }

            sealed class Pool
            {
                // A field of the same name as the local: the local is what the thread is started on.
                private readonly Worker worker = new();

                public void Spawn()
                {
                    var worker = new Worker();
                    new Thread(worker.Run).Start();
                    Task.Run(() => new Worker().Run());
                }

                public void Reset() => this.worker.Reset();
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

                public void Run()
                {
                    lock (_gate) { _stretcher.Process(256); }
                }

                public void Reset()
                {
                    lock (_gate) { _stretcher.Reset(); }
                }
            }

            sealed class Host
            {
                private readonly Engine _engine = new();

                public void Start() => new Thread(_engine.Run).Start();
            }
            """);
    }

    [Fact]
    public async Task The_overload_a_started_call_picks_is_the_one_that_runs_there()
    {
        await VerifyAsync("""
            sealed class Uses
            {
                private readonly Stretcher {|SB1002:_stretcher|} = new();

                public void Render(int block) => _stretcher.Process(block);
                public void Render() { }
                public void Flush() => _stretcher.Reset();
            }

            sealed class DoesNotUse
            {
                private readonly Stretcher _stretcher = new();

                public void Render(int block) => _stretcher.Process(block);
                public void Render() { }
                public void Flush() => _stretcher.Reset();
            }

            sealed class Player
            {
                private readonly Uses _uses = new();
                private readonly DoesNotUse _other = new();

                public void Play()
                {
                    Task.Run(() => _uses.Render(256));
                    Task.Run(() => _other.Render());
                }
            }
            """);
    }

    [Fact]
    public async Task An_object_named_through_this_is_held_by_the_field()
    {
        await VerifyAsync("""
            sealed class Engine
            {
                private readonly Stretcher {|SB1002:_stretcher|} = new();

                public void Run() => _stretcher.Process(256);

                public void Reset() => _stretcher.Reset();
            }

            sealed class Host
            {
                private readonly Engine _engine = new();

                public void Start()
                {
                    var _engine = new Engine();
                    new Thread(this._engine.Run).Start();
                    _engine.Reset();
                }
            }
            """);
    }
}
