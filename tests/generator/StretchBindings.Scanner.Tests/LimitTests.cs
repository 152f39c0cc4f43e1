using System.Diagnostics;
using StretchBindings.Manifest;
using StretchBindings.Scanner.Scanning;
using StretchBindings.Scanner.Tests.Infrastructure;

namespace StretchBindings.Scanner.Tests;

/// <summary>
/// The scan reads only regular files, takes time linear in the header (nesting and macro chains
/// included), and fails clearly, naming the header, past its time or memory limit.
/// </summary>
public sealed class LimitTests
{
    [ClangFact]
    public void Including_a_device_is_an_error_not_a_runaway_read()
    {
        using TemporaryDirectory directory = TestPaths.CreateTemporaryDirectory();
        string header = directory.File("zero.h");
        File.WriteAllText(header, "int before(void);\n#include \"/dev/zero\"\nint after(void);\n");
        Stopwatch clock = Stopwatch.StartNew();
        ScanException exception = Assert.Throws<ScanException>(() => HeaderScanner.Scan(new ScanOptions { HeaderPath = header, Library = "z" }));
        ScanDiagnostic error = Assert.Single(exception.Diagnostics);
        Assert.Equal((ScanDiagnosticIds.NotARegularFile, header, 2), (error.Id, error.File, error.Line));
        Assert.Equal("'zero.h' includes '/dev/zero', which is a character device, not a regular file: the scanner reads only regular files", error.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }

    [ClangFact]
    public void Including_a_fifo_is_an_error_not_a_hang()
    {
        using TemporaryDirectory directory = TestPaths.CreateTemporaryDirectory();
        string fifo = MakeFifo(directory, "pipe.h");
        string header = directory.File("uses_pipe.h");
        File.WriteAllText(header, "#include \"pipe.h\"\nint f(void);\n");
        ScanException exception = Assert.Throws<ScanException>(() => HeaderScanner.Scan(new ScanOptions { HeaderPath = header, Library = "p" }));
        ScanDiagnostic error = Assert.Single(exception.Diagnostics);
        Assert.Equal((ScanDiagnosticIds.NotARegularFile, header, 1), (error.Id, error.File, error.Line));
        Assert.Contains($"includes '{fifo}', which is a FIFO, not a regular file", error.Message, StringComparison.Ordinal);

        ScanException direct = Assert.Throws<ScanException>(() => HeaderScanner.Scan(new ScanOptions { HeaderPath = fifo, Library = "p" }));
        Assert.Equal($"'{fifo}' is a FIFO, not a regular file: the scanner reads only regular files", Assert.Single(direct.Diagnostics).Message);
    }

    [ClangTheory]
    [InlineData(40)]
    [InlineData(80)]
    public void Nested_struct_definitions_take_work_linear_in_their_depth(int depth)
    {
        // Each level defines a named and an anonymous struct inside the one above: 2^depth visits
        // if the walk entered a definition both where it stands and under the field that uses it.
        using TemporaryDirectory directory = TestPaths.CreateTemporaryDirectory();
        string header = directory.File("deep.h");
        string body = "int leaf;";
        for (int i = 0; i < depth; i++)
        {
            body = i % 2 == 0 ? $"struct level{i} {{ {body} }} named{i};" : $"struct {{ {body} }} anonymous{i};";
        }

        File.WriteAllText(header, $"struct top {{ {body} }};\nint use(struct top *top);\n");
        ScanResult result = HeaderScanner.Scan(new ScanOptions { HeaderPath = header, Library = "d", TimeLimit = TimeSpan.FromSeconds(60) });
        Assert.Equal(["use"], result.Manifest.Functions.Select(f => f.Name));
        // A named struct defined inside another has file scope in C: each named level is a record too.
        IEnumerable<string> named = Enumerable.Range(0, depth).Where(i => i % 2 == 0).Select(i => $"level{i}");
        Assert.Equal(named.Append("top").Order(StringComparer.Ordinal), result.Manifest.Records.Select(r => r.Name).Order(StringComparer.Ordinal));
        // About five cursors a level (the record, its field, the field's type reference, …); doubling would be 2^(depth/2) and more.
        Assert.InRange(result.CursorsWalked, depth, 20 * depth);
    }

    [ClangFact]
    public void A_macro_chain_that_doubles_with_each_line_is_not_expanded()
    {
        using TemporaryDirectory directory = TestPaths.CreateTemporaryDirectory();
        string header = directory.File("chain.h");
        var lines = new List<string> { "#define CHAIN0 1" };
        for (int i = 1; i < 64; i++)
        {
            lines.Add($"#define CHAIN{i} (CHAIN{i - 1} + CHAIN{i - 1})");
        }

        File.WriteAllLines(header, [.. lines, "int f(void);"]);
        NativeManifest manifest = HeaderScanner.Scan(new ScanOptions { HeaderPath = header, Library = "c", TimeLimit = TimeSpan.FromSeconds(60) }).Manifest;
        Assert.Equal(1024L, manifest.Constant("CHAIN10").Integer());
        Assert.DoesNotContain(manifest.Constants, c => c.Name == "CHAIN63");
    }

    // A time limit cannot stop libclang in-process: sb-scan, a process of its own, exits.
    [ClangFact]
    public void Past_the_time_limit_sb_scan_fails_naming_the_header()
    {
        using TemporaryDirectory directory = TestPaths.CreateTemporaryDirectory();
        string header = directory.File("slow.h");
        var lines = new List<string> { "#define SLOW0 1" };
        for (int i = 1; i <= 40; i++)
        {
            lines.Add($"#define SLOW{i} (SLOW{i - 1} + SLOW{i - 1})");
        }

        // The header itself expands the chain: clang would take 2^40 steps.
        File.WriteAllLines(header, [.. lines, "int f(int values[SLOW40]);"]);
        Stopwatch clock = Stopwatch.StartNew();
        ProcessResult result = ScannerProcess.Run(["scan", header, "--library", "s", "-o", directory.File("s.json"), "--time-limit", "1", "--error-format", "msbuild"]);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            $"{header}(1,1): error SBSCAN008: scanning '{header}' took longer than its time limit of 1 s; raise it with TimeLimit (sb-scan --time-limit <seconds>) if the header is really that large",
            result.Error.Trim());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
    }

    [ClangFact]
    public void Past_the_memory_limit_sb_scan_fails_naming_the_header()
    {
        using TemporaryDirectory directory = TestPaths.CreateTemporaryDirectory();
        ProcessResult result = ScannerProcess.Run(["scan", ZlibTests.ZlibHeader, "--library", "z", "-o", directory.File("z.json"), "--memory-limit", "1"]);
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"{ZlibTests.ZlibHeader}:1:1: error: scanning '{ZlibTests.ZlibHeader}' used more than its memory limit of 1 MB", result.Error, StringComparison.Ordinal);
    }

    private static string MakeFifo(TemporaryDirectory directory, string name)
    {
        string path = directory.File(name);
        ProcessResult made = ProcessRunner.Run("mkfifo", [path], directory.Path, TimeSpan.FromSeconds(30));
        Assert.True(made.ExitCode == 0, made.Combined);
        return path;
    }
}
