using System.Globalization;
using StretchBindings;

namespace StretchCli.CommandLine;

/// <summary>
/// Parses the command line by hand: a handful of options does not need a parsing library. Options take their
/// value as the next argument or after '=' (--tempo=1.25); a value may start with '-' (--semitones -3).
/// "--" ends the options.
/// </summary>
public static class CommandLineParser
{
    /// <summary>The program's name in messages.</summary>
    public const string ProgramName = "StretchCli";

    /// <summary>Usage text for --help.</summary>
    public static string HelpText { get; } = string.Create(CultureInfo.InvariantCulture, $$"""
        {{ProgramName}}: time-stretch and pitch-shift WAV files.

        Usage:
          {{ProgramName}} <in.wav> <out.wav> [options]     stretch one file
          {{ProgramName}} --batch <in-dir> <out-dir> [options]
                                                  stretch every .wav in <in-dir> (not its subfolders)
                                                  into <out-dir>, same names, on all cores
          {{ProgramName}} [--demo [out.wav]] [options]     stretch a built-in demo (chords and drums);
                                                  written to artifacts/stretch-demo.wav unless given

        Options:
          -t, --tempo T        playback speed {{Stretch.MinTempo}} to {{Stretch.MaxTempo}}; 1.25 makes the output 1/1.25 as long (default 1)
          -s, --semitones S    transposition -{{Stretch.MaxSemitones}} to {{Stretch.MaxSemitones}}, fractions allowed (default 0)
          -p, --preset NAME    default (best quality) or cheaper (faster, lower latency)
          -f, --formants       keep the formants (voice character) while transposing
              --float          write 32-bit float instead of the input's format
          -h, --help           show this help

        Input: RIFF/WAVE, PCM 16/24/32-bit or float 32-bit (plain or WAVE_FORMAT_EXTENSIBLE), 1 to 8 channels,
        {{Stretch.MinSampleRate}} to {{Stretch.MaxSampleRate}} Hz. The output keeps the input's format unless --float. Integer output is
        clamped and rounded to the nearest step, without dither.

        Exit codes: 0 success, 1 a file could not be read, stretched or written, 2 invalid command line.
        """);

    /// <summary>Parses <paramref name="args"/>.</summary>
    /// <exception cref="UsageException">The command line is invalid.</exception>
    public static CliOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);

        var positional = new List<string>();
        double tempo = 1;
        double semitones = 0;
        StretchPreset preset = StretchPreset.Default;
        bool formants = false;
        bool floatOutput = false;
        bool batch = false;
        bool demo = false;
        bool help = false;
        bool optionsEnded = false;

        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (optionsEnded || arg.Length < 2 || arg[0] != '-')
            {
                positional.Add(arg);
                continue;
            }

            if (arg == "--")
            {
                optionsEnded = true;
                continue;
            }

            string name = arg;
            string? inlineValue = null;
            int equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                name = arg[..equals];
                inlineValue = arg[(equals + 1)..];
            }

            switch (name)
            {
                case "-h" or "--help" or "-?":
                    help = true;
                    break;
                case "-t" or "--tempo":
                    tempo = ParseNumber(name, TakeValue(args, ref i, name, inlineValue));
                    if (!(tempo >= Stretch.MinTempo && tempo <= Stretch.MaxTempo))
                    {
                        throw new UsageException(Invariant($"{name} must be from {Stretch.MinTempo} to {Stretch.MaxTempo} (got {tempo})"));
                    }

                    break;
                case "-s" or "--semitones":
                    semitones = ParseNumber(name, TakeValue(args, ref i, name, inlineValue));
                    if (!(Math.Abs(semitones) <= Stretch.MaxSemitones))
                    {
                        throw new UsageException(Invariant($"{name} must be from -{Stretch.MaxSemitones} to {Stretch.MaxSemitones} (got {semitones})"));
                    }

                    break;
                case "-p" or "--preset":
                    string presetName = TakeValue(args, ref i, name, inlineValue);
                    preset = presetName.ToLowerInvariant() switch
                    {
                        "default" => StretchPreset.Default,
                        "cheaper" => StretchPreset.Cheaper,
                        _ => throw new UsageException($"{name} must be 'default' or 'cheaper' (got '{presetName}')"),
                    };
                    break;
                case "-f" or "--formants":
                    NoValue(name, inlineValue);
                    formants = true;
                    break;
                case "--float":
                    NoValue(name, inlineValue);
                    floatOutput = true;
                    break;
                case "--batch":
                    NoValue(name, inlineValue);
                    batch = true;
                    break;
                case "--demo":
                    NoValue(name, inlineValue);
                    demo = true;
                    break;
                default:
                    throw new UsageException($"unknown option '{name}'");
            }
        }

        var settings = new StretchSettings(tempo, semitones, preset, formants);
        if (help)
        {
            return new CliOptions(CliMode.Help, null, null, settings, floatOutput);
        }

        if (batch && demo)
        {
            throw new UsageException("--batch and --demo cannot be combined");
        }

        if (batch)
        {
            if (positional.Count != 2)
            {
                throw new UsageException("--batch needs an input folder and an output folder");
            }

            if (string.Equals(Path.GetFullPath(positional[0]).TrimEnd(Path.DirectorySeparatorChar),
                    Path.GetFullPath(positional[1]).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
            {
                throw new UsageException("--batch would overwrite its input: the output folder must differ from the input folder");
            }

            return new CliOptions(CliMode.Batch, positional[0], positional[1], settings, floatOutput);
        }

        if (demo || positional.Count == 0)
        {
            if (positional.Count > 1)
            {
                throw new UsageException("--demo takes at most one output file");
            }

            return new CliOptions(CliMode.Demo, null, positional.Count == 1 ? positional[0] : null, settings, floatOutput);
        }

        return positional.Count switch
        {
            1 => throw new UsageException($"missing output file after '{positional[0]}'"),
            2 => new CliOptions(CliMode.File, positional[0], positional[1], settings, floatOutput),
            _ => throw new UsageException($"too many arguments: '{positional[2]}'"),
        };
    }

    private static string TakeValue(IReadOnlyList<string> args, ref int i, string name, string? inlineValue)
    {
        if (inlineValue is not null)
        {
            return inlineValue;
        }

        if (i + 1 >= args.Count)
        {
            throw new UsageException($"{name} needs a value");
        }

        i++;
        return args[i];
    }

    private static void NoValue(string name, string? inlineValue)
    {
        if (inlineValue is not null)
        {
            throw new UsageException($"{name} takes no value");
        }
    }

    private static double ParseNumber(string name, string text)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            throw new UsageException($"{name} needs a number (got '{text}')");
        }

        return value;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
