using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
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
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        ParseResult parse = CliCommand.ParseRaw(args);
        // Help and the directives System.CommandLine answers itself ([suggest] for tab completion); the root
        // command has no action of its own, and parse errors are reported below in one line.
        if (parse.Action is not null and not ParseErrorAction)
        {
            int code = parse.Invoke(new InvocationConfiguration { Output = output, Error = error });
            if (parse.Action is HelpAction)
            {
                output.WriteLine(CliCommand.HelpEpilog);
            }

            return code;
        }

        CliOptions options;
        try
        {
            options = CliCommand.ToOptions(parse, args);
        }
        catch (UsageException e)
        {
            return Usage(error, e);
        }

        // The standard output carries audio when the output file is '-': the summary goes to standard error then.
        TextWriter summary = options.Output == "-" ? error : output;
        try
        {
            return options.Mode switch
            {
                CliMode.Batch => BatchCommand.Run(options, summary, error, progressConsole),
                _ => SingleFileCommand.Run(options, summary, options.Output == "-" ? null : progressConsole),
            };
        }
        catch (UsageException e)
        {
            return Usage(error, e);
        }
        catch (Exception e)
        {
            // Whatever went wrong, the user gets one line, never a stack trace.
            error.WriteLine($"error: {CliException.Describe(e)}");
            return ExitFailed;
        }
    }

    private static int Usage(TextWriter error, UsageException e)
    {
        error.WriteLine($"{CliCommand.ProgramName}: {e.Message} (see --help)");
        return ExitUsage;
    }
}
