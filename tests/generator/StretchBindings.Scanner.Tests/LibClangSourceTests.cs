using StretchBindings.Scanner.Clang;
using StretchBindings.Scanner.Tests.Infrastructure;

namespace StretchBindings.Scanner.Tests;

/// <summary>
/// Where libclang comes from: the NuGet package first (libclang 23), then the system's (Debian's
/// libclang 14); both write the same manifests, byte for byte. Each run is an sb-scan process, since
/// a process loads one libclang.
/// </summary>
public sealed class LibClangSourceTests(ITestOutputHelper output)
{
    // No package folder the scanner searches holds the package: the system's libclang is used.
    private static readonly Dictionary<string, string?> WithoutPackage = new()
    {
        ["NUGET_PACKAGES"] = "/nonexistent/nuget-packages",
        [LibClangSearch.PackageFoldersVariable] = null,
        [LibClangLoader.LibraryOverrideVariable] = null,
    };

    private static readonly Dictionary<string, string?> Default = new()
    {
        [LibClangLoader.LibraryOverrideVariable] = null,
    };

    public static TheoryData<string> CheckedInManifests => ["stretch", "edge", "zlib"];

    [PackageLibClangFact]
    public void The_package_libclang_is_loaded_first()
    {
        string line = LibClangLine(Default);
        Assert.Contains($"clang version {LibClangSearch.PackageVersion} ", line, StringComparison.Ordinal);
        Assert.Contains("(package: ", line, StringComparison.Ordinal);
        Assert.Contains(Path.Combine("libclang.runtime." + LibClangSearch.CurrentRid, LibClangSearch.PackageVersion), line, StringComparison.Ordinal);
        // The package has no resource directory: the scanner's own builtin headers stand in.
        Assert.Contains("builtin headers: " + Path.Combine(AppContext.BaseDirectory, "BuiltinHeaders"), line, StringComparison.Ordinal);
    }

    [PackageLibClangFact]
    public void Without_the_package_the_system_libclang_is_used_with_its_own_builtin_headers()
    {
        string line = LibClangLine(WithoutPackage);
        Assert.Contains("(system: ", line, StringComparison.Ordinal);
        Assert.Contains($"clang version {LibClangSearch.SystemMajorVersion}.", line, StringComparison.Ordinal);
        Assert.Contains($"builtin headers: /usr/lib/llvm-{LibClangSearch.SystemMajorVersion}/lib/clang/", line, StringComparison.Ordinal);
    }

    [PackageLibClangTheory]
    [MemberData(nameof(CheckedInManifests))]
    public void The_package_and_the_system_libclang_write_the_same_manifest(string library)
    {
        CheckedInManifestTests.Case manifest = library switch
        {
            "stretch" => CheckedInManifestTests.Stretch,
            "edge" => CheckedInManifestTests.Edge,
            _ => CheckedInManifestTests.Zlib,
        };
        string header = Path.IsPathRooted(manifest.Header) ? manifest.Header : Path.Combine(Repository.Root, manifest.Header);
        string[] arguments = ["scan", header, "--library", manifest.Library, .. manifest.IncludeDirectories.SelectMany(d => new[] { "-I", Path.Combine(Repository.Root, d) })];
        AssertSameManifest(arguments, Default, WithoutPackage);
    }

    [PackageLibClangFact]
    public void The_scanners_builtin_headers_read_as_clangs_own()
    {
        // The system libclang twice: with clang's resource directory, then with the scanner's builtin headers.
        var shipped = new Dictionary<string, string?>(WithoutPackage)
        {
            [LibClangLoader.ResourceDirectoryOverrideVariable] = Path.Combine(AppContext.BaseDirectory, "BuiltinHeaders"),
        };
        string[] arguments = ["scan", TestPaths.Header("builtins.h"), "--library", "builtins"];
        AssertSameManifest(arguments, WithoutPackage, shipped);
        AssertSameManifest(arguments, WithoutPackage, Default);
        AssertSameManifest([.. arguments, "--std", "c++17"], WithoutPackage, Default);
    }

    [PackageLibClangFact]
    public void A_compiler_header_the_builtin_headers_lack_is_an_error_that_says_so()
    {
        using TemporaryDirectory directory = TestPaths.CreateTemporaryDirectory();
        string header = directory.File("atomics.h");
        File.WriteAllText(header, "#include <stdatomic.h>\nint f(void);\n");

        ProcessResult result = ScannerProcess.Run(["scan", header, "--library", "x", "-o", directory.File("x.json")], Default);

        Assert.Equal(1, result.ExitCode);
        string line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"{header}:1:10: error: 'stdatomic.h' file not found (stdatomic.h is a compiler header", line, StringComparison.Ordinal);
        Assert.Contains(LibClangLoader.ResourceDirectoryOverrideVariable, line, StringComparison.Ordinal);
        Assert.False(File.Exists(directory.File("x.json")));
    }

    [Fact]
    public void When_no_libclang_loads_the_message_names_every_place_looked_at()
    {
        var search = new LibClangSearch("linux-x64", ["/nonexistent/packages-a", "/nonexistent/packages-b"], ["libclang-nonexistent.so.1"], ["/nonexistent/lib"]);

        LibClangLoader.LoadOutcome outcome = LibClangLoader.Load(search);

        Assert.Null(outcome.Info);
        string message = outcome.Failure!;
        output.WriteLine(message);
        Assert.DoesNotContain('\n', message);
        foreach (string folder in new[] { "/nonexistent/packages-a", "/nonexistent/packages-b" })
        {
            Assert.Contains($"'{folder}/libclang.runtime.linux-x64/{LibClangSearch.PackageVersion}/runtimes/linux-x64/native/libclang.so'", message, StringComparison.Ordinal);
        }

        Assert.Contains("'libclang-nonexistent.so.1'", message, StringComparison.Ordinal);
        Assert.Contains("/nonexistent/lib", message, StringComparison.Ordinal);
        Assert.Contains($"restore the scanner (its restore downloads libclang.runtime.linux-x64 {LibClangSearch.PackageVersion})", message, StringComparison.Ordinal);
        Assert.Contains("apt-get install libclang1-14 libclang-common-14-dev", message, StringComparison.Ordinal);
        Assert.Contains(LibClangLoader.LibraryOverrideVariable, message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_in_the_package_place_that_does_not_load_is_named_with_the_reason()
    {
        using TemporaryDirectory folder = TestPaths.CreateTemporaryDirectory();
        var search = new LibClangSearch("linux-x64", [folder.Path], [], []);
        string library = Assert.Single(search.PackageFiles());
        Directory.CreateDirectory(Path.GetDirectoryName(library)!);
        File.WriteAllText(library, "not a shared library");

        string message = LibClangLoader.Load(search).Failure!;

        Assert.Contains($"Found but not usable: '{library}' could not be loaded", message, StringComparison.Ordinal);
    }

    [Fact]
    public void On_a_machine_the_package_does_not_serve_the_message_says_so()
    {
        var search = new LibClangSearch("linux-riscv64", ["/nonexistent/packages"], ["libclang-nonexistent.so.1"], []);

        string message = LibClangLoader.Load(search).Failure!;

        Assert.Empty(search.PackageFiles());
        Assert.Contains("no libclang NuGet package serves linux-riscv64 (served: linux-x64, linux-arm64, osx-arm64, win-x64, win-arm64)", message, StringComparison.Ordinal);
        Assert.DoesNotContain("restore the scanner", message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_build_and_the_scanner_agree_on_the_package()
    {
        Assert.Matches(@"^\d+\.\d+\.\d+$", LibClangSearch.PackageVersion);
        string props = File.ReadAllText(Path.Combine(Repository.Root, "generator", "MSBuild", "StretchBindings.LibClang.props"));
        Assert.Contains($"<StretchBindingsLibClangVersion>{LibClangSearch.PackageVersion}</StretchBindingsLibClangVersion>", props, StringComparison.Ordinal);
        Assert.Contains("linux-x64", LibClangSearch.ServedRids);
    }

    private void AssertSameManifest(string[] arguments, IReadOnlyDictionary<string, string?> first, IReadOnlyDictionary<string, string?> second)
    {
        using TemporaryDirectory directory = TestPaths.CreateTemporaryDirectory();
        byte[] Scan(IReadOnlyDictionary<string, string?> environment, string name)
        {
            ProcessResult result = ScannerProcess.Run([.. arguments, "-o", directory.File(name)], environment);
            Assert.True(result.ExitCode == 0, result.Combined);
            return File.ReadAllBytes(directory.File(name));
        }

        byte[] one = Scan(first, "first.json");
        byte[] two = Scan(second, "second.json");
        output.WriteLine($"{string.Join(' ', arguments)}: {one.Length} and {two.Length} bytes");
        if (!one.AsSpan().SequenceEqual(two))
        {
            string[] a = System.Text.Encoding.UTF8.GetString(one).Split('\n');
            string[] b = System.Text.Encoding.UTF8.GetString(two).Split('\n');
            int line = Enumerable.Range(0, Math.Min(a.Length, b.Length)).FirstOrDefault(i => a[i] != b[i], Math.Min(a.Length, b.Length));
            Assert.Fail($"the manifests differ first at line {line + 1}:\n  {LibClangLine(first)}\n    {Line(a, line)}\n  {LibClangLine(second)}\n    {Line(b, line)}");
        }
    }

    private static string Line(string[] lines, int index) => index < lines.Length ? lines[index].Trim() : "(end of file)";

    // sb-scan --version names the libclang a scan would use.
    private static string LibClangLine(IReadOnlyDictionary<string, string?> environment)
    {
        ProcessResult result = ScannerProcess.Run(["--version"], environment);
        Assert.True(result.ExitCode == 0, result.Combined);
        return Assert.Single(result.Output.Split('\n'), l => l.StartsWith("libclang: ", StringComparison.Ordinal)).Trim();
    }
}

/// <summary>
/// A test that compares the package's libclang with the system's: run where the package serves this
/// machine, and fails (rather than skips) there when either is missing.
/// </summary>
public sealed class PackageLibClangFactAttribute : FactAttribute
{
    public PackageLibClangFactAttribute() => Skip = SkipReason;

    /// <summary>Why such a test cannot run here, or null.</summary>
    internal static string? SkipReason =>
        LibClangSearch.ForThisProcess().PackageId is not null && OperatingSystem.IsLinux()
            ? null
            : $"the libclang NuGet package does not serve {LibClangSearch.CurrentRid}, or Debian's libclang is not the system one here";
}

/// <summary>A theory form of <see cref="PackageLibClangFactAttribute"/>.</summary>
public sealed class PackageLibClangTheoryAttribute : TheoryAttribute
{
    public PackageLibClangTheoryAttribute() => Skip = PackageLibClangFactAttribute.SkipReason;
}
