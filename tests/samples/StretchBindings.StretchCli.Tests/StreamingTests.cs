using StretchCli;
using StretchCli.Wav;

namespace StretchBindings.StretchCli.Tests;

/// <summary>
/// Files as streams: standard input and output, headers that lie, non-finite samples, outputs that are not
/// regular files, and batch folders holding a FIFO. Run as a process where the point is the real file descriptors.
/// </summary>
public sealed class StreamingTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new("stretchcli-tests-");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void StandardInputAndOutput_GiveTheSameBytesAsFiles()
    {
        string input = _folder.File("in.wav");
        TestData.WriteMusic(input, WavFormat.Pcm(2, 44100, 16), 1.5);
        Assert.Equal(0, CliProcess.Run(_folder.Path, input, _folder.File("file.wav"), "-t", "0.8", "-s", "2").ExitCode);

        ProcessResult piped = CliProcess.Shell(_folder.Path, $"cat in.wav | {CliProcess.Command} - - -t 0.8 -s 2 > piped.wav");

        Assert.True(piped.ExitCode == 0, piped.Combined);
        Assert.Equal(File.ReadAllBytes(_folder.File("file.wav")), File.ReadAllBytes(_folder.File("piped.wav")));
        // The summary moves to standard error when standard output carries the audio.
        Assert.StartsWith("-: 1.50 s -> 1.88 s", piped.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void AHeaderThatClaimsMoreThanThePipeHolds_IsOneErrorLine_AndLeavesNoOutput()
    {
        // 44 bytes of header claiming 2 GB of samples, then 1000 frames.
        byte[] header = RawWav.File(RawWav.Fmt(RawWav.Pcm, 1, 44100, 16), RawWav.Data(new byte[2000]));
        BitConverter.GetBytes(2_000_000_000u).CopyTo(header, 40);
        File.WriteAllBytes(_folder.File("liar.wav"), header);

        ProcessResult run = CliProcess.Shell(_folder.Path, $"cat liar.wav | {CliProcess.Command} - out.wav");

        Assert.Equal(1, run.ExitCode);
        string line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("error: cannot read -: truncated file: the data chunk declares 2000000000 bytes but only 2000 are present", line);
        Assert.False(File.Exists(_folder.File("out.wav")));
        Assert.Empty(Directory.GetFiles(_folder.Path, ".out.wav*"));
    }

    [Theory]
    [InlineData(float.NaN, "NaN")]
    [InlineData(float.NegativeInfinity, "-Infinity")]
    public void NonFiniteSamples_AreRefusedWithTheirPosition(float bad, string shown)
    {
        float[] samples = TestData.Music(1, 2);
        samples[(30000 * 2) + 1] = bad;
        File.WriteAllBytes(_folder.File("nan.wav"), RawWav.File(RawWav.Fmt(RawWav.Float, 2, 44100, 32), RawWav.Data(RawWav.Single(samples))));

        var stderr = new StringWriter();
        int code = Program.Run([_folder.File("nan.wav"), _folder.File("out.wav")], new StringWriter(), stderr);

        Assert.Equal(1, code);
        Assert.Equal($"error: cannot read {_folder.File("nan.wav")}: sample {shown} at frame 30000 (0.680 s), channel 2, is not a finite number",
            stderr.ToString().Trim());
        Assert.False(File.Exists(_folder.File("out.wav")));
    }

    [Fact]
    public void ASymlinkOutput_IsWrittenThrough_AndStaysASymlink()
    {
        string input = _folder.File("in.wav");
        TestData.WriteMusic(input, WavFormat.Pcm(1, 22050, 16), 0.5);
        string target = _folder.File("target.wav");
        File.WriteAllText(target, "old");
        string link = _folder.File("link.wav");
        File.CreateSymbolicLink(link, target);

        Assert.Equal(0, Program.Run([input, link, "-t", "2"], new StringWriter(), new StringWriter()));

        Assert.Equal(target, new FileInfo(link).LinkTarget);
        Assert.Equal(Stretch.OutputFrames(11025, 2), WavReader.Read(target).Frames);
    }

    [Fact]
    public void ADeviceOutput_IsWrittenThrough()
    {
        string input = _folder.File("in.wav");
        TestData.WriteMusic(input, WavFormat.Pcm(2, 44100, 24), 0.3);

        var stderr = new StringWriter();
        Assert.Equal(0, Program.Run([input, "/dev/null"], new StringWriter(), stderr));
        Assert.Equal("", stderr.ToString());
        Assert.Equal(FileKind.Kind.Other, FileKind.Of("/dev/null"));
    }

    [Fact]
    public void Batch_SkipsAFifoNamedWav_AndSaysSo()
    {
        string inputs = Directory.CreateDirectory(_folder.File("in")).FullName;
        TestData.WriteMusic(Path.Combine(inputs, "a.wav"), WavFormat.Pcm(1, 22050, 16), 0.3);
        ProcessResult fifo = ProcessRunner.Run("mkfifo", [Path.Combine(inputs, "pipe.wav")], _folder.Path, TimeSpan.FromSeconds(10));
        Assert.True(fifo.ExitCode == 0, fifo.Combined);

        // Opening the FIFO would block until a writer came: the time limit turns a hang into a failure.
        ProcessResult run = CliProcess.Run(_folder.Path, "--batch", inputs, _folder.File("out"));

        Assert.True(run.ExitCode == 0, run.Combined);
        Assert.Contains("skipped pipe.wav: not a regular file", run.Output, StringComparison.Ordinal);
        Assert.Contains("1 of 1 files stretched", run.Output, StringComparison.Ordinal);
        Assert.Equal(["a.wav"], Directory.GetFiles(_folder.File("out")).Select(Path.GetFileName));
    }
}

/// <summary>Runs the built program as its own process.</summary>
internal static class CliProcess
{
    public static string Program => Path.Combine(AppContext.BaseDirectory, "StretchCli.dll");

    /// <summary>The command line that starts the program, for a shell.</summary>
    public static string Command => $"'{ProcessRunner.DotnetHost}' '{Program}'";

    public static ProcessResult Run(string workingDirectory, params string[] args) =>
        ProcessRunner.Run(ProcessRunner.DotnetHost, [Program, .. args], workingDirectory, TimeSpan.FromMinutes(2));

    /// <summary>Runs <paramref name="script"/> with bash (pipes and redirections).</summary>
    public static ProcessResult Shell(string workingDirectory, string script) =>
        ProcessRunner.Run("/bin/bash", ["-c", script], workingDirectory, TimeSpan.FromMinutes(2));
}
