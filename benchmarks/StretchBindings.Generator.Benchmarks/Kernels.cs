using System.Runtime.InteropServices;
using StretchBindings.Interop;

namespace StretchBindings.Generator.Benchmarks;

/// <summary>Kernels for the span benchmark, checked against the scanned zlib.h.</summary>
internal static partial class Kernels
{
    // Not ShortCall: zlib does not annotate crc32, so the raw call it is compared with keeps the transition too.
    [NativeKernel("z", EntryPoint = "crc32")]
    public static partial CULong Crc32(CULong crc, ReadOnlySpan<byte> buffer, uint length);
}
