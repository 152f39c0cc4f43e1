using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using StretchBindings.Manifest;

namespace StretchBindings.Analyzers;

/// <summary>
/// Decides which types are single-threaded: those carrying <c>[StretchBindings.Interop.NotThreadSafe]</c>
/// (on the type or a base type), and those listed in an AdditionalFile named <c>NotThreadSafeTypes.txt</c>.
/// </summary>
internal sealed class SingleThreadedTypes
{
    public const string AttributeFullName = InteropAttributes.NotThreadSafe.MetadataName;
    public const string ListFileName = "NotThreadSafeTypes.txt";

    private readonly HashSet<ITypeSymbol> _listed;
    private readonly bool _attributeExists;
    private readonly ConcurrentDictionary<ITypeSymbol, bool> _verdicts = new(SymbolEqualityComparer.Default);

    private SingleThreadedTypes(HashSet<ITypeSymbol> listed, bool attributeExists)
    {
        _listed = listed;
        _attributeExists = attributeExists;
    }

    /// <summary>
    /// Every entry of the compilation's type lists, resolved once: each type the compilation has, with the
    /// members the entry says change it (null when it names none). Both <see cref="Create"/> and
    /// <see cref="MutatingMembers.Create"/> read this one result.
    /// </summary>
    public static List<(INamedTypeSymbol Type, string[]? Members)> ReadListedTypes(
        Compilation compilation, ImmutableArray<AdditionalText> additionalFiles, CancellationToken cancellationToken)
    {
        var entries = new List<(INamedTypeSymbol Type, string[]? Members)>();
        foreach (AdditionalText file in additionalFiles)
        {
            if (!string.Equals(Path.GetFileName(file.Path), ListFileName, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (file.GetText(cancellationToken) is not { } text)
            {
                continue;
            }

            foreach (string entry in ReadTypeNames(text))
            {
                (string typeName, string[]? members) = ListedTypeNames.SplitEntry(entry);
                foreach (INamedTypeSymbol type in ListedTypeNames.Resolve(compilation, typeName))
                {
                    entries.Add((type, members));
                }
            }
        }

        return entries;
    }

    /// <summary>Null when no type of the compilation can be single-threaded, so that the analyzers register nothing.</summary>
    public static SingleThreadedTypes? Create(Compilation compilation, IReadOnlyList<(INamedTypeSymbol Type, string[]? Members)> listedEntries)
    {
        var listed = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        foreach ((INamedTypeSymbol type, _) in listedEntries)
        {
            listed.Add(type);
        }

        bool attributeExists = ListedTypeNames.Exists(compilation, AttributeFullName);
        return attributeExists || listed.Count > 0 ? new SingleThreadedTypes(listed, attributeExists) : null;
    }

    /// <summary>One full type name per line, optionally followed by <c>: Member, …</c>; <c>#</c> starts a comment; blank lines are skipped.</summary>
    internal static List<string> ReadTypeNames(SourceText text)
    {
        var names = new List<string>();
        foreach (TextLine line in text.Lines)
        {
            string content = line.ToString();
            int comment = content.IndexOf('#');
            if (comment >= 0)
            {
                content = content.Substring(0, comment);
            }

            content = content.Trim();
            if (content.Length > 0)
            {
                names.Add(content);
            }
        }

        return names;
    }

    public bool IsSingleThreaded(ITypeSymbol? type)
    {
        if (type is null || type.TypeKind is TypeKind.Error or TypeKind.TypeParameter or TypeKind.Array or TypeKind.Pointer)
        {
            return false;
        }

        if (type.SpecialType != SpecialType.None)
        {
            return false;
        }

        return _verdicts.GetOrAdd(type.OriginalDefinition, Decide);
    }

    private bool Decide(ITypeSymbol type)
    {
        for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (_listed.Contains(current.OriginalDefinition))
            {
                return true;
            }

            if (_attributeExists && MetadataNames.HasAttribute(current, AttributeFullName))
            {
                return true;
            }
        }

        return false;
    }
}
