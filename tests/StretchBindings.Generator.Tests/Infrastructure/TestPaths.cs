namespace StretchBindings.Generator.Tests.Infrastructure;

/// <summary>Where the repository, this test project's sources and its test manifests are.</summary>
internal static class TestPaths
{
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    public static string RepositoryRoot => Root.Value;

    public static string ProjectDirectory => Path.Combine(RepositoryRoot, "tests", "StretchBindings.Generator.Tests");

    public static string SnapshotDirectory => Path.Combine(ProjectDirectory, "Snapshots");

    public static string Manifest(string name) => Path.Combine(ProjectDirectory, "Manifests", name);

    public static string StretchManifest => Path.Combine(RepositoryRoot, "native", "include", "stretch", "stretch.native.json");

    private static string FindRepositoryRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "native", "include", "stretch", "stretch.h"))
                && Directory.Exists(Path.Combine(directory.FullName, "tests", "StretchBindings.Generator.Tests")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no repository root above {AppContext.BaseDirectory}");
    }
}
