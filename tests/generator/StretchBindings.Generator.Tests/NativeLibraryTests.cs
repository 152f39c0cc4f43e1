using Microsoft.CodeAnalysis;
using StretchBindings.Generator.Tests.Infrastructure;

namespace StretchBindings.Generator.Tests;

/// <summary>[NativeLibrary("x")] projects the manifest of library x onto the user's own static partial class.</summary>
public sealed class NativeLibraryTests
{
    private static ManifestSpec Stretch => ManifestSpec.FromFile(TestPaths.StretchManifest, className: "StretchNative", ns: "Audio.Native", library: "stretch");

    [Fact]
    public void The_manifest_is_generated_into_the_marked_class_and_its_namespace()
    {
        const string source = """
            using StretchBindings.Interop;

            namespace App.Interop;

            [NativeLibrary("stretch")]
            internal static partial class StretchApi
            {
                public static unsafe string Version() => NativeStrings.FromUtf8NullTerminated(stretch_version())!;
            }
            """;
        GeneratorRun run = GeneratorHarness.Run(source, Stretch);
        run.AssertCompilesWithoutWarnings();
        Assert.Contains("App.Interop.StretchApi.g.cs", run.Sources.Keys);
        Assert.DoesNotContain(run.Sources.Keys, key => key.StartsWith("Audio.Native", StringComparison.Ordinal));
        Assert.Contains("internal static unsafe partial class StretchApi", run.Source("App.Interop.StretchApi.g.cs"), StringComparison.Ordinal);
        Assert.Contains("public sealed unsafe partial class Stretch ", run.Source("App.Interop.StretchApi.Projection.g.cs"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[NativeLibrary(\"stretch\")] public partial class Api { }", "static partial class")]
    [InlineData("public static partial class Outer { [NativeLibrary(\"stretch\")] public static partial class Api { } }", "nested")]
    [InlineData("[NativeLibrary(\"stretch\")] public static partial class Api<T> { }", "generic")]
    public void A_class_of_the_wrong_shape_is_an_error(string declaration, string problem)
    {
        GeneratorRun run = GeneratorHarness.Run("using StretchBindings.Interop;\nnamespace App;\n" + declaration, Stretch);
        Diagnostic error = Assert.Single(run.WithId("SBG0016"));
        Assert.Contains(problem, error.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("Audio.Native.StretchNative.g.cs", run.Sources.Keys);
    }

    [Fact]
    public void Two_classes_for_one_library_is_an_error_and_the_first_wins()
    {
        const string source = """
            using StretchBindings.Interop;
            namespace App;
            [NativeLibrary("stretch")] public static partial class First { }
            [NativeLibrary("stretch")] public static partial class Second { }
            """;
        GeneratorRun run = GeneratorHarness.Run(source, Stretch);
        Assert.Contains("already takes it", Assert.Single(run.WithId("SBG0016")).GetMessage(), StringComparison.Ordinal);
        Assert.Contains("App.First.g.cs", run.Sources.Keys);
    }

    [Fact]
    public void A_library_without_a_manifest_is_a_warning()
    {
        GeneratorRun run = GeneratorHarness.Run("using StretchBindings.Interop;\nnamespace App;\n[NativeLibrary(\"nothing\")] public static partial class Api { }\n", Stretch);
        Assert.Equal(DiagnosticSeverity.Warning, Assert.Single(run.WithId("SBG0017")).Severity);
    }
}
