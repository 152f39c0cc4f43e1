using System.Text;

namespace StretchBindings.Manifest.Tests;

/// <summary>Every checked-in manifest reads into the model and writes back to the same bytes.</summary>
public sealed class RoundTripTests
{
    private static readonly string[] Paths =
    [
        "native/include/stretch/stretch.native.json",
        "tests/generator/StretchBindings.Generator.Tests/Manifests/edge.native.json",
        "tests/generator/StretchBindings.Generator.Tests/Manifests/zlib.native.json",
        "tests/generator/StretchBindings.Generator.Tests/Manifests/ctypes.native.json",
    ];

    public static TheoryData<string> CheckedInManifests
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (string path in Paths)
            {
                data.Add(path);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(CheckedInManifests))]
    public void Reading_and_writing_gives_the_same_bytes(string relativePath)
    {
        byte[] bytes = File.ReadAllBytes(Path.Combine(Repository.Root, relativePath));
        NativeManifest manifest = ManifestReader.Read(Encoding.UTF8.GetString(bytes));

        byte[] written = ManifestWriter.ToUtf8(manifest);

        // Compare as text first so that a difference shows where it is.
        Assert.Equal(Encoding.UTF8.GetString(bytes), Encoding.UTF8.GetString(written));
        Assert.Equal(bytes, written);
    }

    [Theory]
    [MemberData(nameof(CheckedInManifests))]
    public void The_written_manifest_reads_back_into_an_equal_model(string relativePath)
    {
        NativeManifest manifest = ManifestReader.Read(File.ReadAllText(Path.Combine(Repository.Root, relativePath)));
        NativeManifest again = ManifestReader.Read(ManifestWriter.ToJson(manifest));
        Assert.Equal(manifest, again);
        Assert.Equal(manifest.GetHashCode(), again.GetHashCode());
    }

    [Fact]
    public void Every_checked_in_manifest_is_covered()
    {
        var found = new List<string>();
        foreach (string top in new[] { "native", "tests", "samples", "runtime", "generator", "analyzers", "benchmarks" })
        {
            string directory = Path.Combine(Repository.Root, top);
            if (!Directory.Exists(directory))
            {
                continue;
            }

            found.AddRange(Directory.EnumerateFiles(directory, "*" + ManifestSchema.FileSuffix, SearchOption.AllDirectories)
                .Select(path => Path.GetRelativePath(Repository.Root, path).Replace('\\', '/'))
                .Where(path => !path.Contains("/bin/", StringComparison.Ordinal) && !path.Contains("/obj/", StringComparison.Ordinal)));
        }

        Assert.Equal(Paths.Order(StringComparer.Ordinal), found.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_model_built_in_code_writes_every_optional_member()
    {
        var location = new NativeLocation("x.h", 3, 1);
        NativeType integer = new(NativeTypeKind.Int, "unsigned int", null, "unsigned int", 4, false, false, false, null, null, null, null, EquatableArray<NativeField>.Empty, null) { Align = 4 };
        NativeType bits = integer with { Volatile = true };
        var field = new NativeField("flag", bits, 4, true, null) { BitOffset = 33, BitWidth = 1, Location = new NativeLocation("x.h", 4, 18) };
        var record = new NativeRecord("r", false, false, 8, 4, new[] { field }, EquatableArray<NativeAnnotation>.Empty, null, location, "bit-fields");
        var constant = new NativeConstant("HALF", NativeConstantKind.Float, integer, ManifestWriter.NumberText(0.5), null) { Expression = "0.5", Location = location };
        var manifest = new NativeManifest("x", "x.h", 8, EquatableArray<NativeFunction>.Empty, new[] { record }, EquatableArray<NativeEnum>.Empty,
            EquatableArray<NativeTypedef>.Empty, new[] { constant })
        {
            Files = new[] { "x.h" },
            TargetTriple = "x86_64-pc-linux-gnu",
            Language = "c11",
            Defines = new[] { "X=1" },
            IncludeFirst = new[] { "stdio.h" },
            Unsupported = new[] { new NativeUnsupported("g", "variable", "global variable", location) },
        };

        string json = ManifestWriter.ToJson(manifest);

        Assert.Contains("\"volatile\": true", json, StringComparison.Ordinal);
        Assert.Contains("\"bitOffset\": 33", json, StringComparison.Ordinal);
        Assert.Contains("\"bitWidth\": 1,\n          \"location\": {\n            \"file\": \"x.h\",\n            \"line\": 4,", json, StringComparison.Ordinal);
        Assert.Contains("\"value\": 0.5,\n      \"expression\": \"0.5\"", json, StringComparison.Ordinal);
        Assert.Contains("\"defines\": [\n    \"X=1\"\n  ],\n  \"includeFirst\": [\n    \"stdio.h\"\n  ]", json, StringComparison.Ordinal);
        Assert.DoesNotContain("includeFirst", ManifestWriter.ToJson(manifest with { IncludeFirst = EquatableArray<string>.Empty }), StringComparison.Ordinal);
        Assert.EndsWith("}\n", json, StringComparison.Ordinal);
        Assert.Equal(manifest, ManifestReader.Read(json));
    }

    [Fact]
    public void Every_type_kind_has_a_name_that_reads_back()
    {
        foreach (NativeTypeKind kind in Enum.GetValues<NativeTypeKind>())
        {
            Assert.True(NativeTypeKinds.TryParse(NativeTypeKinds.Name(kind), out NativeTypeKind read));
            Assert.Equal(kind, read);
        }

        Assert.Equal(("pointer", "unsupported"), (NativeTypeKinds.Name(NativeTypeKind.Pointer), NativeTypeKinds.Name(NativeTypeKind.Unsupported)));
        Assert.False(NativeTypeKinds.TryParse("class", out _));
    }

    [Theory]
    [InlineData(0.5, "0.5")]
    [InlineData(1e300, "1E+300")]
    [InlineData(3.0, "3")]
    [InlineData(-0.1, "-0.1")]
    public void Floating_point_values_are_written_in_their_shortest_form(double value, string text)
    {
        Assert.Equal(text, ManifestWriter.NumberText(value));
    }
}
