using NAudio.Wave;

namespace StretchBindings.NAudio.Tests;

public sealed class StretchFileTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new("stretch-naudio-tests-");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task StretchAsync_WritesWhatTheProviderGives_ReportsProgressToOne()
    {
        string input = _folder.File("in.wav");
        float[] samples = WriteInput(input, channels: 2, seconds: 1.5);
        string output = _folder.File("out.wav");
        var reports = new List<double>();

        long frames = await StretchFile.StretchAsync(input, output, tempo: 1.25, semitones: -3, progress: new SynchronousProgress(reports.Add));

        int inputFrames = samples.Length / 2;
        Assert.Equal(Stretch.OutputFrames(inputFrames, 1.25), frames);
        using (var reader = new WaveFileReader(output))
        {
            Assert.Equal(WaveFormat.CreateIeeeFloatWaveFormat(44100, 2), reader.WaveFormat);
            float[] written = ReadSamples(reader.ToSampleProvider());
            // The 16-bit input read back by NAudio, stretched by the provider directly: the same bits.
            using var fileSource = new WaveFileReader(input);
            using var provider = new StretchSampleProvider(fileSource.ToSampleProvider()) { Tempo = 1.25, Semitones = -3 };
            Assert.True(ReadSamples(provider).AsSpan().SequenceEqual(written));
        }

        Assert.Equal(1, reports[^1]);
        Assert.Equal(reports.Order(), reports);
        Assert.True(reports.Count > 3);
    }

    [Fact]
    public async Task Cancelling_StopsAndLeavesNoOutput()
    {
        string input = _folder.File("in.wav");
        WriteInput(input, channels: 1, seconds: 3);
        string output = _folder.File("out.wav");
        using var cancel = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => StretchFile.StretchAsync(input, output, 0.5,
            progress: new SynchronousProgress(fraction =>
            {
                if (fraction > 0.2)
                {
                    cancel.Cancel();
                }
            }),
            cancellationToken: cancel.Token));

        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task AMissingInput_LeavesAnExistingOutputAlone()
    {
        string output = _folder.File("out.wav");
        File.WriteAllText(output, "keep");

        await Assert.ThrowsAsync<FileNotFoundException>(() => StretchFile.StretchAsync(_folder.File("missing.wav"), output, 1));

        Assert.Equal("keep", File.ReadAllText(output));
    }

    private static float[] WriteInput(string path, int channels, double seconds)
    {
        int frames = (int)(seconds * 44100);
        float[] samples = Enumerable.Range(0, frames * channels)
            .Select(i => (float)(0.4 * Math.Sin(2 * Math.PI * (220 + (i % channels)) * (i / channels) / 44100.0)))
            .ToArray();
        using var writer = new WaveFileWriter(path, new WaveFormat(44100, 16, channels));
        writer.WriteSamples(samples, 0, samples.Length);
        return samples;
    }

    private static float[] ReadSamples(ISampleProvider provider)
    {
        var all = new List<float>();
        var buffer = new float[4096];
        int read;
        while ((read = provider.Read(buffer)) > 0)
        {
            all.AddRange(buffer.AsSpan(0, read));
        }

        return [.. all];
    }

    /// <summary>Reports on the calling thread, in order (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class SynchronousProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
