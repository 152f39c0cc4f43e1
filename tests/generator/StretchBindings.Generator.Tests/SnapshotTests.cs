using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using StretchBindings.Generator.Tests.Infrastructure;

namespace StretchBindings.Generator.Tests;

/// <summary>
/// The generated sources, compared by the Roslyn testing framework with checked-in snapshots under
/// Snapshots/: every source a manifest generates and nothing else, the generator's diagnostics, and an
/// output that compiles without warnings.
/// </summary>
public sealed class SnapshotTests
{
    [Fact]
    public Task Stretch_manifest() => Snapshot.VerifyGeneratedAsync(
        "namespace Consumer;\n",
        ManifestSpec.FromFile(TestPaths.StretchManifest, className: "StretchNative", ns: "Audio.Native", library: "stretch"),
        [
            ("Audio.Native.StretchNative.g.cs", "Stretch"),
            ("Audio.Native.StretchNative.Types.g.cs", "Stretch.Types"),
            ("Audio.Native.StretchNative.Projection.g.cs", "Stretch.Projection"),
        ]);

    [Fact]
    public Task Zlib_manifest() => Snapshot.VerifyGeneratedAsync(
        "namespace Consumer;\n",
        ManifestSpec.FromFile(TestPaths.Manifest("zlib.native.json"), className: "Zlib", ns: "Compression", library: "z"),
        [("Compression.Zlib.g.cs", "Zlib"), ("Compression.Zlib.Types.g.cs", "Zlib.Types")],
        NotBound(TestPaths.Manifest("zlib.h"), 1468, 23, 31, "function", "gzprintf", "it is variadic ('...'), which .NET cannot call through a fixed signature"));

    [Fact]
    public Task Edge_cases_manifest() => Snapshot.VerifyGeneratedAsync(
        "namespace Consumer;\n",
        ManifestSpec.FromFile(TestPaths.Manifest("edge.native.json"), className: "Edge", ns: "Consumer.Native"),
        [("Consumer.Native.Edge.g.cs", "Edge"), ("Consumer.Native.Edge.Types.g.cs", "Edge.Types")],
        NotBound(TestPaths.Manifest("edge.h"), 82, 5, 16, "function", "edge_printf", "it is variadic ('...'), which .NET cannot call through a fixed signature"),
        NotBound(TestPaths.Manifest("edge.h"), 85, 13, 25, "function", "edge_precise", "its result 'long double' (long double) has no .NET equivalent"));

    [Fact]
    public Task C_type_coverage_manifest() => Snapshot.VerifyGeneratedAsync(
        "namespace Consumer;\n",
        CompileTests.CTypes,
        [("Consumer.Native.CTypes.g.cs", "CTypes"), ("Consumer.Native.CTypes.Types.g.cs", "CTypes.Types")],
        new DiagnosticResult("SBG0004", DiagnosticSeverity.Info).WithSpan(TestPaths.Manifest("ctypes.h"), 110, 17, 110, 24)
            .WithArguments("field", "ct_precise.precise", "'long double' (long double) has no .NET equivalent; the bytes stay in the struct but have no field"));

    /// <summary>SBG0004 (a declaration the generator skips, with why) at its place in the header.</summary>
    private static DiagnosticResult NotBound(string header, int line, int column, int endColumn, string kind, string name, string reason) =>
        new DiagnosticResult("SBG0004", DiagnosticSeverity.Info).WithSpan(header, line, column, line, endColumn).WithArguments(kind, name, reason);
}
