using StretchBindings.Manifest;
using StretchBindings.Scanner.Scanning;
using StretchBindings.Scanner.Tests.Infrastructure;
using static StretchBindings.Scanner.Tests.SidecarTests;

namespace StretchBindings.Scanner.Tests;

/// <summary>
/// Status results, error checks, UTF-8 strings, renames and type exclusions: in a sidecar, the same
/// manifest as in the header (status_codes.h), and every misuse an error at the sidecar's line.
/// </summary>
public sealed class SidecarStatusTests
{
    // status_codes.h's annotations, said in a sidecar instead; success values in each JSON form.
    private const string StatusSidecar = """
        {
          "functions": {
            "store_open": {
              "status_result": { "message_fn": "store_errstr", "success": 0 },
              "parameters": { "path": { "rename": { "name": "location" } } }
            },
            "store_step": { "status_result": { "message_fn": "store_errstr", "success": [100, 101] } },
            "store_count": { "status_result": { "message_fn": "store_errstr", "success": ">= 0" } },
            "store_read": { "error_check": { "error_fn": "store_is_error", "message_fn": "store_error_name" } },
            "store_put": { "parameters": { "key": { "utf8": true }, "value": { "utf8": true } } },
            "store_name": { "utf8_result": true },
            "store_reveal": { "rename": { "name": "Reveal" } }
          },
          "types": {
            "store_t": { "rename": { "name": "Store" } }
          }
        }
        """;

    [ClangFact]
    public void The_sidecar_gives_the_manifest_of_the_same_annotations_written_in_the_header()
    {
        using TemporaryDirectory directory = TestPaths.CreateTemporaryDirectory();
        string plain = WritePlainCopy(directory, "status_codes.h");
        NativeManifest annotated = Scan(TestPaths.Header("status_codes.h")).Manifest;
        NativeManifest fromSidecar = Scan(plain, Write(directory, "status_codes.sidecar.json", StatusSidecar)).Manifest;

        Assert.Equal(["store_errstr", "0"], annotated.Function("store_open").Annotations[0].Arguments);
        Assert.Equal(["store_errstr", "100|101"], annotated.Function("store_step").Annotations[0].Arguments);
        Assert.Equal(["store_errstr", ">=0"], annotated.Function("store_count").Annotations[0].Arguments);
        Assert.Equal(NativeAnnotationNames.Rename, annotated.Record("store").Annotations[0].Name);
        Assert.Equal(ManifestWriter.ToJson(annotated), ManifestWriter.ToJson(WithoutProvenance(fromSidecar)));
    }

    [ClangFact]
    public void Misused_status_utf8_and_rename_annotations_are_errors_at_the_sidecars_lines()
    {
        using TemporaryDirectory directory = TestPaths.CreateTemporaryDirectory();
        string plain = WritePlainCopy(directory, "status_codes.h");
        string sidecar = Write(directory, "bad.sidecar.json", """
            {
              "functions": {
                "store_open": { "status_result": { "message_fn": "store_errstr", "success": "ok" } },
                "store_errstr": { "status_result": { "message_fn": "store_errstr", "success": [0] } },
                "store_read": { "error_check": { "error_fn": "store_failed", "message_fn": "store_error_name" } },
                "store_step": { "parameters": { "s": { "rename": { "name": "9lives" } } } },
                "store_secret": { "utf8_result": true }
              }
            }
            """);

        ScanException exception = Assert.Throws<ScanException>(() => Scan(plain, sidecar));
        ScanDiagnostic[] errors = exception.Diagnostics.Distinct().OrderBy(e => e.Line).ToArray();
        Assert.All(errors, e => Assert.Equal(sidecar, e.File));
        Assert.Equal([3, 6], errors.Select(e => e.Line));
        Assert.Contains("'success' must be values separated by '|'", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("'name' must be an identifier, not '9lives'", errors[1].Message, StringComparison.Ordinal);

        // With the syntax right, the table's checks: the result, the named functions, the pointer.
        string checkedSidecar = Write(directory, "checked.sidecar.json", """
            {
              "functions": {
                "store_errstr": { "status_result": { "message_fn": "store_errstr", "success": [0] } },
                "store_read": {
                  "error_check": { "error_fn": "store_failed", "message_fn": "store_error_name" },
                  "parameters": { "capacity": { "utf8": true } }
                },
                "store_secret": { "utf8_result": true }
              }
            }
            """);
        errors = Assert.Throws<ScanException>(() => Scan(plain, checkedSidecar)).Diagnostics.Distinct().OrderBy(e => e.Line).ToArray();
        Assert.Equal([3, 5, 6, 8], errors.Select(e => e.Line));
        Assert.Contains("needs an integer or enum result, not 'const char *'", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("names 'store_failed', which is not a function of this header", errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("needs a pointer parameter", errors[2].Message, StringComparison.Ordinal);
        Assert.Contains("needs a char pointer result", errors[3].Message, StringComparison.Ordinal);
    }

    [ClangFact]
    public void An_excluded_type_leaves_the_manifest_and_the_functions_using_it_say_why()
    {
        using TemporaryDirectory directory = TestPaths.CreateTemporaryDirectory();
        string sidecar = Write(directory, "x.sidecar.json", """
            {
              "types": {
                "secret_t": { "exclude": true },
                "nothing_like_this": { "exclude": true }
              }
            }
            """);

        ScanResult result = Scan(TestPaths.Header("status_codes.h"), sidecar);
        NativeManifest manifest = result.Manifest;
        Assert.DoesNotContain(manifest.Records, r => r.Name == "secret");
        Assert.DoesNotContain(manifest.Typedefs, t => t.Name == "secret_t");
        Assert.Equal("its parameter 'x' uses 'secret_t', which the sidecar excludes", manifest.Function("store_reveal").Unsupported);
        Assert.Equal("its result uses 'secret_t', which the sidecar excludes", manifest.Function("store_secret").Unsupported);
        Assert.Null(manifest.Function("store_open").Unsupported);
        Assert.Contains(manifest.Records, r => r.Name == "store");

        // A name the header lacks stays a warning at its line.
        ScanDiagnostic warning = Assert.Single(result.Warnings, w => w.File == sidecar);
        Assert.Equal(4, warning.Line);
        Assert.Contains("'nothing_like_this'", warning.Message, StringComparison.Ordinal);
    }
}
