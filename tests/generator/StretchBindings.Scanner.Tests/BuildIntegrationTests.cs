using StretchBindings.Manifest;
using System.Security;
using StretchBindings.Scanner.Clang;
using StretchBindings.Scanner.Tests.Infrastructure;

namespace StretchBindings.Scanner.Tests;

/// <summary>
/// The &lt;NativeHeader&gt; build integration on a throw-away consumer project that imports the
/// props and targets straight from the repository. These run whole builds: few, and one at a time.
/// </summary>
[Collection(SerialCollection.Name)]
[Trait("Category", "Build")]
public sealed class BuildIntegrationTests(ITestOutputHelper output)
{
    [ClangFact]
    public void A_consumer_build_scans_into_obj_once_and_again_only_when_options_change()
    {
        using TemporaryDirectory project = CreateConsumer("Zlib", "compress*");

        ProcessResult first = Build(project, "-p:ZlibFunctions=compress*");
        Assert.True(first.ExitCode == 0, first.Combined);
        Assert.Contains("StretchBindings: scanning", first.Output, StringComparison.Ordinal);

        string manifest = Assert.Single(Directory.GetFiles(Path.Combine(project.Path, "obj"), "Zlib.native.json", SearchOption.AllDirectories));
        string text = File.ReadAllText(manifest);
        Assert.Contains("\"name\": \"compress2\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"name\": \"adler32\"", text, StringComparison.Ordinal);

        // Both manifests reach the compiler as AdditionalFiles with the generator's metadata.
        string[] additionalFiles = File.ReadAllLines(project.File("additional-files.txt"));
        Assert.Contains(additionalFiles, line => line.EndsWith("Zlib.native.json|NativeManifest|Zlib|Consumer.Native|z", StringComparison.Ordinal));
        Assert.Contains(additionalFiles, line => line == $"{TestPaths.StretchManifest}|NativeManifest|Stretch|Consumer|stretch");

        DateTime written = File.GetLastWriteTimeUtc(manifest);
        ProcessResult second = Build(project, "-p:ZlibFunctions=compress*");
        Assert.True(second.ExitCode == 0, second.Combined);
        Assert.DoesNotContain("StretchBindings: scanning", second.Output, StringComparison.Ordinal);
        Assert.Equal(written, File.GetLastWriteTimeUtc(manifest));

        ProcessResult third = Build(project, "-p:ZlibFunctions=adler32");
        Assert.True(third.ExitCode == 0, third.Combined);
        Assert.Contains("StretchBindings: scanning", third.Output, StringComparison.Ordinal);
        Assert.Contains("\"name\": \"adler32\"", File.ReadAllText(manifest), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_libclang_the_build_fails_with_one_clear_error()
    {
        using TemporaryDirectory project = CreateConsumer("Zlib", "crc32");
        ProcessResult result = Build(project, "-p:ZlibFunctions=crc32", new Dictionary<string, string?>
        {
            [LibClangLoader.LibraryOverrideVariable] = "/nonexistent/libclang-missing.so",
        });

        Assert.NotEqual(0, result.ExitCode);
        string[] errors = result.Output.Split('\n')
            .Select(line => System.Text.RegularExpressions.Regex.Replace(line.Trim(), @"^\d+>", string.Empty))
            .Where(line => line.Contains(": error ", StringComparison.Ordinal))
            .Distinct()
            .ToArray();
        // The tool's error, and the build's word that the project is not compiled without it.
        Assert.Equal(2, errors.Length);
        string error = Assert.Single(errors, e => e.Contains("error SBSCAN", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("error SBBUILD007", StringComparison.Ordinal));
        Assert.Contains("error SBSCAN002", error, StringComparison.Ordinal);
        Assert.Contains("libclang1-14", error, StringComparison.Ordinal);
        Assert.Contains("libclang-common-14-dev", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(project.Path, "Zlib.native.json", SearchOption.AllDirectories));
    }

    [ClangFact]
    public void A_failed_scan_fails_the_build_and_options_reach_the_scanner()
    {
        using TemporaryDirectory project = CreateConsumer("Zlib", "crc32", $"""
            <NativeHeader Include="{SecurityElement.Escape(TestPaths.Header("dialect/gnu_source.h"))}" Library="g" ClassName="GnuSource"
                          LanguageStandard="gnu11" Defines="_GNU_SOURCE" TargetTriple="x86_64-unknown-linux-gnu" TimeLimit="100" MemoryLimit="3000" />
            <NativeHeader Include="{SecurityElement.Escape(TestPaths.Header("syntax_error.h"))}" Library="b" ClassName="Broken" />
            """);
        ProcessResult result = Build(project, "-p:ZlibFunctions=crc32");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"{TestPaths.Header("syntax_error.h")}(7,18): error SBSCAN001: expected ';'", result.Output, StringComparison.Ordinal);
        Assert.Contains("error SBBUILD007: '", result.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(project.Path, "Consumer.dll", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetFiles(project.Path, "Broken.native.json", SearchOption.AllDirectories));

        string manifest = File.ReadAllText(Assert.Single(Directory.GetFiles(project.Path, "GnuSource.native.json", SearchOption.AllDirectories)));
        Assert.Contains("\"language\": \"gnu11\"", manifest, StringComparison.Ordinal);
        Assert.Contains("\"gnu_source_open\"", manifest, StringComparison.Ordinal);
        Assert.Contains("\"triple\": \"x86_64-unknown-linux-gnu\"", manifest, StringComparison.Ordinal);
    }

    [PackageLibClangFact]
    public void A_consumer_without_the_libclang_package_restores_it_before_the_first_scan()
    {
        // The machine's package folder, read as a local feed, is the consumer's only source; its own
        // package folder starts empty, so the first build must bring libclang into it.
        string feed = LibClangSearch.ForThisProcess().PackageFolders.First(folder =>
            Directory.Exists(Path.Combine(folder, LibClangSearch.ForThisProcess().PackageId!.ToLowerInvariant(), LibClangSearch.PackageVersion)));
        using TemporaryDirectory project = CreateConsumer("Zlib", "crc32", restorePackagesPath: "$(MSBuildThisFileDirectory)packages");
        File.WriteAllText(project.File("NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="machine" value="{SecurityElement.Escape(feed)}" />
              </packageSources>
            </configuration>
            """);

        ProcessResult first = Build(project, "-p:ZlibFunctions=crc32");
        Assert.True(first.ExitCode == 0, first.Combined);
        Assert.Contains($"StretchBindings: restoring {LibClangSearch.ForThisProcess().PackageId} {LibClangSearch.PackageVersion} for the header scanner", first.Output, StringComparison.Ordinal);
        string restored = Assert.Single(new LibClangSearch(LibClangSearch.CurrentRid, [project.File("packages")], [], []).PackageFiles());
        Assert.True(File.Exists(restored), restored);

        // The scanner the build ran finds it there before any other libclang.
        ProcessResult version = ScannerProcess.Run(["--version"], new Dictionary<string, string?>
        {
            ["NUGET_PACKAGES"] = "/nonexistent/nuget-packages",
            [LibClangSearch.PackageFoldersVariable] = project.File("packages"),
            [LibClangLoader.LibraryOverrideVariable] = null,
        });
        Assert.Contains($"(package: {restored})", version.Output, StringComparison.Ordinal);

        ProcessResult second = Build(project, "-p:ZlibFunctions=crc32");
        Assert.True(second.ExitCode == 0, second.Combined);
        Assert.DoesNotContain("StretchBindings: restoring", second.Output, StringComparison.Ordinal);
    }

    [ClangFact]
    public void An_edit_to_one_header_scans_that_header_alone()
    {
        using TemporaryDirectory project = CreateConsumer("Zlib", "crc32", """
            <NativeHeader Include="first.h" Library="first" ClassName="First" />
            <NativeHeader Include="second.h" Library="second" ClassName="Second" />
            """);
        File.WriteAllText(project.File("first.h"), "int first_value(int x);\n");
        File.WriteAllText(project.File("second.h"), "int second_value(int x);\n");

        ProcessResult cold = Build(project, "-p:ZlibFunctions=crc32");
        Assert.True(cold.ExitCode == 0, cold.Combined);
        Assert.Equal(3, ScannedHeaders(cold).Length);

        File.AppendAllText(project.File("first.h"), "int first_other(int x);\n");
        ProcessResult edited = Build(project, "-p:ZlibFunctions=crc32");
        Assert.True(edited.ExitCode == 0, edited.Combined);
        Assert.Equal(["first.h"], ScannedHeaders(edited));
        Assert.Contains("first_other", File.ReadAllText(Assert.Single(Directory.GetFiles(project.File("obj"), "First.native.json", SearchOption.AllDirectories))), StringComparison.Ordinal);
    }

    [ClangFact]
    public void An_edit_to_the_apps_code_does_not_recompile_the_bindings_library()
    {
        // The bindings library is the consumer project; the app sits in a folder the library does not compile.
        using TemporaryDirectory project = CreateConsumer("Zlib", "crc32", """<Compile Remove="App/**" />""");
        string app = Path.Combine(project.Path, "App");
        Directory.CreateDirectory(app);
        File.WriteAllText(Path.Combine(app, "App.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="../Consumer.csproj" />
              </ItemGroup>
            </Project>
            """);
        string program = Path.Combine(app, "Program.cs");
        File.WriteAllText(program, "System.Console.WriteLine(\"one\");\n");

        ProcessResult first = BuildProject(Path.Combine(app, "App.csproj"), project.Path);
        Assert.True(first.ExitCode == 0, first.Combined);
        string bindings = Assert.Single(Directory.GetFiles(Path.Combine(project.Path, "bin"), "Consumer.dll", SearchOption.AllDirectories));
        DateTime compiled = File.GetLastWriteTimeUtc(bindings);
        string appAssembly = Assert.Single(Directory.GetFiles(Path.Combine(app, "bin"), "App.dll", SearchOption.AllDirectories));
        DateTime appCompiled = File.GetLastWriteTimeUtc(appAssembly);

        File.WriteAllText(program, "System.Console.WriteLine(\"two\");\n");
        ProcessResult second = BuildProject(Path.Combine(app, "App.csproj"), project.Path);
        Assert.True(second.ExitCode == 0, second.Combined);
        Assert.Empty(ScannedHeaders(second));
        Assert.Equal(compiled, File.GetLastWriteTimeUtc(bindings));
        Assert.NotEqual(appCompiled, File.GetLastWriteTimeUtc(appAssembly));
    }

    private static string[] ScannedHeaders(ProcessResult result) =>
        [.. System.Text.RegularExpressions.Regex.Matches(result.Output, "StretchBindings: scanning (.+?) into ")
            .Select(m => m.Groups[1].Value)
            .Distinct(StringComparer.Ordinal)];

    private ProcessResult BuildProject(string projectFile, string directory)
    {
        ProcessResult result = ProcessRunner.Dotnet(
            ["build", projectFile, "-nodeReuse:false", "-p:UseSharedCompilation=false", "-v:n"],
            directory,
            TimeSpan.FromMinutes(5));
        output.WriteLine($"dotnet build {projectFile}: exit {result.ExitCode}");
        return result;
    }

    private static TemporaryDirectory CreateConsumer(string className, string functions, string extraItems = "", string? restorePackagesPath = null)
    {
        var project = TestPaths.CreateTemporaryDirectory();
        string props = Path.Combine(TestPaths.BuildDirectory, "StretchBindings.Generator.props");
        string targets = Path.Combine(TestPaths.BuildDirectory, "StretchBindings.Generator.targets");
        File.WriteAllText(project.File("Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <Import Project="{SecurityElement.Escape(props)}" />
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <RootNamespace>Consumer</RootNamespace>
                {(restorePackagesPath is null ? string.Empty : $"<RestorePackagesPath>{restorePackagesPath}</RestorePackagesPath>")}
                <StretchBindingsScannerPath>{SecurityElement.Escape(TestPaths.ScannerTool)}</StretchBindingsScannerPath>
                <ZlibFunctions Condition="'$(ZlibFunctions)' == ''">{SecurityElement.Escape(functions)}</ZlibFunctions>
              </PropertyGroup>
              <ItemGroup>
                <NativeHeader Include="/usr/include/zlib.h" Library="z" ClassName="{className}" Namespace="Consumer.Native" Functions="$(ZlibFunctions)" />
                <NativeHeader Include="{SecurityElement.Escape(TestPaths.StretchHeader)}" Library="stretch" ClassName="Stretch"
                              Manifest="{SecurityElement.Escape(TestPaths.StretchManifest)}" />
                {extraItems}
              </ItemGroup>
              <Import Project="{SecurityElement.Escape(targets)}" />
              <Target Name="RecordAdditionalFiles" AfterTargets="StretchBindingsNativeManifests">
                <WriteLinesToFile File="additional-files.txt" Overwrite="true"
                                  Lines="@(AdditionalFiles->'%(Identity)|%(SourceItemType)|%(ClassName)|%(Namespace)|%(Library)')" />
              </Target>
            </Project>
            """);
        File.WriteAllText(project.File("Marker.cs"), "namespace Consumer;\n\ninternal static class Marker\n{\n}\n");
        return project;
    }

    private ProcessResult Build(TemporaryDirectory project, string property, IReadOnlyDictionary<string, string?>? extraEnvironment = null)
    {
        ProcessResult result = ProcessRunner.Dotnet(
            ["build", project.File("Consumer.csproj"), "-nodeReuse:false", "-p:UseSharedCompilation=false", "-v:n", property],
            project.Path,
            TimeSpan.FromMinutes(5),
            extraEnvironment);
        output.WriteLine($"dotnet build {property}: exit {result.ExitCode}");
        return result;
    }
}
