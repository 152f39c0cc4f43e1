using System.Text.Json;

namespace StretchBindings.Samples.Tests;

/// <summary>
/// samples/ParallelBenchmark in its quick mode: it runs, its JSON is complete, and every parallel output
/// equals the serial reference. Timings are printed, never asserted (docs/benchmarks.md has the figures).
/// </summary>
public sealed class ParallelBenchmarkTests(ITestOutputHelper output)
{
    [Fact]
    public void Quick_json_run_reports_every_thread_count_and_identical_outputs()
    {
        string program = Path.Combine(Repository.Root, "artifacts", "bin", "ParallelBenchmark", Configuration, "ParallelBenchmark.dll");
        Assert.True(File.Exists(program), $"{program} was not built");

        ProcessResult run = ProcessRunner.Run(ProcessRunner.DotnetHost, ["exec", program, "--quick", "--json"], Repository.Root, TimeSpan.FromMinutes(3));
        output.WriteLine(run.Error);
        Assert.True(run.ExitCode == 0, run.Combined);

        using JsonDocument document = JsonDocument.Parse(run.Output);
        JsonElement root = document.RootElement;
        Assert.True(root.GetProperty("outputsIdentical").GetBoolean());

        int[] threads = root.GetProperty("scaling").EnumerateArray().Select(row => row.GetProperty("threads").GetInt32()).ToArray();
        Assert.Equal(Enumerable.Range(1, Environment.ProcessorCount).ToArray(), threads);
        foreach (JsonElement row in root.GetProperty("scaling").EnumerateArray())
        {
            Assert.True(row.GetProperty("throughputRealtime").GetDouble() > 0);
            Assert.True(row.GetProperty("gcPauseStopwatch").GetProperty("count").GetInt32() > 0);
            output.WriteLine($"{row.GetProperty("threads").GetInt32()} threads: speedup {row.GetProperty("speedup").GetDouble():F2}");
        }

        JsonElement stall = root.GetProperty("gcStall");
        foreach (string binding in new[] { "correct", "suppressedTransition" })
        {
            JsonElement side = stall.GetProperty(binding);
            Assert.True(side.GetProperty("outputsIdentical").GetBoolean(), binding);
            Assert.True(side.GetProperty("gcPauseStopwatch").GetProperty("count").GetInt32() > 0, binding);
            output.WriteLine($"{binding}: GC pause p50 {side.GetProperty("gcPauseStopwatch").GetProperty("p50Ms").GetDouble():F2} ms");
        }
    }

    private static string Configuration =>
#if DEBUG
        "debug";
#else
        "release";
#endif
}
