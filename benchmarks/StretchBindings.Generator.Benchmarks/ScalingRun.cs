using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;

namespace StretchBindings.Generator.Benchmarks;

/// <summary>
/// How generating and compiling grows with a manifest's size: one process per size (so that its peak
/// working set is that size's), the generator on a manifest of <c>types</c> structs and enums, then a
/// full compile of the result. <c>benchmarks/generator-scaling.sh</c> runs it for several sizes.
/// </summary>
public static class ScalingRun
{
    public static int Run(int types)
    {
        var process = Process.GetCurrentProcess();
        TimeSpan cpuStart = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();

        var manifest = new GenerationBenchmarks.Text("/bench/big.native.json", SyntheticManifest.CreateTypes(types));
        CSharpCompilation compilation = CSharpCompilation.Create(
            "Scaling",
            [CSharpSyntaxTree.ParseText("namespace Bench; public static class A { public static int B() => 1; }")],
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, optimizationLevel: OptimizationLevel.Release));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new NativeBindingsGenerator().AsSourceGenerator()],
            [manifest],
            (CSharpParseOptions)compilation.SyntaxTrees[0].Options,
            new GenerationBenchmarks.Options());
        driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        double generated = clock.Elapsed.TotalSeconds;
        EmitResult emit = output.Emit(Stream.Null);
        clock.Stop();

        process.Refresh();
        int errors = emit.Diagnostics.Concat(generatorDiagnostics).Count(d => d.Severity == DiagnosticSeverity.Error);
        int lines = output.SyntaxTrees.Sum(t => t.GetText().Lines.Count);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"types={types} lines={lines} generate_s={generated:F2} total_s={clock.Elapsed.TotalSeconds:F2} cpu_s={(process.TotalProcessorTime - cpuStart).TotalSeconds:F2} peak_mb={process.PeakWorkingSet64 / (1024.0 * 1024):F0} errors={errors}"));
        foreach (Diagnostic error in emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(5))
        {
            Console.Error.WriteLine(error);
        }

        return errors == 0 ? 0 : 1;
    }

    private static MetadataReference[] References()
    {
        string trusted = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        return trusted.Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(path) is "mscorlib.dll" or "netstandard.dll")
            .Append(typeof(StretchBindings.Interop.NativeKernelAttribute).Assembly.Location)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToArray();
    }
}
