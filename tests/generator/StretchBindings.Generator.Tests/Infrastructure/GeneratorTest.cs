using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace StretchBindings.Generator.Tests.Infrastructure;

/// <summary>
/// The generator on the Roslyn testing framework: a consumer's source and its manifests (AdditionalFiles,
/// their &lt;NativeHeader&gt; metadata in a global analyzer config), the expected generated sources, and
/// the output compiled with no warning or error unless expected.
/// </summary>
internal sealed class GeneratorTest : CSharpSourceGeneratorTest<NativeBindingsGenerator, XunitVerifier>
{
    public GeneratorTest(string source, IEnumerable<ManifestSpec> manifests, string rootNamespace = "Consumer")
    {
        ReferenceAssemblies = TestReferenceAssemblies.Net80;
        CompilerDiagnostics = CompilerDiagnostics.Warnings;
        TestState.Sources.Add(("Source0.cs", source));
        TestState.AdditionalReferences.Add(typeof(StretchBindings.Interop.NativeKernelAttribute).Assembly);

        // Global analyzer configs take sections with absolute paths: the per-file metadata of each manifest.
        var config = new StringBuilder("is_global = true\n").Append("build_property.RootNamespace = ").Append(rootNamespace).Append('\n');
        foreach (ManifestSpec manifest in manifests)
        {
            TestState.AdditionalFiles.Add((manifest.Path, SourceText.From(manifest.Content, Encoding.UTF8)));
            config.Append('[').Append(manifest.Path).Append("]\n");
            foreach ((string key, string value) in manifest.Metadata())
            {
                config.Append(key).Append(" = ").Append(value).Append('\n');
            }
        }

        TestState.AnalyzerConfigFiles.Add(("/.globalconfig", config.ToString()));
    }

    /// <summary>Expects <paramref name="text"/> as the generated source <paramref name="hintName"/>.</summary>
    public void ExpectSource(string hintName, string text) =>
        TestState.GeneratedSources.Add((typeof(NativeBindingsGenerator), hintName, SourceText.From(text, Encoding.UTF8)));

    protected override ParseOptions CreateParseOptions() => GeneratorHarness.ParseOptions;

    protected override CompilationOptions CreateCompilationOptions() => GeneratorHarness.CompilationOptions;
}
