using StretchBindings.Manifest;
using StretchBindings.Scanner.Scanning;
using StretchBindings.Scanner.Tests.Infrastructure;

namespace StretchBindings.Scanner.Tests;

/// <summary>
/// Umbrella headers of real libraries (Debian's -dev packages, installed by .ci/run) give the
/// library's functions, and none of the C library's.
/// </summary>
public sealed class RealLibraryTests
{
    [ClangTheory]
    // libsodium: sodium.h only includes "sodium/….h"; it sits in /usr/include, so /usr/include/sodium/ is its root.
    [InlineData("libsodium-dev", "/usr/include/sodium.h", "", 500, "crypto_secretbox_easy", "sodium/crypto_secretbox.h")]
    // libcurl: curl.h includes <curl/easy.h>, <curl/multi.h>, … with angle brackets.
    [InlineData("libcurl4-openssl-dev", "/usr/include/x86_64-linux-gnu/curl/curl.h", "", 75, "curl_easy_perform", "easy.h")]
    // libxml2: tree.h includes <libxml/xmlstring.h>, … found through -I /usr/include/libxml2.
    [InlineData("libxml2-dev", "/usr/include/libxml2/libxml/tree.h", "/usr/include/libxml2", 600, "xmlStrdup", "xmlstring.h")]
    public void An_umbrella_header_yields_its_librarys_functions(
        string package, string header, string includeDirectory, int atLeast, string function, string file)
    {
        Assert.True(File.Exists(header), $"{header} is missing: apt-get install {package} (.ci/run installs it)");
        ScanResult result = HeaderScanner.Scan(new ScanOptions
        {
            HeaderPath = header,
            Library = Path.GetFileNameWithoutExtension(header),
            IncludeDirectories = includeDirectory.Length == 0 ? [] : [includeDirectory],
        });

        NativeManifest manifest = result.Manifest;
        Assert.True(manifest.Functions.Count >= atLeast, $"{manifest.Functions.Count} functions from {header}");
        Assert.EndsWith(file, manifest.Function(function).Location!.File, StringComparison.Ordinal);
        Assert.DoesNotContain(manifest.Functions, f => f.Name is "printf" or "malloc" or "memcpy" or "read");
        Assert.DoesNotContain(result.Warnings, w => w.Id == ScanDiagnosticIds.NoFunctions);
    }
}
