using StretchBindings.Json;

namespace StretchBindings.Generator.Tests;

/// <summary>The generator's own JSON reader.</summary>
public sealed class JsonReaderTests
{
    [Fact]
    public void Reads_every_kind_of_value()
    {
        var root = (JsonObject)JsonReader.Parse("""{ "a": [1, -2.5e3, true, false, null], "b": { "c": "d" }, "e": "" }""");
        var array = (JsonArray)root["a"]!;
        Assert.Equal(["1", "-2.5e3"], array.Items.Take(2).Select(i => ((JsonNumber)i).Text));
        Assert.True(((JsonBoolean)array.Items[2]).Value);
        Assert.False(((JsonBoolean)array.Items[3]).Value);
        Assert.Equal(JsonKind.Null, array.Items[4].Kind);
        Assert.Equal("d", ((JsonString)((JsonObject)root["b"]!)["c"]!).Value);
        Assert.Equal(string.Empty, ((JsonString)root["e"]!).Value);
        Assert.Equal(["a", "b", "e"], root.Members.Select(m => m.Key));
    }

    [Fact]
    public void Keeps_64_bit_integers_exact()
    {
        var array = (JsonArray)JsonReader.Parse("[18446744073709551615, -9223372036854775808]");
        Assert.True(((JsonNumber)array.Items[0]).TryGetUInt64(out ulong max));
        Assert.Equal(ulong.MaxValue, max);
        Assert.True(((JsonNumber)array.Items[1]).TryGetInt64(out long min));
        Assert.Equal(long.MinValue, min);
    }

    [Fact]
    public void Decodes_escapes()
    {
        var value = (JsonString)JsonReader.Parse("\"q\\\"b\\\\s\\/n\\nt\\tu\\u00e9\\ud83d\\ude00\"");
        Assert.Equal("q\"b\\s/n\nt\tué😀", value.Value);
    }

    [Fact]
    public void Skips_a_byte_order_mark()
    {
        Assert.Equal(JsonKind.Object, JsonReader.Parse("\uFEFF{}").Kind);
    }

    [Theory]
    [InlineData("", 1, 1)]
    [InlineData("{", 1, 2)]
    [InlineData("[1,]", 1, 4)]
    [InlineData("{\"a\" 1}", 1, 6)]
    [InlineData("[01]", 1, 3)]
    [InlineData("[1.]", 1, 4)]
    [InlineData("\"a\nb\"", 1, 3)]
    [InlineData("{}\n  x", 2, 3)]
    [InlineData("[tru]", 1, 2)]
    [InlineData("\"\\x\"", 1, 3)]
    public void Rejects_malformed_text_with_its_position(string text, int line, int column)
    {
        JsonReaderException exception = Assert.Throws<JsonReaderException>(() => JsonReader.Parse(text));
        Assert.Equal((line, column), (exception.Line, exception.Column));

        // The offset (where the analyzers place their diagnostic) is the same place.
        int lineStart = 0;
        for (int i = 1; i < line; i++)
        {
            lineStart = text.IndexOf('\n', lineStart) + 1;
        }

        Assert.Equal(lineStart + column - 1, exception.Offset);
    }

    [Fact]
    public void Rejects_nesting_deep_enough_to_overflow_the_stack()
    {
        Assert.Throws<JsonReaderException>(() => JsonReader.Parse(new string('[', 100_000)));
    }

    [Fact]
    public void Reads_the_checked_in_stretch_manifest()
    {
        string text = File.ReadAllText(Infrastructure.TestPaths.StretchManifest);
        StretchBindings.Manifest.NativeManifest manifest = StretchBindings.Manifest.ManifestReader.Read(text);
        Assert.Equal("stretch", manifest.Library);
        Assert.Equal(16, manifest.Functions.Count);
        Assert.Contains(manifest.Functions, f => f.Name == "stretch_process" && f.Parameters.Count == 5);
    }
}
