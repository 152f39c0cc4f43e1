using StretchBindings.Manifest;
using StretchBindings.Scanner.Scanning;
using StretchBindings.Scanner.Tests.Infrastructure;

namespace StretchBindings.Scanner.Tests;

/// <summary>The project's own header (its checked-in manifest is checked by <see cref="CheckedInManifestTests"/>).</summary>
public sealed class StretchHeaderTests
{
    private static ScanResult ScanStretch() => HeaderScanner.Scan(new ScanOptions
    {
        HeaderPath = TestPaths.StretchHeader,
        Library = "stretch",
        IncludeDirectories = [TestPaths.NativeInclude],
    });

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
