using System.Security;

namespace StretchBindings.Tests.Shared;

/// <summary>
/// Prepares a folder outside the repository for a project that consumes the packages as a user would:
/// NuGet sees only the local package folder (and, if given, a fallback folder for other packages), and
/// neither the repository's Directory.Build.props nor its central package versions (Directory.Packages.props) apply.
/// </summary>
internal static class ConsumerFolder
{
    public static void Prepare(TemporaryDirectory directory, string packageFolder, string? fallbackFolder = null)
    {
        string fallback = fallbackFolder is null ? "" : $"""
              <fallbackPackageFolders>
                <clear />
                <add key="machine" value="{SecurityElement.Escape(fallbackFolder)}" />
              </fallbackPackageFolders>
            """;
        File.WriteAllText(directory.File("NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{SecurityElement.Escape(packageFolder)}" />
              </packageSources>
            {fallback}
            </configuration>
            """);
        File.WriteAllText(directory.File("Directory.Build.props"), "<Project />\n");
        File.WriteAllText(directory.File("Directory.Packages.props"), "<Project />\n");
    }
}
