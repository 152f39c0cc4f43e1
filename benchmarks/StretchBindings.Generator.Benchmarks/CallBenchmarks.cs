using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using StretchBindings.Generator.Benchmarks.Native;
using UnguardedStretch = StretchBindings.Generator.Benchmarks.Unguarded.Stretch;
using UnguardedPreset = StretchBindings.Generator.Benchmarks.Unguarded.StretchPreset;

namespace StretchBindings.Generator.Benchmarks;

/// <summary>Shared setup: one native stretcher instance, created through the raw layer.</summary>
public abstract unsafe class StretchInstanceBenchmark
{
    protected Stretch.Native* Instance { get; private set; }

    [GlobalSetup]
    public virtual void Setup()
    {
        Stretch.Native* instance = null;
        if (StretchNative.stretch_create(1, 48000, StretchPreset.Cheaper, &instance) != StretchStatus.Ok)
        {
            throw new InvalidOperationException("stretch_create failed");
        }

        Instance = instance;
    }

    [GlobalCleanup]
    public virtual void Cleanup() => StretchNative.stretch_destroy(Instance);
}

/// <summary>
/// A short call of the raw layer (a DllImport with [SuppressGCTransition]) against the fastest way .NET
/// has to call native code: an unmanaged function pointer with SuppressGCTransition in its convention.
/// </summary>
public unsafe class ShortCallBenchmarks : StretchInstanceBenchmark
{
    private delegate* unmanaged[Cdecl, SuppressGCTransition]<Stretch.Native*, int> _channels;

    public override void Setup()
    {
        base.Setup();
        nint library = NativeLibrary.Load("stretch", typeof(ShortCallBenchmarks).Assembly, null);
        _channels = (delegate* unmanaged[Cdecl, SuppressGCTransition]<Stretch.Native*, int>)NativeLibrary.GetExport(library, "stretch_channels");
    }

    [DllImport("stretch", EntryPoint = "stretch_channels", ExactSpelling = true)]
    [SuppressGCTransition]
    private static extern int HandWrittenChannels(Stretch.Native* instance);

    [Benchmark(Baseline = true, Description = "function pointer, SuppressGCTransition")]
    public int FunctionPointer() => _channels(Instance);

    [Benchmark(Description = "hand-written [DllImport, SuppressGCTransition]")]
    public int HandWritten() => HandWrittenChannels(Instance);

    [Benchmark(Description = "generated raw stretch_channels")]
    public int Generated() => StretchNative.stretch_channels(Instance);
}

/// <summary>A long call (GC transition kept) of the raw layer against a hand-written DllImport.</summary>
public unsafe class LongCallBenchmarks
{
    [DllImport("z", EntryPoint = "zlibVersion", ExactSpelling = true)]
    private static extern byte* HandWrittenZlibVersion();

    [Benchmark(Baseline = true, Description = "hand-written [DllImport] zlibVersion")]
    public nint HandWritten() => (nint)HandWrittenZlibVersion();

    [Benchmark(Description = "generated raw zlibVersion")]
    public nint Generated() => (nint)Zlib.zlibVersion();
}

/// <summary>Generated span overloads against hand-written <c>fixed</c> and the raw call; each pair is its own group.</summary>
[GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public unsafe class SpanBenchmarks : StretchInstanceBenchmark
{
    private const int Samples = 64;
    private readonly float[] _input = new float[Samples];
    private readonly float[] _output = new float[Samples];
    private readonly byte[] _bytes = new byte[Samples];

    [Benchmark(Baseline = true, Description = "stretch_process: fixed + raw call")]
    [BenchmarkCategory("stretch_process")]
    public StretchStatus ProcessFixed()
    {
        fixed (float* input = _input)
        fixed (float* output = _output)
        {
            return StretchNative.stretch_process(Instance, input, Samples, output, Samples);
        }
    }

    [Benchmark(Description = "stretch_process: generated span overload")]
    [BenchmarkCategory("stretch_process")]
    public StretchStatus ProcessSpan() => StretchNative.stretch_process(Instance, _input, _output);

    [Benchmark(Baseline = true, Description = "crc32: fixed + raw call")]
    [BenchmarkCategory("crc32")]
    public ulong Crc32Fixed()
    {
        fixed (byte* data = _bytes)
        {
            return Zlib.crc32(default, data, Samples).Value;
        }
    }

    [Benchmark(Description = "crc32: generated span kernel")]
    [BenchmarkCategory("crc32")]
    public ulong Crc32Span() => Kernels.Crc32(default, _bytes, Samples).Value;
}

/// <summary>
/// The projection's cost over the raw call, measured on the cheapest call there is: the lease of a
/// single-threaded instance (an interlocked compare-exchange on entry and a plain write on exit, which
/// are both the guard and the lifetime), and the SafeHandle reference a type without single_threaded keeps instead.
/// </summary>
public unsafe class GuardBenchmarks : StretchInstanceBenchmark
{
    private Stretch _guarded = null!;
    private UnguardedStretch _unguarded = null!;

    public override void Setup()
    {
        base.Setup();
        _guarded = new Stretch(1, 48000, StretchPreset.Cheaper);
        _unguarded = new UnguardedStretch(1, 48000, UnguardedPreset.Cheaper);
    }

    public override void Cleanup()
    {
        _guarded.Dispose();
        _unguarded.Dispose();
        base.Cleanup();
    }

    [Benchmark(Baseline = true, Description = "raw stretch_channels")]
    public int Raw() => StretchNative.stretch_channels(Instance);

    [Benchmark(Description = "projection, exclusive lease ([NotThreadSafe])")]
    public int ExclusiveLease() => _guarded.Channels;

    [Benchmark(Description = "projection, SafeHandle reference (no single_threaded)")]
    public int SharedLease() => _unguarded.Channels;
}
