using StretchBindings.Generator.Diagnostics;
using StretchBindings.Generator.Helpers;
using StretchBindings.Manifest;

namespace StretchBindings.Generator.Bindings;

/// <summary>
/// One manifest handed to the compiler, read and resolved: where its class goes and what it declares.
/// <see cref="Manifest"/> is null when the file could not be read (the reason is in <see cref="Diagnostics"/>).
/// </summary>
internal sealed record ManifestInput(
    string Path,
    string Namespace,
    string ClassName,
    string Library,
    NativeManifest? Manifest,
    EquatableArray<DiagnosticInfo> Diagnostics)
{
    /// <summary>The raw class's accessibility: <c>public</c>, or that of a <c>[NativeLibrary]</c> class it is projected onto.</summary>
    public string Accessibility { get; init; } = "public";

    /// <summary>The header the build scanned the manifest from, when it says (metadata <c>NativeHeader</c>).</summary>
    public string? HeaderPath { get; init; }

    /// <summary>Whether the raw class registers its imports for named load failures (<see cref="Emit.LoadCheckEmitter"/>).</summary>
    public bool LoadCheck { get; init; } = true;
}

/// <summary>A user's <c>[NativeLibrary("x")]</c> class: where the manifest of library x goes.</summary>
internal sealed record LibraryTarget(string Library, string Namespace, string ClassName, string Accessibility, LocationInfo? Location, string? Problem);

/// <summary>A source file to add.</summary>
internal sealed record GeneratedFile(string HintName, string Source);
