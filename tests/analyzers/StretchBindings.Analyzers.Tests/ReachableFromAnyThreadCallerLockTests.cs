using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using StretchBindings.Analyzers.Tests.Infrastructure;

namespace StretchBindings.Analyzers.Tests;

/// <summary>
/// SB1002 and the locks a private member's callers hold for it: a use in a private method that every call, on this
/// object, makes under one lock holds that lock, followed back through private callers; a call in a lambda, on
/// another object, or a method handed on as a delegate leaves the use as written.
/// </summary>
public sealed class ReachableFromAnyThreadCallerLockTests
{
    private static Task<ImmutableArray<Diagnostic>> VerifyAsync(string source) =>
        AnalyzerHarness.VerifyAsync(new ReachableFromAnyThreadAnalyzer(), source);

    [Fact]
    public async Task A_private_helper_every_caller_locks_for_holds_their_lock()
    {
        await VerifyAsync("""
            static class Audio
            {
                private static readonly object s_gate = new();
                private static readonly Stretcher s_stretcher = new();

                public static int Render(int block) { lock (s_gate) { return Step(block); } }
                public static void Reset() { lock (s_gate) { Clear(); } }

                private static int Step(int block) => s_stretcher.Process(block);
                private static void Clear() => Rewind();
                private static void Rewind() => s_stretcher.Reset();
            }
            """);
    }

    [Fact]
    public async Task A_private_getter_returning_from_inside_the_lock_to_callers_that_lock_again_is_fine()
    {
        await ListedCollections.VerifyReachableAsync("""
            using System.Collections.Generic;

            static class Schedule
            {
                private static readonly object s_gate = new();
                private static readonly List<int> s_jobs = new();

                public static void Add(int job) { lock (s_gate) { Jobs.Add(job); } }
                public static int Count() { lock (s_gate) { return Jobs.Count; } }

                private static List<int> Jobs { get { lock (s_gate) { return s_jobs; } } }
            }
            """);
    }

    [Fact]
    public async Task A_caller_returning_the_instance_from_inside_its_lock_hands_it_out()
    {
        await ListedCollections.VerifyReachableAsync("""
            using System.Collections.Generic;

            static class Schedule
            {
                private static readonly object s_gate = new();
                private static readonly List<int> {|SB1002:s_jobs|} = new();

                public static void Add(int job) { lock (s_gate) { Jobs.Add(job); } }
                public static List<int> Snapshot() { lock (s_gate) { return Jobs; } }

                private static List<int> Jobs { get { lock (s_gate) { return s_jobs; } } }
            }
            """);
    }

    [Fact]
    public async Task One_caller_without_the_lock_leaves_the_helper_unlocked_and_named()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync("""
            static class Audio
            {
                private static readonly object s_gate = new();
                private static readonly Stretcher {|SB1002:s_stretcher|} = new();

                public static int Render(int block) { lock (s_gate) { return s_stretcher.Process(block); } }
                public static void Reset() { lock (s_gate) { Clear(); } }
                public static void Panic() => Clear();

                private static void Clear() => s_stretcher.Reset();
            }
            """);
        Assert.EndsWith(
            "'Audio.Clear' uses it without holding the lock on 's_gate' that its other uses hold",
            Assert.Single(diagnostics).GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_helper_called_in_a_lambda_or_handed_on_keeps_no_caller_lock()
    {
        await VerifyAsync("""
            static class Audio
            {
                private static readonly object s_gate = new();
                private static readonly Stretcher {|SB1002:s_stretcher|} = new();
                private static readonly Stretcher {|SB1002:s_second|} = new();

                public static int Render(int block) { lock (s_gate) { return s_stretcher.Process(block) + s_second.Process(block); } }
                public static Task Later() { lock (s_gate) { return Task.Run(() => Clear()); } }
                public static Action Handler() { lock (s_gate) { return Rewind; } }

                private static void Clear() => s_stretcher.Reset();
                private static void Rewind() => s_second.Reset();
            }
            """);
    }

    [Fact]
    public async Task A_lock_on_another_objects_gate_does_not_hold_this_ones()
    {
        // A public type with a public singleton: every object of it counts as shared.
        await VerifyAsync("""
            public sealed class Voice
            {
                public static Voice Shared { get; } = new();
                private readonly object _gate = new();
                private readonly Stretcher {|SB1002:_stretcher|} = new();

                public int Render(int block) { lock (_gate) { return _stretcher.Process(block); } }
                public void ResetOther(Voice other) { lock (_gate) { other.Clear(); } }

                private void Clear() => _stretcher.Reset();
            }

            static class Host
            {
                public static int Play(int block) => Voice.Shared.Render(block);
                public static void Stop() => Voice.Shared.ResetOther(new Voice());
            }
            """);
    }
}
