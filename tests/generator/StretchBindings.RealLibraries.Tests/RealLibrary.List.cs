namespace StretchBindings.RealLibraries.Tests;

/// <summary>The libraries of this project: the same as its &lt;NativeHeader&gt; items.</summary>
public sealed partial record RealLibrary
{
    public const string NamespacePrefix = "StretchBindings.RealLibraries.Tests.";

    /// <summary>Every library of the project, in the order of the coverage table.</summary>
    public static readonly IReadOnlyList<RealLibrary> All =
    [
        new("Zlib", "compression", "zlib1g-dev", "/usr/include/zlib.h", "ZlibNative", []),
        new("Zstd", "compression", "libzstd-dev", "/usr/include/zstd.h", "ZstdNative", []),
        new("Curl", "networking", "libcurl4-openssl-dev", "/usr/include/x86_64-linux-gnu/curl/curl.h", "CurlNative", []),
        new("Xml2", "parsing", "libxml2-dev", "/usr/include/libxml2/libxml/parser.h", "Xml2Native", ["/usr/include/libxml2"]),
        new("Yaml", "parsing", "libyaml-dev", "/usr/include/yaml.h", "YamlNative", []),
        new("Sodium", "crypto", "libsodium-dev", "/usr/include/sodium.h", "SodiumNative", []),
        new("Sqlite3", "data", "libsqlite3-dev", "/usr/include/sqlite3.h", "Sqlite3Native", []),
        new("Uuid", "system", "uuid-dev", "/usr/include/uuid/uuid.h", "UuidNative", []),
        new("Sndfile", "multimedia", "libsndfile1-dev", "/usr/include/sndfile.h", "SndfileNative", []),
        new("Samplerate", "audio", "libsamplerate0-dev", "/usr/include/samplerate.h", "SamplerateNative", []),
        new("Jpeg", "image", "libjpeg62-turbo-dev", "/usr/include/jpeglib.h", "JpegNative", []),
    ];
}
