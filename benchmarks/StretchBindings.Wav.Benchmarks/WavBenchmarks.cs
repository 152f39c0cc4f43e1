using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using NAudio.Wave;
using StretchCli.Wav;

namespace StretchBindings.Wav.Benchmarks;

/// <summary>
/// Reading and writing one minute of 48 kHz stereo, in the formats the CLI writes, through a file
/// (reads) and a memory stream (writes, so that the disk does not blur the codecs' cost).
/// </summary>
[MemoryDiagnoser]
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
public class WavBenchmarks
{
    private const int Frames = 48000 * 60;

    private readonly float[] _block = new float[Readers.BlockFrames * 2];
    private float[] _signal = [];
    private string _path = string.Empty;
    private WavFormat _format = WavFormat.Pcm(2, 48000, 16);
    private WaveFormat _naudioFormat = new(48000, 16, 2);
    private MemoryStream _output = new();

    [Params("pcm16", "pcm24", "float32")]
    public string Format { get; set; } = "pcm16";

    [GlobalSetup]
    public void Setup()
    {
        _signal = TestFiles.Signal(Frames);
        (_format, _naudioFormat) = Format switch
        {
            "pcm16" => (WavFormat.Pcm(2, 48000, 16), new WaveFormat(48000, 16, 2)),
            "pcm24" => (WavFormat.Pcm(2, 48000, 24), new WaveFormat(48000, 24, 2)),
            _ => (WavFormat.Float32(2, 48000), WaveFormat.CreateIeeeFloatWaveFormat(48000, 2)),
        };
        _path = TestFiles.Write($"minute-{Format}.wav", _format, _signal);
        _output = new MemoryStream(Frames * _format.BlockAlign + 1024);
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("read")]
    public long Read_ours()
    {
        using FileStream stream = Open();
        return Readers.Ours(stream, _block);
    }

    [Benchmark]
    [BenchmarkCategory("read")]
    public long Read_naudio()
    {
        using FileStream stream = Open();
        return Readers.NAudio(stream, _block);
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("write")]
    public long Write_ours()
    {
        _output.SetLength(0);
        var output = new WavOutput(_output, _format, Frames);
        for (int first = 0; first < _signal.Length; first += _block.Length)
        {
            output.Write(_signal.AsSpan(first, Math.Min(_block.Length, _signal.Length - first)));
        }

        output.Complete();
        return _output.Length;
    }

    [Benchmark]
    [BenchmarkCategory("write")]
    public long Write_naudio()
    {
        _output.SetLength(0);
        using (var writer = new WaveFileWriter(_output, _naudioFormat))
        {
            for (int first = 0; first < _signal.Length; first += _block.Length)
            {
                writer.WriteSamples(_signal, first, Math.Min(_block.Length, _signal.Length - first));
            }
        }

        return _output.Length;
    }

    private FileStream Open() => new(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
}
