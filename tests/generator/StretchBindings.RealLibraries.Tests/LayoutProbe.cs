using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using StretchBindings.Generator.Model;
using StretchBindings.Manifest;

namespace StretchBindings.RealLibraries.Tests;

/// <summary>
/// Every complete struct and union the generator laid out for a library, against the C compiler: a
/// generated C program that includes the library's header prints sizeof of each and offsetof and
/// sizeof of each field (into nested records and the first element of arrays), compared with what
/// the runtime gives the generated C# types.
/// </summary>
internal static class LayoutProbe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public sealed record Result(int Structs, int Fields, IReadOnlyList<string> Mismatches);


    public static string CCompiler => File.Exists("/usr/bin/gcc") ? "gcc" : "cc";

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Result>> Results = new();

    /// <summary>The library's result, measured once per test run (the layout and coverage tests share it).</summary>
    public static Result Check(RealLibrary library) => Results.GetOrAdd(library.Name, _ => new Lazy<Result>(() => Measure(library))).Value;

    private static Result Measure(RealLibrary library)
    {
        LibraryModel model = library.Plan();
        NativeManifest manifest = library.Manifest;
        Assembly assembly = typeof(LayoutProbe).Assembly;
        var roots = new List<(Type Type, string CType)>();
        var items = new List<LayoutItem>();
        foreach (RecordModel record in model.Records.Where(r => r.Shape == RecordShape.Complete))
        {
            string name = record.QualifiedName.Replace("global::", string.Empty, StringComparison.Ordinal);
            string typeName = library.Namespace + "." + name[(library.Namespace.Length + 1)..].Replace('.', '+');
            Type type = assembly.GetType(typeName, throwOnError: true)!;
            string cType = manifest.Typedefs.Any(t => t.Name == record.CName) ? record.CName : $"{(record.IsUnion ? "union" : "struct")} {record.CName}";
            roots.Add((type, cType));
            LayoutWalker.Walk(cType, type, type, string.Empty, 0, items);
        }

        Dictionary<string, string> c = RunC(library, roots, items);
        var mismatches = new List<string>();
        foreach ((Type type, string cType) in roots)
        {
            Compare(mismatches, $"sizeof({cType})", c[$"S|{cType}"], LayoutWalker.SizeOf(type));
        }

        foreach (LayoutItem item in items)
        {
            Compare(mismatches, $"offsetof({item.Root}, {item.Designator})", c[$"O|{item.Root}|{item.Designator}"], item.Offset);
            Compare(mismatches, $"sizeof(({item.Root}){{}}.{item.Designator})", c[$"Z|{item.Root}|{item.Designator}"], item.Size);
        }

        return new Result(roots.Count, items.Count, mismatches);
    }

    private static void Compare(List<string> mismatches, string what, string c, long managed)
    {
        if (long.Parse(c, CultureInfo.InvariantCulture) != managed)
        {
            mismatches.Add($"{what}: C says {c}, C# says {managed}");
        }
    }

    private static Dictionary<string, string> RunC(RealLibrary library, List<(Type Type, string CType)> roots, List<LayoutItem> items)
    {
        var source = new StringBuilder();
        source.Append(CultureInfo.InvariantCulture, $"#include <stdio.h>\n#include <stddef.h>\n#include \"{library.Header}\"\n")
            .Append("#define SIZE_OF_MEMBER(T, m) sizeof(((T *)0)->m)\n");

        // A field named like one of the header's macros (libxml2's xmlParserVersion field and macro) is the field here.
        foreach (string member in items.SelectMany(i => i.Designator.Split('.')).Select(m => m.Replace("[0]", string.Empty, StringComparison.Ordinal)).Distinct(StringComparer.Ordinal))
        {
            source.Append(CultureInfo.InvariantCulture, $"#undef {member}\n");
        }

        source.Append("int main(void) {\n");
        foreach ((_, string cType) in roots)
        {
            source.Append(CultureInfo.InvariantCulture, $"    printf(\"S|{cType}=%zu\\n\", sizeof({cType}));\n");
        }

        foreach (LayoutItem item in items)
        {
            source.Append(CultureInfo.InvariantCulture, $"    printf(\"O|{item.Root}|{item.Designator}=%zu\\n\", offsetof({item.Root}, {item.Designator}));\n");
            string size = item.Array is null ? $"SIZE_OF_MEMBER({item.Root}, {item.Designator})" : $"SIZE_OF_MEMBER({item.Root}, {item.Array}) / {item.Divisor}";
            source.Append(CultureInfo.InvariantCulture, $"    printf(\"Z|{item.Root}|{item.Designator}=%zu\\n\", {size});\n");
        }

        source.Append("    return 0;\n}\n");

        using var directory = new TemporaryDirectory("layout-" + library.Name.ToLowerInvariant());
        string program = directory.File("probe.c");
        string executable = directory.File("probe");
        File.WriteAllText(program, source.ToString());
        var arguments = new List<string> { "-std=gnu11", "-w" };
        foreach (string include in library.IncludeDirectories)
        {
            arguments.AddRange(["-I", include]);
        }

        // The definitions the header was scanned with: the layouts were taken under them.
        arguments.AddRange(library.Manifest.Defines.Select(d => "-D" + d));

        arguments.AddRange(["-o", executable, program]);
        ProcessResult compiled = ProcessRunner.Run(CCompiler, arguments, directory.Path, Timeout);
        Assert.True(compiled.ExitCode == 0, $"{CCompiler} could not compile the layout program of {library.Name}:\n{compiled.Combined}");
        ProcessResult run = ProcessRunner.Run(executable, [], directory.Path, Timeout);
        Assert.Equal(0, run.ExitCode);
        return run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
    }
}
