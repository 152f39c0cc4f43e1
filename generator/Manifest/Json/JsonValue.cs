using System.Collections.Generic;
using System.Globalization;

namespace StretchBindings.Json;

internal enum JsonKind
{
    Null,
    Boolean,
    Number,
    String,
    Array,
    Object,
}

/// <summary>A parsed JSON value. Numbers keep their text so that 64-bit integers stay exact.</summary>
internal abstract class JsonValue
{
    public abstract JsonKind Kind { get; }

    /// <summary>Where the value starts in the text, 1-based, for error messages.</summary>
    public int Line { get; init; }

    public int Column { get; init; }
}

internal sealed class JsonNull : JsonValue
{
    public override JsonKind Kind => JsonKind.Null;
}

internal sealed class JsonBoolean(bool value) : JsonValue
{
    public override JsonKind Kind => JsonKind.Boolean;

    public bool Value { get; } = value;
}

internal sealed class JsonNumber(string text) : JsonValue
{
    public override JsonKind Kind => JsonKind.Number;

    /// <summary>The number as written in the document.</summary>
    public string Text { get; } = text;

    public bool IsInteger => Text.IndexOfAny(['.', 'e', 'E']) < 0;

    public bool TryGetInt64(out long value) => long.TryParse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    public bool TryGetUInt64(out ulong value) => ulong.TryParse(Text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    public bool TryGetDouble(out double value) => double.TryParse(Text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
}

internal sealed class JsonString(string value) : JsonValue
{
    public override JsonKind Kind => JsonKind.String;

    public string Value { get; } = value;
}

internal sealed class JsonArray(List<JsonValue> items) : JsonValue
{
    public override JsonKind Kind => JsonKind.Array;

    public IReadOnlyList<JsonValue> Items { get; } = items;
}

internal sealed class JsonObject : JsonValue
{
    private readonly Dictionary<string, JsonValue> _members;

    public JsonObject(List<KeyValuePair<string, JsonValue>> members)
    {
        Members = members;
        _members = new Dictionary<string, JsonValue>(members.Count);
        foreach (KeyValuePair<string, JsonValue> member in members)
        {
            // A repeated key: the last one wins, as in most readers.
            _members[member.Key] = member.Value;
        }
    }

    public override JsonKind Kind => JsonKind.Object;

    /// <summary>Members in document order.</summary>
    public IReadOnlyList<KeyValuePair<string, JsonValue>> Members { get; }

    public JsonValue? this[string key] => _members.TryGetValue(key, out JsonValue? value) ? value : null;
}
