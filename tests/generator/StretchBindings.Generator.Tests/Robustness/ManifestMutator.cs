using System.Text.Json.Nodes;

namespace StretchBindings.Generator.Tests.Robustness;

/// <summary>
/// Seeded mutations of a valid manifest: names a C header could hold but C# cannot (keywords, control
/// characters, names of generated members, another declaration's name), changed kinds, sizes and
/// flags, removed keys, duplicated declarations, parameters and fields. Same seed, same manifests.
/// </summary>
internal sealed class ManifestMutator(int seed)
{
    private static readonly string[] Kinds = ["void", "bool", "int", "float", "pointer", "array", "struct", "union", "enum", "function", "unsupported", "quaternion"];

    /// <summary>Names that are legal in C (or at least in a manifest) and awkward in C#.</summary>
    private static readonly string[] AwkwardNames =
    [
        "class", "out", "string", "value", "var", "nint", "_", "__", "", "1st", "a b", "a\u0001b", "tab\there", "new\nline", "quote\"d",
        "back\\slash", "<xml>", "&amp", "\u00e9t\u00e9", "\ud83d\ude00", "a-b", "LibraryName", "LayoutCheck", "Verify", "Fail", "Native",
        "Handle", "Dispose", "_handle", "__lease", "result", "__result", "BeforeCreate", "Pointer", "Attach", "ReleaseHandle", "IsInvalid",
        "Status", "IsError", "MessageOf", "Mutant", "System", "global", "Equals", "GetHashCode", "ToString", "GetType", "Finalize",
        "stretch_t", "Stretch", "StretchHandle", "StretchException", "stretch_status", "StretchStatus", "z_stream", "ZStream", "arg0",
        "__pinned_input", "input", "instance", "sb:handle", "in_buffer", "#define", "//", "*/", "@name", "operator",
    ];

    private readonly Random _random = new(seed);

    /// <summary>The document with 1–4 mutations applied.</summary>
    public string Mutate(string manifest)
    {
        JsonNode root = JsonNode.Parse(manifest)!;
        var names = new List<string>();
        Collect(root, names);
        int count = _random.Next(1, 5);
        for (int i = 0; i < count; i++)
        {
            MutateOnce(root, names);
        }

        return root.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }

    private void MutateOnce(JsonNode root, List<string> names)
    {
        var properties = new List<(JsonObject Owner, string Key)>();
        var arrays = new List<JsonArray>();
        Walk(root, properties, arrays);
        switch (_random.Next(10))
        {
            case 0:
            case 1:
            case 2:
                Rename(Pick(properties.Where(p => p.Key == "name").ToList()), names);
                break;
            case 3:
                SetValue(Pick(properties.Where(p => p.Key == "kind").ToList()), Kinds[_random.Next(Kinds.Length)]);
                break;
            case 4:
                SetValue(Pick(properties.Where(p => p.Owner[p.Key] is JsonValue v && v.TryGetValue(out double _)).ToList()),
                    new[] { -1, 0, 1, 2, 3, 7, 8, 64, 4096, int.MaxValue, long.MaxValue }[_random.Next(11)]);
                break;
            case 5:
                if (Pick(properties) is { } removed)
                {
                    removed.Owner.Remove(removed.Key);
                }

                break;
            case 6:
            case 7:
                Duplicate(Pick(arrays.Where(a => a.Count > 0 && a[0] is JsonObject).ToList()));
                break;
            case 8:
                SetValue(Pick(properties.Where(p => p.Owner[p.Key] is JsonValue v && v.TryGetValue(out bool _)).ToList()), _random.Next(2) == 0);
                break;
            default:
                // An annotation or its arguments naming something else.
                SetValue(Pick(properties.Where(p => p.Key == "name" && p.Owner.ContainsKey("arguments")).ToList()),
                    new[] { "short_call", "handle", "single_threaded", "out_handle", "in_buffer", "out_buffer", "status", "unknown" }[_random.Next(8)]);
                if (Pick(arrays.Where(a => a.Parent is JsonObject o && o.ContainsKey("arguments") && a == o["arguments"]).ToList()) is { } arguments)
                {
                    arguments.Clear();
                    for (int i = _random.Next(3); i > 0; i--)
                    {
                        arguments.Add(names.Count == 0 ? "x" : names[_random.Next(names.Count)]);
                    }
                }

                break;
        }
    }

    private void Rename((JsonObject Owner, string Key)? property, List<string> names)
    {
        if (property is null)
        {
            return;
        }

        string name = _random.Next(3) switch
        {
            0 when names.Count > 0 => names[_random.Next(names.Count)],
            1 when property.Value.Owner[property.Value.Key] is JsonValue v && v.TryGetValue(out string? old) => Variant(old!),
            _ => AwkwardNames[_random.Next(AwkwardNames.Length)],
        };
        property.Value.Owner[property.Value.Key] = name;
    }

    /// <summary>A name that differs from <paramref name="name"/> in C but may not after C# naming.</summary>
    private string Variant(string name) => _random.Next(5) switch
    {
        0 => name.ToUpperInvariant(),
        1 => name.Replace("_", string.Empty, StringComparison.Ordinal),
        2 => name + "_t",
        3 => name + "_",
        _ => "_" + name,
    };

    private void Duplicate(JsonArray? array)
    {
        if (array is null)
        {
            return;
        }

        JsonNode copy = array[_random.Next(array.Count)]!.DeepClone();
        array.Insert(_random.Next(array.Count + 1), copy);
    }

    private static void SetValue((JsonObject Owner, string Key)? property, JsonNode value)
    {
        if (property is not null)
        {
            property.Value.Owner[property.Value.Key] = value;
        }
    }

    private (JsonObject Owner, string Key)? Pick(List<(JsonObject Owner, string Key)> items) =>
        items.Count == 0 ? null : items[_random.Next(items.Count)];

    private JsonArray? Pick(List<JsonArray> items) => items.Count == 0 ? null : items[_random.Next(items.Count)];

    private static void Walk(JsonNode? node, List<(JsonObject, string)> properties, List<JsonArray> arrays)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (KeyValuePair<string, JsonNode?> pair in obj.ToList())
                {
                    // The schema version stays: a wrong one is one diagnostic and hides everything else.
                    if (pair.Key != "schemaVersion")
                    {
                        properties.Add((obj, pair.Key));
                    }

                    Walk(pair.Value, properties, arrays);
                }

                break;
            case JsonArray array:
                arrays.Add(array);
                foreach (JsonNode? item in array)
                {
                    Walk(item, properties, arrays);
                }

                break;
        }
    }

    private static void Collect(JsonNode? node, List<string> names)
    {
        var properties = new List<(JsonObject Owner, string Key)>();
        Walk(node, properties, []);
        foreach ((JsonObject owner, string key) in properties)
        {
            if (key is "name" or "typedef" && owner[key] is JsonValue value && value.TryGetValue(out string? name))
            {
                names.Add(name!);
            }
        }
    }
}
