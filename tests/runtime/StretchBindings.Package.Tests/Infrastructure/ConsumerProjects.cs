namespace StretchBindings.Package.Tests.Infrastructure;

/// <summary>
/// The projects that use the package from outside the repository: a console program that stretches
/// a buffer and prints what it got, and the files around it (NuGet.config, an empty
/// Directory.Build.props so that no settings of an enclosing folder apply).
/// </summary>
internal static class ConsumerProjects
{
    public const string JitTargetFramework = "net10.0";

    /// <summary>The oldest framework the package supports: a consumer of it gets lib/net8.0/ (and runs on the installed runtime).</summary>
    public const string OldestTargetFramework = "net8.0";

    public const string AotTargetFramework = "net10.0";

    public const string RuntimeIdentifier = "linux-x64";

    /// <summary>The NativeAOT cross-publish (linked by clang and lld against the aarch64 sysroot, run under qemu).</summary>
    public const string CrossRuntimeIdentifier = "linux-arm64";

    public const int Frames = 44100;

    public const double Tempo = 1.25;

    /// <summary>What the program prints when the package works: <c>round(frames / tempo)</c> stereo frames, not silence.</summary>
    public static string ExpectedOutput
    {
        get
        {
            int samples = (int)Math.Round(Frames / Tempo, MidpointRounding.AwayFromZero) * 2;
            return $"channels=2 output={samples} expected={samples} nonzero=True";
        }
    }

    /// <summary>
    /// A fresh consumer in <paramref name="directory"/>: it restores StretchBindings from
    /// artifacts/packages only, into its own packages/ folder (so a package packed again under the
    /// same version is never confused with an older copy in a shared cache). A fallback folder, when
    /// given, serves the other packages (the NativeAOT ones) without any network source.
    /// </summary>
    public static string Create(TemporaryDirectory directory, string targetFramework, string packageVersion,
        string? fallbackFolder = null, string extraProperties = "")
    {
        ConsumerFolder.Prepare(directory, TestPaths.PackageFolder, fallbackFolder);
        string project = directory.File("Consumer.csproj");
        File.WriteAllText(project, Project(targetFramework, packageVersion, extraProperties));
        File.WriteAllText(directory.File("Program.cs"), ProgramSource);
        return project;
    }

    /// <summary>The consumer's project file; without a package version, the same project minus StretchBindings (restored into the machine's global folder).</summary>
    public static string Project(string targetFramework, string? packageVersion, string extraProperties = "")
    {
        string restorePath = packageVersion is null ? "" : "<RestorePackagesPath>$(MSBuildThisFileDirectory)packages</RestorePackagesPath>";
        string reference = packageVersion is null ? "" : $"""<PackageReference Include="{PackageFixture.PackageId}" Version="[{packageVersion}]" />""";
        return $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>{targetFramework}</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <AllowUnsafeBlocks>true</AllowUnsafeBlocks>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <RootNamespace>Consumer</RootNamespace>
                {restorePath}
                {extraProperties}
              </PropertyGroup>
              <ItemGroup>
                {reference}
              </ItemGroup>
            </Project>
            """;
    }

    /// <summary>
    /// Stretches one second of a stereo tone and prints the output length against the expected one.
    /// With SB_CALL_BENCH=N it also times N calls of a short suppressed function, through the
    /// projection (Channels) and through a raw import (a measurement to run on demand; the tests do not time it).
    /// </summary>
    public const string ProgramSource = """
        using System.Diagnostics;
        using System.Runtime.InteropServices;
        using StretchBindings;

        const int Frames = 44100;
        var input = new float[Frames * 2];
        for (int i = 0; i < Frames; i++)
        {
            input[2 * i] = MathF.Sin(i * 2 * MathF.PI * 440 / 44100);
            input[2 * i + 1] = MathF.Sin(i * 2 * MathF.PI * 660 / 44100);
        }

        using var stretch = new Stretch(2, 44100);
        float[] output = stretch.Render(input, 1.25);
        int expected = Stretch.OutputFrames(Frames, 1.25) * 2;
        bool nonZero = output.Any(sample => sample != 0f);
        Console.WriteLine($"channels={stretch.Channels} output={output.Length} expected={expected} nonzero={nonZero}");

        if (Environment.GetEnvironmentVariable("SB_CALL_BENCH") is { Length: > 0 } count)
        {
            CallBench.Run(stretch, int.Parse(count));
        }

        return output.Length == expected && nonZero ? 0 : 1;

        internal static unsafe class CallBench
        {
            [DllImport("stretch"), SuppressGCTransition]
            private static extern int stretch_channels(void* instance);

            public static void Run(Stretch stretch, int count)
            {
                void* raw = (void*)stretch.Handle.DangerousGetHandle();
                for (int round = 0; round < 3; round++)
                {
                    long sum = 0;
                    var watch = Stopwatch.StartNew();
                    for (int i = 0; i < count; i++)
                    {
                        sum += stretch.Channels;
                    }

                    double property = watch.Elapsed.TotalNanoseconds / count;
                    watch.Restart();
                    for (int i = 0; i < count; i++)
                    {
                        sum += stretch_channels(raw);
                    }

                    double direct = watch.Elapsed.TotalNanoseconds / count;
                    Console.WriteLine($"round {round}: Channels {property:F2} ns/call, raw stretch_channels {direct:F2} ns/call (sum {sum})");
                }
            }
        }
        """;

    /// <summary>One Stretch shared by the workers of a Parallel.For: the package's analyzers report SB1001 here.</summary>
    public const string SharedAcrossThreadsSource = """
        using StretchBindings;

        internal static class SharedAcrossThreads
        {
            public static int Run(float[] input)
            {
                using var stretch = new Stretch(2, 44100);
                var lengths = new int[4];
                Parallel.For(0, lengths.Length, i => lengths[i] = stretch.Render(input, 1.25).Length);
                return lengths.Sum();
            }
        }
        """;

    /// <summary>The copy of the package the consumer restored, in its own packages/ folder.</summary>
    public static string RestoredPackage(TemporaryDirectory directory, string version) =>
        Path.Combine(directory.Path, "packages", PackageFixture.PackageId.ToLowerInvariant(), version.ToLowerInvariant(),
            $"{PackageFixture.PackageId.ToLowerInvariant()}.{version.ToLowerInvariant()}.nupkg");
}
