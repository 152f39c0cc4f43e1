using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Globalization;
using NAudio.Wave;
using StretchBindings;
using StretchBindings.NAudio;

// Renders <in.wav> to <out.wav> (32-bit float) through StretchSampleProvider. --sweep-to glides the tempo from
// --tempo to its value over the file, changing it every block while the provider plays.
var input = new Argument<FileInfo>("in.wav") { Description = "WAV file to read (PCM or float)" }.AcceptExistingOnly();
var output = new Argument<FileInfo>("out.wav") { Description = "WAV file to write (32-bit float)" };
var tempo = new Option<double>("--tempo", "-t")
{
    Description = "Playback speed 0.25 to 4",
    DefaultValueFactory = _ => 1,
    CustomParser = result => Number(result, Stretch.MinTempo, Stretch.MaxTempo),
};
var sweepTo = new Option<double?>("--sweep-to")
{
    Description = "Glide the tempo to this value by the end of the file",
    CustomParser = result => Number(result, Stretch.MinTempo, Stretch.MaxTempo),
};
var semitones = new Option<double>("--semitones", "-s")
{
    Description = "Transposition -24 to 24",
    CustomParser = result => Number(result, -Stretch.MaxSemitones, Stretch.MaxSemitones),
};
var formants = new Option<bool>("--formants", "-f") { Description = "Keep the formants while transposing" };
var root = new RootCommand("Stretch a WAV file through the NAudio sample provider of StretchBindings.") { input, output, tempo, sweepTo, semitones, formants };
root.SetAction(parse =>
{
    try
    {
        return Render(parse.GetRequiredValue(input).FullName, parse.GetRequiredValue(output).FullName,
            parse.GetValue(tempo), parse.GetValue(sweepTo), parse.GetValue(semitones), parse.GetValue(formants));
    }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or InvalidDataException or ArgumentException or StretchException)
    {
        Console.Error.WriteLine($"error: {e.Message}");
        return 1;
    }
});

ParseResult parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    Console.Error.WriteLine($"NAudioRender: {parsed.Errors[0].Message} (see --help)");
    return 2;
}

return parsed.Invoke();

static int Render(string inputPath, string outputPath, double tempo, double? sweepTo, double semitones, bool formants)
{
    using var reader = new WaveFileReader(inputPath);
    using var stretcher = new StretchSampleProvider(reader.ToSampleProvider()) { Tempo = tempo, Semitones = semitones, PreserveFormants = formants };
    using var writer = new WaveFileWriter(outputPath, stretcher.WaveFormat);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{Path.GetFileName(inputPath)}: {reader.WaveFormat}, {reader.TotalTime.TotalSeconds:0.00} s; latency {stretcher.Latency.TotalMilliseconds:0} ms"));

    var buffer = new float[StretchSampleProvider.BlockFrames * stretcher.WaveFormat.Channels];
    long frames = 0;
    int read;
    while ((read = stretcher.Read(buffer)) > 0)
    {
        writer.WriteSamples(buffer, 0, read);
        frames += read / stretcher.WaveFormat.Channels;
        if (sweepTo is { } end && reader.Length > 0)
        {
            // Where the source is now sets the tempo of the next block: a glide, heard without clicks.
            double done = Math.Min(1, (double)reader.Position / reader.Length);
            stretcher.Tempo = tempo + ((end - tempo) * done);
        }
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{outputPath}: {(double)frames / stretcher.WaveFormat.SampleRate:0.00} s, tempo {tempo}{(sweepTo is { } to ? $" to {to}" : "")}, {semitones:+0.##;-0.##;0} semitones"));
    return 0;
}

// A culture-invariant, finite number within [min, max]; otherwise an error that names the option.
static double Number(ArgumentResult result, double min, double max)
{
    string text = result.Tokens[^1].Value;
    if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value >= min && value <= max)
    {
        return value;
    }

    string name = (result.Parent as OptionResult)?.Option.Name ?? "option";
    result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} must be from {min} to {max} (got '{text}')"));
    return 0;
}
