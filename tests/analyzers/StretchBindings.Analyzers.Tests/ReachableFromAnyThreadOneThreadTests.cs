using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using StretchBindings.Analyzers.Tests.Infrastructure;

namespace StretchBindings.Analyzers.Tests;

/// <summary>
/// SB1002 and code confined to one thread by design: a private field every use of which runs on one thread origin
/// (one thread started by a constructor, or the UI thread) is not reported; a second origin, or a caller any code
/// can reach, brings the report back.
/// </summary>
public sealed class ReachableFromAnyThreadOneThreadTests
{
    // A stand-in for a UI framework: events of AvaloniaObject descendants are raised on the UI thread.
    private const string Ui = """

        namespace Avalonia
        {
            public class AvaloniaObject { }
            public class Button : AvaloniaObject { public event EventHandler? Click; }
            public class RoutedEventArgs : EventArgs { }
        }
        """;

    private static Task<ImmutableArray<Diagnostic>> VerifyAsync(string source) =>
        AnalyzerHarness.VerifyAsync(new ReachableFromAnyThreadAnalyzer(), source);

    [Fact]
    public async Task A_single_consumer_thread_started_by_the_static_constructor_is_one_thread()
    {
        await VerifyAsync("""
            static class Mixer
            {
                private static readonly Stretcher s_stretcher = new();
                private static readonly System.Collections.Concurrent.BlockingCollection<int> s_blocks = new();

                static Mixer() => new Thread(Drain) { IsBackground = true }.Start();

                public static void Post(int block) => s_blocks.Add(block);

                private static void Drain()
                {
                    foreach (int block in s_blocks.GetConsumingEnumerable()) { Render(block); }
                }

                private static void Render(int block) => s_stretcher.Process(block);
            }
            """);
    }

    [Fact]
    public async Task A_consumer_thread_started_by_a_method_that_can_run_twice_is_reported()
    {
        await VerifyAsync("""
            static class Mixer
            {
                private static readonly Stretcher {|SB1002:s_stretcher|} = new();

                public static void Start() => new Thread(() => Drain()).Start();

                private static void Drain()
                {
                    while (true) { s_stretcher.Process(1); }
                }
            }
            """);
    }

    [Fact]
    public async Task A_consumer_method_also_called_by_public_code_is_reported()
    {
        await VerifyAsync("""
            static class Mixer
            {
                private static readonly Stretcher {|SB1002:s_stretcher|} = new();

                static Mixer() => new Thread(Drain).Start();

                public static void Flush() => Render(0);

                private static void Drain()
                {
                    while (true) { Render(1); }
                }

                private static void Render(int block) => s_stretcher.Process(block);
            }
            """);
    }

    [Fact]
    public async Task Ui_event_handlers_run_on_the_ui_thread_only()
    {
        await VerifyAsync("""
            sealed class Panel
            {
                private static readonly Stretcher s_preview = new();

                public Panel(Avalonia.Button play, Avalonia.Button stop)
                {
                    play.Click += OnPlay;
                    stop.Click += (sender, e) => s_preview.Reset();
                }

                private void OnPlay(object? sender, EventArgs e) => s_preview.Process(1);
            }
            """ + Ui);
    }

    [Fact]
    public async Task Handlers_wired_in_markup_run_on_the_ui_thread_only()
    {
        // Click="OnPlay" in the element's XAML: no C# code names the handlers, the markup compiled with the
        // partial class does.
        await VerifyAsync("""
            sealed partial class Panel : Avalonia.Button
            {
                private static readonly Stretcher s_preview = new();

                private void OnPlay(object? sender, EventArgs e) => s_preview.Process(1);
                private void OnStop(object? sender, Avalonia.RoutedEventArgs e) => s_preview.Reset();
            }
            """ + Ui);
    }

    [Fact]
    public async Task A_handler_like_method_outside_a_ui_partial_class_or_beside_a_thread_is_reported()
    {
        await VerifyAsync("""
            sealed class Plain : Avalonia.Button
            {
                private static readonly Stretcher {|SB1002:s_preview|} = new();

                private void OnPlay(object? sender, EventArgs e) => s_preview.Process(1);
                private void OnStop(object? sender, EventArgs e) => s_preview.Reset();
            }

            sealed partial class Mixed : Avalonia.Button
            {
                private static readonly Stretcher {|SB1002:s_preview|} = new();

                static Mixed() => new Thread(Drain).Start();

                private void OnPlay(object? sender, EventArgs e) => s_preview.Process(1);
                private static void Drain() => s_preview.Reset();
            }
            """ + Ui);
    }

    [Fact]
    public async Task A_handler_of_a_timer_event_is_not_on_the_ui_thread()
    {
        await VerifyAsync("""
            sealed class Panel
            {
                private static readonly Stretcher {|SB1002:s_preview|} = new();

                public Panel(Avalonia.Button play, System.Timers.Timer tick)
                {
                    play.Click += OnPlay;
                    tick.Elapsed += (sender, e) => s_preview.Reset();
                }

                private void OnPlay(object? sender, EventArgs e) => s_preview.Process(1);
            }
            """ + Ui);
    }

    [Fact]
    public async Task A_field_other_code_can_reach_is_reported_whatever_its_uses_here()
    {
        await VerifyAsync("""
            public static class Mixer
            {
                public static readonly Stretcher {|SB1002:Shared|} = new();

                static Mixer() => new Thread(Drain).Start();

                private static void Drain()
                {
                    while (true) { Shared.Process(1); }
                }
            }
            """);
    }
}
