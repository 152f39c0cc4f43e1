using System.Diagnostics;
using System.Globalization;
using System.Text;
using StretchBindings.Scanner.Clang;
using StretchBindings.Manifest;
using StretchBindings.Scanner.Scanning;
using StretchBindings.Scanner.Tests.Infrastructure;

namespace StretchBindings.Scanner.Tests;

/// <summary>
/// Scan times after start-up, printed to the test log (run with the console logger at detailed
/// verbosity to see them). The tests assert the work a scan does (cursors walked per line), which a
/// busy machine cannot change; the times are figures to read, not a pass mark.
/// </summary>
[Collection(SerialCollection.Name)]
[Trait("Category", "Speed")]
public sealed class SpeedTests(ITestOutputHelper output)
{
    // A group of GenerateHeader's lines is 25 lines with about 40 declarations and their children;
    // a walk that visits anything twice per nesting level would pass this many cursors per line.
    private const int MostCursorsPerLine = 4;

    public const int GeneratedLines = 10_000;

    [ClangFact]
    public void Zlib_scans_in_one_walk()
    {
        (TimeSpan fastest, TimeSpan median) = Measure(new ScanOptions { HeaderPath = ZlibTests.ZlibHeader, Library = "z" }, out ScanResult result);
        NativeManifest manifest = result.Manifest;
        output.WriteLine($"zlib.h: {manifest.Functions.Count} functions, {manifest.Constants.Count} constants: " +
                         $"{fastest.TotalMilliseconds:F1} ms fastest, {median.TotalMilliseconds:F1} ms median of 5, {result.CursorsWalked} cursors walked");
        Assert.InRange(result.CursorsWalked, manifest.Functions.Count, MostCursorsPerLine * File.ReadAllLines(ZlibTests.ZlibHeader).Length);
    }

    [ClangFact]
    public void A_ten_thousand_line_header_scans_in_one_walk()
    {
        using TemporaryDirectory directory = TestPaths.CreateTemporaryDirectory();
        string header = directory.File("generated.h");
        File.WriteAllText(header, GenerateHeader(GeneratedLines, out int groups));
        Assert.Equal(GeneratedLines, File.ReadAllLines(header).Length);

        (TimeSpan fastest, TimeSpan median) = Measure(new ScanOptions { HeaderPath = header, Library = "generated" }, out ScanResult result);
        NativeManifest manifest = result.Manifest;
        output.WriteLine($"generated.h ({GeneratedLines} lines): {manifest.Functions.Count} functions, {manifest.Records.Count} records, " +
                         $"{manifest.Enums.Count} enums, {manifest.Constants.Count} constants: " +
                         $"{fastest.TotalMilliseconds:F1} ms fastest, {median.TotalMilliseconds:F1} ms median of 5, {result.CursorsWalked} cursors walked");
        Assert.Equal(2 * groups, manifest.Functions.Count);
        Assert.Equal(groups, manifest.Records.Count);
        Assert.Equal(groups, manifest.Constants.Count);
        Assert.InRange(result.CursorsWalked, manifest.Functions.Count, MostCursorsPerLine * GeneratedLines);
    }

    /// <summary>The fastest and the median of five scans after one warm-up scan (libclang loaded, code jitted).</summary>
    private static (TimeSpan Fastest, TimeSpan Median) Measure(ScanOptions options, out ScanResult result)
    {
        LibClangLoader.EnsureLoaded();
        result = HeaderScanner.Scan(options);
        var times = new List<TimeSpan>();
        for (int i = 0; i < 5; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            HeaderScanner.Scan(options);
            times.Add(stopwatch.Elapsed);
        }

        List<TimeSpan> sorted = [.. times.Order()];
        return (sorted[0], sorted[sorted.Count / 2]);
    }

    /// <summary>Structs, enums, callbacks, constants and documented functions, repeated to exactly <paramref name="lines"/> lines.</summary>
    internal static string GenerateHeader(int lines, out int groups)
    {
        var text = new StringBuilder();
        var prologue = new List<string> { "#ifndef GENERATED_H", "#define GENERATED_H", "#include <stddef.h>", "#include <stdint.h>", string.Empty };
        const string Epilogue = "#endif";
        List<string> Group(int i) =>
        [
            $"/** Record number {i}. */",
            $"typedef struct gen_record_{i} {{",
            "    int32_t id;",
            "    double value;",
            "    const char *name;",
            i > 0 ? $"    struct gen_record_{i - 1} *previous;" : "    void *previous;",
            "    uint8_t flags[4];",
            $"}} gen_record_{i}_t;",
            string.Empty,
            $"/** Modes of record {i}. */",
            $"typedef enum gen_mode_{i} {{ GEN_MODE_{i}_A = 0, GEN_MODE_{i}_B = 1, GEN_MODE_{i}_C = -1 }} gen_mode_{i}_t;",
            string.Empty,
            $"typedef int (*gen_callback_{i})(void *context, gen_record_{i}_t *record);",
            string.Empty,
            $"#define GEN_LIMIT_{i} ({i} * 16 + 1)",
            string.Empty,
            "/**",
            $" * Processes record {i}.",
            " * @param count how many.",
            " */",
            $"int gen_process_{i}(gen_record_{i}_t *record, size_t count, gen_mode_{i}_t mode);",
            string.Empty,
            $"/** Frees record {i}. */",
            $"void gen_free_{i}(gen_record_{i}_t *record, gen_callback_{i} callback);",
            string.Empty,
        ];

        var body = new List<string>(prologue);
        groups = 0;
        while (true)
        {
            List<string> next = Group(groups);
            if (body.Count + next.Count + 1 > lines)
            {
                break;
            }

            body.AddRange(next);
            groups++;
        }

        while (body.Count + 1 < lines)
        {
            body.Add("/* padding */");
        }

        body.Add(Epilogue);
        foreach (string line in body)
        {
            text.Append(line).Append('\n');
        }

        return text.ToString();
    }
}

/// <summary>Tests that measure time or run whole builds: never beside each other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "Serial";
}
