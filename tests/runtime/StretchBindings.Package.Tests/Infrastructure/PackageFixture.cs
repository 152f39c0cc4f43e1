using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;

namespace StretchBindings.Package.Tests.Infrastructure;

/// <summary>
/// Packs runtime/StretchBindings once for all the tests (as a user would: <c>dotnet pack</c> of the
/// project), and finds the package that run wrote.
/// </summary>
public sealed class PackageFixture
{
    public const string PackageId = "StretchBindings";

    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(10);

    private readonly Lazy<string> _globalPackagesFolder;

    public PackageFixture()
    {
        var watch = Stopwatch.StartNew();
        using (PackLock.Acquire(Repository.Root, BuildTimeout))
        {
            Pack = ProcessRunner.Dotnet(
                ["pack", TestPaths.RuntimeProject, "--tl:off", "-nodeReuse:false", "-p:UseSharedCompilation=false"],
                Repository.Root,
                BuildTimeout);
        }

        PackDuration = watch.Elapsed;
        if (Pack.ExitCode == 0)
        {
            // The package just written: the folder also holds StretchBindings.Generator.* and maybe older versions.
            FileInfo? newest = new DirectoryInfo(TestPaths.PackageFolder).GetFiles(PackageId + ".*.nupkg")
                .Where(file => char.IsDigit(file.Name[(PackageId.Length + 1)..][0]))
                .OrderByDescending(file => file.LastWriteTimeUtc)
                .FirstOrDefault();
            // A successful pack whose inputs did not change since the last one leaves that package in
            // place (NuGet skips the write), and it is current: the newest package is this run's.
            if (newest is not null)
            {
                PackagePath = newest.FullName;
                Version = Path.GetFileNameWithoutExtension(newest.Name)[(PackageId.Length + 1)..];
            }
        }

        _globalPackagesFolder = new Lazy<string>(WarmGlobalPackagesFolder);
    }

    internal ProcessResult Pack { get; }

    public TimeSpan PackDuration { get; }

    /// <summary>The .nupkg this run wrote; null when the pack failed or wrote none.</summary>
    public string? PackagePath { get; }

    public string? Version { get; }

    /// <summary>Fails the calling test unless the pack succeeded and wrote a package.</summary>
    public (string Path, string Version) RequirePackage()
    {
        Assert.True(Pack.ExitCode == 0, "dotnet pack failed:\n" + Pack.Combined);
        Assert.True(PackagePath is not null && Version is not null,
            $"dotnet pack succeeded but wrote no {PackageId}.<version>.nupkg into {TestPaths.PackageFolder}:\n{Pack.Output}");
        return (PackagePath!, Version!);
    }

    /// <summary>
    /// The machine's global packages folder, holding everything a NativeAOT publish for net9.0 on
    /// linux-x64 restores (targeting pack, ILCompiler packages): AOT consumers use it as a fallback
    /// folder, so that they restore StretchBindings from artifacts/packages only and nothing else
    /// from the network.
    /// </summary>
    public string GlobalPackagesFolder => _globalPackagesFolder.Value;

    public static string Sha512(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return Convert.ToHexString(SHA512.HashData(stream));
    }

    /// <summary>
    /// Restores, with the machine's own NuGet configuration, a project like the AOT consumer but
    /// without StretchBindings: it brings the AOT packages into the global packages folder (once;
    /// later runs find them there) and reports where that folder is.
    /// </summary>
    private static string WarmGlobalPackagesFolder()
    {
        using var warmUp = new TemporaryDirectory("sb-package-tests-warmup-");
        File.WriteAllText(warmUp.File("Directory.Build.props"), "<Project />\n");
        File.WriteAllText(warmUp.File("WarmUp.csproj"), ConsumerProjects.Project(ConsumerProjects.AotTargetFramework, packageVersion: null));
        ProcessResult restore = ProcessRunner.Dotnet(
            ["restore", warmUp.File("WarmUp.csproj"), "--tl:off", "-nodeReuse:false", "-r", ConsumerProjects.RuntimeIdentifier, "-p:PublishAot=true"],
            warmUp.Path,
            BuildTimeout);
        Assert.True(restore.ExitCode == 0, "restoring the NativeAOT packages (ILCompiler, net9.0 targeting pack) failed:\n" + restore.Combined);

        using JsonDocument assets = JsonDocument.Parse(File.ReadAllText(Path.Combine(warmUp.Path, "obj", "project.assets.json")));
        string folder = assets.RootElement.GetProperty("packageFolders").EnumerateObject().First().Name;
        return Path.GetFullPath(folder);
    }
}

/// <summary>Tests that run whole builds: few, one at a time, sharing one pack.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PackageCollection : ICollectionFixture<PackageFixture>
{
    public const string Name = "Package builds";
}
