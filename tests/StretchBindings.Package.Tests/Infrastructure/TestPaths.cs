namespace StretchBindings.Package.Tests.Infrastructure;

/// <summary>Where the repository and its package folder are.</summary>
internal static class TestPaths
{
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    public static string RepositoryRoot => Root.Value;

    /// <summary>artifacts/packages/, where <c>dotnet pack</c> writes every package of the repository.</summary>
    public static string PackageFolder => Path.Combine(RepositoryRoot, "artifacts", "packages");

    public static string RuntimeProject => Path.Combine(RepositoryRoot, "runtime", "StretchBindings", "StretchBindings.csproj");

    private static string FindRepositoryRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "native", "include", "stretch", "stretch.h"))
                && Directory.Exists(Path.Combine(directory.FullName, "tests", "StretchBindings.Package.Tests")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no repository root above {AppContext.BaseDirectory}");
    }
}
