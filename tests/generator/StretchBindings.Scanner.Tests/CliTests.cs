using StretchBindings.Manifest;
using StretchBindings.Scanner.Scanning;
using StretchBindings.Scanner.Tests.Infrastructure;

namespace StretchBindings.Scanner.Tests;

/// <summary>The sb-scan tool as a process: exit codes, messages, files.</summary>
public sealed class CliTests
{
    [ClangFact]
    public void Scan_writes_the_manifest_and_the_dependency_file()
    {
        using TemporaryDirectory directory = TestPaths.CreateTemporaryDirectory();
        string manifest = directory.File("out/stretch.native.json");
        string depfile = directory.File("out/stretch.deps");
        ProcessResult result = ScannerProcess.Run(
            ["scan", "native/include/stretch/stretch.h", "--library", "stretch", "-I", "native/include", "-o", manifest, "--depfile", depfile, "--timing"]);

        Assert.True(result.ExitCode == 0, result.Combined);
        Assert.Equal(InProcessStretchManifest(), File.ReadAllBytes(manifest));
        string[] dependencies = File.ReadAllLines(depfile);
        Assert.Contains(Path.Combine(TestPaths.NativeInclude, "stretchbindings", "annotations.h"), dependencies);
        Assert.Matches(@"^sb-scan: stretch\.h: \d+ functions, .* in [\d.]+ ms", result.Output);
    }

    [ClangFact]
    public void Header_errors_exit_1_with_file_line_and_column()
    {
        ProcessResult result = ScannerProcess.Run(
            ["scan", TestPaths.Header("syntax_error.h"), "--library", "x", "-o", "/dev/null"]);
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"{TestPaths.Header("syntax_error.h")}:7:18: error: expected ';'", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [ClangFact]
    public void Msbuild_error_format_gives_canonical_errors()
    {
        ProcessResult result = ScannerProcess.Run(
            ["scan", TestPaths.Header("unknown_annotation.h"), "--library", "x", "-o", "/dev/null", "--error-format", "msbuild"]);
        Assert.Equal(1, result.ExitCode);
        string line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches(@"^/.*unknown_annotation\.h\(5,\d+\): error SBSCAN001: unknown annotation 'sb:fast_call'", line);
    }

    [ClangFact]
    public void Infos_and_warnings_are_printed_with_their_ids_and_leave_the_exit_code_at_0()
    {
        using TemporaryDirectory directory = TestPaths.CreateTemporaryDirectory();
        string include = TestPaths.Header("umbrella/include");
        ProcessResult result = ScannerProcess.Run(
            ["scan", Path.Combine(include, "umbrella.h"), "--library", "umbrella", "-I", include, "--std", "gnu11",
             "-o", directory.File("u.json"), "--error-format", "msbuild"]);
        Assert.True(result.ExitCode == 0, result.Combined);
        string line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(
            $"{Path.Combine(include, "umbrella", "extra.h")}(9,19): info SBSCAN007: 1 static inline function and 1 function-like macro are not bound: no library exports them (umbrella_is_open, UMBRELLA_SEND_STRING)",
            line);
        Assert.Contains("\"language\": \"gnu11\"", File.ReadAllText(directory.File("u.json")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "scan" }, "no header given")]
    [InlineData(new[] { "scan", "x.h", "-o", "x.json" }, "--library is required")]
    [InlineData(new[] { "scan", "x.h", "--library", "x" }, "-o <manifest.json> is required")]
    [InlineData(new[] { "scan", "x.h", "--library", "x", "-o", "x.json", "--std", "c98" }, "unknown --std 'c98'")]
    [InlineData(new[] { "scan", "x.h", "--library", "x", "-o", "x.json", "--time-limit", "soon" }, "--time-limit takes a number of seconds")]
    [InlineData(new[] { "scan", "x.h", "--library", "x", "-o", "x.json", "--frobnicate" }, "unknown option '--frobnicate'")]
    [InlineData(new[] { "compile", "x.h" }, "unknown command 'compile'")]
    public void Bad_command_lines_exit_2_with_one_message(string[] arguments, string message)
    {
        ProcessResult result = ScannerProcess.Run(arguments);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"sb-scan: {message}", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [ClangFact]
    public void Response_files_and_attached_option_values_are_understood()
    {
        using TemporaryDirectory directory = TestPaths.CreateTemporaryDirectory();
        string manifest = directory.File("stretch.json");
        string responseFile = directory.File("scan.rsp");
        File.WriteAllLines(responseFile, ["scan", TestPaths.StretchHeader, "--library=stretch", "-I" + TestPaths.NativeInclude, "--std=c11", "-o", manifest]);
        ProcessResult result = ScannerProcess.Run(["@" + responseFile]);
        Assert.True(result.ExitCode == 0, result.Combined);
        Assert.Equal(InProcessStretchManifest(), File.ReadAllBytes(manifest));
    }

    // The tool must write exactly what the library produces; whether the checked-in manifest is
    // fresh is StretchHeaderTests' business.
    private static byte[] InProcessStretchManifest() =>
        ManifestWriter.ToUtf8(HeaderScanner.Scan(new ScanOptions
        {
            HeaderPath = TestPaths.StretchHeader,
            Library = "stretch",
            IncludeDirectories = [TestPaths.NativeInclude],
        }).Manifest);

    [ClangFact]
    public void Include_first_is_passed_to_clang_and_recorded()
    {
        using TemporaryDirectory directory = TestPaths.CreateTemporaryDirectory();
        string manifest = directory.File("e.json");
        ProcessResult result = ScannerProcess.Run(
            ["scan", TestPaths.Header("dialect/expects_includes.h"), "--library", "e", "-o", manifest, "--include-first", "stdio.h", "--include-first=stdint.h"]);
        Assert.True(result.ExitCode == 0, result.Combined);
        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(manifest));
        Assert.Equal(["stdio.h", "stdint.h"], document.RootElement.GetProperty("includeFirst").EnumerateArray().Select(h => h.GetString()));
    }

    [ClangFact]
    public void Functions_filter_keeps_names_and_prefixes()
    {
        using TemporaryDirectory directory = TestPaths.CreateTemporaryDirectory();
        string manifest = directory.File("z.json");
        ProcessResult result = ScannerProcess.Run(
            ["scan", ZlibTests.ZlibHeader, "--library", "z", "-o", manifest, "--functions", "crc32*;compress2", "--functions", "zlibVersion"]);
        Assert.True(result.ExitCode == 0, result.Combined);
        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(manifest));
        string[] names = document.RootElement.GetProperty("functions").EnumerateArray().Select(f => f.GetProperty("name").GetString()!).ToArray();
        Assert.Contains("crc32", names);
        Assert.Contains("crc32_combine", names);
        Assert.Contains("compress2", names);
        Assert.Contains("zlibVersion", names);
        Assert.DoesNotContain("compress", names);
        Assert.DoesNotContain("adler32", names);
    }
}
