using StretchBindings.Manifest;
using StretchBindings.Scanner.Clang;

namespace StretchBindings.Scanner.Scanning;

/// <summary>What the scan reports: declarations it cannot express, warnings and errors with their places.</summary>
internal sealed partial class ScanSession
{
    private readonly List<NativeUnsupported> _unsupported = [];
    private readonly List<ScanDiagnostic> _errors = [];
    private readonly List<ScanDiagnostic> _warnings = [];

    private void AddUnsupported(CXCursor cursor, string kind, string reason)
    {
        // A tagless struct, union or enum is "(anonymous)" whichever libclang spells it (16 and later use its typedef's name).
        bool tagless = cursor.Kind is CXCursorKind.StructDecl or CXCursorKind.UnionDecl or CXCursorKind.EnumDecl && TypeDescriber.HasNoTag(cursor);
        string name = tagless ? string.Empty : cursor.Spelling();
        _unsupported.Add(new NativeUnsupported(name.Length > 0 ? name : "(anonymous)", kind, reason, Location(cursor)));
    }

    private void AddDiagnostic(DiagnosticSeverity severity, string message, CXCursor at)
    {
        (nint file, int line, int column) = LibClang.clang_getCursorLocation(at).ExpansionLocation();
        string? path = file == nint.Zero ? null : ClangExtensions.FileName(file);
        var diagnostic = new ScanDiagnostic(severity, message, path, line, column);
        (severity == DiagnosticSeverity.Error ? _errors : _warnings).Add(diagnostic);
    }

    private void AddError(string message, NativeLocation? location) =>
        _errors.Add(location is null
            ? new ScanDiagnostic(DiagnosticSeverity.Error, message)
            : new ScanDiagnostic(DiagnosticSeverity.Error, message,
                FullPath(location.File), location.Line, location.Column));

    // Locations are relative to the base directory, but for a sidecar's, which the manifest may record by name alone.
    private string FullPath(string file) =>
        _sidecar is not null && file == _sidecar.RelativePath ? _sidecar.Path : Path.GetFullPath(Path.Combine(_baseDirectory, file));
}
