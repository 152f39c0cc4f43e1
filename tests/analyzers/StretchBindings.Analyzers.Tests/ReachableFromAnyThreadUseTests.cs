using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using StretchBindings.Analyzers.Tests.Infrastructure;

namespace StretchBindings.Analyzers.Tests;

/// <summary>
/// SB1002 judged from the uses of a shared field: only read after its initialisation, every use under one lock,
/// or ownership moved with Interlocked are fine; a change without the lock the other uses hold is reported.
/// </summary>
public sealed class ReachableFromAnyThreadUseTests
{
    private static readonly InMemoryAdditionalText s_collections = new("/src/NotThreadSafeTypes.txt", """
        System.Collections.Generic.List`1
        System.Collections.Generic.Dictionary`2
        Sample.Cache`1: Put   # Get, Count and reading the indexer only read; writing a property or indexer always changes it
        """);

    private const string CacheType = """

        namespace Sample
        {
            public sealed class Cache<T>
            {
                public void Put(T value) { }
                public T Get() => default!;
                public int Count => 0;
                public T this[int index] { get => default!; set { } }
            }
        }
        """;

    private static Task<ImmutableArray<Diagnostic>> VerifyAsync(string source) =>
        AnalyzerHarness.VerifyAsync(new ReachableFromAnyThreadAnalyzer(), source + CacheType, s_collections);

    // ---- only read after the initialisation ----

    [Fact]
    public async Task A_table_filled_by_the_static_constructor_and_then_only_read_is_fine()
    {
        await VerifyAsync("""
            static class Units
            {
                private static readonly Dictionary<string, int> s_factors;
                private static readonly List<string> s_names = new() { "ms", "s" };

                static Units()
                {
                    s_factors = new Dictionary<string, int>();
                    s_factors.Add("ms", 1);
                    s_factors["s"] = 1000;
                }

                public static int Factor(string unit) => s_factors.TryGetValue(unit, out int factor) ? factor : s_factors["ms"];
                public static bool Known(string unit) => s_factors.ContainsKey(unit) && s_names.Count > 0 && s_names.Contains(unit);
                public static string All() => string.Join(",", s_names);
                public static int Total()
                {
                    int total = 0;
                    foreach (KeyValuePair<string, int> pair in s_factors) { total += pair.Value; }
                    return total;
                }
            }
            """);
    }

    [Fact]
    public async Task A_table_changed_after_the_initialisation_is_reported()
    {
        await VerifyAsync("""
            static class Units
            {
                private static readonly Dictionary<string, int> {|SB1002:s_factors|} = new() { ["ms"] = 1 };
                public static int Factor(string unit) => s_factors.TryGetValue(unit, out int factor) ? factor : 0;
                public static void Learn(string unit, int factor) => s_factors[unit] = factor;
            }
            """);
    }

    [Fact]
    public async Task A_table_built_by_a_factory_or_a_lazy_and_then_only_read_is_fine()
    {
        await VerifyAsync("""
            static class Units
            {
                private static readonly Dictionary<string, int> s_built = Build();
                private static readonly Lazy<List<string>> s_lazy = new(() =>
                {
                    var names = new List<string>();
                    names.Add("ms");
                    return names;
                });

                private static Dictionary<string, int> Build()
                {
                    var table = new Dictionary<string, int>();
                    table.Add("ms", 1);
                    return table;
                }

                public static int Factor(string unit) => s_built.GetValueOrDefault(unit) + s_lazy.Value.Count + s_lazy.Value.IndexOf(unit);
            }
            """);
    }

    [Fact]
    public async Task A_lazy_value_changed_after_its_factory_ran_is_reported()
    {
        await VerifyAsync("""
            static class Units
            {
                private static readonly Lazy<List<string>> {|SB1002:s_lazy|} = new(() => new List<string>());
                public static void Learn(string unit) => s_lazy.Value.Add(unit);
            }
            """);
    }

    [Fact]
    public async Task A_table_handed_to_code_that_may_change_it_is_reported()
    {
        await VerifyAsync("""
            static class Units
            {
                private static readonly List<string> {|SB1002:s_names|} = new();
                public static void Fill() => Append(s_names);
                private static void Append(List<string> names) => Work.Use(names);
            }
            """);
    }

    [Fact]
    public async Task A_lambda_of_the_static_constructor_runs_later_and_is_not_initialisation()
    {
        await VerifyAsync("""
            static class Units
            {
                private static readonly List<string> {|SB1002:s_names|} = new();
                static Units() => Task.Run(() => s_names.Add("late"));
            }
            """);
    }

    [Fact]
    public async Task The_member_list_of_a_listed_type_says_which_calls_change_it()
    {
        await VerifyAsync("""
            static class Caches
            {
                private static readonly Sample.Cache<int> s_read = new();
                private static readonly Sample.Cache<int> {|SB1002:s_written|} = new();
                private static readonly Sample.Cache<int> {|SB1002:s_indexed|} = new();

                public static int Read() => s_read.Get() + s_read.Count + s_read[0];
                public static void Write() => s_written.Put(1);
                public static void Index() => s_indexed[0] = 1;
            }
            """);
    }

    [Fact]
    public async Task A_static_no_code_uses_after_its_initializer_is_fine()
    {
        await VerifyAsync("""
            static class Audio
            {
                private static readonly Stretcher s_unused = new();
                private static readonly List<int> s_empty = new();
            }
            """);
    }

    [Fact]
    public async Task A_native_instance_changes_on_every_call_so_any_later_use_is_reported()
    {
        await VerifyAsync("""
            static class Audio
            {
                private static readonly Stretcher {|SB1002:s_stretcher|} = new();
                public static float Ratio() => s_stretcher.TimeRatio;
            }
            """);
    }

    [Fact]
    public async Task A_field_of_a_singleton_filled_by_its_constructor_and_then_only_read_is_fine()
    {
        await VerifyAsync("""
            sealed class Registry
            {
                public static Registry Instance { get; } = new();
                private readonly Dictionary<string, int> _ids = new();
                private readonly List<string> {|SB1002:_log|} = new();

                private Registry() => _ids.Add("default", 0);

                public int Id(string name) => _ids.TryGetValue(name, out int id) ? id : -1;
                public void Log(string line) => _log.Add(line);
            }

            static class Host
            {
                public static void Start(string name) => Registry.Instance.Log(name + Registry.Instance.Id(name));
            }
            """);
    }
}
