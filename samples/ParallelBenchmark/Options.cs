using System.Globalization;

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

    public bool Json { get; private set; }

    public bool Quick { get; private set; }

    public bool Help { get; private set; }

    public Sections Sections { get; private set; } = Sections.All;

    /// <summary>The largest thread count of the scaling table; rows run 1..Threads.</summary>
    public int Threads { get; private set; } = Environment.ProcessorCount;

    /// <summary>Length of the rendered signal, in seconds of audio.</summary>
    public double Seconds { get; private set; } = DefaultSeconds;

    /// <summary>Renders per worker in one measurement.</summary>
    public int Repeat { get; private set; } = DefaultRepeat;

    /// <summary>Measurements of each row; the table gives the median.</summary>
    public int Rounds { get; private set; } = DefaultRounds;

    /// <summary>Sleep of the allocating thread between two collections, in milliseconds.</summary>
    public int GcIntervalMs { get; private set; } = DefaultGcIntervalMs;

    public const string Usage = """
        ParallelBenchmark: serial vs parallel throughput of independent libstretch instances, and the
        GC pauses an allocating thread sees meanwhile, with the correct binding and with a deliberately
        wrong one ([SuppressGCTransition] on the long stretch_render call).

        Usage: dotnet run -c Release --project samples/ParallelBenchmark -- [options]

        Options:
          --threads N        largest thread count of the scaling table (default: Environment.ProcessorCount)
          --seconds S        seconds of audio per render (default: 60, about 250 ms per render)
          --repeat R         renders per thread in one measurement (default: 4)
          --rounds K         measurements per row, the median is reported (default: 3)
          --gc-interval MS   sleep of the allocating thread between GC.Collect(0) calls (default: 10)
          --quick            short run for smoke tests: --seconds 15 --repeat 2 --rounds 1
          --gc-stall         only the GC-stall comparison (correct vs suppressed transition)
          --no-gc-stall      only the scaling table
          --json             print the results as JSON, and nothing else, on stdout
          --help             this text

        Exit code: 0 on success, 1 when an output differs from the serial reference, 2 on bad options.
        """;

    public static Options Parse(string[] args)
    {
        var options = new Options();
        double? seconds = null;
        int? repeat = null;
        int? rounds = null;
        for (int i = 0; i < args.Length; i++)
        {
            string arg = args[i];
            switch (arg)
            {
                case "--json":
                    options.Json = true;
                    break;
                case "--quick":
                    options.Quick = true;
                    break;
                case "--help":
                case "-h":
                case "-?":
                    options.Help = true;
                    break;
                case "--gc-stall":
                    options.Sections = options.Sections == Sections.Scaling
                        ? throw new OptionException("--gc-stall and --no-gc-stall exclude each other")
                        : Sections.GcStall;
                    break;
                case "--no-gc-stall":
                    options.Sections = options.Sections == Sections.GcStall
                        ? throw new OptionException("--gc-stall and --no-gc-stall exclude each other")
                        : Sections.Scaling;
                    break;
                case "--threads":
                    options.Threads = ParseInt(arg, Next(args, ref i), 1, 1024);
                    break;
                case "--seconds":
                    seconds = ParseDouble(arg, Next(args, ref i), 1, 600);
                    break;
                case "--repeat":
                    repeat = ParseInt(arg, Next(args, ref i), 1, 1000);
                    break;
                case "--rounds":
                    rounds = ParseInt(arg, Next(args, ref i), 1, 100);
                    break;
                case "--gc-interval":
                    options.GcIntervalMs = ParseInt(arg, Next(args, ref i), 0, 10_000);
                    break;
                default:
                    throw new OptionException($"unknown option '{arg}'");
            }
        }

        options.Seconds = seconds ?? (options.Quick ? QuickSeconds : DefaultSeconds);
        options.Repeat = repeat ?? (options.Quick ? QuickRepeat : DefaultRepeat);
        options.Rounds = rounds ?? (options.Quick ? QuickRounds : DefaultRounds);
        return options;
    }

    private static string Next(string[] args, ref int i)
    {
        if (i + 1 >= args.Length)
        {
            throw new OptionException($"{args[i]} needs a value");
        }

        return args[++i];
    }

    private static int ParseInt(string name, string text, int min, int max)
    {
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < min || value > max)
        {
            throw new OptionException($"{name} takes an integer from {min} to {max}, not '{text}'");
        }

        return value;
    }

    private static double ParseDouble(string name, string text, double min, double max)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !(value >= min && value <= max))
        {
            throw new OptionException($"{name} takes a number from {min} to {max}, not '{text}'");
        }

        return value;
    }
}

/// <summary>A command line that cannot be understood.</summary>
internal sealed class OptionException(string message) : Exception(message);
