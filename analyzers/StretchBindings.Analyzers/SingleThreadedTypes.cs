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

    private readonly ListedTypeNames _listed;
    private readonly Compilation _compilation;

    // Whether the marker attribute exists: 0 not asked yet, 1 no, 2 yes. Two threads asking at once both find the
    // same answer, so a plain field serves (a Lazy<bool> is code compiled in every compiler process).
    private int _attributeExists;
    private readonly ConcurrentDictionary<ITypeSymbol, bool> _verdicts = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _holders = new(SymbolEqualityComparer.Default);

    private SingleThreadedTypes(ListedTypeNames listed, Compilation compilation, int attributeExists)
    {
        _listed = listed;
        _compilation = compilation;
        _attributeExists = attributeExists;
    }

    /// <summary>
    /// Every entry of the compilation's type lists, by name: nothing is resolved here. Both <see cref="Create"/> and
    /// <see cref="MutatingMembers"/> read this one table.
    /// </summary>
    public static ListedTypeNames ReadListedTypes(ImmutableArray<AdditionalText> additionalFiles, CancellationToken cancellationToken)
    {
        var listed = new ListedTypeNames();
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
                listed.Add(typeName, members);
            }
        }

        return listed;
    }

    /// <summary>
    /// Null when no type of the compilation can be single-threaded (nothing listed, and no attribute to mark one), so
    /// that the analyzers register nothing. With a list, whether the attribute exists is asked only when a type is.
    /// </summary>
    public static SingleThreadedTypes? Create(Compilation compilation, ListedTypeNames listed)
    {
        if (!listed.IsEmpty)
        {
            return new SingleThreadedTypes(listed, compilation, attributeExists: 0);
        }

        return ListedTypeNames.Exists(compilation, AttributeFullName) ? new SingleThreadedTypes(listed, compilation, attributeExists: 2) : null;
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

        ITypeSymbol definition = type.OriginalDefinition;
        return _verdicts.TryGetValue(definition, out bool known) ? known : _verdicts.GetOrAdd(definition, Decide);
    }

    /// <summary>
    /// Whether the type or a base type declares a field (an auto-property's included) holding a single-threaded
    /// instance: without one, the type's methods hold no such state. Remembered per type, since every launch in the
    /// type asks.
    /// </summary>
    public bool HasSingleThreadedField(INamedTypeSymbol type) =>
        _holders.TryGetValue(type.OriginalDefinition, out bool known) ? known : _holders.GetOrAdd(type.OriginalDefinition, DecideHolder);

    private bool DecideHolder(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? current = type; current is not null && current.SpecialType == SpecialType.None; current = current.BaseType)
        {
            foreach (ISymbol member in current.GetMembers())
            {
                if (member is IFieldSymbol field && IsSingleThreaded(field.Type))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private bool AttributeExists()
    {
        if (_attributeExists == 0)
        {
            _attributeExists = ListedTypeNames.Exists(_compilation, AttributeFullName) ? 2 : 1;
        }

        return _attributeExists == 2;
    }

    private bool Decide(ITypeSymbol type)
    {
        for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (_listed.Match(current) is not null)
            {
                return true;
            }

            if (AttributeExists() && MetadataNames.HasAttribute(current, AttributeFullName))
            {
                return true;
            }
        }

        return false;
    }
}
