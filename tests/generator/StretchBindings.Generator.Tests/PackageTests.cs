using StretchBindings.Generator.Tests.Infrastructure;

namespace StretchBindings.Generator.Tests;

/// <summary>
/// The packed StretchBindings.Generator package, used as a user would: a project outside the
/// repository restores it from artifacts/packages only, binds zlib.h with &lt;NativeHeader&gt;, and runs.
/// </summary>
[Collection(SerialCollection.Name)]
[Trait("Category", "Build")]
public sealed class PackageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(8);

    [Fact]
    public void A_consumer_restores_the_package_from_the_local_folder_and_calls_zlib()
    {
        string packages = Path.Combine(Repository.Root, "artifacts", "packages");
        ProcessResult pack;
        using (PackLock.Acquire(Repository.Root, BuildTimeout))
        {
            pack = ProcessRunner.Dotnet(
                ["pack", Path.Combine(Repository.Root, "generator", "Packaging", "StretchBindings.Generator.Package", "StretchBindings.Generator.Package.csproj"),
                 "-nodeReuse:false", "-p:UseSharedCompilation=false"],
                Repository.Root,
                BuildTimeout);
        }

        output.WriteLine($"dotnet pack: exit {pack.ExitCode}");
        Assert.True(pack.ExitCode == 0, pack.Combined);
        // The package just written: the folder may hold older versions and other packages.
        string package = new DirectoryInfo(packages).GetFiles("StretchBindings.Generator.*.nupkg")
            .Where(file => char.IsDigit(file.Name["StretchBindings.Generator.".Length]))
            .OrderByDescending(file => file.LastWriteTimeUtc)
            .First().FullName;
        string version = Path.GetFileNameWithoutExtension(package)["StretchBindings.Generator.".Length..];
        using (System.IO.Compression.ZipArchive archive = System.IO.Compression.ZipFile.OpenRead(package))
        {
            // The generator and, beside it, the analyzers and their code fixes.
            string[] analyzers = archive.Entries.Select(entry => entry.FullName).Where(name => name.StartsWith("analyzers/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(
                ["analyzers/dotnet/cs/StretchBindings.Analyzers.CodeFixes.dll", "analyzers/dotnet/cs/StretchBindings.Analyzers.dll", "analyzers/dotnet/cs/StretchBindings.Generator.dll"],
                analyzers);
        }

        using var consumer = new TemporaryDirectory("sb-generator-tests-");
        // Outside the repository: its Directory.Build.props does not apply, so the project says everything itself.
        ConsumerFolder.Prepare(consumer, packages);
        File.WriteAllText(consumer.File("Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <AllowUnsafeBlocks>true</AllowUnsafeBlocks>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <RootNamespace>Consumer</RootNamespace>
                <RestorePackagesPath>$(MSBuildThisFileDirectory)packages</RestorePackagesPath>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="StretchBindings.Generator" Version="{version}" />
                <NativeHeader Include="/usr/include/zlib.h" Library="z" ClassName="Zlib" Namespace="Consumer.Native" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(consumer.File("Program.cs"), """
            using System;
            using System.Runtime.InteropServices;
            using Consumer.Native;
            using StretchBindings.Interop;

            [assembly: System.Runtime.CompilerServices.DisableRuntimeMarshalling]

            unsafe
            {
                byte[] check = "123456789"u8.ToArray();
                fixed (byte* data = check)
                {
                    Console.WriteLine($"crc32={(ulong)Zlib.crc32(default, data, (uint)check.Length).Value:x8}");
                }

                Console.WriteLine($"adler32={(ulong)Kernels.Adler32(new CULong(1), "Wikipedia"u8, 9).Value:x8}");
                Console.WriteLine("version=" + NativeStrings.FromUtf8NullTerminated(Zlib.zlibVersion()));
            }

            internal static partial class Kernels
            {
                [NativeKernel("z", EntryPoint = "adler32", ShortCall = true)]
                public static partial CULong Adler32(CULong adler, ReadOnlySpan<byte> data, uint length);
            }
            """);

        ProcessResult build = ProcessRunner.Dotnet(["build", consumer.File("Consumer.csproj"), "-nodeReuse:false", "-p:UseSharedCompilation=false"], consumer.Path, BuildTimeout);
        output.WriteLine($"dotnet build: exit {build.ExitCode}");
        Assert.True(build.ExitCode == 0, build.Combined);
        Assert.Contains("0 Warning(s)", build.Output, StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.Combine(consumer.Path, "packages", "stretchbindings.generator")), "the package came from the consumer's own restore");

        string assembly = Assert.Single(Directory.GetFiles(Path.Combine(consumer.Path, "bin"), "Consumer.dll", SearchOption.AllDirectories));
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(assembly)!, "StretchBindings.Interop.dll")));
        ProcessResult run = ProcessRunner.Dotnet(["exec", assembly], consumer.Path, TimeSpan.FromMinutes(1));
        Assert.True(run.ExitCode == 0, run.Combined);
        Assert.Contains("crc32=cbf43926", run.Output, StringComparison.Ordinal);
        Assert.Contains("adler32=11e60398", run.Output, StringComparison.Ordinal);
        Assert.Contains("version=1.", run.Output, StringComparison.Ordinal);
    }
}
