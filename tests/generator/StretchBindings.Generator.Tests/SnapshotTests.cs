using StretchBindings.Generator.Tests.Infrastructure;

namespace StretchBindings.Generator.Tests;

/// <summary>The generated sources, compared with checked-in snapshots under Snapshots/.</summary>
public sealed class SnapshotTests
{
    [Theory]
    [InlineData(".g.cs")]
    [InlineData(".Types.g.cs")]
    [InlineData(".Projection.g.cs")]
    public void Stretch_manifest(string file)
    {
        GeneratorRun run = GeneratorHarness.Run(
            "namespace Consumer;\n",
            ManifestSpec.FromFile(TestPaths.StretchManifest, className: "StretchNative", ns: "Audio.Native", library: "stretch"));
        Snapshot.Verify("Stretch" + file.Replace(".g.cs", string.Empty, StringComparison.Ordinal), run.Source("Audio.Native.StretchNative" + file));
    }

    [Theory]
    [InlineData(".g.cs")]
    [InlineData(".Types.g.cs")]
    public void Zlib_manifest(string file)
    {
        GeneratorRun run = GeneratorHarness.Run(
            "namespace Consumer;\n",
            ManifestSpec.FromFile(TestPaths.Manifest("zlib.native.json"), className: "Zlib", ns: "Compression", library: "z"));
        Snapshot.Verify("Zlib" + file.Replace(".g.cs", string.Empty, StringComparison.Ordinal), run.Source("Compression.Zlib" + file));
    }

    [Theory]
    [InlineData(".g.cs")]
    [InlineData(".Types.g.cs")]
    public void Edge_cases_manifest(string file)
    {
        GeneratorRun run = GeneratorHarness.Run(
            "namespace Consumer;\n",
            ManifestSpec.FromFile(TestPaths.Manifest("edge.native.json"), className: "Edge", ns: "Consumer.Native"));
        Snapshot.Verify("Edge" + file.Replace(".g.cs", string.Empty, StringComparison.Ordinal), run.Source("Consumer.Native.Edge" + file));
    }

    [Theory]
    [InlineData(".g.cs")]
    [InlineData(".Types.g.cs")]
    public void C_type_coverage_manifest(string file)
    {
        GeneratorRun run = GeneratorHarness.Run("namespace Consumer;\n", CompileTests.CTypes);
        Snapshot.Verify("CTypes" + file.Replace(".g.cs", string.Empty, StringComparison.Ordinal), run.Source("Consumer.Native.CTypes" + file));
    }
}
