using System.Text.RegularExpressions;
using StretchBindings.Generator.Tests.Infrastructure;

namespace StretchBindings.Generator.Tests;

/// <summary>Whatever the manifest holds, the generator reports diagnostics; it never throws into the compiler.</summary>
public sealed partial class RobustnessTests
{
    private static readonly string Stretch = File.ReadAllText(TestPaths.StretchManifest);

    public static TheoryData<int> TruncationPoints()
    {
        var points = new TheoryData<int>();
        for (int i = 0; i < 40; i++)
        {
            points.Add(Stretch.Length * i / 40);
        }

        return points;
    }

    [Theory]
    [MemberData(nameof(TruncationPoints))]
    public void A_truncated_manifest_is_one_error(int length)
    {
        GeneratorRun run = GeneratorHarness.Run("namespace Consumer;\n", new ManifestSpec("/obj/Stretch.native.json", Stretch[..length], "StretchNative", "Audio"));
        AssertNoCrash(run);
        Assert.Contains(run.GeneratorDiagnostics, d => d.Id is "SBG0001" or "SBG0003");
    }

    public static TheoryData<string, string> Mutations() => new()
    {
        { "\"kind\": \"pointer\"", "\"kind\": \"struct\"" },
        { "\"kind\": \"enum\"", "\"kind\": \"function\"" },
        { "\"kind\": \"int\"", "\"kind\": \"unsupported\"" },
        { "\"kind\": \"struct\"", "\"kind\": \"pointer\"" },
        { "\"size\": 4", "\"size\": 3" },
        { "\"name\": \"stretch_destroy\"", "\"name\": \"stretch_gone\"" },
        { "\"name\": \"stretch_create\"", "\"name\": \"stretch_make\"" },
        { "\"name\": \"stretch_status_message\"", "\"name\": \"stretch_message\"" },
        { "\"arguments\": [\n            \"stretch_create\",\n            \"stretch_destroy\"\n          ]", "\"arguments\": []" },
        { "\"name\": \"out_handle\"", "\"name\": \"in_buffer\"" },
        { "\"input_samples\"", "\"nothing\"" },
        { "\"callingConvention\": \"c\"", "\"callingConvention\": \"swift\"" },
        { "\"signed\": true", "\"signed\": \"yes\"" },
        { "\"value\": -1", "\"value\": 1.5" },
        { "\"name\": \"stretch_t\"", "\"name\": \"int\"" },
        { "\"name\": \"stretch_preset\"", "\"name\": \"stretch_status\"" },
    };

    [Theory]
    [MemberData(nameof(Mutations))]
    public void A_mutated_manifest_never_crashes_the_generator(string from, string to)
    {
        string mutated = Stretch.Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(Stretch, mutated);
        GeneratorRun run = GeneratorHarness.Run("namespace Consumer;\n", new ManifestSpec("/obj/Stretch.native.json", mutated, "StretchNative", "Audio"));
        AssertNoCrash(run);
    }

    [Fact]
    public void Every_key_removed_in_turn_never_crashes_the_generator()
    {
        foreach (Match key in KeyPattern().Matches(Stretch).DistinctBy(m => m.Value))
        {
            string mutated = Stretch.Replace(key.Value, "\"removed_" + key.Groups[1].Value + "\":", StringComparison.Ordinal);
            GeneratorRun run = GeneratorHarness.Run("namespace Consumer;\n", new ManifestSpec("/obj/Stretch.native.json", mutated, "StretchNative", "Audio"));
            AssertNoCrash(run);
        }
    }

    private static void AssertNoCrash(GeneratorRun run)
    {
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id is "CS8785" or "SBG0009");
        Assert.DoesNotContain(run.Output.GetDiagnostics(), d => d.Id == "CS8785");
    }

    [GeneratedRegex("\"([A-Za-z]+)\":")]
    private static partial Regex KeyPattern();
}
