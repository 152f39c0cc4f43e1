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
    /// The machine's global packages folder, holding everything the consumers restore besides
    /// StretchBindings: the NativeAOT packages for net10.0 on linux-x64 and linux-arm64, and the
    /// net8.0 targeting and host packs. Consumers use it as a fallback folder, so that they restore
    /// StretchBindings from artifacts/packages only and nothing else from the network.
    /// </summary>
    public string GlobalPackagesFolder => _globalPackagesFolder.Value;

    public static string Sha512(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return Convert.ToHexString(SHA512.HashData(stream));
    }

    /// <summary>
    /// Restores, with the machine's own NuGet configuration, projects like the consumers but without
    /// StretchBindings: they bring those packages into the global packages folder (once; later runs
    /// find them there), whose path the last one reports.
    /// </summary>
    private static string WarmGlobalPackagesFolder()
    {
        (string Framework, string[] Arguments)[] restores =
        [
            (ConsumerProjects.AotTargetFramework, ["-r", ConsumerProjects.RuntimeIdentifier, "-p:PublishAot=true"]),
            (ConsumerProjects.AotTargetFramework, ["-r", ConsumerProjects.CrossRuntimeIdentifier, "-p:PublishAot=true"]),
            (ConsumerProjects.OldestTargetFramework, []),
        ];
        string folder = "";
        foreach ((string framework, string[] arguments) in restores)
        {
            using var warmUp = new TemporaryDirectory("sb-package-tests-warmup-");
            File.WriteAllText(warmUp.File("Directory.Build.props"), "<Project />\n");
            File.WriteAllText(warmUp.File("WarmUp.csproj"), ConsumerProjects.Project(framework, packageVersion: null));
            ProcessResult restore = ProcessRunner.Dotnet(
                ["restore", warmUp.File("WarmUp.csproj"), "--tl:off", "-nodeReuse:false", .. arguments],
                warmUp.Path,
                BuildTimeout);
            Assert.True(restore.ExitCode == 0, $"restoring the packages of a {framework} consumer ({string.Join(' ', arguments)}) failed:\n" + restore.Combined);

            using JsonDocument assets = JsonDocument.Parse(File.ReadAllText(Path.Combine(warmUp.Path, "obj", "project.assets.json")));
            folder = Path.GetFullPath(assets.RootElement.GetProperty("packageFolders").EnumerateObject().First().Name);
        }

        return folder;
    }
}

/// <summary>Tests that run whole builds: few, one at a time, sharing one pack.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PackageCollection : ICollectionFixture<PackageFixture>
{
    public const string Name = "Package builds";
}
