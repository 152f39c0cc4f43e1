using Spectre.Console;
using StretchCli.CommandLine;

namespace StretchCli;

/// <summary>Entry point: parses the command line and maps every failure to a one-line message and an exit code.</summary>
public static class Program
{
    /// <summary>Success.</summary>
    public const int ExitOk = 0;

    /// <summary>A file could not be read, stretched or written.</summary>
    public const int ExitFailed = 1;

    /// <summary>The command line is invalid.</summary>
    public const int ExitUsage = 2;

    /// <summary>Where the demo goes when no output is given, relative to the current folder.</summary>
    public static readonly string DefaultDemoPath = Path.Combine("artifacts", "stretch-demo.wav");

    /// <summary>Runs the program on the real console; progress bars only when the output is a terminal.</summary>
    public static int Main(string[] args)
    {
        IAnsiConsole? progressConsole = Console.IsOutputRedirected ? null : AnsiConsole.Console;
        return Run(args, Console.Out, Console.Error, progressConsole);
    }

    /// <summary>
    /// Runs the program with the given writers. Progress is drawn on <paramref name="progressConsole"/> when
    /// there is one; otherwise the run is quiet apart from its summary. What is written to the output files
    /// never depends on it.
    /// </summary>
    /// <returns><see cref="ExitOk"/>, <see cref="ExitFailed"/> or <see cref="ExitUsage"/>.</returns>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error, IAnsiConsole? progressConsole = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        CliOptions options;
        try
        {
            options = CommandLineParser.Parse(args);
        }
        catch (UsageException e)
        {
            error.WriteLine($"{CommandLineParser.ProgramName}: {e.Message} (see --help)");
            return ExitUsage;
        }

        try
        {
            return options.Mode switch
            {
                CliMode.Help => Help(output),
                CliMode.Batch => BatchCommand.Run(options, output, error, progressConsole),
                _ => SingleFileCommand.Run(options, output, progressConsole),
            };
        }
        catch (UsageException e)
        {
            error.WriteLine($"{CommandLineParser.ProgramName}: {e.Message} (see --help)");
            return ExitUsage;
        }
        catch (Exception e)
        {
            // Whatever went wrong, the user gets one line, never a stack trace.
            error.WriteLine($"error: {CliException.Describe(e)}");
            return ExitFailed;
        }
    }

    private static int Help(TextWriter output)
    {
        output.WriteLine(CommandLineParser.HelpText);
        return ExitOk;
    }
}
