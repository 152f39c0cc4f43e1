namespace StretchBindings.Generator.Tests.Infrastructure;

/// <summary>Where this test project's sources and its test manifests are in the repository.</summary>
internal static class TestPaths
{
    public static string ProjectDirectory => Path.Combine(Repository.Root, "tests", "generator", "StretchBindings.Generator.Tests");

    public static string SnapshotDirectory => Path.Combine(ProjectDirectory, "Snapshots");

    public static string Manifest(string name) => Path.Combine(ProjectDirectory, "Manifests", name);

    public static string StretchManifest => Path.Combine(Repository.Root, "native", "include", "stretch", "stretch.native.json");
}
