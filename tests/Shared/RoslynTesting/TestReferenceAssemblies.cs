using Microsoft.CodeAnalysis.Testing;

namespace StretchBindings.Tests.Shared;

/// <summary>
/// The reference assemblies of the Roslyn testing framework's compilations: .NET 8, the oldest framework
/// the packages' users target. Restore puts them in the packages folder (PackageDownload in
/// RoslynTesting.props), and TestNuGet.config names no package source, so a test never downloads.
/// </summary>
public static class TestReferenceAssemblies
{
    public static ReferenceAssemblies Net80 { get; } =
        ReferenceAssemblies.Net.Net80.WithNuGetConfigFilePath(Path.Combine(AppContext.BaseDirectory, "TestNuGet.config"));
}
