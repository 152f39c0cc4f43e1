namespace StretchBindings.Scanner.Scanning;

/// <summary>The header could not be scanned; <see cref="Diagnostics"/> says why, each with its place.</summary>
public sealed class ScanException : Exception
{
    public ScanException(IReadOnlyList<ScanDiagnostic> diagnostics)
        : base(string.Join(Environment.NewLine, diagnostics))
    {
        Diagnostics = diagnostics;
    }

    public ScanException(string message)
        : this([new ScanDiagnostic(DiagnosticSeverity.Error, message)])
    {
    }

    public IReadOnlyList<ScanDiagnostic> Diagnostics { get; }
}
