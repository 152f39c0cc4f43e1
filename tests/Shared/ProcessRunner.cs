using System.Collections;
using System.Diagnostics;

namespace StretchBindings.Tests.Shared;

internal sealed record ProcessResult(int ExitCode, string Output, string Error)
{
    public string Combined => Output + Error;
}

/// <summary>Runs child processes (dotnet pack, build, publish, exec, tools, built programs) with a time limit, capturing both streams.</summary>
internal static class ProcessRunner
{
    /// <summary>The dotnet executable running the tests, so that child builds use the same SDK.</summary>
    public static string DotnetHost
    {
        get
        {
            string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            if (!string.IsNullOrEmpty(host) && File.Exists(host))
            {
                return host;
            }

            string? processPath = Environment.ProcessPath;
            return processPath is not null && Path.GetFileNameWithoutExtension(processPath) == "dotnet" ? processPath : "dotnet";
        }
    }

    /// <summary>
    /// Runs dotnet with MSBuild node reuse and the build server off: a child build must leave no
    /// process behind, and builds of projects outside the repository must not share compiler servers
    /// with whatever else runs on the machine.
    /// </summary>
    /// <param name="environment">More variables to set; a null value removes the variable.</param>
    public static ProcessResult Dotnet(IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var variables = new Dictionary<string, string?>
        {
            ["MSBUILDDISABLENODEREUSE"] = "1",
            ["DOTNET_CLI_DO_NOT_USE_MSBUILD_SERVER"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };
        foreach ((string name, string? value) in environment ?? new Dictionary<string, string?>())
        {
            variables[name] = value;
        }

        return Run(DotnetHost, arguments, workingDirectory, timeout, variables);
    }

    /// <summary>
    /// Runs <paramref name="fileName"/> to completion, its standard input closed. The MSBuild
    /// variables the test host inherits are removed; on timeout the whole process tree is killed.
    /// </summary>
    /// <param name="environment">Variables to set; a null value removes the variable.</param>
    public static ProcessResult Run(string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host runs inside a build; its MSBuild settings must not leak into child processes.
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            string name = (string)variable.Key;
            if (name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase))
            {
                start.Environment.Remove(name);
            }
        }

        foreach ((string name, string? value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        process.StandardInput.Close();
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', start.ArgumentList)} did not finish in {timeout}");
        }

        process.WaitForExit();
        return new ProcessResult(process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
    }
}
