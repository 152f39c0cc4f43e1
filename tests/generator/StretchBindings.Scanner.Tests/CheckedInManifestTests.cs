using System.Text;
using StretchBindings.Manifest;
using StretchBindings.Scanner.Scanning;
using StretchBindings.Scanner.Tests.Infrastructure;

namespace StretchBindings.Scanner.Tests;

/// <summary>
/// Every manifest checked into the repository is what a fresh scan of its header writes, byte for
/// byte; a stale one fails with the command that rewrites it.
/// </summary>
public sealed class CheckedInManifestTests
{
    private const string Scan = "dotnet run --project generator/Scanner/StretchBindings.Scanner.Cli -- scan ";
    private const string GeneratorManifests = "tests/generator/StretchBindings.Generator.Tests/Manifests/";

    /// <summary>A checked-in manifest: the header it came from and how it was scanned (paths from the repository root).</summary>
    public sealed record Case(string Manifest, string Header, string Library, string[] IncludeDirectories)
    {
        /// <summary>Run from the repository root; rewrites the manifest.</summary>
        public string RegenerateCommand =>
            Scan + Header + " --library " + Library + string.Concat(IncludeDirectories.Select(d => " -I " + d)) + " -o " + Manifest;

        public override string ToString() => Manifest;
    }

    public static readonly Case Stretch = new("native/include/stretch/stretch.native.json", "native/include/stretch/stretch.h", "stretch", ["native/include"]);

    /// <summary>The generator's edge cases (callbacks, arrays, unions, unsupported shapes).</summary>
    public static readonly Case Edge = new(GeneratorManifests + "edge.native.json", GeneratorManifests + "edge.h", "edge", ["native/include"]);

    /// <summary>Every shape of C type the bindings lay out (arrays, nested and anonymous records, bit-fields, globals); libc's globals.</summary>
    public static readonly Case CTypes = new(GeneratorManifests + "ctypes.native.json", GeneratorManifests + "ctypes.h", "libc.so.6", []);

    /// <summary>zlib as this machine's /usr/include/zlib.h declares it; a new zlib.h makes it stale.</summary>
    public static readonly Case Zlib = new(GeneratorManifests + "zlib.native.json", ZlibTests.ZlibHeader, "z", []);

    [ClangFact]
    public void Stretch_manifest_matches_a_fresh_scan() => AssertFresh(Stretch);

    [ClangFact]
    public void Edge_manifest_matches_a_fresh_scan() => AssertFresh(Edge);

    [ClangFact]
    public void CTypes_manifest_matches_a_fresh_scan() => AssertFresh(CTypes);

    [SameZlibFact]
    public void Zlib_manifest_matches_a_fresh_scan() => AssertFresh(Zlib);

    private static string FromRoot(string path) => Path.IsPathRooted(path) ? path : Path.Combine(Repository.Root, path);

    private static void AssertFresh(Case manifest)
    {
        string path = FromRoot(manifest.Manifest);
        Assert.True(File.Exists(path), $"{manifest.Manifest} is missing. Create it from the repository root with:\n  {manifest.RegenerateCommand}");

        ScanResult result = HeaderScanner.Scan(new ScanOptions
        {
            HeaderPath = FromRoot(manifest.Header),
            Library = manifest.Library,
            IncludeDirectories = [.. manifest.IncludeDirectories.Select(FromRoot)],
        });
        byte[] fresh = ManifestWriter.ToUtf8(result.Manifest);
        byte[] checkedIn = File.ReadAllBytes(path);
        if (!fresh.AsSpan().SequenceEqual(checkedIn))
        {
            string[] freshLines = Encoding.UTF8.GetString(fresh).Split('\n');
            string[] oldLines = Encoding.UTF8.GetString(checkedIn).Split('\n');
            int common = Math.Min(freshLines.Length, oldLines.Length);
            int first = Enumerable.Range(0, common).FirstOrDefault(i => freshLines[i] != oldLines[i], common);
            Assert.Fail(
                $"{manifest.Manifest} is stale: {Path.GetFileName(manifest.Header)} (or the scanner) changed since it was written.\n" +
                $"First difference at line {first + 1}:\n  checked in: {Line(oldLines, first)}\n  fresh scan: {Line(freshLines, first)}\n" +
                $"Regenerate it from the repository root with:\n  {manifest.RegenerateCommand}");
        }
    }

    private static string Line(string[] lines, int index) => index < lines.Length ? lines[index].Trim() : "(end of file)";

    [Fact]
    public void The_regenerate_commands_name_the_scanner_the_manifest_and_the_header()
    {
        Assert.Equal(
            "dotnet run --project generator/Scanner/StretchBindings.Scanner.Cli -- scan native/include/stretch/stretch.h " +
            "--library stretch -I native/include -o native/include/stretch/stretch.native.json",
            Stretch.RegenerateCommand);
        Assert.EndsWith("scan /usr/include/zlib.h --library z -o " + GeneratorManifests + "zlib.native.json", Zlib.RegenerateCommand, StringComparison.Ordinal);
    }
}

/// <summary>
/// A test of the checked-in zlib manifest: it needs libclang and the zlib version the manifest was
/// scanned from (the ZLIB_VERSION it records); another zlib.h is not a stale manifest.
/// </summary>
public sealed class SameZlibFactAttribute : FactAttribute
{
    public SameZlibFactAttribute()
    {
        if (!Clang.LibClangLoader.TryEnsureLoaded(out _, out string? failure))
        {
            Skip = failure;
            return;
        }

        string manifest = Path.Combine(Repository.Root, CheckedInManifestTests.Zlib.Manifest);
        string? recorded = ManifestReader.Read(File.ReadAllText(manifest)).Constants.FirstOrDefault(c => c.Name == "ZLIB_VERSION")?.Value;
        string header = File.Exists(ZlibTests.ZlibHeader) ? File.ReadAllText(ZlibTests.ZlibHeader) : string.Empty;
        if (recorded is null || !header.Contains($"#define ZLIB_VERSION \"{recorded}\"", StringComparison.Ordinal))
        {
            Skip = $"{ZlibTests.ZlibHeader} is not zlib {recorded}, which {CheckedInManifestTests.Zlib.Manifest} records";
        }
    }
}
