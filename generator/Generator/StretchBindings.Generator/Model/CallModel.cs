using System.Linq;
using StretchBindings.Generator.Helpers;
using StretchBindings.Manifest;

namespace StretchBindings.Generator.Model;

/// <summary>
/// One parameter of a manifest function as a friendly signature offers it and the raw call takes it.
/// <see cref="ManagedType"/> is null for parameters the caller does not write (the instance, the out
/// instance, a count).
/// </summary>
internal sealed record ParameterModel(
    string CName,
    string Name,
    MarshalKind Kind,
    string? ManagedType,
    string NativeType,
    string? ElementType,
    CountModel? Count)
{
    /// <summary>The pinned pointer's local.</summary>
    public string PinnedName => MarshallingNames.Pinned(Name);

    public bool IsOffered => ManagedType is not null && Kind != MarshalKind.OutInstance;
}

/// <summary>
/// A count computed from spans: they must all have the first one's length, and that length must fit
/// the count's type. <see cref="Format"/> turns the length into the count (<c>{0}</c> the length).
/// </summary>
internal sealed record CountModel(EquatableArray<string> Spans, string Format, string? Maximum);

/// <summary>A call through a friendly signature: its parameters and the raw result type.</summary>
internal sealed record CallModel(EquatableArray<ParameterModel> Parameters, string ReturnType)
{
    public bool NeedsPinning => Parameters.Any(p => p.Kind is MarshalKind.Pinned or MarshalKind.Utf8String);

    /// <summary>The friendly parameter list.</summary>
    public string ManagedParameterList() =>
        string.Join(", ", Parameters.Where(p => p.IsOffered).Select(p => $"{p.ManagedType} {p.Name}"));

    /// <summary>The friendly parameters as arguments, in the order of <see cref="ManagedParameterList"/>.</summary>
    public string ManagedArgumentList() =>
        string.Join(", ", Parameters.Where(p => p.IsOffered).Select(p => p.Name));

    /// <summary>C parameter name → friendly name, for the doc comment.</summary>
    public EquatableArray<NamePair> DocNames() =>
        Parameters.Where(p => p.IsOffered && p.CName.Length > 0).Select(p => new NamePair(p.CName, p.Name)).ToEquatableArray();
}

/// <summary>A C name and the C# name it is generated as.</summary>
internal sealed record NamePair(string CName, string Name);

/// <summary>Names of the locals generated marshalling code declares.</summary>
internal static class MarshallingNames
{
    public static string Pinned(string parameter) => Local(parameter, "native");

    public static string Local(string parameter, string suffix) => "__" + parameter.TrimStart('@') + "_" + suffix;
}
