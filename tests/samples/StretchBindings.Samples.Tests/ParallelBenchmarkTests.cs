using System.Text.Json;
using SkiaSharp;

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
        string program = Path.Combine(Repository.Root, "artifacts", "bin", "ParallelBenchmark", TestBuild.Configuration, "ParallelBenchmark.dll");
        Assert.True(File.Exists(program), $"{program} was not built");

        using var folder = new TemporaryDirectory("parallel-benchmark-tests-");
        string charts = folder.File("charts.png");
        ProcessResult run = ProcessRunner.Run(ProcessRunner.DotnetHost, ["exec", program, "--quick", "--json", "--plot", charts], Repository.Root, TimeSpan.FromMinutes(3));
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

        // The charts: a scaling panel and a GC-pause panel, each with real content.
        using SKBitmap image = SKBitmap.Decode(charts);
        Assert.Equal((1400, 450), (image.Width, image.Height));
        foreach (int left in new[] { 0, 700 })
        {
            var colours = new HashSet<uint>();
            for (int y = 40; y < 400; y += 2)
            {
                for (int x = left + 80; x < left + 680; x += 2)
                {
                    colours.Add((uint)image.GetPixel(x, y));
                }
            }

            Assert.True(colours.Count > 20, $"panel at {left}: {colours.Count} colours");
        }
    }

    [Theory]
    [InlineData("--threads", "x")]
    [InlineData("--seconds", "0.5")]
    [InlineData("--bogus")]
    [InlineData("--gc-stall", "--no-gc-stall")]
    public void Bad_options_exit_with_two_and_one_message(params string[] args)
    {
        string program = Path.Combine(Repository.Root, "artifacts", "bin", "ParallelBenchmark", TestBuild.Configuration, "ParallelBenchmark.dll");
        ProcessResult run = ProcessRunner.Run(ProcessRunner.DotnetHost, ["exec", program, .. args], Repository.Root, TimeSpan.FromMinutes(1));

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("ParallelBenchmark: ", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void Help_lists_the_options()
    {
        string program = Path.Combine(Repository.Root, "artifacts", "bin", "ParallelBenchmark", TestBuild.Configuration, "ParallelBenchmark.dll");
        ProcessResult run = ProcessRunner.Run(ProcessRunner.DotnetHost, ["exec", program, "--help"], Repository.Root, TimeSpan.FromMinutes(1));

        Assert.Equal(0, run.ExitCode);
        foreach (string option in new[] { "--threads", "--quick", "--gc-stall", "--json", "--plot" })
        {
            Assert.Contains(option, run.Output, StringComparison.Ordinal);
        }
    }
}
