using System.Diagnostics;
using StretchBindings.Scanner.Clang;
using StretchBindings.Manifest;
using StretchBindings.Scanner.Scanning;

namespace StretchBindings.Scanner.Cli;

/// <summary>The <c>sb-scan</c> tool: every failure is one or more plain lines and an exit code.</summary>
internal static class ScanTool
{
    public const int Success = 0;
    public const int HeaderErrors = 1;
    public const int UsageError = 2;
    public const int LibClangMissing = 3;
    public const int OutputError = 4;
    public const int InternalError = 70;

    private const string LibClangErrorCode = ScanDiagnosticIds.LibClangMissing;
    private const string OutputErrorCode = ScanDiagnosticIds.OutputError;
    private const string UsageErrorCode = ScanDiagnosticIds.UsageError;
    private const string InternalErrorCode = ScanDiagnosticIds.InternalError;

    public static int Run(string[] args, TextWriter output, TextWriter errors)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            output.WriteLine(CommandLine.Usage);
            return args.Length == 0 ? UsageError : Success;
        }

        if (SuggestTool.Handles(args))
        {
            return SuggestTool.Run(args, output, errors);
        }

        if (args[0] is "--version")
        {
            output.WriteLine($"sb-scan {typeof(ScanTool).Assembly.GetName().Version} (manifest schema {ManifestSchema.Version})");
            // Which libclang a scan would use, and from where: the first thing to know about a scan that differs.
            output.WriteLine(LibClangLoader.TryEnsureLoaded(out LibClangInfo? clang, out string? failure)
                ? $"libclang: {clang!.Version} ({clang.Source.ToString().ToLowerInvariant()}: {clang.LibraryPath}); builtin headers: {clang.ResourceDirectory}"
                : $"libclang: not loaded: {failure}");
            return Success;
        }

        bool msbuild = args.Contains("--error-format=msbuild") || ContainsPair(args, "--error-format", "msbuild");
        ScanCommand command;
        try
        {
            command = CommandLine.Parse(args);
        }
        catch (UsageException exception)
        {
            errors.WriteLine(msbuild
                ? $"sb-scan : error {UsageErrorCode}: {exception.Message}"
                : $"sb-scan: {exception.Message}\nRun 'sb-scan --help' for usage.");
            return UsageError;
        }

        string Format(ScanDiagnostic diagnostic) =>
            command.ErrorFormat == ErrorFormat.MSBuild ? diagnostic.ToMSBuildString() : diagnostic.ToString();

        try
        {
            // Loading libclang is start-up; the figure printed is the scan itself.
            Stopwatch stopwatch = Stopwatch.StartNew();
            LibClangLoader.EnsureLoaded();
            TimeSpan loadTime = stopwatch.Elapsed;
            stopwatch.Restart();
            ScanResult result = HeaderScanner.Scan(command.Options);
            TimeSpan scanTime = stopwatch.Elapsed;
            foreach (ScanDiagnostic warning in result.Warnings)
            {
                errors.WriteLine(Format(warning));
            }

            ManifestWriter.WriteFile(result.Manifest, command.OutputPath);
            if (command.DependencyFilePath is not null)
            {
                WriteDependencies(command.DependencyFilePath, result.Dependencies);
            }

            if (command.PrintTiming)
            {
                NativeManifest m = result.Manifest;
                output.WriteLine(
                    $"sb-scan: {m.Header}: {m.Functions.Count} functions, {m.Records.Count} records, {m.Enums.Count} enums, " +
                    $"{m.Typedefs.Count} typedefs, {m.Constants.Count} constants, {m.Unsupported.Count} unsupported " +
                    $"in {scanTime.TotalMilliseconds:F1} ms (libclang loaded in {loadTime.TotalMilliseconds:F1} ms)");
            }

            return Success;
        }
        catch (LibClangNotFoundException exception)
        {
            errors.WriteLine(command.ErrorFormat == ErrorFormat.MSBuild
                ? $"sb-scan : error {LibClangErrorCode}: {exception.Message}"
                : $"sb-scan: {exception.Message}");
            return LibClangMissing;
        }
        catch (ScanException exception)
        {
            foreach (ScanDiagnostic diagnostic in exception.Diagnostics.Distinct())
            {
                errors.WriteLine(Format(diagnostic));
            }

            return HeaderErrors;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            errors.WriteLine(command.ErrorFormat == ErrorFormat.MSBuild
                ? $"sb-scan : error {OutputErrorCode}: cannot write '{command.OutputPath}': {exception.Message}"
                : $"sb-scan: cannot write '{command.OutputPath}': {exception.Message}");
            return OutputError;
        }
        catch (Exception exception)
        {
            // A bug in the scanner: still one line, with what is needed to report it.
            errors.WriteLine(command.ErrorFormat == ErrorFormat.MSBuild
                ? $"sb-scan : error {InternalErrorCode}: internal error scanning '{command.Options.HeaderPath}': {exception.GetType().Name}: {exception.Message}"
                : $"sb-scan: internal error scanning '{command.Options.HeaderPath}': {exception.GetType().Name}: {exception.Message}");
            return InternalError;
        }
    }

    private static bool ContainsPair(string[] args, string option, string value)
    {
        int index = Array.IndexOf(args, option);
        return index >= 0 && index + 1 < args.Length && args[index + 1] == value;
    }

    private static void WriteDependencies(string path, IReadOnlyList<string> dependencies)
    {
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(path, string.Concat(dependencies.Select(d => d + "\n")));
    }
}
