using System.Text.RegularExpressions;
using StretchBindings.Manifest;
using StretchBindings.Scanner.Scanning;
using StretchBindings.Scanner.Tests.Infrastructure;

namespace StretchBindings.Scanner.Tests;

/// <summary>The annotation sidecar: the same effect as annotations in the header, reported at its own lines.</summary>
public sealed class SidecarTests
{
    // annotated.h's annotations, said in a sidecar instead.
    private const string AnnotatedSidecar = """
        {
          "functions": {
            "codec_status_message": { "short_call": true },
            "codec_open": { "parameters": { "out": { "out_handle": true } } },
            "codec_encode": {
              "parameters": {
                "input": { "in_buffer": { "count": "input_count" } },
                "output": { "out_buffer": { "count": "output_capacity" } }
              }
            }
          },
          "types": {
            "codec_status": { "status": { "message_fn": "codec_status_message" } },
            "codec": { "handle": { "create": "codec_open", "destroy": "codec_close" }, "single_threaded": true }
          }
        }
        """;

    [ClangFact]
    public void A_sidecar_gives_the_manifest_of_the_same_annotations_written_in_the_header()
    {
        using TemporaryDirectory directory = TestPaths.CreateTemporaryDirectory();
        string plain = WritePlainCopy(directory, "annotated.h");
        string sidecar = Write(directory, "annotated.sidecar.json", AnnotatedSidecar);

        NativeManifest annotated = Scans.Header("annotated.h").Manifest;
        NativeManifest fromSidecar = Scan(plain, sidecar).Manifest;

        Assert.Empty(Scan(plain).Manifest.Functions.SelectMany(f => f.Annotations.Concat(f.Parameters.SelectMany(p => p.Annotations))));
        Assert.Equal(ManifestWriter.ToJson(annotated), ManifestWriter.ToJson(WithoutProvenance(fromSidecar)));
        Assert.NotEqual(ManifestWriter.ToJson(annotated), ManifestWriter.ToJson(fromSidecar));
    }

    [ClangFact]
    public void The_manifest_records_the_sidecar_line_of_each_annotation_and_none_for_the_headers()
    {
        using TemporaryDirectory directory = TestPaths.CreateTemporaryDirectory();
        string plain = WritePlainCopy(directory, "annotated.h");
        NativeManifest manifest = Scan(plain, Write(directory, "annotated.sidecar.json", AnnotatedSidecar)).Manifest;

        NativeAnnotation shortCall = Assert.Single(manifest.Function("codec_status_message").Annotations);
        Assert.Equal(new NativeLocation("annotated.sidecar.json", 3, 45), shortCall.Source);
        NativeAnnotation inBuffer = Assert.Single(manifest.Function("codec_encode").Parameter("input").Annotations);
        Assert.Equal(7, inBuffer.Source!.Line);
        Assert.Equal(14, manifest.Record("codec").Annotations[0].Source!.Line);

        // Read back, the provenance survives; a header's own annotation has none.
        NativeManifest read = ManifestReader.Read(ManifestWriter.ToJson(manifest));
        Assert.Equal(shortCall.Source, Assert.Single(read.Function("codec_status_message").Annotations).Source);
        Assert.All(Scans.Header("annotated.h").Manifest.Records.SelectMany(r => r.Annotations), a => Assert.Null(a.Source));
    }

    [ClangFact]
    public void An_annotation_the_header_already_has_stays_the_headers()
    {
        using TemporaryDirectory directory = TestPaths.CreateTemporaryDirectory();
        string sidecar = Write(directory, "x.sidecar.json", """{ "functions": { "codec_status_message": { "short_call": true } } }""");
        NativeManifest manifest = Scan(TestPaths.Header("annotated.h"), sidecar).Manifest;
        Assert.Null(Assert.Single(manifest.Function("codec_status_message").Annotations).Source);
    }

    [ClangFact]
    public void Unknown_names_are_warnings_at_the_sidecars_lines_and_the_rest_applies()
    {
        using TemporaryDirectory directory = TestPaths.CreateTemporaryDirectory();
        string plain = WritePlainCopy(directory, "annotated.h");
        string sidecar = Write(directory, "annotated.sidecar.json", """
            {
              "functions": {
                "codec_missing": { "short_call": true },
                "nothing_*": { "short_call": true },
                "codec_status_message": { "short_call": true },
                "codec_encode": { "parameters": { "inptu": { "in_buffer": { "count": "input_count" } } } }
              },
              "types": {
                "codec_statsu": { "status": { "message_fn": "codec_status_message" } }
              }
            }
            """);

        ScanResult result = Scan(plain, sidecar);
        ScanDiagnostic[] warnings = result.Warnings.Where(w => w.File == sidecar).OrderBy(w => w.Line).ToArray();
        Assert.Equal([3, 4, 6, 9], warnings.Select(w => w.Line));
        Assert.All(warnings, w => Assert.Equal(DiagnosticSeverity.Warning, w.Severity));
        Assert.Contains("no function 'codec_missing'", warnings[0].Message, StringComparison.Ordinal);
        Assert.Contains("no function of the header matches 'nothing_*'", warnings[1].Message, StringComparison.Ordinal);
        Assert.Contains("no parameter 'inptu'", warnings[2].Message, StringComparison.Ordinal);
        Assert.Contains("'codec_statsu'", warnings[3].Message, StringComparison.Ordinal);
        Assert.StartsWith($"{sidecar}:3:", warnings[0].ToString(), StringComparison.Ordinal);
        Assert.Equal("short_call", Assert.Single(result.Manifest.Function("codec_status_message").Annotations).Name);
    }

    [ClangFact]
    public void A_misused_annotation_is_the_headers_error_at_the_sidecars_line()
    {
        using TemporaryDirectory directory = TestPaths.CreateTemporaryDirectory();
        string plain = WritePlainCopy(directory, "annotated.h");
        string sidecar = Write(directory, "annotated.sidecar.json", """
            {
              "functions": {
                "codec_encode": { "parameters": { "input": { "in_buffer": { "count": "length" } } } },
                "codec_close": { "parameters": { "codec": { "out_handle": true } } }
              },
              "types": {
                "codec": { "handle": { "create": "codec_open", "destroy": "codec_free" } }
              }
            }
            """);

        ScanException exception = Assert.Throws<ScanException>(() => Scan(plain, sidecar));
        ScanDiagnostic[] errors = exception.Diagnostics.Distinct().OrderBy(e => e.Line).ToArray();
        Assert.Equal([3, 4, 7], errors.Select(e => e.Line));
        Assert.All(errors, e => Assert.Equal(sidecar, e.File));
        Assert.Contains("'length' is not another parameter", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("needs a pointer to a pointer", errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("'codec_free', which is not a function", errors[2].Message, StringComparison.Ordinal);
    }

    [ClangFact]
    public void A_malformed_sidecar_is_an_error_at_its_line_naming_what_is_allowed()
    {
        using TemporaryDirectory directory = TestPaths.CreateTemporaryDirectory();
        string sidecar = Write(directory, "bad.sidecar.json", """
            {
              "functions": {
                "codec_open": { "fast_call": true },
                "codec_close": { "short_call": false },
                "codec_encode": { "handle": { "create": "a", "destroy": "b" } }
              },
              "type": {}
            }
            """);

        ScanException exception = Assert.Throws<ScanException>(() => Scan(TestPaths.Header("annotated.h"), sidecar));
        ScanDiagnostic[] errors = exception.Diagnostics.OrderBy(e => e.Line).ToArray();
        Assert.Equal([3, 4, 5, 7], errors.Select(e => e.Line));
        Assert.Contains("unknown key 'fast_call'", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("'short_call'", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("takes true", errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("applies to a struct, not to function 'codec_encode'", errors[2].Message, StringComparison.Ordinal);
        Assert.Contains("unknown key 'type'", errors[3].Message, StringComparison.Ordinal);
    }

    [ClangFact]
    public void An_entry_marked_for_review_applies_nothing_and_says_so()
    {
        using TemporaryDirectory directory = TestPaths.CreateTemporaryDirectory();
        string plain = WritePlainCopy(directory, "annotated.h");
        string sidecar = Write(directory, "annotated.sidecar.json", """
            {
              "functions": {
                "codec_status_message": { "short_call": true, "evidence": "a table look-up", "review": true },
                "codec_version": { "exclude": true, "review": true }
              }
            }
            """);

        ScanResult result = Scan(plain, sidecar);
        Assert.Empty(result.Manifest.Function("codec_status_message").Annotations);
        Assert.Contains(result.Manifest.Functions, f => f.Name == "codec_version");
        Assert.Equal(2, result.Warnings.Count(w => w.File == sidecar && w.Message.Contains("marked for review", StringComparison.Ordinal)));
    }

    [ClangFact]
    public void Globs_exclude_functions_and_map_them_to_libraries_with_the_last_match_winning()
    {
        using TemporaryDirectory directory = TestPaths.CreateTemporaryDirectory();
        string sidecar = Write(directory, "annotated.sidecar.json", """
            {
              "functions": {
                "codec_*": { "library": "codec-extra" },
                "codec_open": { "library": "annotated" },
                "codec_versio?": { "exclude": true }
              }
            }
            """);

        NativeManifest manifest = Scan(TestPaths.Header("annotated.h"), sidecar).Manifest;
        Assert.DoesNotContain(manifest.Functions, f => f.Name == "codec_version");
        Assert.Equal("codec-extra", manifest.Function("codec_encode").Library);
        Assert.Equal(new NativeLocation("annotated.sidecar.json", 3, 16), manifest.Function("codec_encode").LibrarySource);
        // Mapped back to the manifest's own library: nothing recorded.
        Assert.Null(manifest.Function("codec_open").Library);
        Assert.Null(manifest.Function("codec_open").LibrarySource);
    }

    [ClangFact]
    public void A_library_map_option_maps_without_provenance_and_a_sidecar_entry_beats_it()
    {
        using TemporaryDirectory directory = TestPaths.CreateTemporaryDirectory();
        string sidecar = Write(directory, "annotated.sidecar.json", """{ "functions": { "codec_open": { "library": "opener" } } }""");
        NativeManifest manifest = HeaderScanner.Scan(Options(TestPaths.Header("annotated.h"), sidecar) with
        {
            LibraryMap = [new LibraryMapping("codecs", "codec_*")],
        }).Manifest;

        Assert.Equal("codecs", manifest.Function("codec_close").Library);
        Assert.Null(manifest.Function("codec_close").LibrarySource);
        Assert.Equal("opener", manifest.Function("codec_open").Library);
    }

    [ClangFact]
    public void A_typedefs_name_carries_the_annotation_to_the_struct_it_names()
    {
        using TemporaryDirectory directory = TestPaths.CreateTemporaryDirectory();
        string plain = WritePlainCopy(directory, "annotated.h");
        string sidecar = Write(directory, "annotated.sidecar.json", """
            { "types": { "codec_t": { "handle": { "create": "codec_open", "destroy": "codec_close" } } } }
            """);

        NativeManifest manifest = Scan(plain, sidecar).Manifest;
        Assert.Equal(["codec_open", "codec_close"], Assert.Single(manifest.Record("codec").Annotations).Arguments);
        Assert.Empty(manifest.Typedef("codec_t").Annotations);
    }

    [ClangFact]
    public void The_sidecar_is_a_dependency_of_the_scan()
    {
        using TemporaryDirectory directory = TestPaths.CreateTemporaryDirectory();
        string sidecar = Write(directory, "annotated.sidecar.json", """{ "functions": {} }""");
        Assert.Contains(sidecar, Scan(TestPaths.Header("annotated.h"), sidecar).Dependencies);
    }

    internal static ScanOptions Options(string header, string? sidecar = null) => new()
    {
        HeaderPath = header,
        Library = "annotated",
        IncludeDirectories = [TestPaths.NativeInclude],
        SidecarPath = sidecar,
    };

    internal static ScanResult Scan(string header, string? sidecar = null) => HeaderScanner.Scan(Options(header, sidecar));

    internal static string Write(TemporaryDirectory directory, string name, string text)
    {
        string path = directory.File(name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>The test header with every SB_ macro blanked out, so that lines and columns stay where they were.</summary>
    internal static string WritePlainCopy(TemporaryDirectory directory, string header)
    {
        string text = Regex.Replace(File.ReadAllText(TestPaths.Header(header)), @"\bSB_[A-Z0-9_]+(\([^)]*\))?", m => new string(' ', m.Length));
        Assert.DoesNotContain("SB_", text, StringComparison.Ordinal);
        return Write(directory, header, text);
    }

    /// <summary>The manifest with every annotation's and library's provenance dropped.</summary>
    internal static NativeManifest WithoutProvenance(NativeManifest manifest)
    {
        static EquatableArray<NativeAnnotation> Strip(EquatableArray<NativeAnnotation> annotations) =>
            annotations.Select(a => a with { Source = null }).ToArray();

        return manifest with
        {
            Functions = manifest.Functions.Select(f => f with
            {
                Annotations = Strip(f.Annotations),
                Parameters = f.Parameters.Select(p => p with { Annotations = Strip(p.Annotations) }).ToArray(),
                LibrarySource = null,
            }).ToArray(),
            Records = manifest.Records.Select(r => r with { Annotations = Strip(r.Annotations) }).ToArray(),
            Enums = manifest.Enums.Select(e => e with { Annotations = Strip(e.Annotations) }).ToArray(),
            Typedefs = manifest.Typedefs.Select(t => t with { Annotations = Strip(t.Annotations) }).ToArray(),
        };
    }
}
