using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using StretchBindings.Analyzers.Tests.Infrastructure;

namespace StretchBindings.Analyzers.Tests;

/// <summary>
/// SB1002 and the ways an instance is built and handed on: filled in the object initializer of a new holder, given to
/// a helper method written in the compilation, or held by a member only the assembly and its friends can see.
/// </summary>
public sealed class ReachableFromAnyThreadHandedOnTests
{
    private static Task<ImmutableArray<Diagnostic>> VerifyAsync(string source) => ListedCollections.VerifyReachableAsync(source);

    // A parsed query whose field list is made by the parser and only read afterwards; one query sits in a public static.
    private const string Query = """
        public sealed class Query
        {
            public static readonly Query Everything = Parser.Parse("*");
            public List<string> Fields { get; internal set; } = null!;
            public IList<string>? Names { get; set; }
            public bool IsEmpty => Fields.Count == 0;
            public string Key => string.Join(",", Fields);
        }

        """;

    [Fact]
    public async Task A_list_filled_in_the_object_initializer_of_its_holder_and_then_read_is_fine()
    {
        await VerifyAsync(Query + """
            static class Parser
            {
                public static Query Parse(string text) => new Query { Fields = new List<string>(text.Split(',')) };
                public static Query Both(Query left, Query right) => new() { Fields = { "left", "right" } };
                public static Query Wrap(Query inner) => new Query { Fields = inner.Fields };
            }
            """);
    }

    [Fact]
    public async Task A_list_replaced_on_an_existing_holder_changes_the_holder_not_the_list()
    {
        // A thread reading Fields meanwhile keeps the complete list it read: no list is changed once published.
        await VerifyAsync(Query + """
            static class Parser
            {
                public static Query Parse(string text) => new Query { Fields = new List<string> { text } };
                public static void Reparse(Query query, string text) => query.Fields = new List<string> { text };
            }
            """);
    }

    [Fact]
    public async Task A_list_replaced_and_then_changed_through_the_holder_is_a_change()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync(Query.Replace("public List<string> Fields", "public List<string> {|SB1002:Fields|}") + """
            static class Parser
            {
                public static Query Parse(string text) => new Query { Fields = new List<string> { text } };
                public static void Reparse(Query query, string text)
                {
                    query.Fields = new List<string>();
                    query.Fields.Add(text);
                }
            }
            """);
        Assert.Contains("because 'Query' objects are reachable from static 'Query.Everything'", Assert.Single(diagnostics).GetMessage());
    }

    [Fact]
    public async Task A_list_changed_after_the_object_initializer_is_a_change()
    {
        await VerifyAsync(Query.Replace("public List<string> Fields", "public List<string> {|SB1002:Fields|}") + """
            static class Parser
            {
                public static Query Parse(string text)
                {
                    var query = new Query { Fields = new List<string>() };
                    query.Fields.Add(text);
                    return query;
                }
            }
            """);
    }

    [Fact]
    public async Task A_list_returned_as_a_sequence_to_read_is_fine()
    {
        await VerifyAsync(Query + """
            static class Parser
            {
                public static Query Parse(string text) => new Query { Fields = new List<string> { text } };
                public static IEnumerable<string> AllFields(IEnumerable<Query> queries) => queries.SelectMany(q => q.Fields);
                public static IReadOnlyList<string> FieldsOf(Query query) => query.Fields;
            }
            """);
    }

    [Fact]
    public async Task A_list_read_through_a_conditional_access_is_fine()
    {
        await VerifyAsync(Query + """
            static class Parser
            {
                public static Query Parse(string text) => new Query { Fields = new List<string> { text } };
                public static List<string> Merge(Query? order, Query? group)
                {
                    var all = new List<string>();
                    Append(all, order?.Fields);
                    Append(all, group?.Fields);
                    return all;
                }

                private static void Append(List<string> into, IEnumerable<string>? more) { if (more is not null) { into.AddRange(more); } }
            }
            """);
    }

    [Fact]
    public async Task A_list_kept_through_a_conditional_access_is_handed_on()
    {
        await VerifyAsync(Query.Replace("public List<string> Fields", "public List<string> {|SB1002:Fields|}") + """
            static class Parser
            {
                public static Query Parse(string text) => new Query { Fields = new List<string> { text } };
                public static List<string>? Keep(Query? query) => query?.Fields;
                public static Query Other(Query query) => new Query { Fields = new List<string>(), Names = query.Fields };
            }
            """);
    }

    [Fact]
    public async Task A_list_returned_as_itself_is_handed_on()
    {
        await VerifyAsync(Query.Replace("public List<string> Fields", "public List<string> {|SB1002:Fields|}") + """
            static class Parser
            {
                public static Query Parse(string text) => new Query { Fields = new List<string> { text } };
                public static List<List<string>> AllFields(IEnumerable<Query> queries) => queries.Select(q => q.Fields).ToList();
            }
            """);
    }

    [Fact]
    public async Task A_table_given_to_a_helper_that_only_reads_it_is_fine()
    {
        await VerifyAsync("""
            static class Units
            {
                private static readonly Dictionary<string, int> s_factors = new() { ["ms"] = 1, ["s"] = 1000 };

                public static int Factor(string unit) => Lookup(s_factors, unit);
                public static int Known() => Size(s_factors);

                private static int Lookup(Dictionary<string, int> table, string unit) => table.TryGetValue(unit, out int factor) ? factor : Size(table);
                private static int Size(Dictionary<string, int> table) => table is null ? 0 : table.Count;
            }
            """);
    }

    [Fact]
    public async Task A_table_given_to_a_helper_that_changes_it_is_a_change()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync("""
            static class Units
            {
                private static readonly Dictionary<string, int> {|SB1002:s_factors|} = new();

                public static int Factor(string unit) => Remember(s_factors, unit);

                private static int Remember(Dictionary<string, int> table, string unit)
                {
                    table[unit] = unit.Length;
                    return table.Count;
                }
            }
            """);
        Assert.Contains("'Units.Factor' changes it", Assert.Single(diagnostics).GetMessage());
    }

    [Fact]
    public async Task A_table_given_to_a_helper_that_keeps_it_or_to_an_overridable_one_is_handed_on()
    {
        await VerifyAsync("""
            class Units
            {
                private static readonly Dictionary<string, int> {|SB1002:s_factors|} = new();
                private static readonly Dictionary<string, int> {|SB1002:s_names|} = new();
                private static object? s_kept;

                public static void Share() => Keep(s_factors);
                public static int Count(Units units) => units.Size(s_names);

                private static void Keep(Dictionary<string, int> table) => s_kept = table;
                protected virtual int Size(Dictionary<string, int> table) => table.Count;
            }
            """);
    }

    [Fact]
    public async Task A_public_table_built_once_and_only_read_here_is_fine()
    {
        await VerifyAsync("""
            [assembly: System.Runtime.CompilerServices.InternalsVisibleTo("Tables.Tests")]

            public static class Conversions
            {
                public static readonly Dictionary<string, int> Sizes = new() { ["int"] = 4, ["long"] = 8 };
                public static readonly List<string> Unused = new() { "int", "long" };
                public static int SizeOf(string name) => Sizes.TryGetValue(name, out int size) ? size : 0;
            }

            internal static class Names
            {
                public static readonly Dictionary<string, string> Aliases = new() { ["i"] = "int" };
            }
            """);
    }

    [Fact]
    public async Task A_public_table_changed_here_or_a_public_instance_of_a_type_without_reading_members_is_reported()
    {
        ImmutableArray<Diagnostic> diagnostics = await AnalyzerHarness.VerifyAsync(new ReachableFromAnyThreadAnalyzer(), """
            public static class Conversions
            {
                public static readonly Dictionary<string, int> {|SB1002:Aliases|} = new();
                public static readonly Stretcher {|SB1002:Shared|} = new();
                public static void Alias(string name, int size) => Aliases[name] = size;
            }
            """, ListedCollections.ListAndDictionary);
        Assert.Contains("'Conversions.Alias' changes it", diagnostics.Single(d => d.GetMessage().Contains("Aliases", StringComparison.Ordinal)).GetMessage());
        Assert.EndsWith("and code of other assemblies can use it", diagnostics.Single(d => d.GetMessage().Contains("Shared", StringComparison.Ordinal)).GetMessage(), StringComparison.Ordinal);
    }
}
