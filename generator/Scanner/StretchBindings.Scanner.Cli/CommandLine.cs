using StretchBindings.Scanner.Scanning;

namespace StretchBindings.Scanner.Cli;

/// <summary>How errors are printed: the compiler form, or the form MSBuild turns into build errors.</summary>
internal enum ErrorFormat
{
    Gcc,
    MSBuild,
}

/// <summary>The parsed arguments of <c>sb-scan scan</c>.</summary>
internal sealed record ScanCommand(
    ScanOptions Options,
    string OutputPath,
    string? DependencyFilePath,
    ErrorFormat ErrorFormat,
    bool PrintTiming);

/// <summary>A command line that cannot be run; the message says what is wrong.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>
/// A small hand-written parser: options may come in any order, values as the next argument or
/// attached (<c>-Idir</c>, <c>--std=c17</c>), and <c>@file</c> reads one argument per line.
/// </summary>
internal static class CommandLine
{
    public const string Usage =
        """
        Usage: sb-scan scan <header> --library <name> -o <manifest.json> [options]

        Reads a C header with libclang and writes its manifest (functions, types, layouts,
        constants, doc comments, interop annotations) as JSON.

        Options:
          --library <name>        native library the functions live in (e.g. z); required
          -o, --output <file>     manifest to write; required
          -I <dir>                add an include directory (repeatable)
          -D <NAME[=VALUE]>       define a macro (repeatable)
          --std <standard>        language and dialect to parse the header as (default c11):
                                  c89, c99, c11, c17, c2x, gnu89, gnu99, gnu11, gnu17, gnu2x,
                                  c++11, c++14, c++17, c++20, gnu++11, gnu++14, gnu++17, gnu++20
          --include-directories <list>
                                  include directories separated by ';' (repeatable)
          --defines <list>        definitions separated by ';' (repeatable)
          --include-first <list>  headers to include before the scanned one, as a user of a header
                                  that needs e.g. <stdio.h> first would; separated by ';' (repeatable)
          --base-dir <dir>        make recorded paths relative to <dir> (default: the header's directory)
          --target <triple>       scan for another target (default: this machine)
          --functions <list>      keep only these functions: names, or prefixes ending in '*',
                                  separated by ';' or ',' (repeatable)
          --sidecar <file>        apply an annotation sidecar (docs/annotation-sidecar.md)
          --library-map <lib=pattern;...>
                                  functions matching a name or glob live in another library (repeatable)
          --depfile <file>        write the files the parse read, one a line
          --error-format <gcc|msbuild>
                                  how errors are printed (default gcc)
          --timing                print how long the scan took
          --time-limit <seconds>  fail a scan that takes longer (default 120; 0 for none)
          --memory-limit <MB>     fail a scan that adds more memory to the process (default 4096; 0 for none)

        Declarations are recorded from the header and from headers under its include roots: the
        header's directory (for a header directly in /usr/include, the directory named after it)
        and each -I directory, system include directories excepted.
          @<file>                 read further arguments from <file>, one a line

        Exit codes: 0 written; 1 the header has errors, is not a regular file or went past a limit;
        2 bad command line; 3 libclang missing; 4 the manifest could not be written.
        """;

    public static ScanCommand Parse(IReadOnlyList<string> rawArguments)
    {
        List<string> arguments = ExpandResponseFiles(rawArguments);
        if (arguments.Count == 0 || arguments[0] != "scan")
        {
            throw new UsageException(arguments.Count == 0 ? "no command given" : $"unknown command '{arguments[0]}'");
        }

        string? header = null;
        string? library = null;
        string? output = null;
        string? depfile = null;
        string? baseDirectory = null;
        string? target = null;
        var includes = new List<string>();
        var defines = new List<string>();
        var includeFirst = new List<string>();
        var functions = new List<string>();
        string? sidecar = null;
        var libraryMap = new List<LibraryMapping>();
        LanguageStandard standard = LanguageStandard.C11;
        bool timing = false;
        ErrorFormat errorFormat = ErrorFormat.Gcc;
        TimeSpan timeLimit = ScanLimits.DefaultTimeLimit;
        int memoryLimit = ScanLimits.DefaultMemoryLimitMegabytes;

        for (int i = 1; i < arguments.Count; i++)
        {
            string argument = arguments[i];
            string Value(string option)
            {
                // Attached forms: -Idir, -DNAME=1, --std=c17.
                if (argument.StartsWith(option + "=", StringComparison.Ordinal) && option.StartsWith("--", StringComparison.Ordinal))
                {
                    return argument[(option.Length + 1)..];
                }

                if (argument.Length > option.Length && !option.StartsWith("--", StringComparison.Ordinal))
                {
                    return argument[option.Length..];
                }

                if (i + 1 >= arguments.Count)
                {
                    throw new UsageException($"option '{option}' needs a value");
                }

                return arguments[++i];
            }

            bool Is(string option) =>
                argument == option
                || (option.StartsWith("--", StringComparison.Ordinal) && argument.StartsWith(option + "=", StringComparison.Ordinal))
                || (option is "-I" or "-D" or "-o" && argument.StartsWith(option, StringComparison.Ordinal) && argument.Length > 2);

            if (Is("--library"))
            {
                library = Value("--library");
            }
            else if (Is("-o"))
            {
                output = Value("-o");
            }
            else if (Is("--output"))
            {
                output = Value("--output");
            }
            else if (Is("-I"))
            {
                includes.Add(Value("-I"));
            }
            else if (Is("-D"))
            {
                defines.Add(Value("-D"));
            }
            else if (Is("--std"))
            {
                string text = Value("--std");
                if (!ScanOptions.TryParseStandard(text, out standard))
                {
                    throw new UsageException($"unknown --std '{text}': use one of {ScanOptions.StandardNames}");
                }
            }
            else if (Is("--include-directories"))
            {
                includes.AddRange(SplitList(Value("--include-directories")));
            }
            else if (Is("--defines"))
            {
                defines.AddRange(SplitList(Value("--defines")));
            }
            else if (Is("--include-first"))
            {
                includeFirst.AddRange(SplitList(Value("--include-first")));
            }
            else if (argument == "--include-siblings" || argument.StartsWith("--include-siblings=", StringComparison.Ordinal))
            {
                // Older command lines: the library's own headers are now always followed.
            }
            else if (Is("--base-dir"))
            {
                baseDirectory = Value("--base-dir");
            }
            else if (Is("--target"))
            {
                target = Value("--target");
            }
            else if (Is("--functions"))
            {
                functions.AddRange(Value("--functions").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }
            else if (Is("--sidecar"))
            {
                string text = Value("--sidecar");
                // An empty value is what an unset MSBuild metadata gives: no sidecar.
                sidecar = text.Length == 0 ? null : text;
            }
            else if (Is("--library-map"))
            {
                foreach (string item in SplitList(Value("--library-map")))
                {
                    libraryMap.Add(LibraryMapping.TryParse(item) ?? throw new UsageException($"--library-map takes library=pattern, not '{item}'"));
                }
            }
            else if (Is("--depfile"))
            {
                depfile = Value("--depfile");
            }
            else if (Is("--error-format"))
            {
                errorFormat = Value("--error-format") switch
                {
                    "gcc" => ErrorFormat.Gcc,
                    "msbuild" => ErrorFormat.MSBuild,
                    string other => throw new UsageException($"unknown --error-format '{other}': use gcc or msbuild"),
                };
            }
            else if (Is("--timing"))
            {
                timing = true;
            }
            // Limits (docs/header-scanner.md, "Limits").
            else if (Is("--time-limit"))
            {
                timeLimit = TimeSpan.FromSeconds(NonNegative("--time-limit", Value("--time-limit")));
            }
            else if (Is("--memory-limit"))
            {
                memoryLimit = (int)Math.Min(int.MaxValue, NonNegative("--memory-limit", Value("--memory-limit")));
            }
            else if (argument.StartsWith('-') && argument.Length > 1)
            {
                throw new UsageException($"unknown option '{argument}'");
            }
            else if (header is null)
            {
                header = argument;
            }
            else
            {
                throw new UsageException($"unexpected argument '{argument}': only one header is scanned at a time");
            }
        }

        if (header is null)
        {
            throw new UsageException("no header given");
        }

        if (string.IsNullOrWhiteSpace(library))
        {
            throw new UsageException("--library is required");
        }

        if (string.IsNullOrWhiteSpace(output))
        {
            throw new UsageException("-o <manifest.json> is required");
        }

        var options = new ScanOptions
        {
            HeaderPath = header,
            Library = library,
            IncludeDirectories = includes,
            Defines = defines,
            IncludeFirst = includeFirst,
            Standard = standard,
            BaseDirectory = baseDirectory,
            TargetTriple = target,
            Functions = functions,
            TimeLimit = timeLimit,
            MemoryLimitMegabytes = memoryLimit,
            SidecarPath = sidecar,
            LibraryMap = libraryMap,
        };
        return new ScanCommand(options, output, depfile, errorFormat, timing);
    }

    // An empty value is what unset MSBuild metadata gives: the default.
    private static double NonNegative(string option, string text)
    {
        if (text.Length == 0)
        {
            return option == "--time-limit" ? ScanLimits.DefaultTimeLimit.TotalSeconds : ScanLimits.DefaultMemoryLimitMegabytes;
        }

        return double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double value)
               && value >= 0 && double.IsFinite(value)
            ? value
            : throw new UsageException($"{option} takes a number of {(option == "--time-limit" ? "seconds" : "megabytes")}, not '{text}'");
    }

    private static string[] SplitList(string text) =>
        text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static List<string> ExpandResponseFiles(IReadOnlyList<string> arguments)
    {
        var expanded = new List<string>();
        foreach (string argument in arguments)
        {
            if (argument.Length > 1 && argument[0] == '@')
            {
                string path = argument[1..];
                if (!File.Exists(path))
                {
                    throw new UsageException($"response file '{path}' does not exist");
                }

                expanded.AddRange(File.ReadAllLines(path).Select(line => line.Trim()).Where(line => line.Length > 0));
            }
            else
            {
                expanded.Add(argument);
            }
        }

        return expanded;
    }
}
