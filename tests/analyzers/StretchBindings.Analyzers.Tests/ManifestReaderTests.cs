using StretchBindings.Analyzers.Manifests;
using StretchBindings.Analyzers.Tests.Infrastructure;

namespace StretchBindings.Analyzers.Tests;

/// <summary>The manifest model the analyzers read (the shared JSON reader has its own tests in the generator's suite).</summary>
public sealed class ManifestReaderTests
{
    [Fact]
    public void Reads_the_short_call_annotation_and_signature_hazards()
    {
        NativeManifest manifest = NativeManifest.Parse(TestManifests.Stretch);
        Assert.Equal("stretch", manifest.Library);
        Assert.True(manifest.TryGetFunction("stretch_reset", out NativeFunction reset));
        Assert.True(reset.IsShortCall);
        Assert.True(manifest.TryGetFunction("stretch_process", out NativeFunction process));
        Assert.False(process.IsShortCall);
        Assert.True(manifest.TryGetFunction("stretch_log", out NativeFunction log));
        Assert.True(log.IsVariadic);
        Assert.True(manifest.TryGetFunction("stretch_set_logger", out NativeFunction setLogger));
        Assert.Equal("logger", setLogger.FunctionPointerParameter);
        Assert.Null(reset.FunctionPointerParameter);
    }

    [Fact]
    public void Reads_the_projects_own_manifest()
    {
        string path = Path.Combine(Repository.Root, "native", "include", "stretch", "stretch.native.json");
        NativeManifest manifest = NativeManifest.Parse(File.ReadAllText(path));
        Assert.Equal("stretch", manifest.Library);
        Assert.Contains(manifest.Functions, f => f.Name == "stretch_reset" && f.IsShortCall);
        Assert.Contains(manifest.Functions, f => f.Name == "stretch_process" && !f.IsShortCall);
    }

    [Theory]
    [InlineData("[]", "not a JSON object")]
    [InlineData("{\"library\": \"x\"}", "no integer 'schemaVersion'")]
    [InlineData("{\"schemaVersion\": 3, \"library\": \"x\"}", "schema version 3 is not supported")]
    [InlineData("{\"schemaVersion\": 1}", "no 'library'")]
    public void Rejects_json_that_is_not_a_version_1_manifest(string text, string message)
    {
        ManifestFormatException exception = Assert.Throws<ManifestFormatException>(() => NativeManifest.Parse(text));
        Assert.Contains(message, exception.Message);
    }

    [Theory]
    [InlineData("stretch", "stretch")]
    [InlineData("libstretch.so", "stretch")]
    [InlineData("libstretch.so.1.2", "stretch")]
    [InlineData("./native/libstretch.dylib", "stretch")]
    [InlineData("C:\\bin\\Stretch.dll", "stretch")]
    [InlineData("z", "z")]
    [InlineData("libz.so.1", "z")]
    [InlineData("lib", "lib")]
    public void Library_names_are_normalized(string spelled, string normalized)
    {
        Assert.Equal(normalized, NativeManifest.NormalizeLibraryName(spelled));
    }
}
