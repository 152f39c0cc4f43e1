using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using StretchBindings.Analyzers.Tests.Infrastructure;

namespace StretchBindings.Analyzers.Tests;

/// <summary>
/// SB1002 and a type of the compilation deriving from a listed one: a listed member it overrides is judged by the
/// override's body, which may keep the object's state (a generator backed by a thread-safe one) or change it.
/// </summary>
public sealed class ReachableFromAnyThreadOverrideTests
{
    private static readonly InMemoryAdditionalText s_randomList = new("/src/NotThreadSafeTypes.txt", """
        System.Random: Next, NextBytes, NextDouble
        """);

    private static Task<ImmutableArray<Diagnostic>> VerifyAsync(string source) =>
        AnalyzerHarness.VerifyAsync(new ReachableFromAnyThreadAnalyzer(), source, s_randomList);

    private const string SecureRandom = """
        class SecureRandom : Random
        {
            private readonly System.Security.Cryptography.RandomNumberGenerator _rng = System.Security.Cryptography.RandomNumberGenerator.Create();
            public override void NextBytes(byte[] buffer) => Fill(buffer);
            public override int Next() => BitConverter.ToInt32(Take(4), 0) & int.MaxValue;
            private void Fill(byte[] buffer) => _rng.GetBytes(buffer);
            private byte[] Take(int count) { var bytes = new byte[count]; Fill(bytes); return bytes; }
        }

        """;

    [Fact]
    public async Task An_override_backed_by_a_thread_safe_generator_keeps_the_state()
    {
        await VerifyAsync(SecureRandom + """
            static class Salts
            {
                private static readonly SecureRandom s_random = new();
                public static byte[] Make() { var salt = new byte[16]; s_random.NextBytes(salt); return salt; }
                public static int Pick() => s_random.Next();
            }
            """);
    }

    [Fact]
    public async Task An_override_that_writes_a_field_or_asks_the_base_changes_it()
    {
        await VerifyAsync("""
            sealed class CountingRandom : Random
            {
                private int _calls;
                public override int Next() { _calls++; return 4; }
                public override double NextDouble() => base.NextDouble();
            }

            static class Dice
            {
                private static readonly CountingRandom {|SB1002:s_counted|} = new();
                private static readonly CountingRandom {|SB1002:s_based|} = new();
                public static int Roll() => s_counted.Next();
                public static double Spin() => s_based.NextDouble();
            }
            """);
    }

    [Fact]
    public async Task A_member_not_overridden_or_reached_through_the_base_type_changes_it()
    {
        await VerifyAsync(SecureRandom + """
            static class Salts
            {
                private static readonly SecureRandom {|SB1002:s_random|} = new();
                private static readonly Random {|SB1002:s_base|} = new SecureRandom();
                public static double Fraction() => s_random.NextDouble();
                public static void Fill(byte[] salt) => s_base.NextBytes(salt);
            }
            """);
    }
}
