using System.Globalization;
using StretchCli;
using StretchCli.Wav;

namespace StretchBindings.StretchCli.Tests;

public sealed class CliEndToEndTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new("stretchcli-tests-");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Demo_WritesAStereoWavOfTheDemoLength()
    {
        string output = _folder.File("demo.wav");

        (int code, string stdout, string stderr) = Run("--demo", output, "--tempo", "2");

        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        Assert.StartsWith("demo written to " + output, stdout, StringComparison.Ordinal);
        WavAudio audio = WavReader.Read(output);
        Assert.Equal(SingleFileCommand.DemoFormat, audio.Format);
        Assert.Equal(Stretch.OutputFrames((int)(DemoSignal.DefaultSeconds * DemoSignal.SampleRate), 2), audio.Frames);
        Assert.True(audio.Samples.Max(Math.Abs) > 0.2f, "the demo should not be silent");
    }

    [Fact]
    public void Tempo125_OnATwoSecondInput_GivesExactlyOutputFramesAndKeepsTheFormat()
    {
        string input = _folder.File("in.wav");
        string output = _folder.File("out.wav");
        var format = WavFormat.Pcm(2, 44100, 16);
        TestData.WriteMusic(input, format, 2.0);

        (int code, string stdout, string stderr) = Run(input, output, "--tempo", "1.25", "--semitones", "3");

        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        WavAudio audio = WavReader.Read(output);
        Assert.Equal(format, audio.Format);
        Assert.Equal(Stretch.OutputFrames(88200, 1.25), audio.Frames);
        Assert.Equal(70560, audio.Frames);
    }

    [Theory]
    [InlineData(WavSampleType.Pcm, 24, 1, 22050, false)]
    [InlineData(WavSampleType.Pcm, 32, 8, 48000, true)]
    [InlineData(WavSampleType.Float, 32, 2, 96000, false)]
    [InlineData(WavSampleType.Pcm, 24, 6, 48000, true)]
    public void OutputFormatMatchesTheInput_UnlessFloatIsAsked(WavSampleType type, int bits, int channels, int rate, bool extensible)
    {
        var format = new WavFormat(type, channels, rate, bits, bits, extensible, extensible ? (1u << channels) - 1 : 0);
        string input = _folder.File("in.wav");
        TestData.WriteMusic(input, format, 0.5);

        Assert.Equal(0, Run(input, _folder.File("same.wav"), "--tempo", "0.8").Code);
        Assert.Equal(0, Run(input, _folder.File("float.wav"), "--tempo", "0.8", "--float").Code);

        int expectedFrames = Stretch.OutputFrames(rate / 2, 0.8);
        WavAudio same = WavReader.Read(_folder.File("same.wav"));
        Assert.Equal(format, same.Format);
        Assert.Equal(expectedFrames, same.Frames);
        WavAudio asFloat = WavReader.Read(_folder.File("float.wav"));
        Assert.Equal(format with { SampleType = WavSampleType.Float, BitsPerSample = 32, ValidBitsPerSample = 32 }, asFloat.Format);
        Assert.Equal(expectedFrames, asFloat.Frames);
    }

    [Theory]
    [InlineData("1.25", "3.8631371386483475", false)]
    [InlineData("0.7", "-4", true)]
    public void TheWrittenFile_IsTheLibrarysWholeBufferRender(string tempo, string semitones, bool formants)
    {
        // Float in and out, so the file holds the samples exactly; long enough for several streaming blocks.
        string input = _folder.File("in.wav");
        TestData.WriteMusic(input, WavFormat.Float32(2, 44100), 2.2);
        string output = _folder.File("out.wav");
        string[] args = formants ? [input, output, "-t", tempo, "-s", semitones, "-f"] : [input, output, "-t", tempo, "-s", semitones];

        Assert.Equal(0, Run(args).Code);

        float[] samples = WavReader.Read(input).Samples;
        using var stretch = new Stretch(2, 44100);
        stretch.SetTransposeSemitones(double.Parse(semitones, CultureInfo.InvariantCulture));
        stretch.SetFormantPreservation(formants);
        float[] rendered = stretch.Render(samples, double.Parse(tempo, CultureInfo.InvariantCulture));
        float[] written = WavReader.Read(output).Samples;
        Assert.Equal(rendered.Length, written.Length);
        int first = rendered.AsSpan().CommonPrefixLength(written);
        Assert.True(first == rendered.Length, $"the file differs from Render from sample {first} on");
    }

    [Fact]
    public void UnsupportedInputs_GiveOneErrorLineAndExitCodeOne()
    {
        string eightBit = _folder.File("8bit.wav");
        File.WriteAllBytes(eightBit, RawWav.File(RawWav.Fmt(RawWav.Pcm, 1, 44100, 8), RawWav.Data(new byte[100])));
        string lowRate = _folder.File("4k.wav");
        File.WriteAllBytes(lowRate, RawWav.File(RawWav.Fmt(RawWav.Pcm, 1, 4000, 16), RawWav.Data(new byte[100])));

        AssertOneLineError(Run(eightBit, _folder.File("o.wav")), "8-bit PCM");
        AssertOneLineError(Run(lowRate, _folder.File("o.wav")), "sample rate 4000 Hz is not supported");
        AssertOneLineError(Run(_folder.File("missing.wav"), _folder.File("o.wav")), "missing.wav");
        Assert.False(File.Exists(_folder.File("o.wav")));
    }

    [Fact]
    public void UsageErrors_ExitWithTwo()
    {
        (int code, string stdout, string stderr) = Run("in.wav", "out.wav", "--tempo", "5");

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains("--tempo must be from 0.25 to 4", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(2, Run("--semitones", "-25").Code);
        Assert.Equal(2, Run("--bogus").Code);
    }

    [Fact]
    public void Help_PrintsUsage()
    {
        (int code, string stdout, _) = Run("--help");

        Assert.Equal(0, code);
        Assert.Contains("--batch <in-dir> <out-dir>", stdout, StringComparison.Ordinal);
        Assert.Contains("without dither", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Batch_OfThreeFiles_MatchesSingleFileRunsByteForByte()
    {
        string inputs = Directory.CreateDirectory(_folder.File("in")).FullName;
        string single = Directory.CreateDirectory(_folder.File("single")).FullName;
        string batch = _folder.File("batch");
        WavFormat[] formats =
        [
            WavFormat.Pcm(1, 22050, 16),
            WavFormat.Pcm(2, 44100, 24).AsExtensible(0x3),
            WavFormat.Float32(2, 44100),
        ];
        string[] names = ["a.wav", "b.WAV", "c.wav"];
        for (int i = 0; i < names.Length; i++)
        {
            TestData.WriteMusic(Path.Combine(inputs, names[i]), formats[i], 0.6 + (0.3 * i));
        }

        File.WriteAllText(Path.Combine(inputs, "notes.txt"), "not audio, not picked up");
        string[] options = ["--tempo", "1.5", "--semitones", "-2", "--preset", "cheaper"];

        foreach (string name in names)
        {
            Assert.Equal(0, Run([Path.Combine(inputs, name), Path.Combine(single, name), .. options]).Code);
        }

        (int code, string stdout, string stderr) = Run(["--batch", inputs, batch, .. options]);

        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        Assert.StartsWith("3 of 3 files stretched", stdout, StringComparison.Ordinal);
        Assert.Equal(names.Order(StringComparer.Ordinal), Directory.GetFiles(batch).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (string name in names)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(single, name)), File.ReadAllBytes(Path.Combine(batch, name)));
        }
    }

    [Fact]
    public void Batch_ReportsABrokenFileAndFinishesTheOthers()
    {
        string inputs = Directory.CreateDirectory(_folder.File("in")).FullName;
        string outputs = _folder.File("out");
        TestData.WriteMusic(Path.Combine(inputs, "good1.wav"), WavFormat.Pcm(2, 44100, 16), 0.5);
        TestData.WriteMusic(Path.Combine(inputs, "good2.wav"), WavFormat.Pcm(1, 48000, 16), 0.5);
        byte[] whole = File.ReadAllBytes(Path.Combine(inputs, "good1.wav"));
        File.WriteAllBytes(Path.Combine(inputs, "broken.wav"), whole[..(whole.Length / 2)]);

        (int code, string stdout, string stderr) = Run("--batch", inputs, outputs);

        Assert.Equal(1, code);
        string error = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: cannot read ", error, StringComparison.Ordinal);
        Assert.Contains("broken.wav: truncated file", error, StringComparison.Ordinal);
        Assert.StartsWith("2 of 3 files stretched", stdout, StringComparison.Ordinal);
        Assert.Equal(["good1.wav", "good2.wav"], Directory.GetFiles(outputs).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Batch_WithoutWavFiles_Fails()
    {
        string empty = Directory.CreateDirectory(_folder.File("empty")).FullName;

        AssertOneLineError(Run("--batch", empty, _folder.File("out")), "no .wav files");
        AssertOneLineError(Run("--batch", _folder.File("nowhere"), _folder.File("out")), "does not exist");
    }

    [Fact]
    public void Process_TruncatedInput_ExitsNonZeroWithOneLineAndNoStackTrace()
    {
        string input = _folder.File("cut.wav");
        TestData.WriteMusic(input, WavFormat.Pcm(2, 44100, 16), 1.0);
        byte[] whole = File.ReadAllBytes(input);
        File.WriteAllBytes(input, whole[..(whole.Length - 1001)]);
        string output = _folder.File("out.wav");

        (int code, string stdout, string stderr) = RunProcess(_folder.Path, input, output, "--tempo", "1.25");

        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        string line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: cannot read " + input + ": truncated file", line, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Process_NoArguments_WritesTheDemoUnderTheCurrentFolder_AndPrintsOneLineWhenRedirected()
    {
        (int code, string stdout, string stderr) = RunProcess(_folder.Path);

        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        string expected = Path.Combine(_folder.Path, "artifacts", "stretch-demo.wav");
        Assert.Equal("demo written to " + expected, Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)).Split(':')[0]);
        Assert.Equal(SingleFileCommand.DemoFormat, WavReader.Read(expected).Format);
    }

    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = Program.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs the built program as its own process, as a user would, with its output redirected.</summary>
    private static (int Code, string Stdout, string Stderr) RunProcess(string workingDirectory, params string[] args)
    {
        string program = Path.Combine(AppContext.BaseDirectory, "StretchCli.dll");
        ProcessResult result = ProcessRunner.Run(ProcessRunner.DotnetHost, [program, .. args], workingDirectory, TimeSpan.FromMinutes(2));
        return (result.ExitCode, result.Output, result.Error);
    }

    private static void AssertOneLineError((int Code, string Stdout, string Stderr) result, string expected)
    {
        Assert.Equal(1, result.Code);
        string line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }
}
