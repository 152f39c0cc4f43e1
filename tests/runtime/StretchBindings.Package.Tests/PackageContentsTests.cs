using System.IO.Compression;
using System.Xml.Linq;
using StretchBindings.Package.Tests.Infrastructure;

namespace StretchBindings.Package.Tests;

/// <summary>What the packed StretchBindings.&lt;version&gt;.nupkg holds, read with System.IO.Compression.</summary>
[Collection(PackageCollection.Name)]
[Trait("Category", "Build")]
public sealed class PackageContentsTests(PackageFixture fixture, ITestOutputHelper output)
{
    private static readonly string[] ExpectedFiles =
    [
        "lib/net8.0/StretchBindings.dll",
        "lib/net8.0/StretchBindings.xml",
        "lib/net8.0/StretchBindings.Interop.dll",
        "lib/net8.0/StretchBindings.Interop.xml",
        "lib/net10.0/StretchBindings.dll",
        "lib/net10.0/StretchBindings.xml",
        "lib/net10.0/StretchBindings.Interop.dll",
        "lib/net10.0/StretchBindings.Interop.xml",
        "runtimes/linux-x64/native/libstretch.so",
        "runtimes/linux-arm64/native/libstretch.so",
        "runtimes/win-x64/native/stretch.dll",
        "static/linux-x64/libstretch.a",
        "static/linux-arm64/libstretch.a",
        "analyzers/dotnet/cs/StretchBindings.Analyzers.dll",
        "analyzers/dotnet/cs/StretchBindings.Analyzers.CodeFixes.dll",
        "build/StretchBindings.targets",
        "buildTransitive/StretchBindings.targets",
    ];

    [Fact]
    public void The_package_holds_both_frameworks_the_native_libraries_the_analyzers_and_the_build_targets()
    {
        (string package, _) = fixture.RequirePackage();
        output.WriteLine($"dotnet pack: {fixture.PackDuration.TotalSeconds:F1} s, {package}");

        using ZipArchive archive = ZipFile.OpenRead(package);
        // Everything but NuGet's own bookkeeping (nuspec, OPC parts).
        string[] files = archive.Entries
            .Select(entry => entry.FullName)
            .Where(name => !name.EndsWith(".nuspec", StringComparison.Ordinal)
                && !name.StartsWith("_rels/", StringComparison.Ordinal)
                && !name.StartsWith("package/", StringComparison.Ordinal)
                && name != "[Content_Types].xml")
            .Order(StringComparer.Ordinal)
            .ToArray();
        foreach (string file in files)
        {
            output.WriteLine(file);
        }

        Assert.Equal(ExpectedFiles.Order(StringComparer.Ordinal), files);
        Assert.All(archive.Entries.Where(entry => !entry.FullName.EndsWith('/')),
            entry => Assert.True(entry.Length > 0, $"{entry.FullName} is empty"));

        // The build targets consumers import are the ones in the repository, in both folders.
        string targets = File.ReadAllText(Path.Combine(Repository.Root, "runtime", "StretchBindings", "build", "StretchBindings.targets"));
        Assert.Equal(targets, ReadText(archive, "build/StretchBindings.targets"));
        Assert.Equal(targets, ReadText(archive, "buildTransitive/StretchBindings.targets"));
    }

    [Fact]
    public void The_nuspec_depends_on_nothing_and_least_of_all_on_the_generator()
    {
        (string package, string version) = fixture.RequirePackage();

        using ZipArchive archive = ZipFile.OpenRead(package);
        ZipArchiveEntry nuspecEntry = Assert.Single(archive.Entries, entry => entry.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !entry.FullName.Contains('/'));
        XDocument nuspec = XDocument.Parse(ReadText(archive, nuspecEntry.FullName));
        output.WriteLine(nuspec.ToString());

        XElement metadata = nuspec.Root!.Elements().Single(element => element.Name.LocalName == "metadata");
        Assert.Equal(PackageFixture.PackageId, metadata.Elements().Single(element => element.Name.LocalName == "id").Value);
        Assert.Equal(version, metadata.Elements().Single(element => element.Name.LocalName == "version").Value);

        string[] dependencies = nuspec.Descendants()
            .Where(element => element.Name.LocalName == "dependency")
            .Select(element => (string?)element.Attribute("id") ?? "")
            .ToArray();
        Assert.DoesNotContain(dependencies, id => id.StartsWith("StretchBindings.Generator", StringComparison.OrdinalIgnoreCase));
        // Interop is inside the package and the generator and analyzers are build-time only: no dependency at all.
        Assert.Empty(dependencies);
    }

    private static string ReadText(ZipArchive archive, string name)
    {
        ZipArchiveEntry entry = archive.GetEntry(name) ?? throw new Xunit.Sdk.XunitException($"the package has no {name}");
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }
}
