using StretchBindings.Analyzers.Manifests;
using StretchBindings.Analyzers.Tests.Infrastructure;

namespace StretchBindings.Analyzers.Tests;

/// <summary>The hand-written JSON reader and the manifest model built on it.</summary>
public sealed class ManifestReaderTests
{
    [Fact]
    public void Reads_every_kind_of_value()
    {
        var root = Assert.IsType<Dictionary<string, object?>>(JsonReader.Parse("""
            { "s": "text", "n": -12.5e3, "i": 18446744073709551615, "t": true, "f": false, "z": null, "a": [1, [], {}] }
            """));
        Assert.Equal("text", root["s"]);
        Assert.Equal("-12.5e3", Assert.IsType<JsonNumber>(root["n"]).Text);
        Assert.Equal("18446744073709551615", root["i"]!.ToString());
        Assert.Equal(true, root["t"]);
        Assert.Equal(false, root["f"]);
        Assert.Null(root["z"]);
        List<object?> array = Assert.IsType<List<object?>>(root["a"]);
        Assert.Equal(3, array.Count);
        Assert.Empty(Assert.IsType<List<object?>>(array[1]));
        Assert.Empty(Assert.IsType<Dictionary<string, object?>>(array[2]));
    }

    [Fact]
    public void Decodes_escapes_including_surrogate_pairs()
    {
        object? value = JsonReader.Parse("\"a\\\"b\\\\c\\/d\\n\\t\\u00e9\\ud83c\\udfb5\"");
        Assert.Equal("a\"b\\c/d\n\té\U0001F3B5", value);
    }

    [Fact]
    public void Tolerates_a_byte_order_mark_and_surrounding_whitespace()
    {
        Assert.Equal("x", JsonReader.Parse("\uFEFF \r\n \"x\" \n"));
    }

    [Theory]
    [InlineData("{\"a\": 1,}", 1, 9)]
    [InlineData("[1 2]", 1, 4)]
    [InlineData("{\n  \"a\": tru\n}", 2, 8)]
    [InlineData("\"open", 1, 6)]
    [InlineData("01", 1, 2)]
    [InlineData("{\"a\": \"\\x\"}", 1, 8)]
    [InlineData("[1] [2]", 1, 5)]
    [InlineData("", 1, 1)]
    public void Reports_where_malformed_text_breaks(string text, int line, int column)
    {
        JsonFormatException exception = Assert.Throws<JsonFormatException>(() => JsonReader.Parse(text));
        Assert.Equal((line, column), (exception.Line, exception.Column));
    }

    [Fact]
    public void Refuses_nesting_deep_enough_to_exhaust_the_stack()
    {
        string deep = new string('[', 10_000) + new string(']', 10_000);
        Assert.Throws<JsonFormatException>(() => JsonReader.Parse(deep));
    }

    [Fact]
    public void Reads_the_short_call_annotation_and_signature_hazards()
    {
        NativeManifest manifest = NativeManifest.Parse(TestManifests.Stretch);
        Assert.Equal("stretch", manifest.Library);
        Assert.True(manifest.TryGetFunction("stretch_reset", out NativeFunction reset));
        Assert.True(reset.IsShortCall);
        Assert.True(manifest.TryGetFunction("stretch_process", out NativeFunction process));
        Assert.False(process.IsShortCall);
        Assert.True(manifest.TryGetFunction("stretch_log", out NativeFunction log));
        Assert.True(log.IsVariadic);
        Assert.True(manifest.TryGetFunction("stretch_set_logger", out NativeFunction setLogger));
        Assert.Equal("logger", setLogger.FunctionPointerParameter);
        Assert.Null(reset.FunctionPointerParameter);
    }

    [Fact]
    public void Reads_the_projects_own_manifest()
    {
        string path = Path.Combine(TestPaths.RepositoryRoot, "native", "include", "stretch", "stretch.native.json");
        NativeManifest manifest = NativeManifest.Parse(File.ReadAllText(path));
        Assert.Equal("stretch", manifest.Library);
        Assert.Contains(manifest.Functions, f => f.Name == "stretch_reset" && f.IsShortCall);
        Assert.Contains(manifest.Functions, f => f.Name == "stretch_process" && !f.IsShortCall);
    }

    [Theory]
    [InlineData("[]", "not a JSON object")]
    [InlineData("{\"library\": \"x\"}", "no integer 'schemaVersion'")]
    [InlineData("{\"schemaVersion\": 3, \"library\": \"x\"}", "schema version 3 is not supported")]
    [InlineData("{\"schemaVersion\": 1}", "no 'library'")]
    public void Rejects_json_that_is_not_a_version_1_manifest(string text, string message)
    {
        ManifestFormatException exception = Assert.Throws<ManifestFormatException>(() => NativeManifest.Parse(text));
        Assert.Contains(message, exception.Message);
    }

    [Theory]
    [InlineData("stretch", "stretch")]
    [InlineData("libstretch.so", "stretch")]
    [InlineData("libstretch.so.1.2", "stretch")]
    [InlineData("./native/libstretch.dylib", "stretch")]
    [InlineData("C:\\bin\\Stretch.dll", "stretch")]
    [InlineData("z", "z")]
    [InlineData("libz.so.1", "z")]
    [InlineData("lib", "lib")]
    public void Library_names_are_normalized(string spelled, string normalized)
    {
        Assert.Equal(normalized, NativeManifest.NormalizeLibraryName(spelled));
    }
}
