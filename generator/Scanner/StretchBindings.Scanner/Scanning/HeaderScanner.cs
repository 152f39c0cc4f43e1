using StretchBindings.Scanner.Clang;

namespace StretchBindings.Scanner.Scanning;

/// <summary>Scans a C header with libclang and describes what it declares.</summary>
internal static class HeaderScanner
{
    /// <exception cref="LibClangNotFoundException">libclang or its builtin headers are missing.</exception>
    /// <exception cref="ScanException">
    /// The header does not parse, its annotations are wrong, it is not a regular file, or the scan went
    /// past its time or memory limit (<see cref="ScanLimits"/>).
    /// </exception>
    public static ScanResult Scan(ScanOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        LibClangInfo clang = LibClangLoader.EnsureLoaded();

        string headerPath = Path.GetFullPath(options.HeaderPath);
        if (!File.Exists(headerPath))
        {
            throw new ScanException($"header '{options.HeaderPath}' does not exist");
        }

        if (FileKinds.NotRegular(headerPath) is { } kind)
        {
            throw new ScanException([ScanLimits.NotRegular(headerPath, headerPath, kind)]);
        }

        if (string.IsNullOrWhiteSpace(options.Library))
        {
            throw new ScanException("a library name is required");
        }

        string baseDirectory = Path.GetFullPath(options.BaseDirectory ?? Path.GetDirectoryName(headerPath)!);
        return ScanLimits.Run(headerPath, options.TimeLimit, options.MemoryLimitMegabytes, () =>
        {
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
                // A compiler header the scanner's builtin set lacks says so before any dialect hint.
                errors = errors.ConvertAll(e => e with { Message = e.Message + ClangResourceDirectory.MissingBuiltinHint(e.Message, clang.ResourceDirectory) });
                throw new ScanException(ErrorHints.Add(errors, options, clang, index, headerPath));
            }

            var session = new ScanSession(options, index, unit, arguments, headerPath, baseDirectory);
            return session.Run();
        });
    }

    /// <summary>The clang command line for a scan (without the file name).</summary>
    internal static List<string> CompilerArguments(ScanOptions options, LibClangInfo clang)
    {
        bool cplusplus = ScanOptions.IsCxx(options.Standard);
        var arguments = new List<string>
        {
            "-x", cplusplus ? "c++" : "c",
            "-std=" + ScanOptions.StandardFlag(options.Standard),
            "-resource-dir", clang.ResourceDirectory,
            // Report every error, not the first twenty; a header parsed on its own is not a mistake.
            "-ferror-limit=0",
            "-Wno-pragma-once-outside-header",
            // A device read before the scan takes it away (ScanLimits) is lexed as NUL bytes: one
            // warning each would be millions of stored diagnostics.
            "-Wno-null-character",
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

        foreach (string header in options.IncludeFirst)
        {
            arguments.Add("-include");
            arguments.Add(header);
        }

        return arguments;
    }
}
