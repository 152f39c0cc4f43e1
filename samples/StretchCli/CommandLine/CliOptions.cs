namespace StretchCli.CommandLine;

/// <summary>What the command line asks for.</summary>
public enum CliMode
{
    /// <summary>Print usage.</summary>
    Help,

    /// <summary>Stretch the built-in demo signal.</summary>
    Demo,

    /// <summary>Stretch one WAV file.</summary>
    File,

    /// <summary>Stretch every WAV file of a folder.</summary>
    Batch,
}

/// <summary>A parsed command line.</summary>
/// <param name="Mode">What to do.</param>
/// <param name="Input">Input file ("-" for standard input) or folder; null otherwise.</param>
/// <param name="Output">Output file ("-" for standard output) or folder; null for the demo's default path.</param>
/// <param name="Settings">Tempo, transposition, preset and formants.</param>
/// <param name="FloatOutput">Write 32-bit float instead of the input's format.</param>
/// <param name="Plot">Where to write a PNG of the input and output spectrograms; null for none.</param>
public sealed record CliOptions(CliMode Mode, string? Input, string? Output, StretchSettings Settings, bool FloatOutput, string? Plot = null);
