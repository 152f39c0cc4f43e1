using StretchCli;
using StretchCli.CommandLine;

namespace StretchBindings.StretchCli.Tests;

public sealed class CliCommandTests
{
    [Fact]
    public void FileWithEveryOption()
    {
        CliOptions options = CliCommand.Parse(["in.wav", "--tempo", "1.25", "-s", "-3.5", "--preset=cheaper", "--formants", "out.wav", "--float"]);

        Assert.Equal(new CliOptions(CliMode.File, "in.wav", "out.wav", new StretchSettings(1.25, -3.5, StretchPreset.Cheaper, true), true), options);
    }

    [Fact]
    public void NoArguments_IsTheDemoToItsDefaultPath()
    {
        Assert.Equal(new CliOptions(CliMode.Demo, null, null, new StretchSettings(), false), CliCommand.Parse([]));
        Assert.Equal(new CliOptions(CliMode.Demo, null, "x.wav", new StretchSettings(2), false), CliCommand.Parse(["--demo", "x.wav", "-t", "2"]));
    }

    [Fact]
    public void Batch()
    {
        CliOptions options = CliCommand.Parse(["--batch", "in", "out", "--semitones", "7"]);

        Assert.Equal(new CliOptions(CliMode.Batch, "in", "out", new StretchSettings(Semitones: 7), false), options);
    }

    [Fact]
    public void DoubleDashEndsOptions() =>
        Assert.Equal(new CliOptions(CliMode.File, "-odd.wav", "out.wav", new StretchSettings(), false), CliCommand.Parse(["--", "-odd.wav", "out.wav"]));

    [Fact]
    public void NumbersAreCultureInvariantAndBoundsAreInclusive()
    {
        Assert.Equal(0.25, CliCommand.Parse(["a", "b", "--tempo", "0.25"]).Settings.Tempo);
        Assert.Equal(4, CliCommand.Parse(["a", "b", "--tempo", "4"]).Settings.Tempo);
        Assert.Equal(-24, CliCommand.Parse(["a", "b", "--semitones", "-24"]).Settings.Semitones);
    }

    [Theory]
    [InlineData("--tempo must be from 0.25 to 4", "a", "b", "--tempo", "4.5")]
    [InlineData("--tempo must be from 0.25 to 4", "a", "b", "--tempo", "0.2")]
    [InlineData("-t needs a number", "a", "b", "-t", "1,5")]
    [InlineData("--tempo needs a number", "a", "b", "--tempo", "NaN")]
    [InlineData("Required argument missing for option: '--tempo'", "a", "b", "--tempo")]
    [InlineData("--semitones must be from -24 to 24", "a", "b", "--semitones", "24.5")]
    [InlineData("--preset must be 'default' or 'cheaper'", "a", "b", "--preset", "best")]
    [InlineData("unknown option '--speed'", "a", "b", "--speed", "2")]
    [InlineData("--float takes no value", "a", "b", "--float=yes")]
    [InlineData("missing output file", "a")]
    [InlineData("Unrecognized command or argument 'c'", "a", "b", "c")]
    [InlineData("--plot draws one file", "--batch", "in", "out", "--plot", "x.png")]
    [InlineData("--batch needs an input folder and an output folder", "--batch", "in")]
    [InlineData("output folder must differ", "--batch", "same", "same/")]
    public void InvalidCommandLines(string expected, params string[] args)
    {
        var error = Assert.Throws<UsageException>(() => CliCommand.Parse(args));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HelpWins() => Assert.Equal(CliMode.Help, CliCommand.Parse(["a", "--tempo", "2", "--help"]).Mode);

    [Fact]
    public void ResponseFiles_HoldArguments()
    {
        using var folder = new TemporaryDirectory("stretchcli-tests-");
        string file = folder.File("args.rsp");
        File.WriteAllLines(file, ["--tempo 0.5", "--preset cheaper", "in.wav", "out.wav"]);

        CliOptions options = CliCommand.Parse(["@" + file, "--plot", "p.png"]);

        Assert.Equal(new CliOptions(CliMode.File, "in.wav", "out.wav", new StretchSettings(0.5, 0, StretchPreset.Cheaper), false, "p.png"), options);
    }

    [Fact]
    public void Completion_OffersOptionsAndPresetNames()
    {
        string[] options = CliCommand.ParseRaw(["--"]).GetCompletions().Select(item => item.Label).ToArray();
        Assert.Contains("--tempo", options);
        Assert.Contains("--plot", options);

        // What a shell's completion script asks through dotnet-suggest: the [suggest:position] directive.
        var stdout = new StringWriter();
        Assert.Equal(0, Program.Run(["[suggest:9]", "--preset "], stdout, new StringWriter()));
        Assert.Equal(["cheaper", "default"], stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public void StandardStreams_AreNamedWithADash() =>
        Assert.Equal(new CliOptions(CliMode.File, "-", "-", new StretchSettings(2), false), CliCommand.Parse(["-", "-", "-t", "2"]));
}
