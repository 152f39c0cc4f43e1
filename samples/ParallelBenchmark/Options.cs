using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

namespace ParallelBenchmark;

/// <summary>Which sections of the benchmark run.</summary>
internal enum Sections
{
    /// <summary>The scaling table, then the GC-stall comparison.</summary>
    All,

    /// <summary>Only the scaling table (<c>--no-gc-stall</c>).</summary>
    Scaling,

    /// <summary>Only the GC-stall comparison (<c>--gc-stall</c>).</summary>
    GcStall,
}

/// <summary>Command-line options.</summary>
internal sealed class Options
{
    public const double DefaultSeconds = 60;
    public const int DefaultRepeat = 4;
    public const int DefaultRounds = 3;
    public const int DefaultGcIntervalMs = 10;

    public const double QuickSeconds = 15;
    public const int QuickRepeat = 2;
    public const int QuickRounds = 1;

    public bool Json { get; private init; }

    public bool Quick { get; private init; }

    public Sections Sections { get; private init; } = Sections.All;

    /// <summary>The largest thread count of the scaling table; rows run 1..Threads.</summary>
    public int Threads { get; private init; } = Environment.ProcessorCount;

    /// <summary>Length of the rendered signal, in seconds of audio.</summary>
    public double Seconds { get; private init; } = DefaultSeconds;

    /// <summary>Renders per worker in one measurement.</summary>
    public int Repeat { get; private init; } = DefaultRepeat;

    /// <summary>Measurements of each row; the table gives the median.</summary>
    public int Rounds { get; private init; } = DefaultRounds;

    /// <summary>Sleep of the allocating thread between two collections, in milliseconds.</summary>
    public int GcIntervalMs { get; private init; } = DefaultGcIntervalMs;

    /// <summary>Where to write the charts (thread scaling, GC pauses) as a PNG; null for none.</summary>
    public string? Plot { get; private init; }

    private static readonly Option<int?> ThreadsOption = IntOption("--threads", "N", "Largest thread count of the scaling table (default: Environment.ProcessorCount)", 1, 1024);
    private static readonly Option<double?> SecondsOption = new("--seconds")
    {
        HelpName = "S",
        Description = "Seconds of audio per render (default: 60, about 250 ms per render)",
        CustomParser = result => Number(result, 1.0, 600.0),
    };

    private static readonly Option<int?> RepeatOption = IntOption("--repeat", "R", "Renders per thread in one measurement (default: 4)", 1, 1000);
    private static readonly Option<int?> RoundsOption = IntOption("--rounds", "K", "Measurements per row, the median is reported (default: 3)", 1, 100);
    private static readonly Option<int?> GcIntervalOption = IntOption("--gc-interval", "MS", "Sleep of the allocating thread between GC.Collect(0) calls (default: 10)", 0, 10_000);
    private static readonly Option<bool> QuickOption = new("--quick") { Description = "Short run for smoke tests: --seconds 15 --repeat 2 --rounds 1" };
    private static readonly Option<bool> GcStallOption = new("--gc-stall") { Description = "Only the GC-stall comparison (correct vs suppressed transition)" };
    private static readonly Option<bool> NoGcStallOption = new("--no-gc-stall") { Description = "Only the scaling table" };
    private static readonly Option<bool> JsonOption = new("--json") { Description = "Print the results as JSON, and nothing else, on stdout" };
    private static readonly Option<string?> PlotOption = new("--plot") { HelpName = "charts.png", Description = "Also write the charts (thread scaling, GC pauses) as a PNG" };

    /// <summary>The command line: options, help, response files (@args.rsp) and completion.</summary>
    public static RootCommand Command { get; } = new("""
        Serial vs parallel throughput of independent libstretch instances, and the GC pauses an allocating
        thread sees meanwhile, with the correct binding and with a deliberately wrong one
        ([SuppressGCTransition] on the long stretch_render call).

        Exit code: 0 on success, 1 when an output differs from the serial reference, 2 on bad options.
        """)
    {
        ThreadsOption, SecondsOption, RepeatOption, RoundsOption, GcIntervalOption, QuickOption, GcStallOption, NoGcStallOption, JsonOption, PlotOption,
    };

    /// <summary>Turns a parse into options.</summary>
    /// <exception cref="OptionException">The command line is invalid.</exception>
    public static Options From(ParseResult result)
    {
        if (result.Errors.Count > 0)
        {
            throw new OptionException(result.Errors[0].Message);
        }

        bool gcStall = result.GetValue(GcStallOption);
        bool noGcStall = result.GetValue(NoGcStallOption);
        if (gcStall && noGcStall)
        {
            throw new OptionException("--gc-stall and --no-gc-stall exclude each other");
        }

        bool quick = result.GetValue(QuickOption);
        return new Options
        {
            Json = result.GetValue(JsonOption),
            Quick = quick,
            Sections = gcStall ? Sections.GcStall : noGcStall ? Sections.Scaling : Sections.All,
            Threads = result.GetValue(ThreadsOption) ?? Environment.ProcessorCount,
            Seconds = result.GetValue(SecondsOption) ?? (quick ? QuickSeconds : DefaultSeconds),
            Repeat = result.GetValue(RepeatOption) ?? (quick ? QuickRepeat : DefaultRepeat),
            Rounds = result.GetValue(RoundsOption) ?? (quick ? QuickRounds : DefaultRounds),
            GcIntervalMs = result.GetValue(GcIntervalOption) ?? DefaultGcIntervalMs,
            Plot = result.GetValue(PlotOption),
        };
    }

    /// <summary>Parses <paramref name="args"/> (no help: <see cref="Command"/> answers that itself).</summary>
    /// <exception cref="OptionException">The command line is invalid.</exception>
    public static Options Parse(string[] args) => From(Command.Parse(args));

    private static Option<int?> IntOption(string name, string helpName, string description, int min, int max) => new(name)
    {
        HelpName = helpName,
        Description = description,
        CustomParser = result => Number(result, min, max),
    };

    /// <summary>A culture-invariant, finite number within [min, max]; otherwise an error that names the option.</summary>
    private static T? Number<T>(ArgumentResult result, T min, T max)
        where T : struct, INumber<T>
    {
        string text = result.Tokens[^1].Value;
        if (T.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out T value) && T.IsFinite(value) && value >= min && value <= max)
        {
            return value;
        }

        string name = (result.Parent as OptionResult)?.Option.Name ?? "option";
        result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} takes a number from {min} to {max}, not '{text}'"));
        return null;
    }
}

/// <summary>A command line that cannot be understood.</summary>
internal sealed class OptionException(string message) : Exception(message);
