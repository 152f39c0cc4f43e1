using System.Diagnostics;
using System.Globalization;
using System.IO.Pipes;
using BenchmarkDotNet.Running;
using StretchCli.Wav;

namespace StretchBindings.Wav.Benchmarks;

/// <summary>
/// <c>throughput [BenchmarkDotNet options]</c>: reading and writing speed and allocations;
/// <c>peak [minutes]</c>: peak resident memory of each reader on a long file, each in a process of its own;
/// <c>inputs</c>: which files and streams each reader takes.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        string mode = args.Length > 0 ? args[0] : "throughput";
        switch (mode)
        {
            case "throughput":
                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args.Skip(1).ToArray());
                return 0;
            case "peak":
                return Peak(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 60);
            case "peak-child":
                return PeakChild(args[1], args[2]);
            case "inputs":
                Inputs.Print();
                return 0;
            default:
                Console.Error.WriteLine("usage: throughput [BenchmarkDotNet options] | peak [minutes] | inputs");
                return 2;
        }
    }

    /// <summary>Writes a long 16-bit stereo file and reads it with each side in a fresh process.</summary>
    private static int Peak(int minutes)
    {
        string path = Path.Combine(TestFiles.Directory, $"long-{minutes}min.wav");
        long frames = 48000L * 60 * minutes;
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(TestFiles.Directory);
            using var stream = File.Create(path);
            var output = new WavOutput(stream, WavFormat.Pcm(2, 48000, 16), frames);
            float[] second = TestFiles.Signal(48000);
            for (long done = 0; done < frames; done += 48000)
            {
                output.Write(second);
            }

            output.Complete();
        }

        Console.WriteLine($"{path}: {new FileInfo(path).Length / (1 << 20)} MiB");
        // Each reader twice, alternating: the first pass also brings the file into the page cache.
        foreach (string side in new[] { "baseline", "ours", "naudio", "ours", "naudio" })
        {
            using Process child = Process.Start(new ProcessStartInfo(Environment.ProcessPath!, [typeof(Program).Assembly.Location, "peak-child", side, path])
            {
                RedirectStandardOutput = true,
            })!;
            Console.Write(child.StandardOutput.ReadToEnd());
            child.WaitForExit();
        }

        return 0;
    }

    /// <summary>Reads the file (or nothing, for the baseline) and prints the process's peak resident set (VmHWM).</summary>
    private static int PeakChild(string side, string path)
    {
        var watch = Stopwatch.StartNew();
        long frames = 0;
        if (side != "baseline")
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            frames = Readers.Read(side, stream, new float[Readers.BlockFrames * 2]);
        }

        string peak = File.ReadLines("/proc/self/status").First(line => line.StartsWith("VmHWM:", StringComparison.Ordinal));
        Console.WriteLine($"{side,-8} frames {frames,12}  {watch.Elapsed.TotalSeconds,6:F2} s  peak {peak["VmHWM:".Length..].Trim()}");
        return 0;
    }
}

/// <summary>Which inputs each reader takes: formats the CLI's reader supports and NAudio's does not, and the reverse; pipes; headers that lie.</summary>
public static class Inputs
{
    public static void Print()
    {
        float[] signal = TestFiles.Signal(48000);
        var cases = new List<(string Name, Func<Stream> Open)>
        {
            ("PCM 16-bit", File(TestFiles.Write("pcm16.wav", WavFormat.Pcm(2, 48000, 16), signal))),
            ("PCM 24-bit", File(TestFiles.Write("pcm24.wav", WavFormat.Pcm(2, 48000, 24), signal))),
            ("PCM 32-bit", File(TestFiles.Write("pcm32.wav", WavFormat.Pcm(2, 48000, 32), signal))),
            ("float 32-bit", File(TestFiles.Write("float32.wav", WavFormat.Float32(2, 48000), signal))),
            ("EXTENSIBLE PCM 24-bit", File(TestFiles.Write("ext-pcm24.wav", WavFormat.Pcm(2, 48000, 24).AsExtensible(0x3), signal))),
            ("EXTENSIBLE PCM 20 valid bits in 24", File(TestFiles.Write("ext-20in24.wav", WavFormat.Pcm(2, 48000, 24).AsExtensible(0x3) with { ValidBitsPerSample = 20 }, signal))),
            ("EXTENSIBLE float 32-bit", File(TestFiles.Write("ext-float32.wav", WavFormat.Float32(2, 48000).AsExtensible(0x3), signal))),
            ("float 64-bit", File(TestFiles.Raw("float64.wav", 3, 64, TestFiles.Float64(signal)))),
            ("PCM 8-bit", File(TestFiles.Raw("pcm8.wav", 1, 8, TestFiles.Pcm8(signal)))),
            ("RF64 (ds64 chunk)", File(TestFiles.Rf64("rf64.wav", TestFiles.Pcm16(signal)))),
            ("PCM 16-bit through a pipe", Pipe(TestFiles.Write("pcm16.wav", WavFormat.Pcm(2, 48000, 16), signal))),
            ("header lies: RIFF and data sizes 0xFFFFFFFF (a streamed file)", File(TestFiles.Raw("streamed.wav", 1, 16, TestFiles.Pcm16(signal), riffSize: uint.MaxValue, dataSize: uint.MaxValue))),
            ("header lies: RIFF size 0, data size right", File(TestFiles.Raw("riff0.wav", 1, 16, TestFiles.Pcm16(signal), riffSize: 0))),
            ("header lies: data size twice the data (cut-off file)", File(TestFiles.Raw("cut.wav", 1, 16, TestFiles.Pcm16(signal), dataSize: (uint)(signal.Length * 4)))),
        };

        Console.WriteLine($"| Input ({signal.Length / 2} frames written) | StretchCli reader | NAudio WaveFileReader |");
        Console.WriteLine("| --- | --- | --- |");
        foreach ((string name, Func<Stream> open) in cases)
        {
            Console.WriteLine($"| {name} | {Try("ours", open)} | {Try("naudio", open)} |");
        }

        Console.WriteLine();
        Console.WriteLine($"| Output ({signal.Length / 2} frames of 16-bit stereo) | StretchCli writer | NAudio WaveFileWriter |");
        Console.WriteLine("| --- | --- | --- |");
        Console.WriteLine($"| to a file | {TryWrite("ours", signal, pipe: false)} | {TryWrite("naudio", signal, pipe: false)} |");
        Console.WriteLine($"| to a pipe | {TryWrite("ours", signal, pipe: true)} | {TryWrite("naudio", signal, pipe: true)} |");
    }

    /// <summary>Writes the signal as 16-bit stereo and reports the bytes that arrived (header included).</summary>
    private static string TryWrite(string side, float[] signal, bool pipe)
    {
        using var server = new AnonymousPipeServerStream(PipeDirection.Out);
        using var client = new AnonymousPipeClientStream(PipeDirection.In, server.ClientSafePipeHandle);
        var file = new MemoryStream();
        Task<long> received = pipe ? Task.Run(() => { client.CopyTo(file); return file.Length; }) : Task.FromResult(0L);
        try
        {
            Stream target = pipe ? server : file;
            if (side == "ours")
            {
                var output = new WavOutput(target, WavFormat.Pcm(2, 48000, 16), signal.Length / 2);
                output.Write(signal);
                output.Complete();
            }
            else
            {
                using var writer = new NAudio.Wave.WaveFileWriter(target, new NAudio.Wave.WaveFormat(48000, 16, 2));
                writer.WriteSamples(signal, 0, signal.Length);
            }

            server.Dispose();
            return $"{(pipe ? received.Result : file.Length)} bytes";
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            server.Dispose();
            received.Wait();
            return $"{e.GetType().Name}: {e.Message.Replace('|', '/')}";
        }
    }

    private static string Try(string side, Func<Stream> open)
    {
        try
        {
            using Stream stream = open();
            return $"{Readers.Read(side, stream, new float[Readers.BlockFrames * 2])} frames";
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return $"{e.GetType().Name}: {e.Message.Replace('|', '/')}";
        }
    }

    private static Func<Stream> File(string path) => () => System.IO.File.OpenRead(path);

    /// <summary>The file's bytes through an anonymous pipe, as a shell pipeline would hand them over.</summary>
    private static Func<Stream> Pipe(string path) => () =>
    {
        var server = new AnonymousPipeServerStream(PipeDirection.Out);
        var client = new AnonymousPipeClientStream(PipeDirection.In, server.ClientSafePipeHandle);
        _ = Task.Run(() =>
        {
            using (server)
            {
                try
                {
                    using FileStream file = System.IO.File.OpenRead(path);
                    file.CopyTo(server);
                }
                catch (IOException)
                {
                    // The reader gave up and closed its end.
                }
            }
        });
        return client;
    };
}
