using System.IO.Compression;
using System.Text.Json;
using StretchBindings.Package.Tests.Infrastructure;

namespace StretchBindings.Package.Tests;

/// <summary>
/// Each native file of the package is built for the platform its folder names, and exports exactly the
/// functions of the header (the checked-in manifest native/include/stretch/stretch.native.json). The
/// headers are parsed here (ELF, PE, ar), so that no tool of the machine decides.
/// </summary>
[Collection(PackageCollection.Name)]
[Trait("Category", "Build")]
public sealed class NativeLibraryTests(PackageFixture fixture, ITestOutputHelper output)
{
    /// <summary>What Windows itself provides: stretch.dll must need nothing else (no MinGW runtime DLL).</summary>
    private static readonly string[] WindowsSystemLibraries = ["KERNEL32.dll", "msvcrt.dll"];

    public static TheoryData<string, BinaryFormat, string> SharedLibraries => new()
    {
        { "runtimes/linux-x64/native/libstretch.so", BinaryFormat.ElfSharedObject, "x86-64" },
        { "runtimes/linux-arm64/native/libstretch.so", BinaryFormat.ElfSharedObject, "aarch64" },
        { "runtimes/win-x64/native/stretch.dll", BinaryFormat.PeDll, "x86-64" },
    };

    public static TheoryData<string, string> StaticLibraries => new()
    {
        { "static/linux-x64/libstretch.a", "x86-64" },
        { "static/linux-arm64/libstretch.a", "aarch64" },
    };

    [Theory]
    [MemberData(nameof(SharedLibraries))]
    public void Each_shared_library_is_built_for_its_runtime_and_exports_every_function_of_the_header(string path, BinaryFormat format, string machine)
    {
        NativeBinary binary = NativeBinary.Read(ReadEntry(path));
        output.WriteLine($"{path}: {binary.Format} {binary.Machine}, {binary.ExportedFunctions.Count} exports, imports [{string.Join(", ", binary.ImportedLibraries)}]");

        Assert.Equal(format, binary.Format);
        Assert.Equal(machine, binary.Machine);
        // Exactly the header's functions: none missing, and nothing of the C++ core or its runtime.
        Assert.Equal(ManifestFunctions(), binary.ExportedFunctions);
        if (format == BinaryFormat.PeDll)
        {
            Assert.NotEmpty(binary.ImportedLibraries);
            Assert.All(binary.ImportedLibraries, library => Assert.Contains(library, WindowsSystemLibraries, StringComparer.OrdinalIgnoreCase));
        }
    }

    [Theory]
    [MemberData(nameof(StaticLibraries))]
    public void Each_static_library_holds_objects_of_its_runtime(string path, string machine)
    {
        NativeBinary archive = NativeBinary.Read(ReadEntry(path));
        output.WriteLine($"{path}: {archive.Format} {archive.Machine}");

        Assert.Equal(BinaryFormat.ArArchive, archive.Format);
        Assert.Equal(machine, archive.Machine);
    }

    [Fact]
    public void Windows_gets_no_static_library()
    {
        (string package, _) = fixture.RequirePackage();
        using ZipArchive archive = ZipFile.OpenRead(package);
        Assert.DoesNotContain(archive.Entries, entry => entry.FullName.StartsWith("static/win", StringComparison.Ordinal));
    }

    private byte[] ReadEntry(string path)
    {
        (string package, _) = fixture.RequirePackage();
        using ZipArchive archive = ZipFile.OpenRead(package);
        ZipArchiveEntry entry = archive.GetEntry(path) ?? throw new Xunit.Sdk.XunitException($"the package has no {path}");
        using var stream = new MemoryStream();
        using (Stream source = entry.Open())
        {
            source.CopyTo(stream);
        }

        return stream.ToArray();
    }

    private static string[] ManifestFunctions()
    {
        string manifest = Path.Combine(Repository.Root, "native", "include", "stretch", "stretch.native.json");
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(manifest));
        string[] functions = document.RootElement.GetProperty("functions").EnumerateArray()
            .Select(function => function.GetProperty("name").GetString()!)
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.NotEmpty(functions);
        return functions;
    }
}
