using System;

namespace StretchBindings.Manifest;

/// <summary>The manifest's version and how a build tells a manifest from other files, for every stage.</summary>
internal static class ManifestSchema
{
    /// <summary>Bumped whenever a reader of an older manifest would misread a newer one.</summary>
    public const int Version = 2;

    /// <summary>
    /// The oldest version still read: version 2 gave bit-field records their fields (version 1 marked
    /// them unsupported), which version 2 readers still understand.
    /// </summary>
    public const int OldestReadableVersion = 1;

    /// <summary>The file name ending of a manifest: <c>&lt;library&gt;.native.json</c>.</summary>
    public const string FileSuffix = ".native.json";

    /// <summary>The SourceItemType <c>&lt;NativeHeader&gt;</c> gives the manifests it hands to the compiler.</summary>
    public const string ItemType = "NativeManifest";

    /// <summary>The analyzer config key under which the compiler passes an AdditionalFile's SourceItemType.</summary>
    public const string SourceItemTypeKey = "build_metadata.AdditionalFiles.SourceItemType";

    /// <summary>
    /// Whether an AdditionalFile is a manifest: the build marked it (SourceItemType NativeManifest) or its
    /// name ends in <c>.native.json</c>. Both comparisons ignore case.
    /// </summary>
    public static bool IsManifest(string path, string? sourceItemType) =>
        string.Equals(sourceItemType, ItemType, StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(FileSuffix, StringComparison.OrdinalIgnoreCase);
}
