using StretchBindings.Manifest;
using StretchBindings.Scanner.Clang;
using StretchBindings.Scanner.Tests.Infrastructure;

namespace StretchBindings.Scanner.Tests;

public sealed class LibClangTests(ITestOutputHelper output)
{
    // The one test that fails when libclang is missing; every other scanning test is skipped then.
    [Fact]
    public void Libclang_loads_with_its_builtin_headers()
    {
        LibClangInfo clang;
        try
        {
            clang = LibClangLoader.EnsureLoaded();
        }
        catch (LibClangNotFoundException exception)
        {
            Assert.Fail(exception.Message);
            return;
        }

        output.WriteLine($"{clang.Version} from {clang.LibraryPath}, resource directory {clang.ResourceDirectory}");
        Assert.Contains("clang version", clang.Version, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(clang.ResourceDirectory, "include", "stddef.h")));
    }

    [Fact]
    public void A_libclang_that_does_not_load_is_one_line_naming_the_packages()
    {
        ProcessResult result = ScannerProcess.Run(
            ["scan", TestPaths.StretchHeader, "--library", "stretch", "-I", TestPaths.NativeInclude, "-o", "/dev/null"],
            new Dictionary<string, string?> { [LibClangLoader.LibraryOverrideVariable] = "/nonexistent/libclang-missing.so" });

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        string[] lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string line = Assert.Single(lines);
        Assert.Contains("libclang1-14", line, StringComparison.Ordinal);
        Assert.Contains("libclang-common-14-dev", line, StringComparison.Ordinal);
        Assert.Contains("/nonexistent/libclang-missing.so", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_libclang_in_msbuild_form_is_one_build_error()
    {
        ProcessResult result = ScannerProcess.Run(
            ["scan", TestPaths.StretchHeader, "--library", "stretch", "-o", "/dev/null", "--error-format", "msbuild"],
            new Dictionary<string, string?> { [LibClangLoader.LibraryOverrideVariable] = "/nonexistent/libclang-missing.so" });

        Assert.Equal(3, result.ExitCode);
        string line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("sb-scan : error SBSCAN002: ", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_resource_directory_without_builtin_headers_names_the_package()
    {
        ProcessResult result = ScannerProcess.Run(
            ["scan", TestPaths.StretchHeader, "--library", "stretch", "-o", "/dev/null"],
            new Dictionary<string, string?> { [LibClangLoader.ResourceDirectoryOverrideVariable] = "/nonexistent/resource-dir" });

        Assert.Equal(3, result.ExitCode);
        string line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(LibClangLoader.ResourceDirectoryOverrideVariable, line, StringComparison.Ordinal);
    }
}
