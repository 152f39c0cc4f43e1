using System.Text.Json;
using Json.Schema;
using StretchBindings.Manifest;
using StretchBindings.Scanner.Scanning;
using StretchBindings.Scanner.Sidecar;
using StretchBindings.Scanner.Tests.Infrastructure;

namespace StretchBindings.Scanner.Tests;

/// <summary>
/// The published sidecar schema: made from the annotation table, it accepts what the reader accepts
/// and rejects what the reader rejects, on the examples and on mistakes.
/// </summary>
public sealed class SidecarSchemaTests
{
    private static string SchemaPath => Path.Combine(Repository.Root, SidecarKeys.SchemaPath);

    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(File.ReadAllText(SchemaPath)));

    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.GetFiles(Path.Combine(Repository.Root, "schemas", "examples"), "*" + SidecarKeys.FileSuffix).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Fact]
    public void The_published_schema_is_the_one_the_annotation_table_gives()
    {
        // To update it: dotnet exec sb-scan.dll sidecar-schema > schemas/stretchbindings.sidecar.schema.json
        Assert.Equal(SidecarSchema.Generate(), File.ReadAllText(SchemaPath).Replace("\r\n", "\n"));
    }

    [Fact]
    public void The_schema_offers_every_annotation_of_the_table_where_it_may_be_written()
    {
        using JsonDocument schema = JsonDocument.Parse(File.ReadAllText(SchemaPath));
        JsonElement definitions = schema.RootElement.GetProperty("$defs");
        string[] Keys(string entry) => definitions.GetProperty(entry).GetProperty("properties").EnumerateObject().Select(p => p.Name).ToArray();

        foreach (AnnotationDefinition definition in NativeAnnotationNames.All)
        {
            // An annotation of several places (a rename) is offered in each of their entries.
            foreach ((AnnotationPlace place, string entry) in new[] { (AnnotationPlace.Function, "function"), (AnnotationPlace.Parameter, "parameter"), (AnnotationPlace.Struct | AnnotationPlace.Enum, "type") })
            {
                Assert.Equal((definition.Place & place) != 0, Keys(entry).Contains(definition.Name));
            }

            Assert.True(definitions.TryGetProperty(definition.Name, out _), definition.Name);
        }

        Assert.Equal(
            NativeAnnotationNames.All.Where(d => d.Place.HasFlag(AnnotationPlace.Function)).Select(d => d.Name).Concat(SidecarKeys.FunctionEntry).Order(StringComparer.Ordinal),
            Keys("function").Order(StringComparer.Ordinal));
        Assert.Equal(
            SidecarKeys.TopLevel.Order(StringComparer.Ordinal),
            schema.RootElement.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Each_example_names_the_schema_passes_it_and_reads(string example)
    {
        string path = Path.Combine(Repository.Root, "schemas", "examples", example);
        string text = File.ReadAllText(path);
        using JsonDocument document = JsonDocument.Parse(text);
        Assert.Equal("../stretchbindings.sidecar.schema.json", document.RootElement.GetProperty("$schema").GetString());
        AssertValid(text);

        SidecarFile file = SidecarReader.Read(path, example);
        Assert.NotEmpty(file.Functions.Concat(file.Types));
    }

    // Each is a mistake the reader reports; the schema, so an editor, must flag it too.
    [Theory]
    [InlineData("""{ "function": {} }""")]
    [InlineData("""{ "functions": { "f": { "fast_call": true } } }""")]
    [InlineData("""{ "functions": { "f": { "short_call": false } } }""")]
    [InlineData("""{ "functions": { "f": { "handle": { "create": "a", "destroy": "b" } } } }""")]
    [InlineData("""{ "functions": { "f": { "parameters": { "p": { "in_buffer": { "length": "n" } } } } } }""")]
    [InlineData("""{ "functions": { "f": { "parameters": { "p": { "in_buffer": {} } } } } }""")]
    [InlineData("""{ "functions": { "f": { "parameters": { "p": { "short_call": true } } } } }""")]
    [InlineData("""{ "functions": { "f": { "library": "" } } }""")]
    [InlineData("""{ "functions": { "f(x)": { } } }""")]
    [InlineData("""{ "types": { "t": { "status": { "message_fn": "not a name" } } } }""")]
    [InlineData("""{ "types": { "t": { "library": "z" } } }""")]
    [InlineData("""{ "types": { "t": { "review": "yes" } } }""")]
    [InlineData("""{ "functions": { "f": { "status_result": { "message_fn": "m", "success": "ok" } } } }""")]
    [InlineData("""{ "functions": { "f": { "status_result": { "message_fn": "m", "success": [] } } } }""")]
    [InlineData("""{ "functions": { "f": { "status_result": { "message_fn": "m", "success": 1.5 } } } }""")]
    [InlineData("""{ "functions": { "f": { "status_result": { "message_fn": "m" } } } }""")]
    [InlineData("""{ "functions": { "f": { "error_check": { "error_fn": "e" } } } }""")]
    [InlineData("""{ "functions": { "f": { "utf8": true } } }""")]
    [InlineData("""{ "functions": { "f": { "rename": { "name": "9x" } } } }""")]
    [InlineData("""{ "functions": { "f": { "parameters": { "p": { "utf8_result": true } } } } }""")]
    [InlineData("""{ "types": { "t": { "exclude": "yes" } } }""")]
    public void A_mistake_fails_the_schema_and_the_reader_alike(string text)
    {
        Assert.False(Schema.Value.Evaluate(JsonDocument.Parse(text).RootElement).IsValid, text);

        using TemporaryDirectory directory = TestPaths.CreateTemporaryDirectory();
        string path = directory.File("x.sidecar.json");
        File.WriteAllText(path, text);
        ScanException exception = Assert.ThrowsAny<ScanException>(() => SidecarReader.Read(path, "x.sidecar.json"));
        Assert.All(exception.Diagnostics, d => Assert.Equal(path, d.File));
    }

    [Theory]
    [InlineData("""{ }""")]
    [InlineData("""{ "functions": { "f*": { "short_call": true, "exclude": false, "library": "m", "evidence": "e", "review": true } } }""")]
    [InlineData("""{ "types": { "t?": { "handle": { "create": "a", "destroy": "b" }, "single_threaded": true, "status": { "message_fn": "m" } } } }""")]
    [InlineData("""{ "functions": { "f": { "status_result": { "message_fn": "m", "success": "0..99 | >= 200 | -1" }, "rename": { "name": "F" } } } }""")]
    [InlineData("""{ "functions": { "f": { "error_check": { "error_fn": "e", "message_fn": "m" }, "parameters": { "p": { "utf8": true, "rename": { "name": "text" } } } } } }""")]
    [InlineData("""{ "types": { "t": { "exclude": true, "rename": { "name": "T" } } } }""")]
    public void What_the_schema_accepts_the_reader_reads(string text)
    {
        AssertValid(text);
        using TemporaryDirectory directory = TestPaths.CreateTemporaryDirectory();
        string path = directory.File("x.sidecar.json");
        File.WriteAllText(path, text);
        SidecarReader.Read(path, "x.sidecar.json");
    }

    internal static void AssertValid(string text)
    {
        EvaluationResults results = Schema.Value.Evaluate(JsonDocument.Parse(text).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(results.IsValid, string.Join("\n", (results.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
    }
}
