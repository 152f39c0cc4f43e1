using Microsoft.CodeAnalysis.Text;
using StretchBindings.Analyzers.Manifests;
using StretchBindings.Analyzers.Tests.Infrastructure;

namespace StretchBindings.Analyzers.Tests;

/// <summary>
/// What the analyzers take from a manifest (the shared reader and model have their own tests in
/// tests/generator/StretchBindings.Manifest.Tests).
/// </summary>
public sealed class ManifestReaderTests
{
    private static ManifestSet Load(params (string Path, string Text)[] files) =>
        ManifestSet.Load(
            new Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions([.. files.Select(f => (Microsoft.CodeAnalysis.AdditionalText)new InMemoryAdditionalText(f.Path, f.Text))]),
            CancellationToken.None);

    [Fact]
    public void Reads_the_short_call_annotation_and_signature_hazards()
    {
        ManifestSet manifests = Load(("/src/stretch.native.json", TestManifests.Stretch));
        ManifestFunction reset = manifests.Find("stretch", "stretch_reset")!;
        Assert.True(reset.IsShortCall);
        Assert.True(reset.HeaderAnnotatesShortCalls);
        Assert.False(manifests.Find("stretch", "stretch_process")!.IsShortCall);
        Assert.True(manifests.Find("stretch", "stretch_process")!.IsKnownLong);
        Assert.True(manifests.Find("stretch", "stretch_log")!.IsVariadic);
        Assert.Equal("logger", manifests.Find("stretch", "stretch_set_logger")!.FunctionPointerParameter);
        Assert.Null(reset.FunctionPointerParameter);
    }

    [Fact]
    public void Reads_the_projects_own_manifest()
    {
        string path = Path.Combine(Repository.Root, "native", "include", "stretch", "stretch.native.json");
        ManifestSet manifests = Load((path, File.ReadAllText(path)));
        Assert.True(manifests.Find("libstretch.so", "stretch_reset")!.IsShortCall);
        Assert.False(manifests.Find(null, "stretch_process")!.IsShortCall);
        Assert.Null(manifests.Find("z", "stretch_reset"));
    }

    [Fact]
    public void Only_manifests_are_read()
    {
        ManifestSet manifests = Load(("/src/stretch.json", TestManifests.Stretch));
        Assert.True(manifests.IsEmpty);
    }

    [Fact]
    public void A_file_the_build_marks_as_a_manifest_is_read_whatever_its_name()
    {
        var file = new InMemoryAdditionalText("/obj/scanned/stretch.json", TestManifests.Stretch);
        var marked = new Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions(
            [file], new ItemTypeProvider(file.Path, "NativeManifest"));
        ManifestSet manifests = ManifestSet.Load(marked, CancellationToken.None);
        Assert.True(manifests.Find("stretch", "stretch_reset")!.IsShortCall);

        var other = new Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions([file], new ItemTypeProvider(file.Path, "AdditionalFiles"));
        Assert.True(ManifestSet.Load(other, CancellationToken.None).IsEmpty);
    }

    /// <summary>What the compiler passes for an AdditionalFile with SourceItemType metadata.</summary>
    private sealed class ItemTypeProvider(string path, string itemType) : Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptionsProvider
    {
        public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GlobalOptions { get; } = new Options(null);

        public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GetOptions(Microsoft.CodeAnalysis.SyntaxTree tree) => new Options(null);

        public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GetOptions(Microsoft.CodeAnalysis.AdditionalText textFile) =>
            new Options(textFile.Path == path ? itemType : null);

        private sealed class Options(string? itemType) : Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
            {
                value = key == "build_metadata.AdditionalFiles.SourceItemType" ? itemType : null;
                return value is not null;
            }
        }
    }

    [Theory]
    [InlineData("[]", "must be an object")]
    [InlineData("{\"library\": \"x\"}", "'schemaVersion' is missing")]
    [InlineData("{\"schemaVersion\": 3, \"library\": \"x\"}", "schema version 3 is not supported")]
    [InlineData("{\"schemaVersion\": 1}", "'library' is missing")]
    public void Rejects_json_that_is_not_a_version_1_manifest(string text, string message)
    {
        ManifestReadResult result = ManifestSet.Read(SourceText.From(text));
        Assert.Null(result.Manifest);
        Assert.Contains(message, result.Error);
    }
}
