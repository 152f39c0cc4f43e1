using System.Text;
using StretchBindings.Manifest;
using StretchBindings.Scanner.Scanning;
using StretchBindings.Scanner.Tests.Infrastructure;

namespace StretchBindings.Scanner.Tests;

/// <summary>The project's own header and the manifest checked in beside it.</summary>
public sealed class StretchHeaderTests
{
    /// <summary>Run from the repository root; rewrites native/include/stretch/stretch.native.json.</summary>
    public const string RegenerateCommand =
        "dotnet run --project generator/Scanner/StretchBindings.Scanner.Cli -- scan native/include/stretch/stretch.h " +
        "--library stretch -I native/include -o native/include/stretch/stretch.native.json";

    private static ScanResult ScanStretch() => HeaderScanner.Scan(new ScanOptions
    {
        HeaderPath = TestPaths.StretchHeader,
        Library = "stretch",
        IncludeDirectories = [TestPaths.NativeInclude],
    });

    [ClangFact]
    public void Checked_in_manifest_matches_a_fresh_scan()
    {
        byte[] fresh = ManifestWriter.ToUtf8(ScanStretch().Manifest);
        Assert.True(File.Exists(TestPaths.StretchManifest),
            $"{TestPaths.StretchManifest} is missing. Create it from the repository root with:\n  {RegenerateCommand}");

        byte[] checkedIn = File.ReadAllBytes(TestPaths.StretchManifest);
        if (!fresh.AsSpan().SequenceEqual(checkedIn))
        {
            string[] freshLines = Encoding.UTF8.GetString(fresh).Split('\n');
            string[] oldLines = Encoding.UTF8.GetString(checkedIn).Split('\n');
            int first = Enumerable.Range(0, Math.Min(freshLines.Length, oldLines.Length)).FirstOrDefault(i => freshLines[i] != oldLines[i], Math.Min(freshLines.Length, oldLines.Length));
            Assert.Fail(
                "native/include/stretch/stretch.native.json is stale: stretch.h (or the scanner) changed since it was written.\n" +
                $"First difference at line {first + 1}:\n  checked in: {Line(oldLines, first)}\n  fresh scan: {Line(freshLines, first)}\n" +
                $"Regenerate it from the repository root with:\n  {RegenerateCommand}");
        }
    }

    private static string Line(string[] lines, int index) => index < lines.Length ? lines[index].Trim() : "(end of file)";

    [ClangFact]
    public void Handle_type_carries_its_create_destroy_and_threading_annotations()
    {
        NativeManifest manifest = ScanStretch().Manifest;
        NativeRecord stretch = manifest.Record("stretch");
        Assert.True(stretch.Opaque);
        Assert.Contains(stretch.Annotations, a => a.Name == "handle" && a.Arguments.SequenceEqual(["stretch_create", "stretch_destroy"]));
        Assert.Contains(stretch.Annotations, a => a.Name == "single_threaded");

        NativeTypedef handle = manifest.Typedef("stretch_t");
        Assert.Equal(NativeTypeKind.Struct, handle.Type.Kind);
        Assert.Equal("stretch", handle.Type.Name);
        Assert.NotNull(handle.Doc);
    }

    [ClangFact]
    public void Status_enum_buffers_and_out_handle_are_recorded()
    {
        NativeManifest manifest = ScanStretch().Manifest;
        NativeEnum status = manifest.Enum("stretch_status");
        Assert.Contains(status.Annotations, a => a.Name == "status" && a.Arguments.SequenceEqual(["stretch_status_message"]));
        Assert.Contains(status.Constants, c => c.Name == "STRETCH_OK" && c.Integer() == 0);
        Assert.All(status.Constants.Where(c => c.Name != "STRETCH_OK"), c => Assert.True(c.Integer() < 0));

        NativeFunction process = manifest.Function("stretch_process");
        Assert.Equal("stretch_status", process.ReturnType.Typedef);
        NativeAnnotation input = Assert.Single(process.Parameter("input").Annotations);
        Assert.Equal(("in_buffer", "input_samples"), (input.Name, input.Arguments[0]));
        NativeAnnotation output = Assert.Single(process.Parameter("output").Annotations);
        Assert.Equal(("out_buffer", "output_samples"), (output.Name, output.Arguments[0]));
        Assert.True(process.Parameter("input").Type.Pointee!.Const);

        NativeFunction create = manifest.Function("stretch_create");
        Assert.Equal("out_handle", Assert.Single(create.Parameter("out").Annotations).Name);
        Assert.Contains(manifest.Function("stretch_version").Annotations, a => a.Name == "short_call");
        Assert.DoesNotContain(create.Annotations, a => a.Name == "short_call");

        Assert.Equal(8L, manifest.Constant("STRETCH_MAX_CHANNELS").Integer());
        Assert.Empty(manifest.Unsupported);
        Assert.Equal("stretch.h", manifest.Header);
    }
}
