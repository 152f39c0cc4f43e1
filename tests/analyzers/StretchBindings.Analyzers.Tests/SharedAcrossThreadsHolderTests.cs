using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using StretchBindings.Analyzers.CodeFixes;
using StretchBindings.Analyzers.Tests.Infrastructure;

namespace StretchBindings.Analyzers.Tests;

/// <summary>
/// SB1001 for an instance reached through a field of a captured object (<c>engine.Stretcher</c>, <c>_engine.Stretcher</c>,
/// <c>_rig.Engine.Stretcher</c>), used by a task and by the code that started it: the two uses are of one instance when
/// they go through the same local, parameter or field and the same stored members.
/// </summary>
public sealed class SharedAcrossThreadsHolderTests
{
    private const string Engine = """
        public sealed class Engine
        {
            public Stretcher Stretcher { get; } = new();
            public readonly Stretcher Spare = new();
        }

        public sealed class Rig
        {
            public Engine Engine { get; set; } = new();
            public Engine Fresh => new();
        }

        """;

    private static Task<ImmutableArray<Diagnostic>> VerifyAsync(string source) =>
        AnalyzerHarness.VerifyAsync(new SharedAcrossThreadsAnalyzer(), Engine + source);

    [Fact]
    public async Task A_task_and_its_starter_use_the_same_captured_objects_field()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync("""
            static class Render
            {
                public static Task Start(Engine engine)
                {
                    Task work = Task.Run(() => {|SB1001:engine.Stretcher|}.Process(1));
                    engine.Stretcher.Reset();
                    return work;
                }

                public static void Spare()
                {
                    var engine = new Engine();
                    new Thread(() => {|SB1001:engine.Spare|}.Process(2)).Start();
                    engine.Spare.Process(3);
                }
            }
            """);
        Assert.Contains(diagnostics, d => d.GetMessage().StartsWith("'Stretcher' is a 'Stretcher'", StringComparison.Ordinal)
            && d.GetMessage().Contains("uses it again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_same_field_of_another_object_is_fine()
    {
        await VerifyAsync("""
            static class Render
            {
                public static Task Start(Engine engine, Engine other)
                {
                    Task work = Task.Run(() => engine.Stretcher.Process(1));
                    other.Stretcher.Reset();
                    return work;
                }
            }
            """);
    }

    [Fact]
    public async Task A_holder_given_another_object_before_the_next_use_is_fine()
    {
        await VerifyAsync("""
            static class Render
            {
                public static Task Start()
                {
                    var engine = new Engine();
                    var captured = engine;
                    Task work = Task.Run(() => captured.Stretcher.Process(1));
                    captured = new Engine();
                    captured.Stretcher.Reset();
                    return work;
                }
            }
            """);
    }

    [Fact]
    public async Task Waiting_for_the_task_first_and_a_task_per_element_are_fine()
    {
        await VerifyAsync("""
            static class Render
            {
                public static async Task StartAsync(Engine engine, Engine[] engines)
                {
                    await Task.Run(() => engine.Stretcher.Process(1));
                    engine.Stretcher.Reset();

                    var work = new List<Task>();
                    foreach (Engine each in engines)
                    {
                        work.Add(Task.Run(() => each.Stretcher.Process(2)));
                    }

                    await Task.WhenAll(work);
                }
            }
            """);
    }

    [Fact]
    public async Task The_same_field_started_again_on_each_pass_of_a_loop_is_reported()
    {
        await VerifyAsync("""
            static class Render
            {
                public static void Start(Engine engine, int blocks)
                {
                    for (int block = 0; block < blocks; block++)
                    {
                        int current = block;
                        Task.Run(() => {|SB1001:engine.Stretcher|}.Process(current));
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task A_task_and_its_starter_use_the_same_field_of_an_object_in_a_field()
    {
        await VerifyAsync("""
            sealed class Player
            {
                private readonly Engine _engine = new();
                private static readonly Engine Shared = new();

                public Task Start()
                {
                    Task work = Task.Run(() => {|SB1001:_engine.Stretcher|}.Process(1));
                    _engine.Stretcher.Reset();
                    return work;
                }

                public void StartShared()
                {
                    new Thread(() => {|SB1001:Shared.Spare|}.Process(2)).Start();
                    Shared.Spare.Process(3);
                }
            }
            """);
    }

    [Fact]
    public async Task A_field_holder_given_another_object_or_another_holders_field_is_fine()
    {
        await VerifyAsync("""
            sealed class Player
            {
                private Engine _engine = new();
                private readonly Engine _other = new();

                public Task Start()
                {
                    Task work = Task.Run(() => _engine.Stretcher.Process(1));
                    _other.Stretcher.Reset();
                    return work;
                }

                public Task Restart()
                {
                    Task work = Task.Run(() => _engine.Stretcher.Process(1));
                    _engine = new Engine();
                    _engine.Stretcher.Reset();
                    return work;
                }

                public async Task StartAndWaitAsync()
                {
                    await Task.Run(() => _engine.Stretcher.Process(1));
                    _engine.Stretcher.Reset();
                }
            }
            """);
    }

    [Fact]
    public async Task A_task_and_its_starter_use_the_same_member_through_a_chain_of_fields()
    {
        await VerifyAsync("""
            sealed class Studio
            {
                private readonly Rig _rig = new();

                public Task Start()
                {
                    Task work = Task.Run(() => {|SB1001:_rig.Engine.Stretcher|}.Process(1));
                    _rig.Engine.Stretcher.Reset();
                    return work;
                }

                public static void StartFor(Rig rig)
                {
                    new Thread(() => {|SB1001:rig.Engine.Spare|}.Process(2)).Start();
                    rig.Engine.Spare.Process(3);
                }
            }
            """);
    }

    [Fact]
    public async Task A_chain_through_another_object_a_reassigned_link_or_a_computed_property_is_fine()
    {
        await VerifyAsync("""
            sealed class Studio
            {
                private readonly Rig _rig = new();
                private readonly Rig _other = new();

                public Task OtherRig()
                {
                    Task work = Task.Run(() => _rig.Engine.Stretcher.Process(1));
                    _other.Engine.Stretcher.Reset();
                    return work;
                }

                public Task NewEngine()
                {
                    Task work = Task.Run(() => _rig.Engine.Stretcher.Process(1));
                    _rig.Engine = new Engine();
                    _rig.Engine.Stretcher.Reset();
                    return work;
                }

                public Task Computed()
                {
                    Task work = Task.Run(() => _rig.Fresh.Stretcher.Process(1));
                    _rig.Fresh.Stretcher.Reset();
                    return work;
                }
            }
            """);
    }

    [Fact]
    public async Task Two_actions_run_side_by_side_use_the_same_member_through_the_same_holder()
    {
        await VerifyAsync("""
            sealed class Studio
            {
                private readonly Rig _rig = new();

                public void Both(Engine engine) =>
                    Parallel.Invoke(() => engine.Stretcher.Process(1), () => {|SB1001:engine.Stretcher|}.Reset());

                public void Chained() =>
                    Parallel.Invoke(() => _rig.Engine.Spare.Process(1), () => {|SB1001:_rig.Engine.Spare|}.Process(2));
            }
            """);
    }

    [Fact]
    public async Task Two_actions_using_the_member_of_two_holders_are_fine()
    {
        await VerifyAsync("""
            sealed class Studio
            {
                private readonly Rig _left = new();
                private readonly Rig _right = new();

                public void Two(Engine one, Engine other) =>
                    Parallel.Invoke(() => one.Stretcher.Process(1), () => other.Stretcher.Reset());

                public void TwoRigs() =>
                    Parallel.Invoke(() => _left.Engine.Spare.Process(1), () => _right.Engine.Spare.Process(2));

                public void OneThroughEachPath(Engine engine) =>
                    Parallel.Invoke(() => engine.Spare.Process(1), () => _left.Engine.Spare.Process(2));
            }
            """);
    }

    [Theory]
    [InlineData("var engine = new Engine();", "engine.Stretcher")]
    [InlineData("var rig = new Rig();", "rig.Engine.Stretcher")]
    public async Task No_fix_rewrites_the_holder(string holder, string member)
    {
        // The fixes move a local of the single-threaded type; here the local is the holder (or the start of a chain of
        // holders), which they leave alone.
        (_, _, List<CodeAction> actions) = await CodeFixHarness.OfferedAsync(
            new SharedAcrossThreadsAnalyzer(), new SharedAcrossThreadsCodeFixProvider(), Engine + $$"""
            static class Render
            {
                public static Task Start()
                {
                    {{holder}}
                    Task work = Task.Run(() => {{member}}.Process(1));
                    {{member}}.Reset();
                    return work;
                }
            }
            """, "SB1001");
        Assert.Empty(actions);
    }
}
