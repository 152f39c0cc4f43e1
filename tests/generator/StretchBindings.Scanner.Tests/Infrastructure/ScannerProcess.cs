namespace StretchBindings.Scanner.Tests.Infrastructure;

/// <summary>The built sb-scan tool, run as a process from the repository root.</summary>
internal static class ScannerProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <summary>Runs sb-scan through the dotnet host.</summary>
    /// <param name="environment">Variables to set; a null value removes the variable.</param>
    public static ProcessResult Run(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null) =>
        ProcessRunner.Run(ProcessRunner.DotnetHost, ["exec", TestPaths.ScannerTool, .. arguments], Repository.Root, Timeout, environment);
}
