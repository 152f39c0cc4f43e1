namespace StretchBindings.Scanner.Tests.Infrastructure;

/// <summary>Where the repository, the test headers and the built sb-scan tool are.</summary>
internal static class TestPaths
{
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);

    /// <summary>The repository root, found by walking up from the test assembly.</summary>
    public static string RepositoryRoot => Root.Value;

    public static string Headers => Path.Combine(RepositoryRoot, "tests", "StretchBindings.Scanner.Tests", "Headers");

    public static string Header(string name) => Path.Combine(Headers, name);

    public static string NativeInclude => Path.Combine(RepositoryRoot, "native", "include");

    public static string StretchHeader => Path.Combine(NativeInclude, "stretch", "stretch.h");

    public static string StretchManifest => Path.Combine(NativeInclude, "stretch", "stretch.native.json");

    public static string BuildDirectory => Path.Combine(RepositoryRoot, "generator", "build");

    /// <summary>sb-scan.dll, copied beside the tests by the project reference.</summary>
    public static string ScannerTool => Path.Combine(AppContext.BaseDirectory, "sb-scan.dll");

    private static string FindRepositoryRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "native", "include", "stretch", "stretch.h"))
                && Directory.Exists(Path.Combine(directory.FullName, "generator")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no repository root above {AppContext.BaseDirectory}");
    }

    /// <summary>A fresh directory under the system temp folder, removed when disposed.</summary>
    public static TemporaryDirectory CreateTemporaryDirectory() => new();
}

internal sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sb-scanner-tests-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
