using StretchCli;
using StretchCli.CommandLine;

namespace StretchBindings.StretchCli.Tests;

public sealed class CommandLineParserTests
{
    [Fact]
    public void FileWithEveryOption()
    {
        CliOptions options = CommandLineParser.Parse(["in.wav", "--tempo", "1.25", "-s", "-3.5", "--preset=cheaper", "--formants", "out.wav", "--float"]);

        Assert.Equal(new CliOptions(CliMode.File, "in.wav", "out.wav", new StretchSettings(1.25, -3.5, StretchPreset.Cheaper, true), true), options);
    }

    [Fact]
    public void NoArguments_IsTheDemoToItsDefaultPath()
    {
        Assert.Equal(new CliOptions(CliMode.Demo, null, null, new StretchSettings(), false), CommandLineParser.Parse([]));
        Assert.Equal(new CliOptions(CliMode.Demo, null, "x.wav", new StretchSettings(2), false), CommandLineParser.Parse(["--demo", "x.wav", "-t", "2"]));
    }

    [Fact]
    public void Batch()
    {
        CliOptions options = CommandLineParser.Parse(["--batch", "in", "out", "--semitones", "7"]);

        Assert.Equal(new CliOptions(CliMode.Batch, "in", "out", new StretchSettings(Semitones: 7), false), options);
    }

    [Fact]
    public void DoubleDashEndsOptions() =>
        Assert.Equal(new CliOptions(CliMode.File, "-odd.wav", "out.wav", new StretchSettings(), false), CommandLineParser.Parse(["--", "-odd.wav", "out.wav"]));

    [Fact]
    public void NumbersAreCultureInvariantAndBoundsAreInclusive()
    {
        Assert.Equal(0.25, CommandLineParser.Parse(["a", "b", "--tempo", "0.25"]).Settings.Tempo);
        Assert.Equal(4, CommandLineParser.Parse(["a", "b", "--tempo", "4"]).Settings.Tempo);
        Assert.Equal(-24, CommandLineParser.Parse(["a", "b", "--semitones", "-24"]).Settings.Semitones);
    }

    [Theory]
    [InlineData("--tempo must be from 0.25 to 4", "a", "b", "--tempo", "4.5")]
    [InlineData("--tempo must be from 0.25 to 4", "a", "b", "--tempo", "0.2")]
    [InlineData("-t needs a number", "a", "b", "-t", "1,5")]
    [InlineData("--tempo needs a number", "a", "b", "--tempo", "NaN")]
    [InlineData("--tempo needs a value", "a", "b", "--tempo")]
    [InlineData("--semitones must be from -24 to 24", "a", "b", "--semitones", "24.5")]
    [InlineData("--preset must be 'default' or 'cheaper'", "a", "b", "--preset", "best")]
    [InlineData("unknown option '--speed'", "a", "b", "--speed", "2")]
    [InlineData("--float takes no value", "a", "b", "--float=yes")]
    [InlineData("missing output file", "a")]
    [InlineData("too many arguments", "a", "b", "c")]
    [InlineData("--batch needs an input folder and an output folder", "--batch", "in")]
    [InlineData("output folder must differ", "--batch", "same", "same/")]
    public void InvalidCommandLines(string expected, params string[] args)
    {
        var error = Assert.Throws<UsageException>(() => CommandLineParser.Parse(args));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HelpWins() => Assert.Equal(CliMode.Help, CommandLineParser.Parse(["a", "--tempo", "2", "--help"]).Mode);
}
