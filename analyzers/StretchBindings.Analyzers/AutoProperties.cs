using Microsoft.CodeAnalysis;

namespace StretchBindings.Analyzers;

/// <summary>The field that stores an auto-property's value: what the threading rules follow as the variable.</summary>
internal static class AutoProperties
{
    /// <summary>
    /// The backing field of <paramref name="property"/>, or null when it has none (a computed property). Found by
    /// the name the compiler gives it, one look-up in the type's member table, and confirmed by the field's
    /// associated property: asked for every use of a property whose type matters, it must not walk every member.
    /// </summary>
    public static IFieldSymbol? BackingField(IPropertySymbol property)
    {
        foreach (ISymbol member in property.ContainingType.GetMembers("<" + property.Name + ">k__BackingField"))
        {
            if (member is IFieldSymbol field && SymbolEqualityComparer.Default.Equals(field.AssociatedSymbol, property))
            {
                return field;
            }
        }

        return null;
    }
}
