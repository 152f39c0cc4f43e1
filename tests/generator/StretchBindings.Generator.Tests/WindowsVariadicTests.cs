using StretchBindings.Generator.Tests.Infrastructure;
using StretchBindings.Tests.Shared;

namespace StretchBindings.Generator.Tests;

/// <summary>
/// The win-x64 variadic thunk of <c>VariadicCall</c>, run for real: Wine/Program.cs.txt is published for
/// win-x64 (self-contained, from the runtime pack in the NuGet cache) and run under wine, where it calls
/// msvcrt's <c>sprintf</c> with doubles among the register arguments. Skipped where wine or the pack is
/// missing. Set STRETCHBINDINGS_WINE=0 to skip it.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class WindowsVariadicTests
{
    private static readonly string? Wine = new[] { "/usr/bin/wine", "/usr/bin/wine64", "/usr/lib/wine/wine64" }.FirstOrDefault(File.Exists);

    private static bool RuntimePackCached =>
        Directory.Exists(Path.Combine(Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"), "microsoft.netcore.app.runtime.win-x64"));

    [SkippableWineFact]
    public void Sprintf_reads_the_doubles_the_thunk_copies_into_the_integer_registers()
    {
        using var directory = new TemporaryDirectory("sb-wine-");
        string source = Path.Combine(AppContext.BaseDirectory, "Wine");
        File.Copy(Path.Combine(source, "WindowsVariadic.csproj.txt"), directory.File("WindowsVariadic.csproj"));
        File.Copy(Path.Combine(source, "Program.cs.txt"), directory.File("Program.cs"));
        File.WriteAllText(directory.File("Directory.Build.props"), "<Project />\n");
        File.WriteAllText(directory.File("Directory.Packages.props"), "<Project />\n");

        string interop = typeof(StretchBindings.Interop.VariadicCall).Assembly.Location;
        ProcessResult publish = ProcessRunner.Dotnet(["publish", "-c", "Release", "-o", "out", "-p:InteropAssembly=" + interop], directory.Path, TimeSpan.FromMinutes(8));
        Assert.True(publish.ExitCode == 0, "publish failed:\n" + publish.Combined);

        ProcessResult run = ProcessRunner.Run(Wine!, [Path.Combine(directory.Path, "out", "WindowsVariadic.exe")], directory.Path, TimeSpan.FromMinutes(4),
            new Dictionary<string, string?> { ["WINEPREFIX"] = directory.File("prefix"), ["WINEDEBUG"] = "-all" });
        Assert.True(run.ExitCode == 0, "wine failed:\n" + run.Combined);

        string[] lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("mixed=-42|3.142|7|2.5|ok", lines);
        Assert.Contains("two=1.25 -0.50", lines);
        Assert.Contains("many=1 2 3.5 4 5.25 6", lines);

        // Without the thunk the callee reads the integer registers, which hold no doubles: what the thunk is for.
        Assert.DoesNotContain("unthunked=1.25 -0.50", lines);
    }

    /// <summary>Runs only where wine and the win-x64 runtime pack are there, and STRETCHBINDINGS_WINE is not 0.</summary>
    private sealed class SkippableWineFactAttribute : FactAttribute
    {
        public SkippableWineFactAttribute()
        {
            if (Wine is null || !RuntimePackCached || Environment.GetEnvironmentVariable("STRETCHBINDINGS_WINE") == "0")
            {
                Skip = "needs wine and the win-x64 runtime pack in the NuGet cache (STRETCHBINDINGS_WINE=0 skips it)";
            }
        }
    }
}
