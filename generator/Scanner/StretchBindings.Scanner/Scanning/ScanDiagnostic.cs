namespace StretchBindings.Scanner.Scanning;

public enum DiagnosticSeverity
{
    Warning,
    Error,
}

/// <summary>A problem found while scanning, placed at a file, line and column where one is known.</summary>
public sealed record ScanDiagnostic(DiagnosticSeverity Severity, string Message, string? File = null, int Line = 0, int Column = 0)
{
    private string SeverityText => Severity == DiagnosticSeverity.Error ? "error" : "warning";

    /// <summary>The compiler form: <c>file:line:column: error: message</c>.</summary>
    public override string ToString() => File is null
        ? $"{SeverityText}: {Message}"
        : $"{File}:{Line}:{Column}: {SeverityText}: {Message}";

    /// <summary>The form MSBuild recognises: <c>file(line,column): error CODE: message</c>.</summary>
    public string ToMSBuildString(string code) => File is null
        ? $"sb-scan : {SeverityText} {code}: {Message}"
        : $"{File}({Line},{Column}): {SeverityText} {code}: {Message}";
}
