using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace StretchBindings.Analyzers;

/// <summary>
/// The full names a type list gives (<c>NotThreadSafeTypes.txt</c>), matched against the types the analyzers meet
/// instead of resolved up front. Resolving every name for every compilation made the first look-up read the type
/// tables of every referenced assembly, a fixed cost each compilation paid whether it used a listed type or not;
/// matching compares a type's own name with the table first (a dictionary look-up) and walks its containers only
/// on a hit, and remembers the answer per type.
/// </summary>
internal sealed class ListedTypeNames
{
    private static readonly char[] s_separators = { '.', '+' };

    // Keyed by the last part of the name, which is a type's MetadataName (List`1, Opus).
    private readonly Dictionary<string, List<Entry>> _byName = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ITypeSymbol, Entry?> _matches = new(SymbolEqualityComparer.Default);

    /// <summary>One listed type: its full name and the members a line says change it (null when no line names any).</summary>
    public sealed class Entry
    {
        // Fields, not properties: each accessor would be one more method for a fresh compiler process to compile.
        public readonly string FullName;

        public HashSet<string>? Members;

        public Entry(string fullName) => FullName = fullName;
    }

    public bool IsEmpty => _byName.Count == 0;

    /// <summary>Adds a list line's type name and members; a name listed twice keeps the union of the members given.</summary>
    public void Add(string fullName, string[]? members)
    {
        int last = fullName.LastIndexOfAny(s_separators);
        string key = fullName.Substring(last + 1);
        if (key.Length == 0)
        {
            return;
        }

        if (!_byName.TryGetValue(key, out List<Entry>? entries))
        {
            entries = new List<Entry>();
            _byName.Add(key, entries);
        }

        Entry? entry = entries.Find(e => string.Equals(e.FullName, fullName, StringComparison.Ordinal));
        if (entry is null)
        {
            entry = new Entry(fullName);
            entries.Add(entry);
        }

        if (members is not null)
        {
            (entry.Members ??= new HashSet<string>(StringComparer.Ordinal)).UnionWith(members);
        }
    }

    /// <summary>
    /// The entry naming <paramref name="type"/> itself (not a base type): metadata names (<c>Outer+Inner</c>,
    /// <c>Cache`1</c>) and the C# spelling of nested types (<c>Outer.Inner</c>) both match. Null when none does.
    /// </summary>
    public Entry? Match(ITypeSymbol type)
    {
        if (!_byName.TryGetValue(type.MetadataName, out List<Entry>? entries))
        {
            return null;
        }

        // Looked up before computing, not with GetOrAdd and a lambda: that would allocate a closure on every call.
        ITypeSymbol definition = type.OriginalDefinition;
        if (_matches.TryGetValue(definition, out Entry? known))
        {
            return known;
        }

        Entry? match = null;
        foreach (Entry entry in entries)
        {
            if (MetadataNames.Is(definition, entry.FullName, dotJoinsNested: true))
            {
                match = entry;
                break;
            }
        }

        _matches.TryAdd(definition, match);
        return match;
    }

    /// <summary>
    /// True when some type named <paramref name="fullName"/> (a metadata name) exists, found by walking the merged
    /// namespaces one part at a time, so that a missing namespace ends the search at once: the early exit for the
    /// marker attribute, which one look-up answers.
    /// </summary>
    public static bool Exists(Compilation compilation, string fullName)
    {
        string[] parts = fullName.Split('.');
        INamespaceSymbol current = compilation.GlobalNamespace;
        for (int i = 0; i < parts.Length - 1; i++)
        {
            INamespaceSymbol? next = null;
            foreach (ISymbol member in current.GetMembers(parts[i]))
            {
                if (member is INamespaceSymbol ns)
                {
                    next = ns;
                    break;
                }
            }

            if (next is null)
            {
                return false;
            }

            current = next;
        }

        return current.GetTypeMembers(parts[parts.Length - 1]).Length > 0;
    }

    /// <summary>Splits a list line "Type.Name: Member, Member" into the type name and its members (null when none are given).</summary>
    public static (string TypeName, string[]? Members) SplitEntry(string entry)
    {
        int colon = entry.IndexOf(':');
        if (colon < 0)
        {
            return (entry.Trim(), null);
        }

        string[] members = entry.Substring(colon + 1).Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i < members.Length; i++)
        {
            members[i] = members[i].Trim();
        }

        return (entry.Substring(0, colon).Trim(), members);
    }
}
