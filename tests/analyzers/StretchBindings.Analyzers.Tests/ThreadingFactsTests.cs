using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using StretchBindings.Analyzers.Tests.Infrastructure;

namespace StretchBindings.Analyzers.Tests;

/// <summary>The per-compilation facts SB1001 and SB1002 share: the single-threaded types, resolved once, and their changing members.</summary>
public sealed class ThreadingFactsTests
{
    private const string Library = """
        namespace ThirdParty
        {
            public sealed class Resampler { public void Flush() { } }
            public sealed class Cache<T> { public void Put(T value) { } public T Get() => default!; }
            public static class Codecs
            {
                public sealed class Opus { }
            }
        }
        """;

    private static AnalyzerOptions Options(string list) =>
        new(ImmutableArray.Create<AdditionalText>(new InMemoryAdditionalText("/src/NotThreadSafeTypes.txt", list)));

    private static CSharpCompilation Plain(string source) =>
        CSharpCompilation.Create("Plain", [CSharpSyntaxTree.ParseText(source, AnalyzerHarness.ParseOptions)], AnalyzerHarness.References, AnalyzerHarness.CompilationOptions);

    [Fact]
    public void Both_analyzers_get_the_facts_worked_out_once_for_a_compilation()
    {
        CSharpCompilation compilation = AnalyzerHarness.Compile("class C { }");
        AnalyzerOptions options = Options("ThirdParty.Resampler");

        ThreadingFacts first = ThreadingFacts.For(compilation, options, CancellationToken.None);
        ThreadingFacts second = ThreadingFacts.For(compilation, options, CancellationToken.None);

        Assert.Same(first, second);
        Assert.NotSame(first, ThreadingFacts.For(compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class D { }")), options, CancellationToken.None));
    }

    [Fact]
    public void Other_options_for_the_same_compilation_get_facts_of_their_own()
    {
        CSharpCompilation compilation = Plain("class C { }" + Library);

        ThreadingFacts withList = ThreadingFacts.For(compilation, Options("ThirdParty.Resampler"), CancellationToken.None);
        ThreadingFacts withoutList = ThreadingFacts.For(compilation, Options("# nothing listed"), CancellationToken.None);

        Assert.NotNull(withList.Types);
        Assert.Null(withoutList.Types);
    }

    [Fact]
    public void A_compilation_without_the_attribute_or_a_type_list_gets_no_facts()
    {
        CSharpCompilation compilation = Plain("class C { }");

        ThreadingFacts facts = ThreadingFacts.For(compilation, Options("# nothing listed"), CancellationToken.None);

        Assert.Null(facts.Types);
        Assert.Null(facts.Members);
    }

    [Fact]
    public void The_attribute_alone_gives_facts()
    {
        CSharpCompilation compilation = Plain("""
            namespace StretchBindings.Interop { public sealed class NotThreadSafeAttribute : System.Attribute { } }
            [StretchBindings.Interop.NotThreadSafe] class Voice { }
            class Derived : Voice { }
            class Other { }
            """);

        ThreadingFacts facts = ThreadingFacts.For(compilation, Options(string.Empty), CancellationToken.None);

        Assert.True(facts.Types!.IsSingleThreaded(compilation.GetTypeByMetadataName("Derived")));
        Assert.False(facts.Types.IsSingleThreaded(compilation.GetTypeByMetadataName("Other")));
    }

    [Theory]
    [InlineData("ThirdParty.Resampler", "ThirdParty.Resampler")]
    [InlineData("ThirdParty.Codecs.Opus", "ThirdParty.Codecs+Opus")]
    [InlineData("ThirdParty.Codecs+Opus", "ThirdParty.Codecs+Opus")]
    [InlineData("ThirdParty.Cache`1", "ThirdParty.Cache`1")]
    [InlineData("System.Collections.Generic.List`1", "System.Collections.Generic.List`1")]
    public void Listed_names_match_in_every_spelling(string listed, string metadataName)
    {
        CSharpCompilation compilation = Plain(Library + "class Mine : System.Collections.Generic.List<int> { }");
        ThreadingFacts facts = ThreadingFacts.For(compilation, Options(listed), CancellationToken.None);
        INamedTypeSymbol type = compilation.GetTypeByMetadataName(metadataName)!;

        Assert.True(facts.Types!.IsSingleThreaded(type));
        Assert.False(facts.Types.IsSingleThreaded(compilation.GetTypeByMetadataName("ThirdParty.Codecs")));
        Assert.Equal(metadataName.Contains("List"), facts.Types.IsSingleThreaded(compilation.GetTypeByMetadataName("Mine")));
    }

    [Theory]
    [InlineData("ThirdParty.Cache")]          // the arity is part of the name
    [InlineData("ThirdParty.Cache`2")]
    [InlineData("ThirdParty.Missing")]
    [InlineData("Newtonsoft.Json.Linq.JObject")]
    [InlineData("ThirdParty.Codecs.Opus.Inner")]
    [InlineData("ThirdParty..Resampler")]
    [InlineData("Other.Resampler")]
    [InlineData("Resampler")]
    [InlineData("Codecs.Opus")]
    public void Names_nothing_declares_match_nothing(string listed)
    {
        CSharpCompilation compilation = Plain(Library);
        ThreadingFacts facts = ThreadingFacts.For(compilation, Options(listed), CancellationToken.None);

        foreach (string name in new[] { "ThirdParty.Resampler", "ThirdParty.Cache`1", "ThirdParty.Codecs", "ThirdParty.Codecs+Opus" })
        {
            Assert.False(facts.Types!.IsSingleThreaded(compilation.GetTypeByMetadataName(name)), name);
        }
    }

    [Fact]
    public void A_line_may_name_the_members_that_change_the_type()
    {
        CSharpCompilation compilation = Plain(Library);
        ThreadingFacts facts = ThreadingFacts.For(compilation, Options("ThirdParty.Cache`1: Put   # Get only reads\n"), CancellationToken.None);
        INamedTypeSymbol cache = compilation.GetTypeByMetadataName("ThirdParty.Cache`1")!;

        Assert.True(facts.Types!.IsSingleThreaded(cache));
        Assert.True(facts.Members!.Mutates(cache, cache.GetMembers("Put")[0], isWrite: false));
        Assert.False(facts.Members.Mutates(cache, cache.GetMembers("Get")[0], isWrite: false));
    }

    [Fact]
    public void Collections_have_default_changing_members_and_other_types_change_on_every_call()
    {
        CSharpCompilation compilation = Plain(Library);
        ThreadingFacts facts = ThreadingFacts.For(
            compilation, Options("System.Collections.Generic.Dictionary`2\nThirdParty.Resampler"), CancellationToken.None);
        INamedTypeSymbol dictionary = compilation.GetTypeByMetadataName("System.Collections.Generic.Dictionary`2")!;
        INamedTypeSymbol resampler = compilation.GetTypeByMetadataName("ThirdParty.Resampler")!;

        Assert.True(facts.Members!.Mutates(dictionary, dictionary.GetMembers("Add")[0], isWrite: false));
        Assert.True(facts.Members.Mutates(dictionary, dictionary.GetMembers("Clear")[0], isWrite: false));
        Assert.False(facts.Members.Mutates(dictionary, dictionary.GetMembers("TryGetValue")[0], isWrite: false));
        Assert.False(facts.Members.Mutates(dictionary, dictionary.GetMembers("ContainsKey")[0], isWrite: false));
        Assert.True(facts.Members.Mutates(resampler, resampler.GetMembers("Flush")[0], isWrite: false));
        Assert.True(facts.Members.HasReadOnlyMembers(dictionary));
        Assert.False(facts.Members.HasReadOnlyMembers(resampler));
    }
}
