using System.CommandLine;
using System.CommandLine.Completions;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.Globalization;
using StretchBindings;

namespace StretchCli.CommandLine;

/// <summary>
/// The command line, declared with System.CommandLine: help, response files (<c>@args.rsp</c>), tab completion
/// (the <c>[suggest]</c> directive that dotnet-suggest uses) and typed options. <see cref="Parse"/> turns a parse
/// into <see cref="CliOptions"/> or a <see cref="UsageException"/> whose one-line message says what is wrong.
/// </summary>
public static class CliCommand
{
    /// <summary>The program's name in messages.</summary>
    public const string ProgramName = "StretchCli";

    /// <summary>What help prints after the options: formats and exit codes.</summary>
    public static string HelpEpilog { get; } = string.Create(CultureInfo.InvariantCulture, $"""
        Input: RIFF/WAVE, PCM 16/24/32-bit (also 20-in-24, 24-in-32) or float 32-bit, plain or WAVE_FORMAT_EXTENSIBLE,
        1 to 8 channels, {Stretch.MinSampleRate} to {Stretch.MaxSampleRate} Hz, read and written in blocks (any length, bounded memory).
        '-' reads standard input or writes standard output. The output keeps the input's format unless --float.
        Integer output is clamped and rounded to the nearest step, without dither.
        Arguments can come from a response file: {ProgramName} @args.rsp

        Exit codes: 0 success, 1 a file could not be read, stretched or written, 2 invalid command line.
        """);

    private static readonly Argument<string[]> Paths = new("paths")
    {
        Arity = new ArgumentArity(0, 2),
        HelpName = "in.wav out.wav",
        Description = "Input and output file (or folders with --batch; the output file with --demo). '-' is standard input or output.",
    };

    private static readonly Option<double> Tempo = new("--tempo", "-t")
    {
        HelpName = "T",
        Description = string.Create(CultureInfo.InvariantCulture,
            $"Playback speed {Stretch.MinTempo} to {Stretch.MaxTempo}; 1.25 makes the output 1/1.25 as long"),
        DefaultValueFactory = _ => 1,
        CustomParser = result => Number(result, Stretch.MinTempo, Stretch.MaxTempo),
    };

    private static readonly Option<double> Semitones = new("--semitones", "-s")
    {
        HelpName = "S",
        Description = string.Create(CultureInfo.InvariantCulture,
            $"Transposition -{Stretch.MaxSemitones} to {Stretch.MaxSemitones}, fractions allowed"),
        DefaultValueFactory = _ => 0,
        CustomParser = result => Number(result, -Stretch.MaxSemitones, Stretch.MaxSemitones),
    };

    private static readonly Option<StretchPreset> Preset = CreatePresetOption();

    private static readonly Option<bool> Formants = new("--formants", "-f") { Description = "Keep the formants (voice character) while transposing" };

    private static readonly Option<bool> Float = new("--float") { Description = "Write 32-bit float instead of the input's format" };

    private static readonly Option<bool> Batch = new("--batch")
    {
        Description = "Stretch every regular .wav file of folder <in> (not its subfolders) into folder <out>, same names, on all cores",
    };

    private static readonly Option<bool> Demo = new("--demo")
    {
        Description = "Stretch a built-in demo (chords and drums), to artifacts/stretch-demo.wav unless a file is given; the default without files",
    };

    private static readonly Option<string?> Plot = new("--plot")
    {
        HelpName = "out.png",
        Description = "Also write a PNG of the input and output spectrograms, side by side",
    };

    private static readonly Option[] Flags = [Formants, Float, Batch, Demo];

    /// <summary>The root command: options, arguments and the usage lines of the description.</summary>
    public static RootCommand Root { get; } = CreateRoot();

    /// <summary>Parses <paramref name="args"/>; help (-h, --help, -?) gives <see cref="CliMode.Help"/>.</summary>
    /// <exception cref="UsageException">The command line is invalid.</exception>
    public static CliOptions Parse(IReadOnlyList<string> args) => ToOptions(Root.Parse(args ?? throw new ArgumentNullException(nameof(args))), args);

    /// <summary>Parses <paramref name="args"/> and keeps the parse result, for help and completion directives.</summary>
    public static ParseResult ParseRaw(IReadOnlyList<string> args) => Root.Parse(args);

    /// <summary>Turns a parse into options.</summary>
    /// <exception cref="UsageException">The command line is invalid.</exception>
    public static CliOptions ToOptions(ParseResult result, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Action is HelpAction)
        {
            return new CliOptions(CliMode.Help, null, null, new StretchSettings(), false);
        }

        // The raw arguments first: "--float=yes" would otherwise be reported as a stray argument "yes".
        CheckTokens(args);
        if (result.Errors.Count > 0)
        {
            throw new UsageException(result.Errors[0].Message);
        }

        string[] paths = result.GetValue(Paths) ?? [];
        var settings = new StretchSettings(result.GetValue(Tempo), result.GetValue(Semitones), result.GetValue(Preset), result.GetValue(Formants));
        bool floatOutput = result.GetValue(Float);
        string? plot = result.GetValue(Plot);
        bool batch = result.GetValue(Batch);
        bool demo = result.GetValue(Demo);
        if (batch && demo)
        {
            throw new UsageException("--batch and --demo cannot be combined");
        }

        if (batch)
        {
            if (paths.Length != 2)
            {
                throw new UsageException("--batch needs an input folder and an output folder");
            }

            if (plot is not null)
            {
                throw new UsageException("--plot draws one file: it cannot be combined with --batch");
            }

            if (string.Equals(Path.GetFullPath(paths[0]).TrimEnd(Path.DirectorySeparatorChar),
                    Path.GetFullPath(paths[1]).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
            {
                throw new UsageException("--batch would overwrite its input: the output folder must differ from the input folder");
            }

            return new CliOptions(CliMode.Batch, paths[0], paths[1], settings, floatOutput);
        }

        if (demo || paths.Length == 0)
        {
            if (paths.Length > 1)
            {
                throw new UsageException("--demo takes at most one output file");
            }

            return new CliOptions(CliMode.Demo, null, paths.Length == 1 ? paths[0] : null, settings, floatOutput, plot);
        }

        return paths.Length == 1
            ? throw new UsageException($"missing output file after '{paths[0]}'")
            : new CliOptions(CliMode.File, paths[0], paths[1], settings, floatOutput, plot);
    }

    /// <summary>
    /// What the grammar lets through as arguments but the user meant as options: an unknown '--name' before
    /// '--', and '--flag=value' for an option that takes no value.
    /// </summary>
    private static void CheckTokens(IReadOnlyList<string> args)
    {
        foreach (string arg in args)
        {
            if (arg == "--")
            {
                return;
            }

            if (arg.Length < 2 || arg[0] != '-' || double.TryParse(arg, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                continue;
            }

            string name = arg.Split('=', 2)[0];
            if (name.Length < arg.Length && Flags.FirstOrDefault(flag => flag.Name == name || flag.Aliases.Contains(name)) is { } flagOption)
            {
                throw new UsageException($"{flagOption.Name} takes no value");
            }

            if (!Root.Options.Any(option => option.Name == name || option.Aliases.Contains(name)))
            {
                throw new UsageException($"unknown option '{name}'");
            }
        }
    }

    private static RootCommand CreateRoot()
    {
        var root = new RootCommand(string.Create(CultureInfo.InvariantCulture, $"""
            Time-stretch and pitch-shift WAV files.

              {ProgramName} <in.wav> <out.wav> [options]     stretch one file ('-' for stdin/stdout)
              {ProgramName} --batch <in-dir> <out-dir> [options]
                                                  stretch every .wav in <in-dir> (not its subfolders)
                                                  into <out-dir>, same names, on all cores
              {ProgramName} [--demo [out.wav]] [options]     stretch a built-in demo (chords and drums)
            """))
        {
            Paths, Tempo, Semitones, Preset, Formants, Float, Batch, Demo, Plot,
        };
        return root;
    }

    private static Option<StretchPreset> CreatePresetOption()
    {
        var option = new Option<StretchPreset>("--preset", "-p")
        {
            HelpName = "default|cheaper",
            Description = "Quality preset: default (best quality) or cheaper (faster, lower latency)",
            DefaultValueFactory = _ => StretchPreset.Default,
            CustomParser = result =>
            {
                string text = result.Tokens[^1].Value;
                switch (text.ToLowerInvariant())
                {
                    case "default":
                        return StretchPreset.Default;
                    case "cheaper":
                        return StretchPreset.Cheaper;
                    default:
                        result.AddError($"--preset must be 'default' or 'cheaper' (got '{text}')");
                        return StretchPreset.Default;
                }
            },
        };
        option.CompletionSources.Clear();
        option.CompletionSources.Add("default", "cheaper");
        return option;
    }

    /// <summary>A finite, culture-invariant number within [min, max]; otherwise an error naming the option as typed.</summary>
    private static double Number(ArgumentResult result, double min, double max)
    {
        string name = (result.Parent as OptionResult)?.IdentifierToken?.Value ?? "option";
        string text = result.Tokens[^1].Value;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            result.AddError($"{name} needs a number (got '{text}')");
            return 0;
        }

        if (!(value >= min && value <= max))
        {
            result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} must be from {min} to {max} (got {value})"));
        }

        return value;
    }
}
