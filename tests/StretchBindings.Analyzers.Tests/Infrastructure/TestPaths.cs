namespace StretchBindings.Analyzers.Tests.Infrastructure;

public static class TestPaths
{
    /// <summary>The repository's root: the nearest folder above the test assembly that holds StretchBindings.sln.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "StretchBindings.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("StretchBindings.sln was not found above " + AppContext.BaseDirectory);
    }
}
