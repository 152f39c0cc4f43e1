using System.Buffers.Binary;
using System.Text;

namespace StretchBindings.Samples.Tests;

/// <summary>samples/NAudioRender: a file rendered through StretchSampleProvider with the tempo gliding while it plays.</summary>
public sealed class NAudioRenderTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new("naudio-render-tests-");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Sweep_RendersAFiniteFloatFile_BetweenTheLengthsOfItsTwoTempos()
    {
        const int rate = 22050;
        short[] tone = Enumerable.Range(0, 2 * rate).Select(i => (short)(12000 * Math.Sin(2 * Math.PI * 440 * i / rate))).ToArray();
        string input = _folder.File("in.wav");
        File.WriteAllBytes(input, Pcm16Mono(rate, tone));
        string output = _folder.File("out.wav");

        ProcessResult run = Run(input, output, "--tempo", "0.5", "--sweep-to", "2", "--semitones", "-3");

        Assert.True(run.ExitCode == 0, run.Combined);
        float[] samples = FloatData(File.ReadAllBytes(output));
        Assert.All(samples, sample => Assert.True(float.IsFinite(sample)));
        Assert.InRange(samples.Length, Stretch.OutputFrames(tone.Length, 2.0), Stretch.OutputFrames(tone.Length, 0.5));
        Assert.True(samples.Max(Math.Abs) > 0.2f);
    }

    [Fact]
    public void BadOptions_ExitWithTwo()
    {
        ProcessResult run = Run(_folder.File("missing.wav"), _folder.File("out.wav"));
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(2, Run(_folder.File("missing.wav"), _folder.File("out.wav"), "--tempo", "9").ExitCode);
    }

    private ProcessResult Run(params string[] args)
    {
        string program = Path.Combine(Repository.Root, "artifacts", "bin", "NAudioRender", TestBuild.Configuration, "NAudioRender.dll");
        Assert.True(File.Exists(program), $"{program} was not built");
        return ProcessRunner.Run(ProcessRunner.DotnetHost, [program, .. args], _folder.Path, TimeSpan.FromMinutes(2));
    }

    private static byte[] Pcm16Mono(int rate, short[] samples)
    {
        var file = new MemoryStream();
        var writer = new BinaryWriter(file);
        writer.Write("RIFF"u8);
        writer.Write(36 + (samples.Length * 2));
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)1);
        writer.Write(rate);
        writer.Write(rate * 2);
        writer.Write((short)2);
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(samples.Length * 2);
        foreach (short sample in samples)
        {
            writer.Write(sample);
        }

        return file.ToArray();
    }

    /// <summary>The float samples of the data chunk of a WAV file.</summary>
    private static float[] FloatData(byte[] file)
    {
        for (int at = 12; at + 8 <= file.Length;)
        {
            string id = Encoding.ASCII.GetString(file, at, 4);
            int size = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(at + 4));
            if (id == "data")
            {
                return Enumerable.Range(0, size / 4).Select(i => BinaryPrimitives.ReadSingleLittleEndian(file.AsSpan(at + 8 + (4 * i)))).ToArray();
            }

            at += 8 + size + (size & 1);
        }

        throw new InvalidDataException("no data chunk");
    }
}
