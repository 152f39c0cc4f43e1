using System.Globalization;
using System.Text;

namespace StretchBindings.Scanner.Tests.Infrastructure;

/// <summary>
/// Asks a C compiler (clang, else cc) for sizeof, _Alignof and offsetof by compiling and running
/// a small program: the layout a native caller really sees, independently of libclang.
/// </summary>
internal static class LayoutProbe
{
    public sealed record Layout(long Size, long Align, IReadOnlyDictionary<string, long> Offsets);

    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromMinutes(3);

    public static string Compiler { get; } = FindCompiler();

    /// <param name="header">Header to include.</param>
    /// <param name="types">C type expressions (e.g. "struct padded", "z_stream") and the fields whose offsets to report.</param>
    public static IReadOnlyDictionary<string, Layout> Measure(
        string header, IReadOnlyDictionary<string, IReadOnlyList<string>> types, params string[] includeDirectories)
    {
        using TemporaryDirectory directory = TestPaths.CreateTemporaryDirectory();
        var source = new StringBuilder();
        source.Append("#include <stdio.h>\n#include <stddef.h>\n#include \"").Append(header).Append("\"\nint main(void) {\n");
        foreach ((string type, IReadOnlyList<string> fields) in types)
        {
            source.Append(CultureInfo.InvariantCulture, $"    printf(\"T|{type}|%zu|%zu\\n\", sizeof({type}), (size_t)_Alignof({type}));\n");
            foreach (string field in fields)
            {
                source.Append(CultureInfo.InvariantCulture, $"    printf(\"F|{type}|{field}|%zu\\n\", offsetof({type}, {field}));\n");
            }
        }

        source.Append("    return 0;\n}\n");
        string program = directory.File("probe.c");
        string executable = directory.File("probe");
        File.WriteAllText(program, source.ToString());

        var arguments = new List<string> { "-std=c11", "-o", executable, program };
        arguments.AddRange(includeDirectories.Select(d => "-I" + d));
        ProcessResult compiled = ProcessRunner.Run(Compiler, arguments, Environment.CurrentDirectory, ProcessTimeout);
        Assert.True(compiled.ExitCode == 0, $"{Compiler} failed to compile the layout probe:\n{compiled.Combined}");

        ProcessResult run = ProcessRunner.Run(executable, [], Environment.CurrentDirectory, ProcessTimeout);
        Assert.Equal(0, run.ExitCode);

        var sizes = new Dictionary<string, (long Size, long Align)>();
        var offsets = new Dictionary<string, Dictionary<string, long>>();
        foreach (string line in run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] parts = line.Split('|');
            if (parts[0] == "T")
            {
                sizes[parts[1]] = (long.Parse(parts[2], CultureInfo.InvariantCulture), long.Parse(parts[3], CultureInfo.InvariantCulture));
                offsets[parts[1]] = [];
            }
            else
            {
                offsets[parts[1]][parts[2]] = long.Parse(parts[3], CultureInfo.InvariantCulture);
            }
        }

        return sizes.ToDictionary(s => s.Key, s => new Layout(s.Value.Size, s.Value.Align, offsets[s.Key]));
    }

    private static string FindCompiler()
    {
        string[] candidates = ["clang", "clang-14", "cc", "gcc", "gcc-12"];
        foreach (string candidate in candidates)
        {
            foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries))
            {
                string path = Path.Combine(directory, candidate);
                if (File.Exists(path))
                {
                    return path;
                }
            }
        }

        return "cc";
    }
}
