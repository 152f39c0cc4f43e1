// Times the analyzers of one assembly on one real compilation, in one process, once their code is compiled.
//
//   AnalyzerTimer WORK_DIR [ROUNDS]   (analyzers/benchmarks/time-analyzers.sh runs it on a build log)
//
// WORK_DIR is what csc-command.py writes from a build log: args.rsp (the compiler's arguments), folder (where
// relative paths start) and analyzer (the analyzer assembly to time). Each round builds a fresh compilation of the
// same syntax trees (after the source generators of the command line have run once), emits it with no analyzer,
// then runs the timed analyzers on it with the compiler's per-analyzer clock. The first
// rounds pay for compiling the analyzers' code; the median of the later ones is the work a warm compiler server
// does per compilation (run it with DOTNET_TieredCompilation=0 to have every method optimised from its first call,
// as in a compiler server that has run for a while). Printed per round and as medians: emit seconds, each analyzer's
// seconds by the compiler's clock (what /reportanalyzer sums) and their share of emit + analyzers. With CONTROL_DLL
// (the empty-rules/ build: analyzers registering the same actions and doing nothing), each round also runs the
// control the same way and gives both analyses' wall time and what ours add beyond the control, as a share of emit +
// control: the rules' own work, without the operation trees the compiler builds for any analyzer of their shape
// (binding a body first moves that work into the analyzer's clock without adding to the build). Both shares leave
// out parsing, the source generators and the SDK's analyzers from the denominator, so they are upper bounds.
using System.Collections.Immutable;
using System.Diagnostics;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using StretchBindings.AnalyzerTimer;

if (args.Length is < 1 or > 2 || (args.Length == 2 && !int.TryParse(args[1], out _)))
{
    Console.Error.WriteLine("usage: AnalyzerTimer WORK_DIR [ROUNDS]   (WORK_DIR from csc-command.py)");
    return 2;
}
var work = Path.GetFullPath(args[0]);
int rounds = args.Length == 2 ? int.Parse(args[1]) : 12;
var folder = File.ReadAllText(Path.Combine(work, "folder")).Trim();
// ANALYZER_DLL times another build of the analyzers on the same compilation (as in measure-precision.sh).
var timedPath = Environment.GetEnvironmentVariable("ANALYZER_DLL") is { Length: > 0 } chosen
    ? Path.GetFullPath(chosen)
    : File.ReadAllText(Path.Combine(work, "analyzer")).Trim();
if (timedPath.Length == 0)
{
    Console.Error.WriteLine($"error: {work}/analyzer names no analyzer assembly (was the build run with one?)");
    return 2;
}

var parsed = CSharpCommandLineParser.Default.Parse(
    new[] { "@" + Path.Combine(work, "args.rsp") }, folder, sdkDirectory: null);
foreach (var error in parsed.Errors.Where(d => d.Severity == DiagnosticSeverity.Error))
    Console.Error.WriteLine("warning: command line: " + error.GetMessage());

var trees = parsed.SourceFiles
    .Select(f => CSharpSyntaxTree.ParseText(
        Microsoft.CodeAnalysis.Text.SourceText.From(File.ReadAllText(f.Path), System.Text.Encoding.UTF8),
        parsed.ParseOptions, f.Path))
    .ToList();
var references = parsed.MetadataReferences
    .Select(r => (MetadataReference)MetadataReference.CreateFromFile(r.Reference, r.Properties))
    .ToList();
var compilation = CSharpCompilation.Create(
    parsed.CompilationName ?? "timed", trees, references, parsed.CompilationOptions);

var loader = new PathLoader();
var configs = AnalyzerConfigs.Load(parsed.AnalyzerConfigPaths);
var additional = parsed.AdditionalFiles.Select(f => (AdditionalText)new FileText(f.Path)).ToImmutableArray();
var options = new AnalyzerOptions(additional, new ConfigOptionsProvider(configs));

// Source generators of the command line run once, so that code naming what they generate binds.
var generators = parsed.AnalyzerReferences
    .Where(r => !SamePath(r.FilePath, timedPath))
    .SelectMany(r => new AnalyzerFileReference(Path.GetFullPath(r.FilePath, folder), loader).GetGenerators(LanguageNames.CSharp))
    .ToImmutableArray();
if (!generators.IsEmpty)
{
    CSharpGeneratorDriver.Create(generators, additional, parsed.ParseOptions, options.AnalyzerConfigOptionsProvider)
        .RunGeneratorsAndUpdateCompilation(compilation, out var generated, out _);
    compilation = (CSharpCompilation)generated;
}

var timed = new AnalyzerFileReference(timedPath, loader).GetAnalyzers(LanguageNames.CSharp);
// CONTROL_DLL: analyzers that register the same actions and do nothing (empty-rules/), for the driver's share.
var controlPath = Environment.GetEnvironmentVariable("CONTROL_DLL") is { Length: > 0 } control ? Path.GetFullPath(control) : null;
var controls = controlPath is null
    ? ImmutableArray<DiagnosticAnalyzer>.Empty
    : new AnalyzerFileReference(controlPath, loader).GetAnalyzers(LanguageNames.CSharp);
var errors = compilation.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);
Console.WriteLine($"# {parsed.CompilationName}: {trees.Count} files, {references.Count} references, " +
                  $"{generators.Length} generators, {errors} compile errors; analyzers of {timedPath}" +
                  (controlPath is null ? "" : $"; control {controlPath}"));
Console.WriteLine("round\temit_s\t" + string.Join("\t", timed.Select(Name)) + "\treport_s\treport_share_percent" +
                  (controls.IsEmpty ? "" : "\tcontrol_wall_s\tours_wall_s\tbeyond_control_percent"));

var columns = new List<List<double>>();
for (int round = 1; round <= rounds; round++)
{
    // The analyzers run on the compilation just emitted, as they do in a build: what the compiler has bound of
    // declarations and signatures is there for them, and what they bind of method bodies they bind themselves.
    var (emit, ours, oursWall, reports) = await Run(timed);
    var row = new List<double> { emit };
    row.AddRange(ours);
    double report = ours.Sum();
    row.Add(report);
    row.Add(100 * report / (emit + report));
    if (!controls.IsEmpty)
    {
        // What ours cost beyond the driver any analyzer of their shape brings, by the clock.
        var (_, _, controlWall, _) = await Run(controls);
        row.Add(controlWall);
        row.Add(oursWall);
        row.Add(100 * (oursWall - controlWall) / (emit + controlWall));
    }

    for (int i = columns.Count; i < row.Count; i++)
        columns.Add(new List<double>());
    for (int i = 0; i < row.Count; i++)
        columns[i].Add(row[i]);
    Console.WriteLine($"{round}\t{string.Join("\t", row.Select(v => v.ToString("F4")))}" + (round == 1 ? $"\t({reports} reports)" : ""));
}

// The first third of the rounds warms up the code; the medians are of the rest.
int skip = Math.Max(1, rounds / 3);
Console.WriteLine("median\t" + string.Join("\t", columns.Select(c => Median(c.Skip(skip)).ToString("F4"))));
return 0;

async Task<(double Emit, double[] PerAnalyzer, double Wall, int Reports)> Run(ImmutableArray<DiagnosticAnalyzer> analyzers)
{
    var fresh = compilation.Clone();
    var clock = Stopwatch.StartNew();
    fresh.Emit(Stream.Null);
    double emit = clock.Elapsed.TotalSeconds;
    var analysis = fresh.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
        options, onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
    clock.Restart();
    var found = await analysis.GetAnalyzerDiagnosticsAsync();
    double wall = clock.Elapsed.TotalSeconds;
    var perAnalyzer = new double[analyzers.Length];
    for (int i = 0; i < analyzers.Length; i++)
        perAnalyzer[i] = (await analysis.GetAnalyzerTelemetryInfoAsync(analyzers[i], CancellationToken.None)).ExecutionTime.TotalSeconds;
    return (emit, perAnalyzer, wall, found.Length);
}

static double Median(IEnumerable<double> values)
{
    var kept = values.OrderBy(v => v).ToList();
    return kept.Count == 0 ? double.NaN : kept[kept.Count / 2];
}

static string Name(DiagnosticAnalyzer analyzer) => analyzer.GetType().Name;
static bool SamePath(string a, string b) =>
    string.Equals(Path.GetFileName(a), Path.GetFileName(b), StringComparison.OrdinalIgnoreCase);
