using System.Runtime.InteropServices;
using System.Text;
using StretchBindings.Generator.Tests.Native;
using StretchBindings.Interop;

namespace StretchBindings.Generator.Tests.EndToEnd;

/// <summary>
/// Kernels of this assembly, checked at build time against the manifest scanned from /usr/include/zlib.h.
/// </summary>
internal static partial class ZlibKernels
{
    [NativeKernel("z", EntryPoint = "crc32", ShortCall = true)]
    public static partial CULong Crc32(CULong crc, ReadOnlySpan<byte> buffer, uint length);

    [NativeKernel("z", EntryPoint = "zlibVersion")]
    public static partial string? Version();

    [NativeKernel("z", EntryPoint = "compress2")]
    public static partial int Compress(Span<byte> destination, ref CULong destinationLength, byte[] source, CULong sourceLength, int level);
}

/// <summary>
/// zlib, bound by the generator from a &lt;NativeHeader&gt; item that scans /usr/include/zlib.h while
/// this assembly builds, called with runtime marshalling disabled.
/// </summary>
public sealed unsafe class ZlibTests
{
    private static readonly byte[] Check = "123456789"u8.ToArray();

    [Fact]
    public void ZlibVersion_returns_the_library_version()
    {
        string? version = NativeStrings.FromUtf8NullTerminated(Zlib.zlibVersion());
        Assert.NotNull(version);
        Assert.StartsWith("1.", version, StringComparison.Ordinal);
        Assert.Equal(version, ZlibKernels.Version());
    }

    [Fact]
    public void Crc32_of_the_check_string()
    {
        fixed (byte* data = Check)
        {
            Assert.Equal(0xCBF43926UL, (ulong)Zlib.crc32(default, data, (uint)Check.Length).Value);
        }

        Assert.Equal(0xCBF43926UL, (ulong)ZlibKernels.Crc32(default, Check, (uint)Check.Length).Value);
    }

    [Fact]
    public void Adler32_of_wikipedia()
    {
        byte[] data = "Wikipedia"u8.ToArray();
        fixed (byte* pointer = data)
        {
            Assert.Equal(0x11E60398UL, (ulong)Zlib.adler32(new CULong(1), pointer, (uint)data.Length).Value);
        }
    }

    [Fact]
    public void Compress2_and_uncompress_round_trip()
    {
        byte[] source = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("StretchBindings binds zlib. ", 200)));
        byte[] compressed = new byte[(int)Zlib.compressBound(new CULong((nuint)source.Length)).Value];
        CULong compressedLength = new((nuint)compressed.Length);
        fixed (byte* destination = compressed)
        fixed (byte* input = source)
        {
            Assert.Equal(0, Zlib.compress2(destination, &compressedLength, input, new CULong((nuint)source.Length), 9));
        }

        Assert.True((int)compressedLength.Value < source.Length / 10, $"compressed to {compressedLength.Value} of {source.Length}");

        byte[] restored = new byte[source.Length];
        CULong restoredLength = new((nuint)restored.Length);
        fixed (byte* destination = restored)
        fixed (byte* input = compressed)
        {
            Assert.Equal(0, Zlib.uncompress(destination, &restoredLength, input, compressedLength));
        }

        Assert.Equal((nuint)source.Length, restoredLength.Value);
        Assert.Equal(source, restored);
    }

    [Fact]
    public void A_kernel_with_spans_and_a_ref_count_compresses()
    {
        byte[] source = Encoding.UTF8.GetBytes(new string('a', 4096));
        byte[] compressed = new byte[256];
        CULong length = new((nuint)compressed.Length);
        Assert.Equal(0, ZlibKernels.Compress(compressed, ref length, source, new CULong((nuint)source.Length), 6));
        Assert.InRange((int)length.Value, 1, 64);
    }

    [Fact]
    public void Struct_layouts_match_the_header()
    {
        Assert.Equal(112, sizeof(ZStream));
        Zlib.LayoutCheck.Verify();
    }

    [Fact]
    public void A_too_small_buffer_is_zlibs_error_not_a_crash()
    {
        byte[] source = new byte[1000];
        Random.Shared.NextBytes(source);
        byte[] tiny = new byte[8];
        CULong length = new((nuint)tiny.Length);
        Assert.Equal(-5 /* Z_BUF_ERROR */, ZlibKernels.Compress(tiny, ref length, source, new CULong((nuint)source.Length), 9));
    }

    [Fact]
    public void The_assembly_disables_runtime_marshalling()
    {
        Assert.NotNull(typeof(ZlibTests).Assembly.GetCustomAttributes(typeof(System.Runtime.CompilerServices.DisableRuntimeMarshallingAttribute), false).SingleOrDefault());
    }
}
