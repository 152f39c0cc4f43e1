using StretchBindings.Manifest;

namespace StretchBindings.Scanner.Scanning;

/// <summary>A scanned header.</summary>
/// <param name="Manifest">What the header declares.</param>
/// <param name="Warnings">Problems that did not stop the scan.</param>
/// <param name="Dependencies">Absolute paths of every file the parse read, for incremental builds.</param>
internal sealed record ScanResult(NativeManifest Manifest, IReadOnlyList<ScanDiagnostic> Warnings, IReadOnlyList<string> Dependencies);
