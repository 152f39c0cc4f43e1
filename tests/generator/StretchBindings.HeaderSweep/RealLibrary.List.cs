namespace StretchBindings.RealLibraries.Tests;

/// <summary>The headers of the sweep: the same as this project's &lt;NativeHeader&gt; items.</summary>
public sealed partial record RealLibrary
{
    public const string NamespacePrefix = "StretchBindings.HeaderSweep.";

    public static readonly IReadOnlyList<RealLibrary> All =
    [
        new("Archive", "compression", "libarchive-dev", "/usr/include/archive.h", "ArchiveNative", []),
        new("Asound", "multimedia", "libasound2-dev", "/usr/include/alsa/asoundlib.h", "AsoundNative", []),
        new("Brotli", "compression", "libbrotli-dev", "/usr/include/brotli/encode.h", "BrotliNative", []),
        new("Bz2", "compression", "libbz2-dev", "/usr/include/bzlib.h", "Bz2Native", []),
        new("Cairo", "graphics", "libcairo2-dev", "/usr/include/cairo/cairo.h", "CairoNative", []),
        new("Cjson", "parsing", "libcjson-dev", "/usr/include/cjson/cJSON.h", "CjsonNative", []),
        new("Event", "networking", "libevent-dev", "/usr/include/event2/event.h", "EventNative", []),
        new("Expat", "parsing", "libexpat1-dev", "/usr/include/expat.h", "ExpatNative", []),
        new("Flac", "multimedia", "libflac-dev", "/usr/include/FLAC/stream_decoder.h", "FlacNative", []),
        new("Freetype", "graphics", "libfreetype-dev", "/usr/include/freetype2/freetype/freetype.h", "FreetypeNative", ["/usr/include/freetype2"]),
        new("Git2", "system", "libgit2-dev", "/usr/include/git2.h", "Git2Native", []),
        new("Gmp", "math", "libgmp-dev", "/usr/include/x86_64-linux-gnu/gmp.h", "GmpNative", []),
        new("Gnutls", "crypto", "libgnutls28-dev", "/usr/include/gnutls/gnutls.h", "GnutlsNative", []),
        new("Jansson", "parsing", "libjansson-dev", "/usr/include/jansson.h", "JanssonNative", []),
        new("Jpeg", "image", "libjpeg62-turbo-dev", "/usr/include/jpeglib.h", "JpegNative", []),
        new("Lzma", "compression", "liblzma-dev", "/usr/include/lzma.h", "LzmaNative", []),
        new("Magic", "system", "libmagic-dev", "/usr/include/magic.h", "MagicNative", []),
        new("Mpfr", "math", "libmpfr-dev", "/usr/include/mpfr.h", "MpfrNative", []),
        new("Ogg", "multimedia", "libogg-dev", "/usr/include/ogg/ogg.h", "OggNative", []),
        new("Opus", "multimedia", "libopus-dev", "/usr/include/opus/opus.h", "OpusNative", []),
        new("Pcre2", "parsing", "libpcre2-dev", "/usr/include/pcre2.h", "Pcre2Native", []),
        new("Png", "image", "libpng-dev", "/usr/include/png.h", "PngNative", []),
        new("Pq", "data", "libpq-dev", "/usr/include/postgresql/libpq-fe.h", "PqNative", ["/usr/include/postgresql"]),
        new("Pulse", "multimedia", "libpulse-dev", "/usr/include/pulse/simple.h", "PulseNative", []),
        new("Samplerate", "multimedia", "libsamplerate0-dev", "/usr/include/samplerate.h", "SamplerateNative", []),
        new("Soxr", "multimedia", "libsoxr-dev", "/usr/include/soxr.h", "SoxrNative", []),
        new("Ssh", "networking", "libssh-dev", "/usr/include/libssh/libssh.h", "SshNative", []),
        new("Ssl", "crypto", "libssl-dev", "/usr/include/openssl/ssl.h", "SslNative", []),
        new("Tiff", "image", "libtiff-dev", "/usr/include/x86_64-linux-gnu/tiffio.h", "TiffNative", []),
        new("Usb", "system", "libusb-1.0-0-dev", "/usr/include/libusb-1.0/libusb.h", "UsbNative", []),
        new("Uv", "system", "libuv1-dev", "/usr/include/uv.h", "UvNative", []),
        new("Vorbis", "multimedia", "libvorbis-dev", "/usr/include/vorbis/codec.h", "VorbisNative", []),
        new("Webp", "image", "libwebp-dev", "/usr/include/webp/decode.h", "WebpNative", []),
    ];
}
