namespace StretchBindings.Scanner.Model;

/// <summary>Everything recorded about one header. Lists are sorted by name (ordinal).</summary>
public sealed record NativeManifest
{
    /// <summary>Bumped whenever a consumer of an older manifest would misread a newer one.</summary>
    public const int CurrentSchemaVersion = 1;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    public required string Library { get; init; }

    /// <summary>The scanned header, relative to the base directory (its own directory by default).</summary>
    public required string Header { get; init; }

    /// <summary>Every file whose declarations are recorded, relative to the base directory.</summary>
    public required IReadOnlyList<string> Files { get; init; }
    public required TargetInfo Target { get; init; }

    /// <summary>The <c>-D</c> definitions the header was scanned with, in the order given.</summary>
    public required IReadOnlyList<string> Defines { get; init; }
    public required IReadOnlyList<FunctionInfo> Functions { get; init; }
    public required IReadOnlyList<RecordInfo> Records { get; init; }
    public required IReadOnlyList<EnumInfo> Enums { get; init; }
    public required IReadOnlyList<TypedefInfo> Typedefs { get; init; }
    public required IReadOnlyList<ConstantInfo> Constants { get; init; }
    public required IReadOnlyList<UnsupportedInfo> Unsupported { get; init; }
}
