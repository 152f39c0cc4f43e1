using StretchBindings.Generator.Tests.Infrastructure;

namespace StretchBindings.Generator.Tests;

/// <summary>
/// A library named in C# finds its manifest by the shared rule (generator/Manifest/LibraryNames.cs),
/// the same one the analyzers use: file names, version suffixes and case do not matter.
/// </summary>
public sealed class LibraryMatchingTests
{
    private static ManifestSpec Zlib => ManifestSpec.FromFile(TestPaths.Manifest("zlib.native.json"), className: "Zlib", ns: "Compression", library: "z");

    private static ManifestSpec Stretch => ManifestSpec.FromFile(TestPaths.StretchManifest, className: "StretchNative", ns: "Audio.Native", library: "stretch");

    private static GeneratorRun RunKernel(string library) => GeneratorHarness.Run($$"""
        using System.Runtime.InteropServices;
        using StretchBindings.Interop;
        namespace Consumer;
        public static unsafe partial class K
        {
            [NativeKernel("{{library}}", EntryPoint = "crc32", CallingConvention = CallingConvention.StdCall)]
            public static partial CULong Crc(CULong crc, byte* buffer, uint length);
        }
        """, Zlib);

    [Theory]
    [InlineData("z")]
    [InlineData("libz.so.1")]
    [InlineData("Z")]
    public void A_kernel_is_checked_against_the_manifest_of_its_library_however_it_is_spelled(string library)
    {
        // The header's calling convention differs, so only a kernel matched to the manifest gets SBG0012.
        Assert.Single(RunKernel(library).WithId("SBG0012"));
    }

    [Theory]
    [InlineData("zlib")]
    [InlineData("libzz.so")]
    public void A_kernel_of_another_library_is_not_checked_against_the_manifest(string library)
    {
        Assert.Empty(RunKernel(library).WithId("SBG0012"));
    }

    [Fact]
    public void A_native_library_class_finds_its_manifest_by_the_same_rule()
    {
        GeneratorRun run = GeneratorHarness.Run(
            "using StretchBindings.Interop;\nnamespace App;\n[NativeLibrary(\"libstretch.so\")] public static partial class Api { }\n", Stretch);
        Assert.Empty(run.WithId("SBG0017"));
        Assert.Contains("App.Api.g.cs", run.Sources.Keys);
    }
}
