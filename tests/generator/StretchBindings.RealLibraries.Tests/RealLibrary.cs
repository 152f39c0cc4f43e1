using StretchBindings.Generator.Bindings;
using StretchBindings.Generator.Diagnostics;
using StretchBindings.Generator.Model;
using StretchBindings.Generator.Planning;
using StretchBindings.Manifest;

namespace StretchBindings.RealLibraries.Tests;

/// <summary>
/// One library bound by a &lt;NativeHeader&gt; item of this project (the same values as its metadata),
/// and what the build generated for it: the scanned manifest and the generator's plan of it.
/// </summary>
public sealed record RealLibrary(string Name, string Kind, string Package, string Header, string ClassName, string[] IncludeDirectories)
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
        new("Jpeg", "image", "libjpeg62-turbo-dev", "/usr/include/jpeglib.h", "JpegNative", []),
    ];

    public static IEnumerable<object[]> Names => All.Select(l => new object[] { l.Name });

    public static RealLibrary Named(string name) => All.Single(l => l.Name == name);

    public string Namespace => NamespacePrefix + Name;

    /// <summary>The manifest the build scanned from the header (copied beside the test assembly).</summary>
    public string ManifestPath => Path.Combine(AppContext.BaseDirectory, "manifests", ClassName + ".native.json");

    internal NativeManifest Manifest => ManifestReader.Read(File.ReadAllText(ManifestPath));

    /// <summary>The generator's plan of the manifest, as the build made it.</summary>
    internal LibraryModel Plan()
    {
        NativeManifest manifest = Manifest;
        return LibraryPlanner.Plan(new ManifestInput(ManifestPath, Namespace, ClassName, manifest.Library, manifest, EquatableArray<DiagnosticInfo>.Empty), null);
    }
}
