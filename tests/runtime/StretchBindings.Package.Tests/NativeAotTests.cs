using StretchBindings.Package.Tests.Infrastructure;

namespace StretchBindings.Package.Tests;

/// <summary>
/// The consumer published with NativeAOT (net10.0). The package's build targets link static/&lt;rid&gt;/libstretch.a
/// into the executable and bind its P/Invokes directly (DirectPInvoke), unless the project sets
/// StretchBindingsLinkStatically=false, when libstretch.so is loaded at run time as with the JIT.
/// linux-arm64 is cross-published (clang with the aarch64 cross toolchain links it) and run under qemu.
/// </summary>
[Collection(PackageCollection.Name)]
[Trait("Category", "Build")]
public sealed class NativeAotTests(PackageFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(10);

    /// <summary>A symbol of the C++ core (namespace stretchcore), present only where the core is linked in.</summary>
    private const string CoreSymbol = "stretchcore";

    [Fact]
    public void A_NativeAOT_publish_links_libstretch_into_the_executable()
    {
        using var consumer = new TemporaryDirectory("sb-package-tests-");
        string publish = Publish(consumer, ConsumerProjects.RuntimeIdentifier);

        Assert.Empty(Directory.GetFiles(publish, "libstretch*", SearchOption.AllDirectories));
        ProcessResult run = Run(publish);
        Assert.True(run.ExitCode == 0, run.Combined);
        Assert.Contains(ConsumerProjects.ExpectedOutput, run.Output, StringComparison.Ordinal);

        // The code is in the executable (its symbols are in the split-off debug file), and nothing loads a libstretch.
        Assert.Contains(CoreSymbol, Symbols(publish), StringComparison.Ordinal);
        Assert.DoesNotContain("libstretch", DynamicSection(publish), StringComparison.Ordinal);
    }

    [Fact]
    public void A_NativeAOT_cross_publish_for_linux_arm64_links_libstretch_in_and_runs_under_qemu()
    {
        using var consumer = new TemporaryDirectory("sb-package-tests-");
        string publish = Publish(consumer, ConsumerProjects.CrossRuntimeIdentifier);

        Assert.Empty(Directory.GetFiles(publish, "libstretch*", SearchOption.AllDirectories));
        NativeBinary executable = NativeBinary.Read(File.ReadAllBytes(Path.Combine(publish, "Consumer")));
        Assert.Equal("aarch64", executable.Machine);
        Assert.Contains(CoreSymbol, Symbols(publish), StringComparison.Ordinal);

        // The emulator finds the target's libc and libstdc++ under -L; there is no ICU for aarch64 there.
        ProcessResult run = ProcessRunner.Run("qemu-aarch64-static", ["-L", "/usr/aarch64-linux-gnu", Path.Combine(publish, "Consumer")],
            Path.GetTempPath(), TimeSpan.FromMinutes(2),
            new Dictionary<string, string?> { ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1", ["LD_LIBRARY_PATH"] = null });
        output.WriteLine(run.Combined);
        Assert.True(run.ExitCode == 0, run.Combined);
        Assert.Contains(ConsumerProjects.ExpectedOutput, run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void With_static_linking_turned_off_a_NativeAOT_publish_loads_libstretch_so()
    {
        using var consumer = new TemporaryDirectory("sb-package-tests-");
        string publish = Publish(consumer, ConsumerProjects.RuntimeIdentifier, "-p:StretchBindingsLinkStatically=false");

        string library = Path.Combine(publish, "libstretch.so");
        Assert.True(File.Exists(library), "libstretch.so is not in the publish folder");
        ProcessResult run = Run(publish);
        Assert.True(run.ExitCode == 0, run.Combined);
        Assert.Contains(ConsumerProjects.ExpectedOutput, run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(CoreSymbol, Symbols(publish), StringComparison.Ordinal);

        // Without the shared library beside it, the same executable cannot find the core.
        File.Delete(library);
        ProcessResult missing = Run(publish);
        output.WriteLine(missing.Combined);
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("DllNotFoundException", missing.Combined, StringComparison.Ordinal);
    }

    /// <summary>Publishes the consumer (AOT, for <paramref name="runtimeIdentifier"/>) into publish/ and returns that folder.</summary>
    private string Publish(TemporaryDirectory consumer, string runtimeIdentifier, params string[] extraArguments)
    {
        (string package, string version) = fixture.RequirePackage();
        string project = ConsumerProjects.Create(consumer, ConsumerProjects.AotTargetFramework, version, fixture.GlobalPackagesFolder);
        string publish = consumer.File("publish");

        ProcessResult result = ProcessRunner.Dotnet(
            ["publish", project, "-f", ConsumerProjects.AotTargetFramework, "-r", runtimeIdentifier, "-p:PublishAot=true",
             "-o", publish, "--tl:off", "-nodeReuse:false", "-p:UseSharedCompilation=false", .. extraArguments],
            consumer.Path,
            BuildTimeout);
        output.WriteLine($"dotnet publish {string.Join(' ', extraArguments)}: exit {result.ExitCode}");
        Assert.True(result.ExitCode == 0, result.Combined);
        Assert.DoesNotContain("warning", result.Output, StringComparison.OrdinalIgnoreCase);

        // StretchBindings came from artifacts/packages into the consumer's folder, not from the fallback folder.
        string restored = ConsumerProjects.RestoredPackage(consumer, version);
        Assert.True(File.Exists(restored),
            $"{PackageFixture.PackageId} was not restored into the consumer's packages folder; is a copy in {fixture.GlobalPackagesFolder}?");
        Assert.Equal(PackageFixture.Sha512(package), PackageFixture.Sha512(restored));

        foreach (string file in Directory.GetFiles(publish))
        {
            output.WriteLine($"  {Path.GetFileName(file)} {new FileInfo(file).Length:N0} bytes");
        }

        Assert.True(File.Exists(Path.Combine(publish, "Consumer")), "the publish folder has no native executable");
        Assert.Empty(Directory.GetFiles(publish, "*.dll"));
        return publish;
    }

    /// <summary>Runs the published executable from another folder, so that only its own folder can supply libraries.</summary>
    private static ProcessResult Run(string publish) =>
        ProcessRunner.Run(Path.Combine(publish, "Consumer"), [], Path.GetTempPath(), TimeSpan.FromMinutes(1),
            new Dictionary<string, string?> { ["LD_LIBRARY_PATH"] = null, ["LD_PRELOAD"] = null });

    /// <summary>The symbol table of the executable's debug file (NativeAOT strips the executable into Consumer.dbg).</summary>
    private static string Symbols(string publish)
    {
        string debugFile = Path.Combine(publish, "Consumer.dbg");
        string file = File.Exists(debugFile) ? debugFile : Path.Combine(publish, "Consumer");
        ProcessResult nm = ProcessRunner.Run("nm", ["--demangle", file], publish, TimeSpan.FromMinutes(1));
        Assert.True(nm.ExitCode == 0, nm.Combined);
        return nm.Output;
    }

    private static string DynamicSection(string publish)
    {
        ProcessResult readelf = ProcessRunner.Run("readelf", ["--dynamic", Path.Combine(publish, "Consumer")], publish, TimeSpan.FromMinutes(1));
        Assert.True(readelf.ExitCode == 0, readelf.Combined);
        return readelf.Output;
    }
}
