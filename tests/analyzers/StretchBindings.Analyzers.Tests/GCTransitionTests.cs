using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using StretchBindings.Analyzers.Tests.Infrastructure;

namespace StretchBindings.Analyzers.Tests;

/// <summary>SB1003 (unsafe [SuppressGCTransition]), SB1004 (a short call without it) and SB1005 (unreadable manifest).</summary>
public sealed class GCTransitionTests
{
    private static Task<ImmutableArray<Diagnostic>> VerifyAsync(string source, params AdditionalText[] files) =>
        AnalyzerHarness.VerifyAsync(new GCTransitionAnalyzer(), source, files);

    private static Task<ImmutableArray<Diagnostic>> VerifyWithManifestAsync(string source) =>
        VerifyAsync(source, TestManifests.StretchFile);

    // ---- SB1003: unsafe suppression ----

    [Fact]
    public async Task Suppression_on_a_function_the_header_leaves_long_is_an_error()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyWithManifestAsync("""
            static unsafe class Native
            {
                [DllImport("stretch"), {|SB1003:SuppressGCTransition|}]
                public static extern int stretch_process(IntPtr s, int frames);
            }
            """);
        Diagnostic error = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Contains("does not annotate 'stretch_process' short_call", error.GetMessage());
    }

    [Fact]
    public async Task Suppression_with_a_delegate_parameter_is_an_error_without_a_manifest()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync("""
            delegate void LogCallback(int level);

            static class Native
            {
                [DllImport("stretch")]
                [{|SB1003:SuppressGCTransition|}]
                public static extern void stretch_set_logger(IntPtr s, LogCallback callback);
            }
            """);
        Assert.Contains("'callback' is a callback", Assert.Single(diagnostics).GetMessage());
    }

    [Fact]
    public async Task Suppression_with_a_function_pointer_parameter_is_an_error()
    {
        await VerifyAsync("""
            static unsafe class Native
            {
                [DllImport("mixer"), {|SB1003:SuppressGCTransition|}]
                public static extern void mixer_visit(delegate* unmanaged<int, void> visitor);
            }
            """);
    }

    [Fact]
    public async Task Suppression_with_set_last_error_is_an_error()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync("""
            static class Native
            {
                [DllImport("libc", SetLastError = true), {|SB1003:SuppressGCTransition|}]
                public static extern int getpid();
            }
            """);
        Assert.Contains("sets the last error", Assert.Single(diagnostics).GetMessage());
    }

    [Fact]
    public async Task Suppression_on_a_varargs_declaration_is_an_error()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync("""
            static class Native
            {
                [DllImport("libc", CallingConvention = CallingConvention.Cdecl), {|SB1003:SuppressGCTransition|}]
                public static extern int printf(IntPtr format, __arglist);
            }
            """);
        Assert.Contains("variadic", Assert.Single(diagnostics).GetMessage());
    }

    [Fact]
    public async Task Suppression_on_a_function_the_manifest_records_as_variadic_is_an_error()
    {
        await VerifyWithManifestAsync("""
            static class Native
            {
                [DllImport("stretch"), {|SB1003:SuppressGCTransition|}]
                public static extern int stretch_log(int format);
            }
            """);
    }

    [Fact]
    public async Task Suppression_on_a_function_whose_native_parameter_is_a_function_pointer_is_an_error()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyWithManifestAsync("""
            static class Native
            {
                [DllImport("stretch"), {|SB1003:SuppressGCTransition|}]
                public static extern int stretch_set_logger(IntPtr s, IntPtr logger);
            }
            """);
        Assert.Contains("native parameter 'logger' is a function pointer", Assert.Single(diagnostics).GetMessage());
    }

    [Fact]
    public async Task Library_and_entry_point_are_matched_however_they_are_spelled()
    {
        await VerifyWithManifestAsync("""
            static class Native
            {
                [DllImport("runtimes/linux-x64/native/libstretch.so.0", EntryPoint = "stretch_process"), {|SB1003:SuppressGCTransition|}]
                public static extern int Process(IntPtr s, int frames);

                [DllImport("Stretch.dll", EntryPoint = "stretch_flush"), {|SB1003:SuppressGCTransition|}]
                public static extern int Flush(IntPtr s);
            }
            """);
    }

    [Fact]
    public async Task Suppression_on_a_library_import_of_a_long_function_is_an_error()
    {
        await VerifyWithManifestAsync("""
            static partial class Native
            {
                [LibraryImport("stretch", EntryPoint = "stretch_process"), {|SB1003:SuppressGCTransition|}]
                public static partial int Process(IntPtr s, int frames);

                [LibraryImport("stretch", SetLastError = true), {|SB1003:SuppressGCTransition|}]
                public static partial int stretch_reset(IntPtr s);
            }
            """);
    }

    [Fact]
    public async Task Short_call_on_a_native_kernel_of_a_long_function_is_an_error()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyWithManifestAsync("""
            static partial class Kernels
            {
                [NativeKernel("stretch", {|SB1003:ShortCall = true|})]
                public static partial int stretch_process(IntPtr s, int frames);
            }
            """);
        Assert.Contains("'stretch_process' must keep its GC transition", Assert.Single(diagnostics).GetMessage());
    }

    [Fact]
    public async Task A_header_that_annotates_nothing_leaves_the_judgement_to_the_declaration()
    {
        // zlib.h marks no call short or long: asking for a short crc32 is the user's call, but a
        // callback or SetLastError is still a hazard.
        var zlib = new InMemoryAdditionalText("/src/z.native.json", """
            { "schemaVersion": 1, "library": "z", "functions": [
              { "name": "crc32", "returnType": { "kind": "int", "spelling": "int" }, "parameters": [], "variadic": false },
              { "name": "gzclose", "returnType": { "kind": "int", "spelling": "int" }, "parameters": [], "variadic": false } ] }
            """);
        await VerifyAsync("""
            static partial class Zlib
            {
                [NativeKernel("z", EntryPoint = "crc32", ShortCall = true)]
                public static partial uint Crc32(uint crc, IntPtr data, uint length);

                [DllImport("z"), SuppressGCTransition]
                public static extern int gzclose(IntPtr file);

                [DllImport("z", EntryPoint = "gzclose", SetLastError = true), {|SB1003:SuppressGCTransition|}]
                public static extern int GzCloseChecked(IntPtr file);
            }
            """, zlib);
    }

    [Fact]
    public async Task A_native_kernel_finds_its_manifest_however_the_library_is_spelled()
    {
        await VerifyWithManifestAsync("""
            static partial class Kernels
            {
                [NativeKernel("libstretch.so.1", EntryPoint = "stretch_flush", {|SB1003:ShortCall = true|})]
                public static partial int Flush(IntPtr s);

                [NativeKernel("./native/Stretch.dll", EntryPoint = "stretch_process", {|SB1003:ShortCall = true|})]
                public static partial int Process(IntPtr s, int frames);

                [NativeKernel("other", EntryPoint = "stretch_flush", ShortCall = true)]
                public static partial int NotStretch(IntPtr s);
            }
            """);
    }

    [Fact]
    public async Task Suppression_attribute_on_a_native_kernel_with_a_callback_is_an_error()
    {
        await VerifyAsync("""
            static unsafe partial class Kernels
            {
                [NativeKernel("stretch"), {|SB1003:SuppressGCTransition|}]
                public static partial void stretch_visit(IntPtr s, delegate* unmanaged<float, void> visitor);
            }
            """);
    }

    [Fact]
    public async Task Short_call_on_a_native_kernel_with_a_callback_or_SetLastError_is_an_error()
    {
        // The generator keeps the transition for these kernels and leaves the error to SB1003.
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync("""
            static unsafe partial class Kernels
            {
                [NativeKernel("stretch", {|SB1003:ShortCall = true|})]
                public static partial void stretch_visit(IntPtr s, delegate* unmanaged<float, void> visitor);

                [NativeKernel("c", EntryPoint = "close", SetLastError = true, {|SB1003:ShortCall = true|})]
                public static partial int Close(int fd);
            }
            """);
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("callback", StringComparison.Ordinal));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("last error", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_native_kernel_delegate_parameter_is_left_to_the_generator()
    {
        // The generator marshals delegates and reports ShortCall with one as SBG0006; one diagnostic is enough.
        await VerifyAsync("""
            static partial class Kernels
            {
                [NativeKernel("mixer", ShortCall = true)]
                public static partial void mixer_each(System.Action<int> visitor);
            }
            """);
    }

    [Fact]
    public async Task Every_hazard_is_named_in_one_message()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyWithManifestAsync("""
            static class Native
            {
                [DllImport("stretch", SetLastError = true), {|SB1003:SuppressGCTransition|}]
                public static extern int stretch_process(IntPtr s, int frames);
            }
            """);
        string message = Assert.Single(diagnostics).GetMessage();
        Assert.Contains("does not annotate", message);
        Assert.Contains("sets the last error", message);
    }

    // ---- SB1003: no diagnostic ----

    [Fact]
    public async Task Suppression_on_a_short_call_is_fine()
    {
        await VerifyWithManifestAsync("""
            static class Native
            {
                [DllImport("stretch"), SuppressGCTransition]
                public static extern void stretch_reset(IntPtr s);

                [DllImport("libstretch", EntryPoint = "stretch_set_ratio"), SuppressGCTransition]
                public static extern int SetRatio(IntPtr s, float ratio);
            }
            """);
    }

    [Fact]
    public async Task Without_a_manifest_only_the_signature_is_checked()
    {
        await VerifyAsync("""
            static class Native
            {
                [DllImport("stretch"), SuppressGCTransition]
                public static extern int stretch_process(IntPtr s, int frames);
            }
            """);
    }

    [Fact]
    public async Task A_function_missing_from_the_manifest_is_not_judged()
    {
        await VerifyWithManifestAsync("""
            static class Native
            {
                [DllImport("stretch"), SuppressGCTransition]
                public static extern int stretch_version();

                [DllImport("z"), SuppressGCTransition]
                public static extern uint crc32(uint crc, IntPtr buffer, uint length);
            }
            """);
    }

    [Fact]
    public async Task Short_call_on_a_native_kernel_of_a_short_function_is_fine()
    {
        await VerifyWithManifestAsync("""
            static partial class Kernels
            {
                [NativeKernel("stretch", ShortCall = true)]
                public static partial void stretch_reset(IntPtr s);

                [NativeKernel("stretch", ShortCall = false)]
                public static partial int stretch_process(IntPtr s, int frames);
            }
            """);
    }

    [Fact]
    public async Task Hazards_without_a_suppression_are_fine()
    {
        await VerifyWithManifestAsync("""
            delegate void LogCallback(int level);

            static class Native
            {
                [DllImport("stretch")]
                public static extern int stretch_process(IntPtr s, int frames);

                [DllImport("stretch")]
                public static extern void stretch_set_logger(IntPtr s, LogCallback callback);

                [DllImport("libc", SetLastError = true)]
                public static extern int getpid();
            }
            """);
    }

    [Fact]
    public async Task Suppression_on_a_managed_method_is_not_this_rule()
    {
        await VerifyAsync("""
            static class Helpers
            {
                [SuppressGCTransition]
                public static void Log(Action callback) => callback();
            }
            """);
    }

    [Fact]
    public async Task Generated_code_is_left_to_the_generator()
    {
        await VerifyWithManifestAsync("""
            // <auto-generated/>
            static class Native
            {
                [DllImport("stretch"), SuppressGCTransition]
                public static extern int stretch_process(IntPtr s, int frames);

                [DllImport("stretch")]
                public static extern void stretch_reset(IntPtr s);
            }
            """);
    }

    [Fact]
    public async Task A_manifest_of_another_library_does_not_apply()
    {
        await VerifyWithManifestAsync("""
            static class Native
            {
                [DllImport("rubberband", EntryPoint = "stretch_process"), SuppressGCTransition]
                public static extern int Process(IntPtr s, int frames);
            }
            """);
    }

    [Fact]
    public async Task The_implementation_half_of_a_partial_declaration_is_not_reported_twice()
    {
        await VerifyWithManifestAsync("""
            static partial class Native
            {
                [LibraryImport("stretch"), {|SB1003:SuppressGCTransition|}]
                public static partial int stretch_process(IntPtr s, int frames);
            }

            static partial class Native
            {
                public static partial int stretch_process(IntPtr s, int frames) => 0;
            }
            """);
    }

    // ---- SB1004: a short call without the attribute ----

    [Fact]
    public async Task A_short_call_without_suppression_gets_a_warning()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyWithManifestAsync("""
            static partial class Native
            {
                [DllImport("stretch")]
                public static extern void {|SB1004:stretch_reset|}(IntPtr s);

                [DllImport("libstretch.so", EntryPoint = "stretch_set_ratio")]
                public static extern int {|SB1004:SetRatio|}(IntPtr s, float ratio);

                [LibraryImport("stretch")]
                public static partial int {|SB1004:stretch_channels|}(IntPtr s);
            }
            """);
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
        Assert.Contains(diagnostics, d => d.GetMessage().Contains("'SetRatio' binds 'stretch_set_ratio'"));
    }

    [Fact]
    public async Task No_suggestion_where_the_suppression_would_be_unsafe_or_marshalled()
    {
        await VerifyWithManifestAsync("""
            static class Native
            {
                [DllImport("stretch", SetLastError = true)]
                public static extern void stretch_reset(IntPtr s);

                [DllImport("stretch")]
                public static extern int stretch_set_logger(IntPtr s, IntPtr logger);

                [DllImport("stretch")]
                public static extern int stretch_log(int format);

                [DllImport("stretch", EntryPoint = "stretch_set_ratio")]
                public static extern bool SetRatioChecked(IntPtr s, float ratio);
            }
            """);
    }

    [Fact]
    public async Task No_suggestion_for_native_kernels_whose_generator_adds_it()
    {
        await VerifyWithManifestAsync("""
            static partial class Kernels
            {
                [NativeKernel("stretch")]
                public static partial void stretch_reset(IntPtr s);
            }
            """);
    }

    // ---- SB1005: unreadable manifests ----

    [Fact]
    public async Task A_malformed_manifest_is_reported_where_it_breaks()
    {
        var broken = new InMemoryAdditionalText("/src/broken.native.json", "{\n  \"schemaVersion\": 1,\n  \"library\": \"x\"\n  \"functions\": []\n}\n");
        Microsoft.CodeAnalysis.CSharp.CSharpCompilation compilation = AnalyzerHarness.Compile("class Empty { }");
        ImmutableArray<Diagnostic> diagnostics = await AnalyzerHarness.RunAsync(new GCTransitionAnalyzer(), compilation, [broken]);
        Diagnostic warning = Assert.Single(diagnostics);
        Assert.Equal("SB1005", warning.Id);
        Assert.Equal("/src/broken.native.json", warning.Location.GetLineSpan().Path);
        Assert.Equal(3, warning.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains("line 4, column 3", warning.GetMessage());
    }

    [Fact]
    public async Task A_malformed_manifest_is_left_to_the_generator_when_it_reads_the_manifests_too()
    {
        var broken = new InMemoryAdditionalText("/src/broken.native.json", "{ \"schemaVersion\": 1, ");
        Microsoft.CodeAnalysis.CSharp.CSharpCompilation compilation = AnalyzerHarness.Compile("class Empty { }");
        ImmutableArray<Diagnostic> diagnostics = await AnalyzerHarness.RunAsync(new GCTransitionAnalyzer(), compilation, [broken],
            new Dictionary<string, string> { ["build_property.StretchBindingsGeneratorReadsManifests"] = "true" });
        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task A_manifest_of_an_unknown_schema_version_is_rejected()
    {
        var future = new InMemoryAdditionalText("/src/future.native.json", """{ "schemaVersion": 99, "library": "stretch", "functions": [] }""");
        Microsoft.CodeAnalysis.CSharp.CSharpCompilation compilation = AnalyzerHarness.Compile("""
            static class Native
            {
                [DllImport("stretch"), SuppressGCTransition]
                public static extern int stretch_process(IntPtr s, int frames);
            }
            """);
        ImmutableArray<Diagnostic> diagnostics = await AnalyzerHarness.RunAsync(new GCTransitionAnalyzer(), compilation, [future]);
        Diagnostic warning = Assert.Single(diagnostics);
        Assert.Equal("SB1005", warning.Id);
        Assert.Contains("schema version 99 is not supported", warning.GetMessage());
    }

    [Fact]
    public async Task Valid_manifests_and_other_additional_files_are_quiet()
    {
        var notes = new InMemoryAdditionalText("/src/notes.json", "not json at all");
        Microsoft.CodeAnalysis.CSharp.CSharpCompilation compilation = AnalyzerHarness.Compile("class Empty { }");
        ImmutableArray<Diagnostic> diagnostics = await AnalyzerHarness.RunAsync(
            new GCTransitionAnalyzer(), compilation, [TestManifests.StretchFile, notes]);
        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task The_projects_own_manifest_is_read()
    {
        string path = Path.Combine(Repository.Root, "native", "include", "stretch", "stretch.native.json");
        var manifest = new InMemoryAdditionalText(path, File.ReadAllText(path));
        await VerifyAsync("""
            static class Native
            {
                [DllImport("stretch"), {|SB1003:SuppressGCTransition|}]
                public static extern int stretch_process(IntPtr s, IntPtr input, int inputSamples, IntPtr output, int outputCapacity);

                [DllImport("stretch"), SuppressGCTransition]
                public static extern int stretch_channels(IntPtr s);

                [DllImport("stretch")]
                public static extern int {|SB1004:stretch_input_latency|}(IntPtr s);
            }
            """, manifest);
    }
}
