using StretchBindings.Scanner.Clang;

namespace StretchBindings.Scanner.Scanning;

/// <summary>Scans a C header with libclang and describes what it declares.</summary>
internal static class HeaderScanner
{
    /// <exception cref="LibClangNotFoundException">libclang or its builtin headers are missing.</exception>
    /// <exception cref="ScanException">The header does not parse, or its annotations are wrong.</exception>
    public static ScanResult Scan(ScanOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        LibClangInfo clang = LibClangLoader.EnsureLoaded();

        string headerPath = Path.GetFullPath(options.HeaderPath);
        if (!File.Exists(headerPath))
        {
            throw new ScanException($"header '{options.HeaderPath}' does not exist");
        }

        if (string.IsNullOrWhiteSpace(options.Library))
        {
            throw new ScanException("a library name is required");
        }

        string baseDirectory = Path.GetFullPath(options.BaseDirectory ?? Path.GetDirectoryName(headerPath)!);
        List<string> arguments = CompilerArguments(options, clang);

        using ClangIndexHandle index = LibClang.clang_createIndex(0, 0);
        using TranslationUnitHandle unit = ClangParser.Parse(
            index,
            headerPath,
            arguments,
            CXTranslationUnitFlags.DetailedPreprocessingRecord | CXTranslationUnitFlags.SkipFunctionBodies);

        List<ScanDiagnostic> errors = ClangParser.Diagnostics(unit, CXDiagnosticSeverity.Error, path => path);
        if (errors.Count > 0)
        {
            throw new ScanException(errors.ConvertAll(e => e with { Message = e.Message + ClangResourceDirectory.MissingBuiltinHint(e.Message, clang.ResourceDirectory) }));
        }

        var session = new ScanSession(options, index, unit, arguments, headerPath, baseDirectory);
        return session.Run();
    }

    /// <summary>The clang command line for a scan (without the file name).</summary>
    internal static List<string> CompilerArguments(ScanOptions options, LibClangInfo clang)
    {
        bool cplusplus = options.Standard == LanguageStandard.Cxx17;
        var arguments = new List<string>
        {
            "-x", cplusplus ? "c++" : "c",
            "-std=" + ScanOptions.StandardFlag(options.Standard),
            "-resource-dir", clang.ResourceDirectory,
            // Report every error, not the first twenty; a header parsed on its own is not a mistake.
            "-ferror-limit=0",
            "-Wno-pragma-once-outside-header",
        };

        // The host's triple when none is given: libclang builds differ in their default spelling.
        string? target = string.IsNullOrWhiteSpace(options.TargetTriple) ? HostTarget.Triple : options.TargetTriple;
        if (target is not null)
        {
            arguments.Add("-target");
            arguments.Add(target);
        }

        foreach (string directory in options.IncludeDirectories)
        {
            arguments.Add("-I" + Path.GetFullPath(directory));
        }

        foreach (string define in options.Defines)
        {
            arguments.Add("-D" + define);
        }

        return arguments;
    }
}
