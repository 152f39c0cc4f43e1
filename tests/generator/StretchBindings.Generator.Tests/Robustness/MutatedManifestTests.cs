using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.CodeAnalysis;
using StretchBindings.Generator.Tests.Infrastructure;

namespace StretchBindings.Generator.Tests.Robustness;

/// <summary>
/// The property behind "nothing breaks the build": for thousands of seeded mutations of the checked-in
/// manifests, the generator never fails and everything it writes compiles. The default run checks
/// <see cref="DefaultCases"/> cases; <c>STRETCHBINDINGS_MUTATION_CASES</c> asks for more (docs/generator.md).
/// </summary>
public sealed class MutatedManifestTests(ITestOutputHelper output)
{
    public const int DefaultCases = 2000;

    /// <summary>Manifests per compilation: one generator run and compile serve a batch, each in its own namespace.</summary>
    private const int BatchSize = 25;

    private const int Seed = 20261203;

    private static readonly string[] Bases =
    [
        File.ReadAllText(TestPaths.StretchManifest),
        File.ReadAllText(TestPaths.Manifest("edge.native.json")),
    ];

    /// <summary>Slices of the cases, so that each test stays well within the run's hang timeout on a busy machine.</summary>
    public const int Slices = 8;

    public static TheoryData<int> SliceNumbers() => new(Enumerable.Range(0, Slices));

    [Theory]
    [MemberData(nameof(SliceNumbers))]
    public void Every_mutated_manifest_generates_code_that_compiles(int slice)
    {
        int cases = int.TryParse(Environment.GetEnvironmentVariable("STRETCHBINDINGS_MUTATION_CASES"), NumberStyles.None, CultureInfo.InvariantCulture, out int asked)
            ? asked
            : DefaultCases;
        int seed = int.TryParse(Environment.GetEnvironmentVariable("STRETCHBINDINGS_MUTATION_SEED"), NumberStyles.None, CultureInfo.InvariantCulture, out int given)
            ? given
            : Seed;

        var failures = new ConcurrentBag<string>();
        int first = cases * slice / Slices;
        int last = cases * (slice + 1) / Slices;
        int batches = (last - first + BatchSize - 1) / BatchSize;
        int skippedManifests = 0;
        Parallel.For(0, batches, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, batch =>
        {
            var specs = new List<ManifestSpec>();
            var texts = new Dictionary<string, string>();
            for (int i = first + batch * BatchSize; i < Math.Min(last, first + (batch + 1) * BatchSize); i++)
            {
                string text = new ManifestMutator(seed + i).Mutate(Bases[i % Bases.Length]);
                texts[$"Mutant{i}"] = text;
                specs.Add(new ManifestSpec($"/m/{i}/lib.native.json", text, "Lib", $"Mutant{i}", "lib"));
            }

            GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateCompilation("namespace Consumer;\n"), specs.ToArray());
            Interlocked.Add(ref skippedManifests, run.GeneratorDiagnostics.Count(d => d.Id is "SBG0001" or "SBG0003"));
            IEnumerable<Diagnostic> problems = run.GeneratorDiagnostics.Where(d => d.Id is "SBG0009" || d.Id.StartsWith("CS", StringComparison.Ordinal))
                .Concat(run.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            foreach (IGrouping<string, Diagnostic> group in problems.GroupBy(d => CaseOf(d, texts.Keys)))
            {
                Keep(group.Key, texts, run, group);
                failures.Add($"{group.Key} (seed {seed} + {group.Key.Replace("Mutant", string.Empty, StringComparison.Ordinal)}): "
                    + string.Join(" | ", group.Take(3).Select(d => d.ToString())));
            }
        });

        output.WriteLine($"cases {first} to {last - 1} of {cases} mutated manifests, {skippedManifests} of them rejected as unreadable or off the schema, {failures.Count} failing.");
        Assert.True(failures.IsEmpty, $"{failures.Count} of {last - first} mutated manifests broke the build:\n" + string.Join("\n", failures.OrderBy(f => f, StringComparer.Ordinal).Take(30)));
    }

    /// <summary>Writes a failing case's manifest, generated sources and errors under artifacts/mutations, to reproduce it.</summary>
    private static void Keep(string name, Dictionary<string, string> texts, GeneratorRun run, IEnumerable<Diagnostic> problems)
    {
        string folder = Path.Combine(Repository.Root, "artifacts", "mutations", name);
        Directory.CreateDirectory(folder);
        if (texts.TryGetValue(name, out string? text))
        {
            File.WriteAllText(Path.Combine(folder, "lib.native.json"), text);
        }

        foreach (KeyValuePair<string, string> source in run.Sources.Where(s => s.Key.StartsWith(name + ".", StringComparison.Ordinal)))
        {
            File.WriteAllText(Path.Combine(folder, source.Key), source.Value);
        }

        File.WriteAllLines(Path.Combine(folder, "errors.txt"), problems.Select(d => d.ToString()));
    }

    /// <summary>Which case a diagnostic belongs to: by the generated file's or the manifest's path.</summary>
    private static string CaseOf(Diagnostic diagnostic, IEnumerable<string> cases)
    {
        string path = diagnostic.Location.GetLineSpan().Path ?? string.Empty;
        string message = diagnostic.GetMessage(CultureInfo.InvariantCulture);
        foreach (string name in cases.OrderByDescending(c => c.Length))
        {
            if (path.Contains(name + ".", StringComparison.Ordinal) || message.Contains(name + ".", StringComparison.Ordinal))
            {
                return name;
            }
        }

        int slash = path.IndexOf("/m/", StringComparison.Ordinal);
        return slash >= 0 ? "Mutant" + path.Substring(slash + 3).Split('/')[0] : "unknown:" + path;
    }
}
