using Microsoft.CodeAnalysis;
using StretchBindings.Generator.Tests.Infrastructure;

namespace StretchBindings.Generator.Tests;

/// <summary>A manifest whose functions live in several libraries: raw imports and kernels follow each function's library.</summary>
public sealed class SeveralLibrariesTests
{
    // fft_f lives in "fftf", the manifest's library is "fft".
    private const string Manifest = """
        {
          "schemaVersion": 1,
          "library": "fft",
          "header": "fft.h",
          "files": ["fft.h"],
          "target": { "triple": "x86_64-pc-linux-gnu", "pointerSize": 8, "language": "c11" },
          "defines": [],
          "functions": [
            {
              "name": "fft_d",
              "returnType": { "kind": "int", "spelling": "int", "name": "int", "size": 4, "align": 4, "signed": true },
              "parameters": [{ "name": "n", "type": { "kind": "int", "spelling": "int", "name": "int", "size": 4, "align": 4, "signed": true } }],
              "variadic": false,
              "callingConvention": "c"
            },
            {
              "name": "fft_f",
              "returnType": { "kind": "int", "spelling": "int", "name": "int", "size": 4, "align": 4, "signed": true },
              "parameters": [{ "name": "n", "type": { "kind": "int", "spelling": "int", "name": "int", "size": 4, "align": 4, "signed": true } }],
              "variadic": false,
              "callingConvention": "c",
              "library": "fftf",
              "librarySource": { "file": "fft.sidecar.json", "line": 3, "column": 5 }
            }
          ],
          "records": [],
          "enums": [],
          "typedefs": [],
          "constants": [],
          "unsupported": []
        }
        """;

    private static ManifestSpec Spec => new("/src/fft.native.json", Manifest, "Fft", "Consumer.Native");

    [Fact]
    public void Each_raw_function_is_imported_from_its_own_library()
    {
        GeneratorRun run = GeneratorHarness.Run("namespace Consumer;", Spec);
        run.AssertCompilesWithoutWarnings();
        string raw = run.Sources.Single(pair => pair.Value.Contains("public const string LibraryName", StringComparison.Ordinal)).Value;
        Assert.Contains("public const string LibraryName = \"fft\";", raw, StringComparison.Ordinal);
        Assert.Contains("DllImportAttribute(LibraryName, EntryPoint = \"fft_d\"", raw, StringComparison.Ordinal);
        Assert.Contains("DllImportAttribute(\"fftf\", EntryPoint = \"fft_f\"", raw, StringComparison.Ordinal);
    }

    [Fact]
    public void A_kernel_finds_a_mapped_function_under_its_library_and_not_under_the_manifests()
    {
        const string source = """
            using StretchBindings.Interop;
            namespace Consumer;
            public static partial class K
            {
                [NativeKernel("fftf", EntryPoint = "fft_f")] public static partial long Mapped(int n);
                [NativeKernel("fft", EntryPoint = "fft_f")] public static partial int Unmapped(int n);
                [NativeKernel("fft", EntryPoint = "fft_d")] public static partial int Own(int n);
            }
            """;
        GeneratorRun run = GeneratorHarness.Run(source, Spec);

        // Found and checked under "fftf": the wrong return type is a mismatch.
        Diagnostic mismatch = Assert.Single(run.WithId("SBG0012"));
        Assert.Contains("'Mapped'", mismatch.GetMessage(), StringComparison.Ordinal);
        // Under "fft" it is not there: the library named would not export it.
        Diagnostic missing = Assert.Single(run.WithId("SBG0013"));
        Assert.Contains("'fft_f'", missing.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("'fft'", missing.GetMessage(), StringComparison.Ordinal);
    }
}
