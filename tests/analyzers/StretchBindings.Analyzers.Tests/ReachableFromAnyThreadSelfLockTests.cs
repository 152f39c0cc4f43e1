using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StretchBindings.Analyzers.Tests.Infrastructure;

namespace StretchBindings.Analyzers.Tests;

/// <summary>SB1002 and a collection locked on itself: <c>lock (list)</c> is one lock, held by every use inside it.</summary>
public sealed class ReachableFromAnyThreadSelfLockTests
{
    private static readonly InMemoryAdditionalText s_collections = ListedCollections.ListAndDictionary;

    private static Task<ImmutableArray<Diagnostic>> VerifyAsync(string source) => ListedCollections.VerifyReachableAsync(source);

    [Fact]
    public async Task A_static_collection_locked_on_itself_around_every_use_is_fine()
    {
        await VerifyAsync("""
            static class Addresses
            {
                private static readonly List<string> s_list = new();

                public static string First()
                {
                    lock (s_list)
                    {
                        s_list.Clear();
                        s_list.Add("::1");
                        return s_list.Count > 0 ? s_list[0] : "";
                    }
                }

                public static void Forget() { lock (s_list) { s_list.Clear(); } }
            }
            """);
    }

    [Fact]
    public async Task An_instance_collection_locked_on_this_field_around_every_use_is_fine()
    {
        await VerifyAsync("""
            sealed class Pool
            {
                public static Pool Shared { get; } = new();
                private readonly List<int> _items = new();

                public int Take()
                {
                    lock (this._items)
                    {
                        if (_items.Count == 0) { return 0; }
                        int item = this._items[_items.Count - 1];
                        _items.RemoveAt(_items.Count - 1);
                        return item;
                    }
                }

                public void Return(int item) { lock (_items) { this._items.Add(item); } }
            }
            """);
    }

    [Fact]
    public async Task One_use_outside_the_lock_on_the_collection_itself_is_reported_and_named()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync("""
            static class Cache
            {
                private static readonly Dictionary<int, string> {|SB1002:s_names|} = new();

                public static string Name(int id)
                {
                    lock (s_names)
                    {
                        if (!s_names.TryGetValue(id, out string? name)) { name = id.ToString(); s_names.Add(id, name); }
                        return name;
                    }
                }

                public static void Reset() => s_names.Clear();
            }
            """);
        Assert.EndsWith("; 'Cache.Reset' uses it without holding the lock on 's_names' that its other uses hold", Assert.Single(diagnostics).GetMessage());
    }

    [Fact]
    public async Task A_lock_on_another_collection_does_not_guard_this_one()
    {
        await VerifyAsync("""
            static class Cache
            {
                private static readonly List<int> s_other = new();
                private static readonly List<int> {|SB1002:s_items|} = new();

                public static void Add(int item) { lock (s_other) { s_items.Add(item); } }
                public static void Clear() { lock (s_items) { s_items.Clear(); } }
            }
            """);
    }

    [Fact]
    public async Task Malformed_locks_on_a_collection_do_not_throw()
    {
        CSharpCompilation compilation = AnalyzerHarness.Compile("""
            static class Cache
            {
                private static readonly List<int> s_items = new();

                public static void Add(int item) { lock (s_items { s_items.Add(item); } }
                public static void Clear() { lock () { s_items.Clear(); } lock (s_items) s_items. }
                public static void Take() { lock (s_items[) { s_items.RemoveAt(0); } }
            }
            """);
        Assert.NotEmpty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        await AnalyzerHarness.RunAsync(new ReachableFromAnyThreadAnalyzer(), compilation, [s_collections]);
    }
}
