namespace StretchBindings.Tests.Shared;

/// <summary>Where the repository is, for tests that read its files or build its projects.</summary>
internal static class Repository
{
    private static readonly Lazy<string> _root = new(FindRoot);

    /// <summary>The repository's root: the nearest folder above the test assembly that holds StretchBindings.sln.</summary>
    public static string Root => _root.Value;

    private static string FindRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "StretchBindings.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (a folder holding StretchBindings.sln) is not above " + AppContext.BaseDirectory);
    }
}
