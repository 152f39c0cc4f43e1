using StretchBindings.Package.Tests.Infrastructure;

namespace StretchBindings.Package.Tests;

/// <summary>
/// The package used as a user would with the JIT: a console project outside the repository restores
/// StretchBindings from artifacts/packages only, builds with warnings as errors, and runs.
/// </summary>
[Collection(PackageCollection.Name)]
[Trait("Category", "Build")]
public sealed class ConsumerTests(PackageFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(8);

    /// <summary>net10.0 gets lib/net10.0/; net8.0 gets lib/net8.0/ and runs, rolled forward, on the installed runtime.</summary>
    [Theory]
    [InlineData(ConsumerProjects.JitTargetFramework)]
    [InlineData(ConsumerProjects.OldestTargetFramework)]
    public void A_consumer_restores_the_package_from_the_local_folder_builds_cleanly_and_stretches(string targetFramework)
    {
        (string package, string version) = fixture.RequirePackage();
        using var consumer = new TemporaryDirectory("sb-package-tests-");
        bool oldest = targetFramework == ConsumerProjects.OldestTargetFramework;
        // The net8.0 targeting and host packs come from the warmed global folder, not the network.
        string project = ConsumerProjects.Create(consumer, targetFramework, version,
            fallbackFolder: oldest ? fixture.GlobalPackagesFolder : null,
            extraProperties: oldest ? "<RollForward>Major</RollForward>" : "");

        ProcessResult build = Build(project, consumer.Path);
        Assert.True(build.ExitCode == 0, build.Combined);
        Assert.Contains("0 Warning(s)", build.Output, StringComparison.Ordinal);
        // Restored from artifacts/packages into the consumer's own folder: the very package just packed.
        string restored = ConsumerProjects.RestoredPackage(consumer, version);
        Assert.True(File.Exists(restored), $"the consumer did not restore {PackageFixture.PackageId} into its own packages folder");
        Assert.Equal(PackageFixture.Sha512(package), PackageFixture.Sha512(restored));

        string assembly = Assert.Single(Directory.GetFiles(Path.Combine(consumer.Path, "bin"), "Consumer.dll", SearchOption.AllDirectories));
        string outputDirectory = Path.GetDirectoryName(assembly)!;
        // The assembly of the consumer's framework folder in the package, not another one.
        Assert.Equal(PackageFixture.Sha512(Path.Combine(consumer.Path, "packages", PackageFixture.PackageId.ToLowerInvariant(), version.ToLowerInvariant(), "lib", targetFramework, "StretchBindings.dll")),
            PackageFixture.Sha512(Path.Combine(outputDirectory, "StretchBindings.dll")));
        Assert.True(File.Exists(Path.Combine(outputDirectory, "StretchBindings.Interop.dll")));
        Assert.True(File.Exists(Path.Combine(outputDirectory, "runtimes", "linux-x64", "native", "libstretch.so")),
            "the package's runtimes/linux-x64/native/libstretch.so is not in the build output");

        ProcessResult run = ProcessRunner.Dotnet(["exec", assembly], consumer.Path, TimeSpan.FromMinutes(1));
        output.WriteLine(run.Combined);
        Assert.True(run.ExitCode == 0, run.Combined);
        Assert.Contains(ConsumerProjects.ExpectedOutput, run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_packaged_analyzers_report_a_stretch_shared_across_a_parallel_loop()
    {
        (_, string version) = fixture.RequirePackage();
        using var consumer = new TemporaryDirectory("sb-package-tests-");
        // Still warnings as errors, but SB1001 stays a warning so that the build finishes and says it.
        string project = ConsumerProjects.Create(consumer, ConsumerProjects.JitTargetFramework, version,
            extraProperties: "<WarningsNotAsErrors>$(WarningsNotAsErrors);SB1001</WarningsNotAsErrors>");
        File.WriteAllText(consumer.File("SharedAcrossThreads.cs"), ConsumerProjects.SharedAcrossThreadsSource);

        ProcessResult build = Build(project, consumer.Path);
        Assert.True(build.ExitCode == 0, build.Combined);
        string[] warnings = build.Output.Split('\n')
            .Where(line => line.Contains("warning SB", StringComparison.Ordinal))
            .Select(line => line.Trim())
            .Distinct()
            .ToArray();
        foreach (string warning in warnings)
        {
            output.WriteLine(warning);
        }

        // Only the package brings analyzers with SB ids: seeing one proves analyzers/dotnet/cs/ was picked up.
        string warningLine = Assert.Single(warnings);
        Assert.Contains("SharedAcrossThreads.cs(", warningLine, StringComparison.Ordinal);
        Assert.Contains("warning SB1001", warningLine, StringComparison.Ordinal);
        Assert.Contains("'Parallel.For'", warningLine, StringComparison.Ordinal);
        Assert.Contains("1 Warning(s)", build.Output, StringComparison.Ordinal);
    }

    private ProcessResult Build(string project, string directory)
    {
        ProcessResult build = ProcessRunner.Dotnet(
            ["build", project, "--tl:off", "-nodeReuse:false", "-p:UseSharedCompilation=false"],
            directory,
            BuildTimeout);
        output.WriteLine($"dotnet build: exit {build.ExitCode}");
        return build;
    }
}
