using System.Security;
using StretchBindings.Scanner.Tests.Infrastructure;

namespace StretchBindings.Scanner.Tests;

/// <summary>The sidecar in a &lt;NativeHeader&gt; build: found beside the project, its warnings in MSBuild's form, a missing one an error.</summary>
[Collection(SerialCollection.Name)]
[Trait("Category", "Build")]
public sealed class SidecarBuildTests(ITestOutputHelper output)
{
    [ClangFact]
    public void A_sidecar_beside_the_project_applies_and_warns_at_its_own_lines()
    {
        using TemporaryDirectory project = CreateConsumer(sidecarMetadata: null);
        File.WriteAllText(project.File("zlib.sidecar.json"), """
            {
              "functions": {
                "crc32": { "short_call": true },
                "crc33": { "short_call": true }
              }
            }
            """);

        ProcessResult result = Build(project);
        Assert.True(result.ExitCode == 0, result.Combined);
        Assert.Contains($"{project.File("zlib.sidecar.json")}(4,14): warning SBSCAN001: the header declares no function 'crc33'", result.Output, StringComparison.Ordinal);

        string manifest = File.ReadAllText(Assert.Single(Directory.GetFiles(Path.Combine(project.Path, "obj"), "Zlib.native.json", SearchOption.AllDirectories)));
        Assert.Contains("\"file\": \"zlib.sidecar.json\"", manifest, StringComparison.Ordinal);

        // Editing the sidecar scans again.
        File.WriteAllText(project.File("zlib.sidecar.json"), """{ "functions": { "zlibVersion": { "short_call": true } } }""");
        ProcessResult second = Build(project);
        Assert.True(second.ExitCode == 0, second.Combined);
        Assert.Contains("StretchBindings: scanning", second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("crc33", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_named_sidecar_that_does_not_exist_fails_the_build_with_SBBUILD010()
    {
        using TemporaryDirectory project = CreateConsumer(sidecarMetadata: "missing.sidecar.json");
        ProcessResult result = Build(project);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("error SBBUILD010", result.Output, StringComparison.Ordinal);
        Assert.Contains("missing.sidecar.json", result.Output, StringComparison.Ordinal);
    }

    private static TemporaryDirectory CreateConsumer(string? sidecarMetadata)
    {
        var project = TestPaths.CreateTemporaryDirectory();
        string props = Path.Combine(TestPaths.BuildDirectory, "StretchBindings.Generator.props");
        string targets = Path.Combine(TestPaths.BuildDirectory, "StretchBindings.Generator.targets");
        string sidecar = sidecarMetadata is null ? string.Empty : $" Sidecar=\"{SecurityElement.Escape(sidecarMetadata)}\"";
        File.WriteAllText(project.File("Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <Import Project="{SecurityElement.Escape(props)}" />
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <StretchBindingsScannerPath>{SecurityElement.Escape(TestPaths.ScannerTool)}</StretchBindingsScannerPath>
              </PropertyGroup>
              <ItemGroup>
                <NativeHeader Include="/usr/include/zlib.h" Library="z" ClassName="Zlib" Functions="crc32;zlibVersion"{sidecar} />
              </ItemGroup>
              <Import Project="{SecurityElement.Escape(targets)}" />
            </Project>
            """);
        File.WriteAllText(project.File("Marker.cs"), "namespace Consumer;\n\ninternal static class Marker\n{\n}\n");
        return project;
    }

    private ProcessResult Build(TemporaryDirectory project)
    {
        ProcessResult result = ProcessRunner.Dotnet(
            ["build", project.File("Consumer.csproj"), "-nodeReuse:false", "-p:UseSharedCompilation=false", "-v:n"],
            project.Path,
            TimeSpan.FromMinutes(5));
        output.WriteLine($"dotnet build: exit {result.ExitCode}");
        return result;
    }
}
