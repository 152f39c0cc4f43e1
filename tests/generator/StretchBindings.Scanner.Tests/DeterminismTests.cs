using StretchBindings.Manifest;
using System.Text;
using System.Text.Json;
using StretchBindings.Scanner.Scanning;
using StretchBindings.Scanner.Tests.Infrastructure;

namespace StretchBindings.Scanner.Tests;

public sealed class DeterminismTests
{
    private static byte[] ScanBytes(string header, params string[] includes) =>
        ManifestWriter.ToUtf8(HeaderScanner.Scan(new ScanOptions
        {
            HeaderPath = header,
            Library = "x",
            IncludeDirectories = includes,
        }).Manifest);

    [ClangTheory]
    [InlineData("stretch")]
    [InlineData("zlib")]
    [InlineData("layout")]
    public void Scanning_twice_gives_identical_bytes(string which)
    {
        (string header, string[] includes) = which switch
        {
            "stretch" => (TestPaths.StretchHeader, new[] { TestPaths.NativeInclude }),
            "zlib" => (ZlibTests.ZlibHeader, []),
            _ => (TestPaths.Header("layout.h"), []),
        };

        byte[] first = ScanBytes(header, includes);
        byte[] second = ScanBytes(header, includes);
        Assert.Equal(first, second);
    }

    [ClangFact]
    public void The_same_header_elsewhere_gives_the_same_manifest()
    {
        using TemporaryDirectory copy = TestPaths.CreateTemporaryDirectory();
        string header = copy.File("layout.h");
        File.Copy(TestPaths.Header("layout.h"), header);
        Assert.Equal(ScanBytes(TestPaths.Header("layout.h")), ScanBytes(header));
    }

    [ClangFact]
    public void Manifest_text_has_no_absolute_paths_and_unix_line_endings()
    {
        string text = Encoding.UTF8.GetString(ScanBytes(TestPaths.Header("layout.h")));
        Assert.DoesNotContain(Repository.Root, text, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", text, StringComparison.Ordinal);
        Assert.EndsWith("}\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"/", text, StringComparison.Ordinal);
    }

    [ClangFact]
    public void Top_level_keys_come_in_schema_order()
    {
        using JsonDocument document = JsonDocument.Parse(ScanBytes(TestPaths.Header("functions.h")));
        Assert.Equal(
            ["schemaVersion", "library", "header", "files", "target", "defines", "functions", "records", "enums", "typedefs", "constants", "globals", "unsupported"],
            document.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(ManifestSchema.Version, document.RootElement.GetProperty("schemaVersion").GetInt32());

        string[] names = document.RootElement.GetProperty("functions").EnumerateArray().Select(f => f.GetProperty("name").GetString()!).ToArray();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
    }
}
