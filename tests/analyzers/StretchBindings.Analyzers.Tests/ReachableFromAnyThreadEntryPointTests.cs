using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StretchBindings.Analyzers.Tests.Infrastructure;

namespace StretchBindings.Analyzers.Tests;

/// <summary>
/// SB1002 and a console program's entry point: a private static used only by <c>Main</c> and the private methods
/// only it calls runs on the main thread alone; a thread that reaches it, or a library's public method, does not.
/// </summary>
public sealed class ReachableFromAnyThreadEntryPointTests
{
    private static Task<ImmutableArray<Diagnostic>> RunAsync(string source, OutputKind kind = OutputKind.ConsoleApplication)
    {
        CSharpCompilation compilation = AnalyzerHarness.Compile(source, new SnippetSetup(SnippetSetup.Default.SupportFiles, kind));
        return AnalyzerHarness.RunAsync(new ReachableFromAnyThreadAnalyzer(), compilation);
    }

    private const string Menu = """
        public static class Program
        {
            private static readonly Stretcher s_stretcher = new();

            public static void Main(string[] args)
            {
                foreach (string arg in args)
                {
                    if (arg == "reset") { s_stretcher.Reset(); } else { Render(arg.Length); }
                }
            }

            private static void Render(int block) => s_stretcher.Process(block);
        }
        """;

    [Fact]
    public async Task A_static_used_only_by_main_and_what_it_calls_is_one_thread()
    {
        CSharpCompilation compilation = AnalyzerHarness.Compile(Menu, new SnippetSetup(SnippetSetup.Default.SupportFiles, OutputKind.ConsoleApplication));
        AnalyzerHarness.AssertCompiles(compilation);
        Assert.Empty(await AnalyzerHarness.RunAsync(new ReachableFromAnyThreadAnalyzer(), compilation));
    }

    [Fact]
    public async Task The_same_code_in_a_library_is_reported()
    {
        Diagnostic diagnostic = Assert.Single(await RunAsync(Menu, OutputKind.DynamicallyLinkedLibrary));
        Assert.Equal("SB1002", diagnostic.Id);
    }

    [Fact]
    public async Task A_thread_main_starts_that_reaches_the_static_is_reported()
    {
        ImmutableArray<Diagnostic> diagnostics = await RunAsync("""
            public static class Program
            {
                private static readonly Stretcher s_stretcher = new();

                public static void Main(string[] args)
                {
                    new Thread(() => Render(2)).Start();
                    Render(1);
                }

                private static void Render(int block) => s_stretcher.Process(block);
            }
            """);
        Assert.Equal("SB1002", Assert.Single(diagnostics).Id);
    }

    [Fact]
    public async Task A_static_main_shares_with_a_public_method_is_reported()
    {
        ImmutableArray<Diagnostic> diagnostics = await RunAsync("""
            public static class Program
            {
                private static readonly Stretcher s_stretcher = new();

                public static void Main() => s_stretcher.Reset();

                public static int Render(int block) => s_stretcher.Process(block);
            }
            """);
        Assert.Equal("SB1002", Assert.Single(diagnostics).Id);
    }

    [Fact]
    public async Task Malformed_entry_points_do_not_throw()
    {
        CSharpCompilation compilation = AnalyzerHarness.Compile("""
            public static class Program
            {
                private static readonly Stretcher s_stretcher = new();

                public static void Main(string[] args { s_stretcher.Reset(); Render( }
                public static int Main() => s_stretcher.Process(;
                private static void Render(int block) => s_stretcher.Process(block)
            }
            """, new SnippetSetup(SnippetSetup.Default.SupportFiles, OutputKind.ConsoleApplication));
        Assert.NotEmpty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        await AnalyzerHarness.RunAsync(new ReachableFromAnyThreadAnalyzer(), compilation);
    }
}
