using StretchBindings.Generator.Tests.Infrastructure;

namespace StretchBindings.Generator.Tests;

/// <summary>
/// The load check (docs/generator.md#load-failures) is on by default; an assembly that sets its own
/// DllImport resolver turns it off with the build property StretchBindingsLoadCheck=false.
/// </summary>
public sealed class LoadCheckOptionTests
{
    private static ManifestSpec Zlib => ManifestSpec.FromFile(TestPaths.Manifest("zlib.native.json"), className: "Zlib", ns: "Compression", library: "z");

    [Theory]
    [InlineData(null, true)]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData(" False ", false)]
    public void The_build_property_decides_whether_the_raw_class_registers_its_imports(string? property, bool registers)
    {
        var properties = new Dictionary<string, string>();
        if (property is not null)
        {
            properties["StretchBindingsLoadCheck"] = property;
        }

        GeneratorRun run = GeneratorHarness.Run(
            GeneratorHarness.CreateDriver([Zlib], out _, buildProperties: properties),
            GeneratorHarness.CreateCompilation(string.Empty));

        Assert.DoesNotContain(run.CompileDiagnostics(), d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        string raw = string.Concat(run.Sources.Values);
        Assert.Equal(registers, raw.Contains("public static class LoadCheck", StringComparison.Ordinal));
        Assert.Equal(registers, raw.Contains("NativeLoading.Register(typeof(", StringComparison.Ordinal));
        // The bindings themselves are the same either way.
        Assert.Contains("public static extern global::System.Runtime.InteropServices.CULong crc32(", raw, StringComparison.Ordinal);
    }
}
