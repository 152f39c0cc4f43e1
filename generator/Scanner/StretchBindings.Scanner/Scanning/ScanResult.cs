using StretchBindings.Manifest;

namespace StretchBindings.Scanner.Scanning;

/// <summary>A scanned header.</summary>
/// <param name="Manifest">What the header declares.</param>
/// <param name="Warnings">Problems that did not stop the scan.</param>
/// <param name="Dependencies">Absolute paths of every file the parse read, for incremental builds.</param>
/// <remarks><see cref="Warnings"/> holds infos too (<see cref="DiagnosticSeverity.Info"/>).</remarks>
internal sealed record ScanResult(NativeManifest Manifest, IReadOnlyList<ScanDiagnostic> Warnings, IReadOnlyList<string> Dependencies)
{
    /// <summary>Cursors the annotation walk looked at: the scan's work, which grows linearly with the header.</summary>
    public int CursorsWalked { get; init; }
}
