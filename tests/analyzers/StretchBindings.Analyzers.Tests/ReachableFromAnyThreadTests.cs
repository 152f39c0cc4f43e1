using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using StretchBindings.Analyzers.Tests.Infrastructure;

namespace StretchBindings.Analyzers.Tests;

/// <summary>SB1002: single-threaded instances stored where any thread can reach them.</summary>
public sealed class ReachableFromAnyThreadTests
{
    private const string ThirdPartyTypes = """

        namespace ThirdParty
        {
            public sealed class Resampler { }
            public sealed class Decoder { }
            public static class Codecs
            {
                public sealed class Opus { }
            }
        }
        """;

    private static readonly InMemoryAdditionalText s_typeList = new("/src/NotThreadSafeTypes.txt", """
        # Types of other libraries that must not be shared across threads.
        ThirdParty.Resampler
        ThirdParty.Codecs.Opus   # nested, written the C# way
        # ThirdParty.Decoder is thread-safe
        """);

    private static Task<ImmutableArray<Diagnostic>> VerifyAsync(string source, params AdditionalText[] files) =>
        AnalyzerHarness.VerifyAsync(new ReachableFromAnyThreadAnalyzer(), source, files);

    // ---- reported ----

    [Fact]
    public async Task A_static_field_is_reported()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync("""
            static class Audio
            {
                private static readonly Stretcher {|SB1002:s_stretcher|} = new(2, 48000f);
                public static int Render(int block) => s_stretcher.Process(block);
            }
            """);
        Assert.Equal(
            "'Audio.s_stretcher' holds a 'Stretcher', which is not thread-safe, where any thread can reach it: "
            + "'Audio.Render' changes it, and two threads can run that at once",
            Assert.Single(diagnostics).GetMessage());
    }

    [Fact]
    public async Task A_static_auto_property_is_reported()
    {
        await VerifyAsync("""
            public static class Defaults
            {
                public static Stretcher {|SB1002:Stretcher|} { get; } = new();
            }
            """);
    }

    [Fact]
    public async Task A_static_lazy_is_one_instance_for_every_thread()
    {
        await VerifyAsync("""
            static class Audio
            {
                private static readonly Lazy<Stretcher> {|SB1002:s_lazy|} = new(() => new Stretcher());
                public static int Render(int block) => s_lazy.Value.Process(block);
            }
            """);
    }

    [Fact]
    public async Task A_type_single_threaded_through_its_base_is_reported()
    {
        await VerifyAsync("""
            static class Audio
            {
                internal static FastStretcher? {|SB1002:Cached|};
                public static int Render(int block) => Cached?.Process(block) ?? 0;
            }
            """);
    }

    [Fact]
    public async Task Every_declarator_of_a_field_declaration_is_reported()
    {
        await VerifyAsync("""
            static class Stereo
            {
                private static Stretcher? {|SB1002:s_left|}, {|SB1002:s_right|};
                public static int Render(int block) => s_left!.Process(block) + s_right!.Process(block);
            }
            """);
    }

    [Fact]
    public async Task A_static_field_of_a_generic_type_is_reported()
    {
        await VerifyAsync("""
            static class PerFormat<TSample>
            {
                public static readonly Stretcher {|SB1002:Instance|} = new();
                public static int Render(int block) => Instance.Process(block);
            }
            """);
    }

    [Fact]
    public async Task Types_listed_in_the_additional_file_are_covered()
    {
        await VerifyAsync("""
            static class Codecs
            {
                private static ThirdParty.Resampler? {|SB1002:s_resampler|};
                private static ThirdParty.Codecs.Opus? {|SB1002:s_opus|};
                private static ThirdParty.Decoder? s_decoder;
                public static void Use() => Work.Use((s_resampler, s_opus, s_decoder));
            }
            """ + ThirdPartyTypes, s_typeList);
    }

    [Fact]
    public async Task A_field_of_a_singleton_is_reported_with_the_static_that_shares_it()
    {
        ImmutableArray<Diagnostic> diagnostics = await VerifyAsync("""
            public sealed class AudioEngine
            {
                public static AudioEngine Instance { get; } = new();
                private readonly Stretcher {|SB1002:_stretcher|} = new();
                public int Render(int block) => _stretcher.Process(block);
            }
            """);
        Assert.Equal(
            "'AudioEngine._stretcher' holds a 'Stretcher', which is not thread-safe, where any thread can reach it, "
            + "because 'AudioEngine' objects are reachable from static 'AudioEngine.Instance'",
            Assert.Single(diagnostics).GetMessage());
    }

    [Fact]
    public async Task Sharing_is_followed_through_instance_fields()
    {
        await VerifyAsync("""
            static class Services
            {
                public static readonly Pipeline Pipeline = new();
            }

            public sealed class Pipeline
            {
                private readonly Voice _lead = new();
            }

            public sealed class Voice
            {
                public Stretcher {|SB1002:Stretcher|} { get; } = new();
                private readonly Meter _meter = new();
            }
            """);
    }

    [Fact]
    public async Task A_struct_held_in_a_static_shares_its_fields()
    {
        await VerifyAsync("""
            public struct Channel
            {
                public Stretcher {|SB1002:Stretcher|};
            }

            static class Mixer
            {
                public static Channel Left;
                public static int Play(int block) => Left.Stretcher.Process(block);
            }
            """);
    }

    [Fact]
    public async Task A_field_of_a_type_shared_through_a_static_lazy_is_reported()
    {
        await VerifyAsync("""
            sealed class Session
            {
                private static readonly Lazy<Session> s_current = new(() => new Session());
                private Stretcher? {|SB1002:_stretcher|};
                public void Start() => _stretcher = new Stretcher();
                public int Render(int block) => _stretcher!.Process(block);
                public static void Begin() => s_current.Value.Start();
                public static int Play(int block) => s_current.Value.Render(block);
            }
            """);
    }

    // ---- not reported ----

    [Fact]
    public async Task A_thread_static_field_is_fine()
    {
        await VerifyAsync("""
            static class Audio
            {
                [ThreadStatic]
                private static Stretcher? t_stretcher;

                public static int Render(int block) => (t_stretcher ??= new Stretcher()).Process(block);
            }
            """);
    }

    [Fact]
    public async Task A_thread_static_auto_property_is_fine()
    {
        await VerifyAsync("""
            static class Audio
            {
                [field: ThreadStatic]
                public static Stretcher? Current { get; set; }
            }
            """);
    }

    [Fact]
    public async Task A_thread_local_is_fine()
    {
        await VerifyAsync("""
            static class Audio
            {
                private static readonly ThreadLocal<Stretcher> s_perThread = new(() => new Stretcher());
                public static ThreadLocal<Stretcher> PerThread { get; } = new(() => new Stretcher(), trackAllValues: true);
                public static int Render(int block) => s_perThread.Value!.Process(block);
            }
            """);
    }

    [Fact]
    public async Task An_instance_field_of_an_unshared_type_is_fine()
    {
        await VerifyAsync("""
            public sealed class Voice : IDisposable
            {
                private readonly Stretcher _stretcher = new();
                public Stretcher Stretcher => _stretcher;
                public void Dispose() => _stretcher.Dispose();
            }
            """);
    }

    [Fact]
    public async Task A_computed_static_property_makes_a_new_instance_each_time()
    {
        await VerifyAsync("""
            static class Factory
            {
                public static Stretcher Fresh => new Stretcher();
                public static Stretcher Create(int channels) => new Stretcher(channels, 44100f);
            }
            """);
    }

    [Fact]
    public async Task Statics_of_thread_safe_types_are_fine()
    {
        await VerifyAsync("""
            static class Metrics
            {
                public static readonly Meter Meter = new();
                public const int BlockSize = 512;
                private static readonly object s_gate = new();
            }
            """);
    }

    [Fact]
    public async Task A_static_pool_of_instances_is_not_a_shared_instance()
    {
        await VerifyAsync("""
            using System.Collections.Concurrent;

            static class Pool
            {
                private static readonly ConcurrentBag<Stretcher> s_idle = new();
                private static readonly Stretcher[] s_preallocated = new Stretcher[4];

                public static Stretcher Rent() => s_idle.TryTake(out Stretcher? stretcher) ? stretcher : new Stretcher();
                public static void Return(Stretcher stretcher) => s_idle.Add(stretcher);
            }
            """);
    }

    [Fact]
    public async Task Fields_inside_a_single_threaded_type_are_covered_by_the_static_holding_it()
    {
        await VerifyAsync("""
            [NotThreadSafe]
            public sealed class Session
            {
                private readonly Stretcher _stretcher = new();
            }

            static class App
            {
                public static readonly Session {|SB1002:Session|} = new();
                public static void Use() => Work.Use(Session);
            }
            """);
    }

    [Fact]
    public async Task A_type_commented_out_of_the_list_is_not_covered()
    {
        await VerifyAsync("""
            static class Codecs
            {
                private static ThirdParty.Decoder? s_decoder;
            }
            """ + ThirdPartyTypes, s_typeList);
    }

    [Fact]
    public async Task A_type_whose_statics_are_thread_static_does_not_share_its_fields()
    {
        await VerifyAsync("""
            public sealed class Voice
            {
                [ThreadStatic]
                private static Voice? t_current;
                private readonly Stretcher _stretcher = new();
            }
            """);
    }

    [Fact]
    public async Task Generated_code_is_not_analyzed()
    {
        await VerifyAsync("""
            // <auto-generated/>
            static class Generated
            {
                private static readonly Stretcher s_stretcher = new();
            }
            """);
    }
}
