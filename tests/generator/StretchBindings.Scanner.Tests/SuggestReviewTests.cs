using StretchBindings.Scanner.Scanning;
using StretchBindings.Scanner.Sidecar;
using StretchBindings.Scanner.Tests.Infrastructure;

namespace StretchBindings.Scanner.Tests;

/// <summary>
/// The reviewed suggestions of docs/annotation-sidecar.md (docs/suggest-review/*.tsv) are what
/// <c>sb-scan suggest</c> proposes today for the Debian headers they were made on: a change to a rule
/// that changes a suggestion asks for a new review.
/// </summary>
public sealed class SuggestReviewTests
{
    public static TheoryData<string, string> Libraries() => new()
    {
        { "zlib", "/usr/include/zlib.h" },
        { "zstd", "/usr/include/zstd.h" },
        { "lz4", "/usr/include/lz4.h" },
        { "curl", "/usr/include/x86_64-linux-gnu/curl/curl.h" },
        { "sqlite3", "/usr/include/sqlite3.h" },
        { "yaml", "/usr/include/yaml.h" },
    };

    [ClangTheory]
    [MemberData(nameof(Libraries))]
    public void The_review_covers_exactly_todays_suggestions_each_with_a_verdict_and_a_reason(string library, string header)
    {
        string[] rows = File.ReadAllLines(Path.Combine(Repository.Root, "docs", "suggest-review", library + ".tsv"));
        Assert.Equal("kind\ttarget\tannotation\tevidence\tverdict\treason", rows[0]);
        string[][] reviewed = rows.Skip(1).Select(r => r.Split('\t')).ToArray();
        Assert.All(reviewed, r =>
        {
            Assert.Equal(6, r.Length);
            Assert.Contains(r[4], new[] { "accepted", "rejected" });
            Assert.NotEmpty(r[5]);
        });

        var options = new ScanOptions { HeaderPath = header, Library = library };
        List<Suggestion> suggestions = Suggester.Suggest(HeaderScanner.Scan(options).Manifest);
        Assert.Equal(
            suggestions.Select(s => $"{s.Kind}\t{s.Target}\t{s.AnnotationText}"),
            reviewed.Select(r => $"{r[0]}\t{r[1]}\t{r[2]}"));
    }
}
