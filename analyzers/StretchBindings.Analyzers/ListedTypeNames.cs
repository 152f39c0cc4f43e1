using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace StretchBindings.Analyzers;

/// <summary>
/// Finds the types a listed full name stands for by walking the compilation's merged namespaces, one name part
/// at a time. A name whose namespace no reference declares stops at the first missing part, without asking every
/// referenced assembly for every spelling of it (as repeated <c>GetTypesByMetadataName</c> calls would).
/// </summary>
internal static class ListedTypeNames
{
    private static readonly char[] s_separators = { '.', '+' };

    /// <summary>
    /// Every type named <paramref name="fullName"/>: metadata names (<c>Outer+Inner</c>, <c>Cache`1</c>) and the
    /// C# spelling of nested types (<c>Outer.Inner</c>). Empty when no namespace or type on the way exists.
    /// </summary>
    public static List<INamedTypeSymbol> Resolve(Compilation compilation, string fullName)
    {
        var found = new List<INamedTypeSymbol>();
        string[] parts = fullName.Split(s_separators);
        var current = new List<INamespaceOrTypeSymbol> { compilation.GlobalNamespace };
        for (int i = 0; i < parts.Length && current.Count > 0; i++)
        {
            (string name, int arity) = SplitArity(parts[i]);
            if (name.Length == 0)
            {
                return found;
            }

            bool last = i == parts.Length - 1;
            var next = new List<INamespaceOrTypeSymbol>();
            foreach (INamespaceOrTypeSymbol container in current)
            {
                foreach (ISymbol member in container.GetMembers(name))
                {
                    switch (member)
                    {
                        case INamespaceSymbol ns when !last:
                            next.Add(ns);
                            break;
                        case INamedTypeSymbol type when type.Arity == arity:
                            if (last)
                            {
                                found.Add(type);
                            }
                            else
                            {
                                next.Add(type);
                            }

                            break;
                    }
                }
            }

            current = next;
        }

        return found;
    }

    private static (string Name, int Arity) SplitArity(string part)
    {
        int tick = part.IndexOf('`');
        if (tick < 0)
        {
            return (part, 0);
        }

        return int.TryParse(part.Substring(tick + 1), out int arity) ? (part.Substring(0, tick), arity) : (string.Empty, 0);
    }

    /// <summary>True when some type named <paramref name="fullName"/> exists: the cheap early exit for a marker attribute.</summary>
    public static bool Exists(Compilation compilation, string fullName) => Resolve(compilation, fullName).Count > 0;

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
