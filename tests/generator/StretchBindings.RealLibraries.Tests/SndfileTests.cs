using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using StretchBindings.RealLibraries.Tests.Sndfile;

namespace StretchBindings.RealLibraries.Tests;

/// <summary>
/// libsndfile writes a 16-bit WAV into memory through its virtual I/O (a struct of callbacks, bound
/// as function pointers) and reads the same samples back.
/// </summary>
public sealed unsafe class SndfileTests
{
    [Fact]
    public void Sf_version_string_names_the_library()
    {
        Assert.StartsWith("libsndfile-1.", Marshal.PtrToStringUTF8((nint)SndfileNative.sf_version_string()), StringComparison.Ordinal);
    }

    [Fact]
    public void A_wav_written_to_memory_reads_back_the_same_samples()
    {
        short[] samples = Enumerable.Range(0, 2000).Select(i => (short)(Math.Sin(i / 10.0) * 12000)).ToArray();
        var file = new MemoryFile();
        GCHandle handle = GCHandle.Alloc(file);
        try
        {
            SfVirtualIo io = default;
            io.get_filelen = &Length;
            io.seek = &Seek;
            io.read = &Read;
            io.write = &Write;
            io.tell = &Tell;

            SfInfo info = default;
            info.samplerate = 44100;
            info.channels = 1;
            info.format = SndfileNative.SF_FORMAT_WAV | SndfileNative.SF_FORMAT_PCM_16;
            Sndfile.Sndfile* writer = SndfileNative.sf_open_virtual(&io, SndfileNative.SFM_WRITE, &info, (void*)GCHandle.ToIntPtr(handle));
            Assert.True(writer is not null, "sf_open_virtual for writing failed");
            fixed (short* data = samples)
            {
                Assert.Equal(samples.Length, (long)SndfileNative.sf_writef_short(writer, data, new CLong(samples.Length)).Value);
            }

            Assert.Equal(0, SndfileNative.sf_close(writer));
            Assert.Equal("RIFF", System.Text.Encoding.ASCII.GetString(file.Data, 0, 4));
            Assert.Equal(44 + (samples.Length * 2), file.Length);

            file.Position = 0;
            SfInfo read = default;
            Sndfile.Sndfile* reader = SndfileNative.sf_open_virtual(&io, SndfileNative.SFM_READ, &read, (void*)GCHandle.ToIntPtr(handle));
            Assert.True(reader is not null, "sf_open_virtual for reading failed");
            Assert.Equal((samples.Length, 44100, 1), ((long)read.frames.Value, read.samplerate, read.channels));
            short[] back = new short[samples.Length];
            fixed (short* data = back)
            {
                Assert.Equal(samples.Length, (long)SndfileNative.sf_readf_short(reader, data, new CLong(back.Length)).Value);
            }

            Assert.Equal(0, SndfileNative.sf_close(reader));
            Assert.Equal(samples, back);
        }
        finally
        {
            handle.Free();
        }
    }

    /// <summary>A growable file in memory that the callbacks reach through the user data.</summary>
    private sealed class MemoryFile
    {
        public byte[] Data = new byte[1024];
        public int Length;
        public int Position;
    }

    private static MemoryFile Of(void* user) => (MemoryFile)GCHandle.FromIntPtr((nint)user).Target!;

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static CLong Length(void* user) => new(Of(user).Length);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static CLong Seek(CLong offset, int whence, void* user)
    {
        MemoryFile file = Of(user);
        long origin = whence switch { 1 => file.Position, 2 => file.Length, _ => 0 };
        file.Position = (int)(origin + (long)offset.Value);
        return new(file.Position);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static CLong Read(void* destination, CLong count, void* user)
    {
        MemoryFile file = Of(user);
        int n = (int)Math.Max(0, Math.Min((long)count.Value, file.Length - file.Position));
        file.Data.AsSpan(file.Position, n).CopyTo(new Span<byte>(destination, n));
        file.Position += n;
        return new(n);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static CLong Write(void* source, CLong count, void* user)
    {
        MemoryFile file = Of(user);
        int n = (int)count.Value;
        if (file.Position + n > file.Data.Length)
        {
            Array.Resize(ref file.Data, Math.Max(file.Data.Length * 2, file.Position + n));
        }

        new ReadOnlySpan<byte>(source, n).CopyTo(file.Data.AsSpan(file.Position));
        file.Position += n;
        file.Length = Math.Max(file.Length, file.Position);
        return new(n);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static CLong Tell(void* user) => new(Of(user).Position);
}
