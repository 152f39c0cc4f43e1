using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using SidecarBindings.Lz4;
using SidecarBindings.Sqlite;
using SidecarBindings.Zstd;

namespace StretchBindings.Samples.Tests;

/// <summary>
/// samples/SidecarBindings binds zstd, LZ4 and SQLite from unannotated Debian headers plus a sidecar each:
/// what the generator made of them is checked on the built assembly, and the bindings are called.
/// </summary>
public sealed class SidecarBindingsTests
{
    private static readonly Assembly s_bindings = typeof(Zstd).Assembly;

    [Fact]
    public void Suppress_gc_transition_is_on_exactly_the_sidecars_short_calls()
    {
        string[] marked = s_bindings.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => m.IsDefined(typeof(SuppressGCTransitionAttribute), false))
            .Select(m => m.Name)
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(["LZ4_compressBound", "ZSTD_compressBound", "ZSTD_isError", "sqlite3_libversion_number"], marked);
    }

    [Theory]
    [InlineData(typeof(ZSTDCCtxHandle), "ZSTD_freeCCtx")]
    [InlineData(typeof(ZSTDDCtxHandle), "ZSTD_freeDCtx")]
    [InlineData(typeof(Sqlite3Handle), "sqlite3_close")]
    [InlineData(typeof(SqliteStatementHandle), "sqlite3_finalize")]
    public void Each_handle_is_a_safe_handle_that_frees_through_the_destroy_function(Type handle, string destroy)
    {
        Assert.True(typeof(SafeHandle).IsAssignableFrom(handle));
        MethodInfo release = handle.GetMethod("ReleaseHandle", BindingFlags.NonPublic | BindingFlags.Instance, Type.EmptyTypes)!;
        Assert.Equal(handle, release.DeclaringType);
        Assert.Equal([destroy], CalledMethods(release).Select(m => m.Name));
    }

    [Fact]
    public void The_sidecars_single_threaded_types_and_only_those_are_marked()
    {
        string[] marked = s_bindings.GetTypes()
            .Where(t => t.GetCustomAttributes(false).Any(a => a.GetType().Name == "NotThreadSafeAttribute"))
            .Select(t => t.Name)
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(["SqliteStatement", "ZSTDCCtx", "ZSTDDCtx"], marked);
        Assert.Equal("ExclusiveSafeHandle", typeof(ZSTDCCtxHandle).BaseType!.Name);
        Assert.Equal("SafeHandle", typeof(Sqlite3Handle).BaseType!.Name);
    }

    [Fact]
    public void The_buffers_have_span_overloads_and_round_trip_through_lz4()
    {
        Assert.NotNull(typeof(Lz4).GetMethod(nameof(Lz4.LZ4_compress_default), [typeof(ReadOnlySpan<byte>), typeof(Span<byte>)]));
        Assert.NotNull(typeof(Lz4).GetMethod(nameof(Lz4.LZ4_decompress_safe), [typeof(ReadOnlySpan<byte>), typeof(Span<byte>)]));

        byte[] source = System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("sidecar ", 512)));
        byte[] compressed = new byte[Lz4.LZ4_compressBound(source.Length)];
        int written = Lz4.LZ4_compress_default(source, compressed);
        Assert.InRange(written, 1, source.Length / 10);
        byte[] restored = new byte[source.Length];
        Assert.Equal(source.Length, Lz4.LZ4_decompress_safe(compressed.AsSpan(0, written), restored));
        Assert.Equal(source, restored);
    }

    [Fact]
    public unsafe void A_zstd_context_compresses_and_disposing_it_closes_the_handle()
    {
        byte[] source = new byte[4096];
        nuint bound = Zstd.ZSTD_compressBound((nuint)source.Length);
        Assert.Equal(0u, Zstd.ZSTD_isError(bound));
        byte[] compressed = new byte[(int)bound];
        var context = new ZSTDCCtx();
        nuint written;
        fixed (byte* destination = compressed)
        fixed (byte* input = source)
        {
            written = context.Compress(destination, bound, input, (nuint)source.Length, 3);
        }

        Assert.Equal(0u, Zstd.ZSTD_isError(written));
        Assert.InRange((int)written, 1, 64);
        var handle = (ZSTDCCtxHandle)typeof(ZSTDCCtx).GetField("_handle", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(context)!;
        Assert.False(handle.IsInvalid);
        context.Dispose();
        Assert.True(handle.IsClosed);
    }

    [Fact]
    public unsafe void Sqlite_opens_a_connection_through_its_out_handle()
    {
        Assert.True(Sqlite.sqlite3_libversion_number() >= 3_000_000);
        Sqlite3.Native* db = null;
        Assert.Equal(0, Sqlite.sqlite3_open(":memory:", &db));
        Assert.True(db != null);
        Assert.Equal(0, Sqlite.sqlite3_close(db));
    }

    [Fact]
    public async Task The_analyzers_see_the_sidecars_single_threaded_type_like_a_header_annotated_one()
    {
        const string Consumer = """
            using System.Threading.Tasks;
            using SidecarBindings.Zstd;

            public static class Consumer
            {
                private static readonly ZSTDCCtx s_shared = new();

                public static unsafe nuint Compress(byte* destination, nuint capacity, byte* source, nuint length) =>
                    s_shared.Compress(destination, capacity, source, length, 3);

                public static void Run()
                {
                    var context = new ZSTDCCtx();
                    Parallel.For(0, 4, i => context.Dispose());
                }
            }
            """;
        string[] platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        IEnumerable<MetadataReference> references = platform
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
            .Append(s_bindings.Location)
            .Append(typeof(Interop.ExclusiveSafeHandle).Assembly.Location)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p));
        CSharpCompilation compilation = CSharpCompilation.Create(
            "Consumer",
            [CSharpSyntaxTree.ParseText(Consumer)],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        Assembly analyzers = Assembly.Load("StretchBindings.Analyzers");
        DiagnosticAnalyzer[] all = analyzers.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToArray();
        string[] ids = (await compilation.WithAnalyzers([.. all]).GetAnalyzerDiagnosticsAsync())
            .Select(d => d.Id)
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(["SB1001", "SB1002"], ids);
    }

    /// <summary>The methods a method body calls, read from its IL (call and callvirt).</summary>
    private static List<MethodBase> CalledMethods(MethodInfo method)
    {
        byte[] il = method.GetMethodBody()!.GetILAsByteArray()!;
        var called = new List<MethodBase>();
        for (int i = 0; i + 4 < il.Length; i++)
        {
            if (il[i] is 0x28 or 0x6F)
            {
                int token = BitConverter.ToInt32(il, i + 1);
                if ((token >> 24) is 0x06 or 0x0A && method.Module.ResolveMethod(token) is { } target)
                {
                    called.Add(target);
                    i += 4;
                }
            }
        }

        return called;
    }
}
