using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using StretchBindings.Analyzers.Tests.Infrastructure;

namespace StretchBindings.Analyzers.Tests;

/// <summary>
/// SB1002 and the other names an instance gets: a local it is read into, another field or auto-property it is stored
/// in (directly, through a constructor, or as one side of <c>??</c>), and a new instance swapped into the field in its
/// place (copy-on-write), which changes the field but no instance a reader holds.
/// </summary>
public sealed class ReachableFromAnyThreadAliasTests
{
    private static Task<ImmutableArray<Diagnostic>> VerifyAsync(string source) => ListedCollections.VerifyReachableAsync(source);

    [Fact]
    public async Task A_table_copied_and_swapped_in_under_a_lock_and_read_without_it_is_fine()
    {
        await VerifyAsync("""
            static class Settings
            {
                private static readonly object s_gate = new();
                private static Dictionary<string, string> s_values = new();

                public static string? Get(string key) => s_values.TryGetValue(key, out string? value) ? value : null;

                public static void Set(string key, string value)
                {
                    lock (s_gate)
                    {
                        var copy = new Dictionary<string, string>(s_values) { [key] = value };
                        s_values = copy;
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task A_snapshot_published_from_the_writable_table_and_read_through_a_local_is_fine()
    {
        // The writers copy before they change anything once a snapshot is out; the snapshot itself is never changed.
        await VerifyAsync("""
            static class Context
            {
                private static readonly object s_gate = new();
                private static Dictionary<string, object> s_writable = new();
                private static Dictionary<string, object>? s_snapshot;

                public static bool Contains(string key)
                {
                    var snapshot = s_snapshot;
                    if (snapshot is null)
                    {
                        lock (s_gate)
                        {
                            snapshot = s_snapshot = s_writable;
                        }
                    }

                    return snapshot.ContainsKey(key);
                }

                public static void Set(string key, object value)
                {
                    lock (s_gate)
                    {
                        if (s_snapshot is not null)
                        {
                            var copy = new Dictionary<string, object>(s_writable);
                            s_writable = copy;
                            s_snapshot = null;
                        }

                        s_writable[key] = value;
                    }
                }
            }
            """);
    }

    [Fact]
    public async Task A_table_changed_through_a_local_it_was_read_into_is_a_change()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync("""
            static class Counters
            {
                private static readonly Dictionary<string, int> {|SB1002:s_counts|} = new();

                public static void Hit(string key)
                {
                    var counts = s_counts;
                    counts[key] = counts.TryGetValue(key, out int count) ? count + 1 : 1;
                }
            }
            """);
        Assert.Contains("'Counters.Hit' changes it", Assert.Single(diagnostics).GetMessage());
    }

    [Fact]
    public async Task A_list_stored_in_another_objects_property_through_its_constructor_is_judged_there()
    {
        // The client's list only travels to the event's property; the event's property is judged by its own uses.
        await VerifyAsync("""
            public sealed class Disconnected
            {
                public Disconnected(List<string> properties) => Properties = properties;
                public List<string> Properties { get; }
                public int Count => Properties.Count;
            }

            public sealed class Client
            {
                public static readonly Client Shared = new();
                private List<string>? _lastProperties;

                public void Receive(Disconnected packet) => _lastProperties = packet.Properties;
                public Disconnected Closed() => new Disconnected(_lastProperties ?? new List<string>());
            }
            """);
    }

    [Fact]
    public async Task A_list_one_side_of_a_coalesce_stored_in_a_result_is_fine_and_changed_through_it_is_a_change()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync("""
            public sealed class Result
            {
                public List<uint> Identifiers { get; set; } = null!;
            }

            public static class Matcher
            {
                private static readonly List<uint> s_none = new();
                private static readonly List<uint> {|SB1002:s_shared|} = new();

                public static Result Match(List<uint>? found) => new Result { Identifiers = found ?? s_none };
                public static void Remember(List<uint>? found, uint id) => (found ?? s_shared).Add(id);
            }
            """);
        Assert.Contains("'Matcher.Remember' changes it", Assert.Single(diagnostics).GetMessage());
    }

    // Options made by a builder of their own and one default instance in a static, as option types of network libraries are.
    private const string Options = """
        public sealed class DisconnectOptions
        {
            public int Reason { get; set; }
            public List<string>? Properties { get; set; }
        }

        public static class Defaults
        {
            public static readonly DisconnectOptions Normal = new() { Reason = 0, Properties = null };
        }

        """;

    [Fact]
    public async Task A_list_filled_by_the_builder_that_made_its_holder_is_fine()
    {
        await VerifyAsync(Options + """
            public sealed class DisconnectOptionsBuilder
            {
                private readonly DisconnectOptions _options = new DisconnectOptions();

                public DisconnectOptions Build() => _options;

                public DisconnectOptionsBuilder WithProperty(string name)
                {
                    if (_options.Properties == null)
                    {
                        _options.Properties = new List<string>();
                    }

                    _options.Properties.Add(name);
                    return this;
                }
            }
            """);
    }

    [Fact]
    public async Task A_list_filled_through_a_holder_the_builder_was_given_is_a_change()
    {
        // The builder changes an object its caller still holds (and the static default, if given that).
        await VerifyAsync(Options.Replace("public List<string>? Properties", "public List<string>? {|SB1002:Properties|}") + """
            public sealed class DisconnectOptionsBuilder
            {
                private readonly DisconnectOptions _options;

                public DisconnectOptionsBuilder(DisconnectOptions options) => _options = options;

                public DisconnectOptionsBuilder WithProperty(string name)
                {
                    _options.Properties ??= new List<string>();
                    _options.Properties.Add(name);
                    return this;
                }
            }
            """);
    }

    [Fact]
    public async Task A_table_built_lazily_by_a_private_getter_whose_callers_only_read_it_is_fine()
    {
        await VerifyAsync("""
            public sealed class Converter
            {
                public static readonly Converter Instance = new();
                private Dictionary<string, int>? _lookup;

                private Dictionary<string, int> Lookup => _lookup ?? (_lookup = Build());

                public int Convert(string text) => Lookup.TryGetValue(text, out int value) ? value : -1;
                public bool Knows(string text) => Lookup.ContainsKey(text);

                private static Dictionary<string, int> Build() => new() { ["one"] = 1, ["two"] = 2 };
            }

            public static class Units
            {
                public static int Convert(string text) => Converter.Instance.Convert(text) + (Converter.Instance.Knows(text) ? 0 : 1);
            }
            """);
    }

    [Fact]
    public async Task A_table_returned_to_a_caller_that_changes_it_is_a_change()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync("""
            public sealed class Converter
            {
                public static readonly Converter Instance = new();
                private Dictionary<string, int>? {|SB1002:_lookup|};

                internal Dictionary<string, int> Lookup() => _lookup ??= new Dictionary<string, int>();

                public int Convert(string text) => Lookup().TryGetValue(text, out int value) ? value : -1;
                public void Learn(string text, int value) => Lookup()[text] = value;
            }

            public static class Units
            {
                public static void Learn(string text) => Converter.Instance.Learn(text, text.Length);
            }
            """);
        Assert.Contains("because 'Converter' objects are reachable from static 'Converter.Instance'", Assert.Single(diagnostics).GetMessage());
    }

    [Fact]
    public async Task A_table_returned_by_a_public_method_is_handed_on()
    {
        // Other assemblies' callers are not seen: the table may be changed there.
        await VerifyAsync("""
            public sealed class Converter
            {
                public static readonly Converter Instance = new();
                private Dictionary<string, int>? {|SB1002:_lookup|};

                public Dictionary<string, int> Lookup() => _lookup ??= new Dictionary<string, int>();
            }

            public static class Units
            {
                public static int Count() => Converter.Instance.Lookup().Count;
            }
            """);
    }
}
