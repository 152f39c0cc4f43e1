using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace StretchBindings.StretchCli.Tests;

/// <summary>
/// Memory stays bounded whatever the file's length: the program streams a 3 GiB WAV file (a sparse file, so no
/// disk is used) to /dev/null while the test reads its peak resident set from /proc. No timing is asserted.
/// STRETCHCLI_MEMORY_SECONDS sets how long it watches (default 20; the whole file takes hours).
/// </summary>
public sealed class MemoryTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>A generous bound: the runtime, the stretcher and a few blocks take well under it.</summary>
    private const long PeakLimitBytes = 300L << 20;

    private readonly TemporaryDirectory _folder = new("stretchcli-memory-");

    public void Dispose() => _folder.Dispose();

    // Reads /proc: Linux only, like the CI.
    [Fact]
    public async Task A3GiBFile_StreamsInBoundedMemory()
    {
        string path = _folder.File("big.wav");
        long dataBytes = (3L << 30) - 48;
        byte[] header = RawWav.File(RawWav.Fmt(RawWav.Pcm, 2, 44100, 16), RawWav.Data([]));
        BitConverter.GetBytes((uint)(dataBytes + 36)).CopyTo(header, 4);
        BitConverter.GetBytes((uint)dataBytes).CopyTo(header, 40);
        using (var file = new FileStream(path, FileMode.CreateNew))
        {
            file.Write(header);
            // A hole: the samples read as zeros and take no disk.
            file.SetLength(header.Length + dataBytes);
        }

        double seconds = double.TryParse(Environment.GetEnvironmentVariable("STRETCHCLI_MEMORY_SECONDS"), CultureInfo.InvariantCulture, out double s) ? s : 20;
        var start = new ProcessStartInfo(ProcessRunner.DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _folder.Path,
        };
        foreach (string arg in new[] { CliProcess.Program, path, "/dev/null", "--tempo", "2", "--preset", "cheaper" })
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        long peak = 0;
        long read = 0;
        var clock = Stopwatch.StartNew();
        while (!process.HasExited && clock.Elapsed.TotalSeconds < seconds)
        {
            peak = Math.Max(peak, Status(process.Id, "/status", "VmHWM:") * 1024);
            read = Math.Max(read, Status(process.Id, "/io", "rchar:"));
            await Task.Delay(100);
        }

        bool finished = process.HasExited;
        if (!finished)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        string errors = await stderr;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"peak RSS {peak / 1048576.0:0.0} MiB after {clock.Elapsed.TotalSeconds:0.0} s, {read / 1048576.0:0} MiB of the {dataBytes / 1048576.0:0} MiB file read{(finished ? ", finished" : "")}"));
        Assert.True(!finished || process.ExitCode == 0, errors);
        Assert.InRange(peak, 1, PeakLimitBytes);
        // It got well into the file: the bound holds while streaming, not only while starting.
        Assert.True(read > 16L << 20, $"only {read} bytes read");
    }

    /// <summary>A number from /proc/&lt;pid&gt;&lt;file&gt;, the line starting with <paramref name="key"/>; 0 once the process is gone.</summary>
    private static long Status(int pid, string file, string key)
    {
        try
        {
            foreach (string line in File.ReadLines($"/proc/{pid}{file}"))
            {
                if (line.StartsWith(key, StringComparison.Ordinal))
                {
                    return long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return 0;
    }
}
