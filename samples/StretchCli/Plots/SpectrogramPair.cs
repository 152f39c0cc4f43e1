using ScottPlot;
using SkiaSharp;

namespace StretchCli.Plots;

/// <summary>The spectrograms of a run's input and output, drawn side by side into one PNG (ScottPlot).</summary>
public sealed class SpectrogramPair(int channels, int sampleRate, long inputFrames, long outputFrames)
{
    /// <summary>Width of one panel, in pixels.</summary>
    public const int PanelWidth = 800;

    /// <summary>Height of the image, in pixels.</summary>
    public const int Height = 500;

    /// <summary>Frequency bins drawn as one row.</summary>
    public const int RowBins = 4;

    /// <summary>Levels are drawn in steps of this many dB.</summary>
    public const double LevelStepDb = 4;

    /// <summary>The input's spectrogram.</summary>
    public Spectrogram Input { get; } = new(channels, sampleRate, inputFrames);

    /// <summary>The output's spectrogram.</summary>
    public Spectrogram Output { get; } = new(channels, sampleRate, outputFrames);

    /// <summary>Adds input frames (a <see cref="FrameWriter"/>).</summary>
    public void AddInput(ReadOnlySpan<float> samples) => Input.Add(samples);

    /// <summary>Adds output frames (a <see cref="FrameWriter"/>).</summary>
    public void AddOutput(ReadOnlySpan<float> samples) => Output.Add(samples);

    /// <summary>Writes the PNG: input on the left, output on the right, time and frequency axes, one level scale.</summary>
    public void Save(string path, string inputName, string settings)
    {
        using SKBitmap left = Panel(Input, $"Input: {inputName}");
        using SKBitmap right = Panel(Output, $"Output: {settings}");
        using var image = new SKBitmap(2 * PanelWidth, Height);
        using (var canvas = new SKCanvas(image))
        {
            canvas.Clear(SKColors.White);
            canvas.DrawBitmap(left, 0, 0);
            canvas.DrawBitmap(right, PanelWidth, 0);
        }

        using SKData png = image.Encode(SKEncodedImageFormat.Png, 100);
        using FileStream file = File.Create(path);
        png.SaveTo(file);
    }

    private static SKBitmap Panel(Spectrogram spectrogram, string title)
    {
        var plot = new Plot();
        int columns = Math.Max(1, spectrogram.Columns.Count);
        // Rows from the highest frequency down, as the heatmap draws its first row at the top; each row the
        // loudest of RowBins bins, about what a panel's few hundred pixels can show.
        const int rows = Spectrogram.Bins / RowBins;
        var levels = new double[rows, columns];
        for (int x = 0; x < columns; x++)
        {
            double[]? column = x < spectrogram.Columns.Count ? spectrogram.Columns[x] : null;
            for (int row = 0; row < rows; row++)
            {
                double level = Spectrogram.FloorDb;
                for (int k = row * RowBins; column is not null && k < (row + 1) * RowBins; k++)
                {
                    level = Math.Max(level, column[k]);
                }

                // Steps of a few dB read the same and keep the PNG small (smooth noise compresses badly).
                levels[rows - 1 - row, x] = Math.Round(level / LevelStepDb) * LevelStepDb;
            }
        }

        double seconds = (double)spectrogram.Frames / spectrogram.SampleRate;
        double nyquistKhz = spectrogram.SampleRate / 2000.0;
        var heatmap = plot.Add.Heatmap(levels);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.ManualRange = new ScottPlot.Range(Spectrogram.FloorDb, 0);
        heatmap.Extent = new CoordinateRect(0, Math.Max(seconds, 1e-3), 0, nyquistKhz);
        plot.Add.ColorBar(heatmap).Label = "Level (dB)";
        plot.Title(title);
        plot.XLabel("Time (s)");
        plot.YLabel("Frequency (kHz)");
        plot.Axes.SetLimits(0, Math.Max(seconds, 1e-3), 0, nyquistKhz);
        byte[] png = plot.GetImage(PanelWidth, Height).GetImageBytes(ImageFormat.Png);
        return SKBitmap.Decode(png);
    }
}
