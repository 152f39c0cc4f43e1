using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace StretchBindings.Analyzers.Tests.Infrastructure;

/// <summary>
/// The not-thread-safe type list most SB1002 tests share: the two BCL collections, members judged by their
/// default mutating-member names.
/// </summary>
public static class ListedCollections
{
    public static readonly InMemoryAdditionalText ListAndDictionary = new("/src/NotThreadSafeTypes.txt", """
        System.Collections.Generic.List`1
        System.Collections.Generic.Dictionary`2
        """);

    /// <summary>Runs SB1002 on <paramref name="source"/> with <see cref="ListAndDictionary"/> listed.</summary>
    public static Task<ImmutableArray<Diagnostic>> VerifyReachableAsync(string source) =>
        AnalyzerHarness.VerifyAsync(new ReachableFromAnyThreadAnalyzer(), source, ListAndDictionary);
}
