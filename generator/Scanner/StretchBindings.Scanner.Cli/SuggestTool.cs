using StretchBindings.Manifest;
using StretchBindings.Scanner.Clang;
using StretchBindings.Scanner.Scanning;
using StretchBindings.Scanner.Sidecar;

namespace StretchBindings.Scanner.Cli;

/// <summary>
/// <c>sb-scan suggest</c>: scans an unannotated header and writes a starter annotation sidecar whose
/// entries each carry their evidence and are marked for review; <c>sb-scan sidecar-schema</c> prints
/// the sidecar's JSON schema.
/// </summary>
internal static class SuggestTool
{
    public const string Usage =
        """
        Usage: sb-scan suggest <header> -o <name.sidecar.json> [options]
               sb-scan sidecar-schema

        Reads a header that has no annotations and proposes them from names and signatures: handle
        types with create/destroy, out-handle parameters, pointer + count buffers, status enums with
        their message function, short calls. Every entry carries its evidence and "review": true, so
        nothing applies until a person has checked it and removed the mark.

        Options:
          -o, --output <file>     sidecar to write; required
          --review-table <file>   also write the suggestions one a row (TSV) with verdict columns to fill in
          --schema <reference>    the $schema the sidecar names (default: the published schema's id)
          -I <dir>, -D <NAME[=VALUE]>, --std <standard>
                                  as for 'scan'
        """;

    public static bool Handles(string[] args) => args.Length > 0 && args[0] is "suggest" or "sidecar-schema";

    public static int Run(string[] args, TextWriter output, TextWriter errors)
    {
        if (args[0] == "sidecar-schema")
        {
            output.Write(SidecarSchema.Generate());
            return ScanTool.Success;
        }

        string? header = null;
        string? target = null;
        string? table = null;
        string schema = SidecarSchema.Id;
        var includes = new List<string>();
        var defines = new List<string>();
        LanguageStandard standard = LanguageStandard.C11;
        try
        {
            for (int i = 1; i < args.Length; i++)
            {
                string argument = args[i];
                string Next() => i + 1 < args.Length ? args[++i] : throw new UsageException($"option '{argument}' needs a value");
                switch (argument)
                {
                    case "-o" or "--output":
                        target = Next();
                        break;
                    case "--review-table":
                        table = Next();
                        break;
                    case "--schema":
                        schema = Next();
                        break;
                    case "--std":
                        string text = Next();
                        if (!ScanOptions.TryParseStandard(text, out standard))
                        {
                            throw new UsageException($"unknown --std '{text}': use one of {ScanOptions.StandardNames}");
                        }

                        break;
                    case "-h" or "--help":
                        output.WriteLine(Usage);
                        return ScanTool.Success;
                    case "-I" or "-D":
                        (argument == "-I" ? includes : defines).Add(Next());
                        break;
                    default:
                        if (argument.StartsWith("-I", StringComparison.Ordinal) || argument.StartsWith("-D", StringComparison.Ordinal))
                        {
                            (argument[1] == 'I' ? includes : defines).Add(argument[2..]);
                        }
                        else if (argument.StartsWith('-') || header is not null)
                        {
                            throw new UsageException($"unexpected argument '{argument}'");
                        }
                        else
                        {
                            header = argument;
                        }

                        break;
                }
            }

            if (header is null || target is null)
            {
                throw new UsageException(header is null ? "no header given" : "-o <name.sidecar.json> is required");
            }
        }
        catch (UsageException exception)
        {
            errors.WriteLine($"sb-scan: {exception.Message}\n{Usage}");
            return ScanTool.UsageError;
        }

        try
        {
            ScanResult result = HeaderScanner.Scan(new ScanOptions
            {
                HeaderPath = header,
                Library = Path.GetFileNameWithoutExtension(header),
                IncludeDirectories = includes,
                Defines = defines,
                Standard = standard,
            });
            List<Suggestion> suggestions = Suggester.Suggest(result.Manifest);
            File.WriteAllText(target, SidecarWriter.Write(suggestions, schema));
            if (table is not null)
            {
                File.WriteAllText(table, SidecarWriter.WriteReviewTable(suggestions));
            }

            NativeManifest m = result.Manifest;
            output.WriteLine(
                $"sb-scan: {m.Header}: {suggestions.Count} suggestions for {m.Functions.Count} functions " +
                $"({string.Join(", ", suggestions.GroupBy(s => s.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}"))}); " +
                $"{Suggester.CountStrings(m)} const char* strings bound as UTF-8 without annotation; every entry is marked for review");
            return ScanTool.Success;
        }
        catch (LibClangNotFoundException exception)
        {
            errors.WriteLine($"sb-scan: {exception.Message}");
            return ScanTool.LibClangMissing;
        }
        catch (ScanException exception)
        {
            foreach (ScanDiagnostic diagnostic in exception.Diagnostics.Distinct())
            {
                errors.WriteLine(diagnostic.ToString());
            }

            return ScanTool.HeaderErrors;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            errors.WriteLine($"sb-scan: cannot write '{target}': {exception.Message}");
            return ScanTool.OutputError;
        }
    }
}
