namespace StretchBindings.Scanner.Scanning;

public enum DiagnosticSeverity
{
    Warning,
    Error,
    Info,
}

/// <summary>A problem found while scanning, placed at a file, line and column where one is known.</summary>
public sealed record ScanDiagnostic(DiagnosticSeverity Severity, string Message, string? File = null, int Line = 0, int Column = 0)
{
    /// <summary>The ID (<see cref="ScanDiagnosticIds"/>); clang's errors and annotation problems are <see cref="ScanDiagnosticIds.HeaderError"/>.</summary>
    public string Id { get; init; } = ScanDiagnosticIds.HeaderError;

    private string SeverityText => Severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "info",
    };

    /// <summary>The compiler form: <c>file:line:column: error: message</c>.</summary>
    public override string ToString() => File is null
        ? $"{SeverityText}: {Message}"
        : $"{File}:{Line}:{Column}: {SeverityText}: {Message}";

    /// <summary>
    /// The form MSBuild recognises: <c>file(line,column): error ID: message</c>. MSBuild knows only
    /// errors and warnings; an info is the same line with <c>info</c>, which it shows as a message.
    /// </summary>
    public string ToMSBuildString() => File is null
        ? $"sb-scan : {SeverityText} {Id}: {Message}"
        : $"{File}({Line},{Column}): {SeverityText} {Id}: {Message}";
}
