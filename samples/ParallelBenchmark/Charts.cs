using ScottPlot;
using SkiaSharp;

namespace ParallelBenchmark;

/// <summary>The report as charts (ScottPlot), side by side in one PNG: thread scaling, then GC pauses.</summary>
internal static class Charts
{
    public const int PanelWidth = 700;
    public const int Height = 450;

    public static void Save(BenchmarkReport report, string path)
    {
        var panels = new List<SKBitmap>();
        try
        {
            if (report.Scaling.Count > 0)
            {
                panels.Add(Render(Scaling(report)));
            }

            panels.Add(Render(Pauses(report)));
            using var image = new SKBitmap(PanelWidth * panels.Count, Height);
            using (var canvas = new SKCanvas(image))
            {
                canvas.Clear(SKColors.White);
                for (int i = 0; i < panels.Count; i++)
                {
                    canvas.DrawBitmap(panels[i], i * PanelWidth, 0);
                }
            }

            using SKData png = image.Encode(SKEncodedImageFormat.Png, 100);
            using FileStream file = File.Create(path);
            png.SaveTo(file);
        }
        finally
        {
            panels.ForEach(panel => panel.Dispose());
        }
    }

    /// <summary>Speedup against threads, with the ideal line and the throughput of each row.</summary>
    private static Plot Scaling(BenchmarkReport report)
    {
        var plot = new Plot();
        double[] threads = report.Scaling.Select(row => (double)row.Threads).ToArray();
        var ideal = plot.Add.Scatter(threads, threads);
        ideal.LegendText = "ideal (speedup = threads)";
        ideal.LinePattern = LinePattern.Dashed;
        ideal.MarkerSize = 0;
        var measured = plot.Add.Scatter(threads, report.Scaling.Select(row => row.Speedup).ToArray());
        measured.LegendText = "measured speedup";
        measured.LineWidth = 2;
        measured.MarkerSize = 8;
        foreach (ScalingRow row in report.Scaling)
        {
            plot.Add.Text($"{row.ThroughputRealtime:0}x real time", row.Threads, row.Speedup);
        }

        plot.Title($"Thread scaling: {report.Workload.AudioSeconds:0} s renders, {report.Machine.ProcessorCount} cores");
        plot.XLabel("Threads");
        plot.YLabel("Speedup over one thread");
        plot.Axes.Bottom.SetTicks(threads, threads.Select(t => t.ToString("0", System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        plot.Axes.SetLimits(0.5, threads.Max() + 0.5, 0, Math.Max(threads.Max(), report.Scaling.Max(row => row.Speedup)) * 1.15);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    /// <summary>GC pause p50, p99 and maximum: per thread count, and for the correct and the wrong binding.</summary>
    private static Plot Pauses(BenchmarkReport report)
    {
        var groups = report.Scaling.Select(row => ($"{row.Threads} thr", row.GcPauseStopwatch)).ToList();
        if (report.GcStall is { } stall)
        {
            groups.Add(("correct", stall.Correct.GcPauseStopwatch));
            groups.Add(("suppressed", stall.SuppressedTransition.GcPauseStopwatch));
        }

        var plot = new Plot();
        (string Name, Func<PauseStats, double> Value, Color Color)[] series =
        [
            ("p50", stats => stats.P50Ms, Colors.SteelBlue),
            ("p99", stats => stats.P99Ms, Colors.Orange),
            ("max", stats => stats.MaxMs, Colors.FireBrick),
        ];
        for (int s = 0; s < series.Length; s++)
        {
            var bars = new List<Bar>();
            for (int g = 0; g < groups.Count; g++)
            {
                double value = series[s].Value(groups[g].Item2);
                bars.Add(new Bar { Position = (g * 4) + s, Value = double.IsFinite(value) ? value : 0, FillColor = series[s].Color });
            }

            plot.Add.Bars(bars);
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = series[s].Name, FillColor = series[s].Color });
        }

        plot.Axes.Bottom.SetTicks(
            Enumerable.Range(0, groups.Count).Select(g => (g * 4) + 1.0).ToArray(),
            groups.Select(group => group.Item1).ToArray());
        plot.Axes.SetLimitsY(0, Math.Max(1, groups.Max(group => double.IsFinite(group.Item2.MaxMs) ? group.Item2.MaxMs : 0) * 1.15));
        plot.Title("GC pauses of an allocating thread meanwhile");
        plot.YLabel("Pause (ms)");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    private static SKBitmap Render(Plot plot) =>
        SKBitmap.Decode(plot.GetImage(PanelWidth, Height).GetImageBytes(ImageFormat.Png));
}
