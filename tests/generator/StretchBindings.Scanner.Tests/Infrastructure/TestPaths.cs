using StretchBindings.Manifest;
namespace StretchBindings.Scanner.Tests.Infrastructure;

/// <summary>Where the test headers, the project's header and the built sb-scan tool are.</summary>
internal static class TestPaths
{
    public static string Headers => Path.Combine(Repository.Root, "tests", "generator", "StretchBindings.Scanner.Tests", "Headers");

    public static string Header(string name) => Path.Combine(Headers, name);

    public static string NativeInclude => Path.Combine(Repository.Root, "native", "include");

    public static string StretchHeader => Path.Combine(NativeInclude, "stretch", "stretch.h");

    public static string StretchManifest => Path.Combine(NativeInclude, "stretch", "stretch.native.json");

    public static string BuildDirectory => Path.Combine(Repository.Root, "generator", "MSBuild");

    /// <summary>sb-scan.dll, copied beside the tests by the project reference.</summary>
    public static string ScannerTool => Path.Combine(AppContext.BaseDirectory, "sb-scan.dll");

    /// <summary>A fresh directory under the system temp folder, removed when disposed.</summary>
    public static TemporaryDirectory CreateTemporaryDirectory() => new("sb-scanner-tests-");
}
