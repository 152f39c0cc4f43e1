using SkiaSharp;
using StretchCli;
using StretchCli.Plots;
using StretchCli.Wav;

namespace StretchBindings.StretchCli.Tests;

public sealed class PlotTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new("stretchcli-tests-");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Plot_WritesTwoNonEmptySpectrogramPanels()
    {
        string input = _folder.File("in.wav");
        TestData.WriteMusic(input, WavFormat.Pcm(2, 44100, 16), 2);
        string png = _folder.File("plot.png");

        var stderr = new StringWriter();
        Assert.Equal(0, Program.Run([input, _folder.File("out.wav"), "--tempo", "0.5", "--plot", png], new StringWriter(), stderr));
        Assert.Equal("", stderr.ToString());

        using SKBitmap image = SKBitmap.Decode(png);
        Assert.Equal(2 * SpectrogramPair.PanelWidth, image.Width);
        Assert.Equal(SpectrogramPair.Height, image.Height);
        foreach (int left in new[] { 0, SpectrogramPair.PanelWidth })
        {
            // The data area of each panel: many of the level steps' colours and real contrast, not a blank or
            // uniform rectangle (a silent panel has one colour, the floor's).
            (int colours, double deviation) = Content(image, left + 100, 60, SpectrogramPair.PanelWidth - 250, SpectrogramPair.Height - 130);
            Assert.True(colours >= 10, $"panel at {left}: {colours} colours");
            Assert.True(deviation > 20, $"panel at {left}: luminance deviation {deviation}");
        }
    }

    [Fact]
    public void Plot_OfSilence_HasUniformPanels()
    {
        // The check above can fail: silence draws the floor's colour alone.
        var pair = new SpectrogramPair(1, 44100, 44100, 44100);
        pair.AddInput(new float[44100]);
        pair.AddOutput(new float[44100]);
        string png = _folder.File("silence.png");

        pair.Save(png, "silence", "tempo 1");

        using SKBitmap image = SKBitmap.Decode(png);
        (int colours, double deviation) = Content(image, 100, 60, SpectrogramPair.PanelWidth - 250, SpectrogramPair.Height - 130);
        Assert.True(colours < 10, $"{colours} colours");
        Assert.True(deviation < 20, $"deviation {deviation}");
    }

    [Fact]
    public void Spectrogram_OfASine_PeaksInItsBin_AndKeepsItsColumnsBounded()
    {
        const int rate = 44100;
        var spectrogram = new Spectrogram(1, rate, expectedFrames: 10 * rate);
        float[] sine = Enumerable.Range(0, 10 * rate).Select(i => (float)(0.5 * Math.Sin(2 * Math.PI * 1000 * i / rate))).ToArray();

        spectrogram.Add(sine);

        Assert.InRange(spectrogram.Columns.Count, Spectrogram.MaxColumns - 5, Spectrogram.MaxColumns);
        double[] column = spectrogram.Columns[^1];
        int peak = Array.IndexOf(column, column.Max());
        Assert.Equal((int)Math.Round(1000.0 * Spectrogram.FftSize / rate), peak);
        // A 0.5 amplitude sine is 6 dB below full scale.
        Assert.InRange(column[peak], -7.5, -5.5);
    }

    private static (int Colours, double Deviation) Content(SKBitmap image, int x0, int y0, int width, int height)
    {
        var colours = new HashSet<uint>();
        double sum = 0;
        double squares = 0;
        for (int y = y0; y < y0 + height; y++)
        {
            for (int x = x0; x < x0 + width; x++)
            {
                SKColor c = image.GetPixel(x, y);
                colours.Add((uint)c);
                double luminance = (0.299 * c.Red) + (0.587 * c.Green) + (0.114 * c.Blue);
                sum += luminance;
                squares += luminance * luminance;
            }
        }

        double n = (double)width * height;
        return (colours.Count, Math.Sqrt(Math.Max(0, (squares / n) - ((sum / n) * (sum / n)))));
    }
}
