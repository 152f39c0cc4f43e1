using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StretchBindings.Generator.Tests.Infrastructure;

namespace StretchBindings.Generator.Tests;

/// <summary>The pipeline caches: an unrelated edit re-runs nothing, and no old Compilation is kept alive.</summary>
public sealed class IncrementalTests
{
    private const string KernelSource = """
        using StretchBindings.Interop;
        namespace Consumer;
        public static unsafe partial class Kernels
        {
            [NativeKernel("stretch", EntryPoint = "stretch_channels")]
            public static partial int Channels(void* instance);
        }
        """;

    private const string OtherSource = """
        namespace Consumer;
        public static class Unrelated
        {
            public static int Value() => 1;
        }
        """;

    private static readonly string[] OurSteps =
    [
        "ManifestFiles", "Manifests", "LibraryTargets", "PlacedManifests", "Bindings", "ManifestClasses", "DuplicateClasses", "AllowUnsafe", "Kernels", "KernelOutputs", "AllKernelOutputs",
    ];

    private static ManifestSpec Stretch => ManifestSpec.FromFile(TestPaths.StretchManifest, className: "StretchNative", ns: "Audio.Native", library: "stretch");

    private static IReadOnlyDictionary<string, IncrementalStepRunReason[]> StepReasons(GeneratorDriver driver)
    {
        GeneratorRunResult result = Assert.Single(driver.GetRunResult().Results);
        return OurSteps.Where(result.TrackedSteps.ContainsKey).ToDictionary(
            step => step,
            step => result.TrackedSteps[step].SelectMany(run => run.Outputs).Select(output => output.Reason).ToArray());
    }

    [Fact]
    public void An_unrelated_edit_leaves_every_step_cached_or_unchanged()
    {
        CSharpCompilation first = GeneratorHarness.CreateCompilation([KernelSource, OtherSource]);
        GeneratorDriver driver = GeneratorHarness.CreateDriver([Stretch]).RunGenerators(first);

        SyntaxTree other = first.SyntaxTrees.Last();
        SyntaxTree edited = other.WithChangedText(other.GetText().Replace(other.GetText().ToString().IndexOf("1;", StringComparison.Ordinal), 1, "2"));
        driver = driver.RunGenerators(first.ReplaceSyntaxTree(other, edited));

        IReadOnlyDictionary<string, IncrementalStepRunReason[]> reasons = StepReasons(driver);
        Assert.Equal(OurSteps.Length, reasons.Count);
        foreach ((string step, IncrementalStepRunReason[] outputs) in reasons)
        {
            Assert.NotEmpty(outputs);
            Assert.All(outputs, reason => Assert.True(
                reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"step {step} ran again: {reason}"));
        }
    }

    [Fact]
    public void Editing_a_kernel_reruns_only_the_kernel_steps()
    {
        CSharpCompilation first = GeneratorHarness.CreateCompilation([KernelSource, OtherSource]);
        GeneratorDriver driver = GeneratorHarness.CreateDriver([Stretch]).RunGenerators(first);

        SyntaxTree kernel = first.SyntaxTrees.First();
        string text = kernel.GetText().ToString().Replace("Channels(void* instance)", "Channels(void* handle)", StringComparison.Ordinal);
        driver = driver.RunGenerators(first.ReplaceSyntaxTree(kernel, kernel.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(text))));

        IReadOnlyDictionary<string, IncrementalStepRunReason[]> reasons = StepReasons(driver);
        Assert.Contains(IncrementalStepRunReason.Modified, reasons["Kernels"]);
        Assert.All(reasons["Bindings"], reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
        Assert.All(reasons["Manifests"], reason => Assert.Equal(IncrementalStepRunReason.Cached, reason));
    }

    [Fact]
    public void Editing_a_manifest_reruns_its_bindings()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation([KernelSource, OtherSource]);
        GeneratorDriver driver = GeneratorHarness.CreateDriver([Stretch], out IReadOnlyList<AdditionalText> texts).RunGenerators(compilation);

        AdditionalText old = Assert.Single(texts);
        string changed = File.ReadAllText(TestPaths.StretchManifest).Replace("Supported channel counts.", "Channel counts.", StringComparison.Ordinal);
        driver = driver.ReplaceAdditionalText(old, new InMemoryAdditionalText(old.Path, changed)).RunGenerators(compilation);

        IReadOnlyDictionary<string, IncrementalStepRunReason[]> reasons = StepReasons(driver);
        Assert.Contains(IncrementalStepRunReason.Modified, reasons["Manifests"]);
        Assert.Contains(IncrementalStepRunReason.Modified, reasons["Bindings"]);
    }

    [Fact]
    public void The_driver_does_not_keep_an_old_compilation_alive()
    {
        // Step tracking records every step's inputs, the Compilation included, so it is off here as in a real build.
        GeneratorDriver driver = GeneratorHarness.CreateDriver([Stretch], out _, trackSteps: false);
        (driver, WeakReference first) = GeneratorHarness.RunTwice(driver, KernelSource, KernelSource + OtherSource.Replace("namespace Consumer;", string.Empty, StringComparison.Ordinal));

        for (int i = 0; i < 5 && first.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.False(first.IsAlive, "the first Compilation is still reachable after the driver moved on");
        GC.KeepAlive(driver);
    }
}
