namespace StretchBindings.Package.Tests.Infrastructure;

/// <summary>Where the package folder and the packed project are in the repository.</summary>
internal static class TestPaths
{
    /// <summary>artifacts/packages/, where <c>dotnet pack</c> writes every package of the repository.</summary>
    public static string PackageFolder => Path.Combine(Repository.Root, "artifacts", "packages");

    public static string RuntimeProject => Path.Combine(Repository.Root, "runtime", "StretchBindings", "StretchBindings.csproj");
}
