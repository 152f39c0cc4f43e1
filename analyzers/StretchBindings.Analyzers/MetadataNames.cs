using Microsoft.CodeAnalysis;

namespace StretchBindings.Analyzers;

/// <summary>Matches types by full metadata name, so the analyzers need no reference to the assemblies that define them.</summary>
internal static class MetadataNames
{
    /// <summary>
    /// True when <paramref name="type"/> is the top-level or nested type named <paramref name="fullName"/> (nested types
    /// joined by '+', or also by '.' when <paramref name="dotJoinsNested"/>, the C# spelling a type list may use).
    /// </summary>
    public static bool Is(ITypeSymbol type, string fullName, bool dotJoinsNested = false)
    {
        int end = fullName.Length;
        ISymbol current = type;
        while (true)
        {
            string name = current.MetadataName;
            int start = end - name.Length;
            if (start < 0 || string.CompareOrdinal(fullName, start, name, 0, name.Length) != 0)
            {
                return false;
            }

            ISymbol container = current.ContainingSymbol;
            if (container is INamespaceSymbol { IsGlobalNamespace: true } || container is null)
            {
                return start == 0;
            }

            if (start == 0)
            {
                return false;
            }

            char separator = fullName[start - 1];
            bool joined = container is ITypeSymbol ? separator == '+' || (dotJoinsNested && separator == '.') : separator == '.';
            if (!joined)
            {
                return false;
            }

            end = start - 1;
            current = container;
        }
    }

    /// <summary>True when <paramref name="type"/> or one of its base types is the type named <paramref name="fullName"/>.</summary>
    public static bool DerivesFrom(ITypeSymbol type, string fullName)
    {
        for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (Is(current, fullName))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Same as <see cref="Is(ITypeSymbol, string)"/> for the original definition of a generic type.</summary>
    public static bool IsDefinition(ITypeSymbol? type, string fullName) =>
        type is not null && Is(type.OriginalDefinition, fullName);

    public static bool HasAttribute(ISymbol symbol, string attributeFullName)
    {
        foreach (AttributeData attribute in symbol.GetAttributes())
        {
            if (attribute.AttributeClass is { } attributeClass && Is(attributeClass, attributeFullName))
            {
                return true;
            }
        }

        return false;
    }

    public static string ShortDisplay(ISymbol symbol) => symbol.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
}
