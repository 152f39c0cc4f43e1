using StretchBindings.Manifest;
using StretchBindings.Scanner.Scanning;
using StretchBindings.Scanner.Tests.Infrastructure;

namespace StretchBindings.Scanner.Tests;

/// <summary>The sb: annotation vocabulary on functions, parameters, structs and enums.</summary>
public sealed class AnnotationTests
{
    [ClangFact]
    public void Every_annotation_lands_on_its_declaration()
    {
        ScanResult result = Scans.Header("annotated.h");
        NativeManifest manifest = result.Manifest;

        NativeRecord codec = manifest.Record("codec");
        Assert.Equal(["handle", "single_threaded"], codec.Annotations.Select(a => a.Name));
        Assert.Equal(["codec_open", "codec_close"], codec.Annotations[0].Arguments);

        Assert.Equal(["codec_status_message"], Assert.Single(manifest.Enum("codec_status").Annotations).Arguments);
        Assert.Equal("short_call", Assert.Single(manifest.Function("codec_status_message").Annotations).Name);
        Assert.Equal("out_handle", Assert.Single(manifest.Function("codec_open").Parameter("out").Annotations).Name);

        NativeFunction encode = manifest.Function("codec_encode");
        Assert.Empty(encode.Annotations);
        Assert.Equal(new NativeAnnotation("in_buffer", new[] { "input_count" }), Assert.Single(encode.Parameter("input").Annotations), AnnotationEquality);
        Assert.Equal(new NativeAnnotation("out_buffer", new[] { "output_capacity" }), Assert.Single(encode.Parameter("output").Annotations), AnnotationEquality);
        Assert.Empty(encode.Parameter("input_count").Annotations);
    }

    private static bool AnnotationEquality(NativeAnnotation? x, NativeAnnotation? y) =>
        x is not null && y is not null && x.Name == y.Name && x.Arguments.SequenceEqual(y.Arguments);

    [ClangFact]
    public void Another_tools_annotation_is_a_warning_and_ignored()
    {
        ScanResult result = Scans.Header("annotated.h");
        Assert.Empty(result.Manifest.Function("codec_version").Annotations);
        ScanDiagnostic warning = Assert.Single(result.Warnings);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Contains("othertool:inline", warning.Message, StringComparison.Ordinal);
    }

    [ClangFact]
    public void An_unknown_annotation_is_an_error_naming_it_and_its_place()
    {
        ScanException exception = Assert.Throws<ScanException>(() => Scans.Header("unknown_annotation.h"));
        ScanDiagnostic error = Assert.Single(exception.Diagnostics);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Contains("unknown annotation 'sb:fast_call'", error.Message, StringComparison.Ordinal);
        Assert.Contains("function 'compute'", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("unknown_annotation.h", error.File, StringComparison.Ordinal);
        Assert.Equal(5, error.Line);
        Assert.True(error.Column > 0);
    }

    [ClangFact]
    public void Misused_annotations_are_each_reported()
    {
        ScanException exception = Assert.Throws<ScanException>(() => Scans.Header("misused_annotations.h"));
        string[] messages = exception.Diagnostics.Select(d => d.Message).ToArray();
        Assert.Equal(4, messages.Length);
        Assert.Contains(messages, m => m.Contains("'widget_free', which is not a function", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("'length' is not another parameter", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("sb:out_handle on parameter 'out' of function 'widget_bad_out'", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("applies to a function, not to parameter 'value'", StringComparison.Ordinal));
        Assert.All(exception.Diagnostics, d => Assert.EndsWith("misused_annotations.h", d.File, StringComparison.Ordinal));
    }
}
