using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace StretchBindings.Generator.Benchmarks;

public static class Program
{
    /// <summary>
    /// Runs in process: the benchmarks call into native libraries this project's build put beside it,
    /// and BenchmarkDotNet's separate build of a wrapper project would have to repeat that build.
    /// </summary>
    public static int Main(string[] args)
    {
        // "scaling <types>": one size of benchmarks/generator-scaling.sh, outside BenchmarkDotNet.
        if (args.Length == 2 && args[0] == "scaling")
        {
            return ScalingRun.Run(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
        }

        IConfig config = DefaultConfig.Instance
            .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance))
            .WithOptions(ConfigOptions.DisableOptimizationsValidator);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        return 0;
    }
}
