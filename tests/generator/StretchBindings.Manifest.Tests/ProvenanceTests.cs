using System.Text;

namespace StretchBindings.Manifest.Tests;

/// <summary>A function's own library and where an annotation or a library came from survive writing and reading.</summary>
public sealed class ProvenanceTests
{
    [Fact]
    public void Library_and_sources_round_trip_under_their_keys()
    {
        NativeManifest manifest = ManifestReader.Read(File.ReadAllText(Path.Combine(Repository.Root, "tests/generator/StretchBindings.Generator.Tests/Manifests/zlib.native.json")));
        NativeFunction crc32 = manifest.Functions.Single(f => f.Name == "crc32");
        var source = new NativeLocation("zlib.sidecar.json", 7, 12);
        NativeFunction changed = crc32 with
        {
            Library = "z-extra",
            LibrarySource = new NativeLocation("zlib.sidecar.json", 6, 5),
            Annotations = new[] { new NativeAnnotation(NativeAnnotationNames.ShortCall, EquatableArray<string>.Empty) { Source = source } },
        };
        NativeManifest edited = manifest with { Functions = manifest.Functions.Select(f => f.Name == "crc32" ? changed : f).ToArray() };

        string json = ManifestWriter.ToJson(edited);
        Assert.Contains("\"library\": \"z-extra\"", json, StringComparison.Ordinal);
        Assert.Contains("\"librarySource\": {", json, StringComparison.Ordinal);
        Assert.Contains("\"source\": {", json, StringComparison.Ordinal);

        NativeManifest read = ManifestReader.Read(json);
        Assert.Equal(edited, read);
        Assert.Equal(source, read.Functions.Single(f => f.Name == "crc32").Annotations[0].Source);
        Assert.Equal(Encoding.UTF8.GetBytes(json), ManifestWriter.ToUtf8(read));
    }

    [Fact]
    public void A_manifest_without_them_writes_none_of_their_keys()
    {
        string json = File.ReadAllText(Path.Combine(Repository.Root, "native/include/stretch/stretch.native.json"));
        Assert.DoesNotContain("\"librarySource\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"source\"", json, StringComparison.Ordinal);
        Assert.All(ManifestReader.Read(json).Functions, f => Assert.Null(f.Library));
    }
}
