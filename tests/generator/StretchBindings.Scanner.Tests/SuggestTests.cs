using System.Text.RegularExpressions;
using StretchBindings.Manifest;
using StretchBindings.Scanner.Scanning;
using StretchBindings.Scanner.Sidecar;
using StretchBindings.Scanner.Tests.Infrastructure;

namespace StretchBindings.Scanner.Tests;

/// <summary><c>sb-scan suggest</c>: proposals from names and signatures, each with evidence, none applied unreviewed.</summary>
public sealed class SuggestTests
{
    [ClangFact]
    public void Each_rule_proposes_what_the_purpose_written_header_holds_and_nothing_else()
    {
        List<Suggestion> suggestions = Suggester.Suggest(Scans.Header("suggest.h").Manifest);
        Assert.Equal(
            [
                "engine handle(engine_create,engine_destroy)",
                "engine_add short_call",
                "engine_create(out) out_handle",
                "engine_get_rate short_call",
                "engine_process(input) in_buffer(input_count)",
                "engine_process(output) out_buffer(output_count)",
                "engine_status status(engine_status_message)",
                "engine_status_message short_call",
                "engine_version short_call",
            ],
            suggestions.Select(s => $"{s.Target} {s.AnnotationText}").Order(StringComparer.Ordinal));
        Assert.All(suggestions, s => Assert.False(string.IsNullOrWhiteSpace(s.Evidence)));
    }

    [ClangFact]
    public void Nothing_taking_a_callback_or_variadic_arguments_is_ever_proposed_short()
    {
        foreach (string header in new[] { TestPaths.Header("suggest.h"), "/usr/include/zlib.h" })
        {
            NativeManifest manifest = HeaderScanner.Scan(new ScanOptions { HeaderPath = header, Library = "x", IncludeDirectories = [TestPaths.NativeInclude] }).Manifest;
            foreach (Suggestion suggestion in Suggester.Suggest(manifest).Where(s => s.Kind == NativeAnnotationNames.ShortCall))
            {
                NativeFunction function = manifest.Function(suggestion.Name);
                Assert.False(function.Variadic, function.Name);
                Assert.DoesNotContain(function.Parameters, p => NativeAnnotationNames.IsCallback(p.Type));
            }
        }
    }

    [ClangFact]
    public void The_starter_sidecar_passes_the_schema_applies_nothing_until_reviewed_then_applies_every_entry()
    {
        using TemporaryDirectory directory = TestPaths.CreateTemporaryDirectory();
        string header = TestPaths.Header("suggest.h");
        List<Suggestion> suggestions = Suggester.Suggest(Scans.Header("suggest.h").Manifest);
        string text = SidecarWriter.Write(suggestions, SidecarSchema.Id);
        SidecarSchemaTests.AssertValid(text);
        string sidecar = SidecarTests.Write(directory, "suggest.sidecar.json", text);

        ScanResult unreviewed = HeaderScanner.Scan(Options(header, sidecar));
        Assert.Equal(ManifestWriter.ToJson(Scans.Header("suggest.h").Manifest with { Library = "x" }), ManifestWriter.ToJson(unreviewed.Manifest));
        int entries = suggestions.Select(s => (s.Section, s.Name)).Distinct().Count();
        Assert.Equal(entries, unreviewed.Warnings.Count(w => w.File == sidecar && w.Message.Contains("marked for review", StringComparison.Ordinal)));

        // A reviewer who accepts everything deletes the marks: every suggestion then meets the scanner's checks.
        File.WriteAllText(sidecar, Regex.Replace(text, @",\s*""review"": true", string.Empty));
        NativeManifest reviewed = HeaderScanner.Scan(Options(header, sidecar)).Manifest;
        Assert.Equal(["engine_create", "engine_destroy"], Assert.Single(reviewed.Record("engine").Annotations).Arguments);
        Assert.Equal("in_buffer", Assert.Single(reviewed.Function("engine_process").Parameter("input").Annotations).Name);
        Assert.Equal(NativeAnnotationNames.Status, Assert.Single(reviewed.Enum("engine_status").Annotations).Name);
        Assert.Equal(4, reviewed.Functions.Count(f => NativeAnnotationNames.IsShortCall(f)));
    }

    [ClangFact]
    public void On_zlib_every_accepted_suggestion_meets_the_scanners_checks()
    {
        using TemporaryDirectory directory = TestPaths.CreateTemporaryDirectory();
        NativeManifest zlib = HeaderScanner.Scan(Options("/usr/include/zlib.h", null)).Manifest;
        List<Suggestion> suggestions = Suggester.Suggest(zlib);
        Assert.Contains(suggestions, s => s.Target == "compress2(source)" && s.AnnotationText == "in_buffer(sourceLen)");
        Assert.Contains(suggestions, s => s.Kind == NativeAnnotationNames.ShortCall && s.Name == "zlibVersion");

        string sidecar = SidecarTests.Write(directory, "zlib.sidecar.json", Regex.Replace(SidecarWriter.Write(suggestions, null), @",\s*""review"": true", string.Empty));
        ScanResult result = HeaderScanner.Scan(Options("/usr/include/zlib.h", sidecar));
        Assert.DoesNotContain(result.Warnings, w => w.File == sidecar);
        Assert.Equal(suggestions.Count, result.Manifest.Functions.Sum(f => f.Annotations.Count + f.Parameters.Sum(p => p.Annotations.Count))
            + result.Manifest.Records.Sum(r => r.Annotations.Count) + result.Manifest.Enums.Sum(e => e.Annotations.Count));
    }

    [ClangFact]
    public void The_command_writes_the_sidecar_and_the_review_table()
    {
        using TemporaryDirectory directory = TestPaths.CreateTemporaryDirectory();
        string sidecar = directory.File("suggest.sidecar.json");
        string table = directory.File("suggest.tsv");
        ProcessResult result = ScannerProcess.Run(["suggest", TestPaths.Header("suggest.h"), "-I", TestPaths.NativeInclude, "-o", sidecar, "--review-table", table]);

        Assert.True(result.ExitCode == 0, result.Combined);
        Assert.Contains("9 suggestions", result.Output, StringComparison.Ordinal);
        Assert.Contains("\"review\": true", File.ReadAllText(sidecar), StringComparison.Ordinal);
        string[] rows = File.ReadAllLines(table);
        Assert.Equal("kind\ttarget\tannotation\tevidence\tverdict\treason", rows[0]);
        Assert.Equal(10, rows.Length);
    }

    [ClangFact]
    public void The_command_prints_the_schema_it_publishes()
    {
        ProcessResult result = ScannerProcess.Run(["sidecar-schema"]);
        Assert.True(result.ExitCode == 0, result.Combined);
        Assert.Equal(SidecarSchema.Generate(), result.Output);
    }

    private static ScanOptions Options(string header, string? sidecar) => new()
    {
        HeaderPath = header,
        Library = "x",
        IncludeDirectories = [TestPaths.NativeInclude],
        SidecarPath = sidecar,
    };
}
