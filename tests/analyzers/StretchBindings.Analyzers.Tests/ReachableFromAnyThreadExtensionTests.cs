using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StretchBindings.Analyzers.Tests.Infrastructure;

namespace StretchBindings.Analyzers.Tests;

/// <summary>
/// SB1002 and extension methods called on a shared instance: one written in source is judged by what its body does
/// with its <c>this</c> parameter, one from a referenced assembly by its name.
/// </summary>
public sealed class ReachableFromAnyThreadExtensionTests
{
    private static readonly InMemoryAdditionalText s_collections = ListedCollections.ListAndDictionary;

    private static Task<ImmutableArray<Diagnostic>> VerifyAsync(string source) => ListedCollections.VerifyReachableAsync(source);

    [Fact]
    public async Task A_table_filled_once_and_read_through_a_reading_extension_is_fine()
    {
        await VerifyAsync("""
            static class DictionaryExtensions
            {
                public static TValue? GetOrDefault<TKey, TValue>(this IDictionary<TKey, TValue> dictionary, TKey key) =>
                    dictionary.TryGetValue(key, out TValue? value) ? value : default;

                public static int CountOrZero<TKey, TValue>(this IDictionary<TKey, TValue>? dictionary) =>
                    dictionary is null ? 0 : dictionary.Count;
            }

            static class Functions
            {
                private static readonly Dictionary<string, int> s_table = new[] { "abs", "max" }.ToDictionary(x => x, x => x.Length);

                public static int Arity(string name) => s_table.GetOrDefault(name);
                public static int Count => s_table.CountOrZero();
            }
            """);
    }

    [Fact]
    public async Task An_extension_that_changes_its_receiver_is_a_change()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync("""
            static class DictionaryExtensions
            {
                public static TValue GetOrAdd<TKey, TValue>(this IDictionary<TKey, TValue> dictionary, TKey key, TValue value)
                {
                    if (dictionary.TryGetValue(key, out TValue? found)) { return found; }
                    dictionary[key] = value;
                    return value;
                }
            }

            static class Functions
            {
                private static readonly Dictionary<string, int> {|SB1002:s_table|} = new();

                public static int Arity(string name) => s_table.GetOrAdd(name, name.Length);
            }
            """);
        Assert.Contains("'Functions.Arity' changes it", Assert.Single(diagnostics).GetMessage());
    }

    [Fact]
    public async Task An_extension_that_hands_its_receiver_to_a_changing_one_is_a_change()
    {
        await VerifyAsync("""
            static class ListExtensions
            {
                public static void Reset<T>(this List<T> list) => list.Clear();
                public static void ResetTwice<T>(this List<T> list) { list.Reset(); list.Reset(); }
            }

            static class Pending
            {
                private static readonly List<int> {|SB1002:s_items|} = new() { 1, 2 };

                public static void Drop() => s_items.ResetTwice();
            }
            """);
    }

    [Fact]
    public async Task A_referenced_extension_is_judged_by_its_name()
    {
        await VerifyAsync("""
            static class Pending
            {
                private static readonly List<int> {|SB1002:s_items|} = new();
                private static readonly int[] s_more = { 1, 2 };

                public static void Append() => s_items.AddRange(new ReadOnlySpan<int>(s_more));
            }
            """);
    }

    [Fact]
    public async Task Malformed_extension_calls_do_not_throw()
    {
        CSharpCompilation compilation = AnalyzerHarness.Compile("""
            static class DictionaryExtensions
            {
                public static int GetOrDefault<TKey>(this IDictionary<TKey, int> dictionary, TKey key) => dictionary.TryGetValue(key, out int
                public static void Loop<T>(this List<T> list) => list.Loop(;
                public static int Broken(this) => 0;
                public static partial int Pieces(this List<int> list);
            }

            static class Functions
            {
                private static readonly Dictionary<string, int> s_table = new();
                private static readonly List<int> s_items = new();

                public static int Arity(string name) => s_table.GetOrDefault(name, ) + s_table.Missing();
                public static void Spin() { s_items.Loop(); s_items.Pieces(); s_items.Broken(); }
            }
            """);
        Assert.NotEmpty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        await AnalyzerHarness.RunAsync(new ReachableFromAnyThreadAnalyzer(), compilation, [s_collections]);
        await AnalyzerHarness.RunAsync(new SharedAcrossThreadsAnalyzer(), compilation, [s_collections]);
    }
}
