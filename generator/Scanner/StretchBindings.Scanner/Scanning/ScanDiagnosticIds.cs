namespace StretchBindings.Scanner.Scanning;

/// <summary>
/// Every diagnostic ID the scanner and <c>sb-scan</c> report, each explained in
/// <c>docs/diagnostics/&lt;ID&gt;.md</c>. A build log can be searched for them.
/// </summary>
public static class ScanDiagnosticIds
{
    /// <summary>Error: the header does not parse (clang's own errors) or its annotations are wrong.</summary>
    public const string HeaderError = "SBSCAN001";

    /// <summary>Error: libclang or its builtin headers are missing.</summary>
    public const string LibClangMissing = "SBSCAN002";

    /// <summary>Error: the manifest or the dependency file cannot be written.</summary>
    public const string OutputError = "SBSCAN003";

    /// <summary>Error: the command line is wrong.</summary>
    public const string UsageError = "SBSCAN004";

    /// <summary>Error: a bug in the scanner.</summary>
    public const string InternalError = "SBSCAN005";

    /// <summary>Warning: the header yields no function, with the reason.</summary>
    public const string NoFunctions = "SBSCAN006";

    /// <summary>Info: <c>static inline</c> functions and function-like macros, which no library exports, with their count.</summary>
    public const string NotExported = "SBSCAN007";

    /// <summary>Error: the scan went past its time or memory limit.</summary>
    public const string LimitExceeded = "SBSCAN008";

    /// <summary>Error: the header, or a file it includes, is not a regular file (a device, a FIFO).</summary>
    public const string NotARegularFile = "SBSCAN009";
}
