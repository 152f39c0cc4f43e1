namespace StretchBindings.Tests.Shared;

/// <summary>A fresh directory under the system temp folder, removed with everything in it when disposed.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    /// <param name="prefix">The start of the directory's name, saying which tests left it should it outlive them.</param>
    public TemporaryDirectory(string prefix)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N")[..12]);
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
            // Leftovers in the temporary folder are harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
