using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace StretchBindings.Analyzers.Concurrency;

/// <summary>
/// Where the object holding a member comes from: a variable (a local, a parameter, or a field or auto-property of
/// <c>this</c> or of a type) and the stored members read from it on the way. For <c>_rig.Engine.Stretcher</c> the
/// root is <c>_rig</c> and the path goes through <c>Engine</c>. Two uses reach one object when their paths are equal.
/// </summary>
internal sealed class HolderPath : IEquatable<HolderPath>
{
    public HolderPath(ISymbol root, ImmutableArray<ISymbol> via)
    {
        Root = root;
        Via = via;
    }

    /// <summary>The variable the path starts from.</summary>
    public ISymbol Root { get; }

    /// <summary>The fields or auto-properties read after the root, outermost first; empty for <c>engine.Stretcher</c>.</summary>
    public ImmutableArray<ISymbol> Via { get; }

    /// <summary>True when <paramref name="member"/> is read on the way (storing another object there changes what the path reaches).</summary>
    public bool PassesThrough(ISymbol member) => Via.Contains(member, SymbolEqualityComparer.Default);

    public bool Equals(HolderPath? other) =>
        other is not null
        && SymbolEqualityComparer.Default.Equals(Root, other.Root)
        && Via.SequenceEqual(other.Via, SymbolEqualityComparer.Default);

    public override bool Equals(object? obj) => Equals(obj as HolderPath);

    public override int GetHashCode() => SymbolEqualityComparer.Default.GetHashCode(Root) ^ Via.Length;
}
