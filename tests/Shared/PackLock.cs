namespace StretchBindings.Tests.Shared;

/// <summary>
/// Serialises <c>dotnet pack</c> across test assemblies: every pack builds the same Release projects
/// (Interop, the analyzers), and two at once, from test projects that run in parallel, would write the
/// same files. An exclusive open of one lock file is the cross-process mutex.
/// </summary>
internal static class PackLock
{
    public static IDisposable Acquire(string repositoryRoot, TimeSpan timeout)
    {
        string directory = Path.Combine(repositoryRoot, "artifacts", "packages");
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, ".pack.lock");
        DateTime giveUp = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < giveUp)
            {
                Thread.Sleep(250);
            }
        }
    }
}
