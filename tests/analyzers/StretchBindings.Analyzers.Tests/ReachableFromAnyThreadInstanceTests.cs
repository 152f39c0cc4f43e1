using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using StretchBindings.Analyzers.Tests.Infrastructure;

namespace StretchBindings.Analyzers.Tests;

/// <summary>SB1002 judged per instance: the object a static holds, not every object of its type.</summary>
public sealed class ReachableFromAnyThreadInstanceTests
{
    private static Task<ImmutableArray<Diagnostic>> VerifyAsync(string source) =>
        AnalyzerHarness.VerifyAsync(new ReachableFromAnyThreadAnalyzer(), source);

    [Fact]
    public async Task The_object_in_a_static_is_reported_with_the_two_members_that_reach_it()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync("""
            sealed class Voice
            {
                private readonly Stretcher {|SB1002:_stretcher|} = new();
                public int Render(int block) => Step(block);
                public void Reset() => _stretcher.Reset();
                private int Step(int block) => _stretcher.Process(block);
            }

            static class Player
            {
                private static readonly Voice s_voice = new();
                public static int Play(int block) => s_voice.Render(block);
                public static void Stop() => s_voice.Reset();
            }
            """);
        Assert.Equal(
            "'Voice._stretcher' holds a 'Stretcher', which is not thread-safe, where any thread can reach it, because the 'Voice' "
            + "held by static 'Player.s_voice' is used through it by 'Player.Play' and 'Player.Stop', which can run on two threads at once",
            Assert.Single(diagnostics).GetMessage());
    }

    [Fact]
    public async Task Other_objects_of_the_type_are_not_shared_by_one_in_a_static()
    {
        await VerifyAsync("""
            sealed class Voice
            {
                private readonly Stretcher _stretcher = new();
                public int Render(int block) => _stretcher.Process(block);
                public string Name => "voice";
            }

            static class Player
            {
                private static readonly Voice s_template = new();
                public static string Label() => s_template.Name;

                public static int PlayOwn(int block)
                {
                    var mine = new Voice();
                    return mine.Render(block);
                }
            }
            """);
    }

    [Fact]
    public async Task A_static_nobody_reads_shares_nothing()
    {
        await VerifyAsync("""
            sealed class Voice
            {
                private readonly Stretcher _stretcher = new();
                public int Render(int block) => _stretcher.Process(block);
            }

            static class Player
            {
                private static Voice? s_last;
                public static void Remember(Voice voice) => s_last = voice;
            }
            """);
    }

    [Fact]
    public async Task A_static_whose_object_is_handed_on_is_judged_per_type()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync("""
            sealed class Voice
            {
                private readonly Stretcher {|SB1002:_stretcher|} = new();
                public int Render(int block) => _stretcher.Process(block);
            }

            static class Player
            {
                private static readonly Voice s_voice = new();
                public static Voice Current() => s_voice;
            }
            """);
        Assert.EndsWith("because 'Voice' objects are reachable from static 'Player.s_voice'", Assert.Single(diagnostics).GetMessage());
    }

    [Fact]
    public async Task A_lazy_static_is_followed_through_its_value()
    {
        await VerifyAsync("""
            sealed class Voice
            {
                private readonly Stretcher {|SB1002:_stretcher|} = new();
                public int Render(int block) => _stretcher.Process(block);
            }

            static class Player
            {
                private static readonly Lazy<Voice> s_voice = new(() => new Voice());
                public static int Play(int block) => s_voice.Value.Render(block);
            }
            """);
    }

    [Fact]
    public async Task A_conditional_access_through_the_static_is_a_use()
    {
        await VerifyAsync("""
            sealed class Voice
            {
                private readonly Stretcher {|SB1002:_stretcher|} = new();
                public void Reset() => _stretcher.Reset();
            }

            static class Player
            {
                private static Voice? s_voice = new();
                public static void Stop() => s_voice?.Reset();
            }
            """);
    }

    [Fact]
    public async Task Members_used_through_the_static_that_only_read_are_fine()
    {
        await VerifyAsync("""
            sealed class Voice
            {
                private readonly List<int> _history = new();
                public void Add(int block) => _history.Add(block);
                public int Count => _history.Count;
            }

            static class Player
            {
                private static readonly Voice s_voice = new();
                public static int Played() => s_voice.Count;
            }
            """);
    }
}
