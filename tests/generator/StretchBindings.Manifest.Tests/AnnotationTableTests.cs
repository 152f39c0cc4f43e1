using System.Text.RegularExpressions;

namespace StretchBindings.Manifest.Tests;

/// <summary>The annotation table against the header that defines the macros, both ways.</summary>
public sealed partial class AnnotationTableTests
{
    private static readonly string AnnotationsHeader = Path.Combine(Repository.Root, "native", "include", "stretchbindings", "annotations.h");

    /// <summary>Every <c>#define SB_X(a, b) SB_ANNOTATE("sb:x(" #a "," #b ")")</c> of annotations.h.</summary>
    private static List<(string Macro, string Name, string[] Parameters, int Stringized)> Macros()
    {
        var macros = new List<(string, string, string[], int)>();
        foreach (Match match in Definition().Matches(File.ReadAllText(AnnotationsHeader)))
        {
            string[] parameters = match.Groups["parameters"].Success
                ? match.Groups["parameters"].Value.Split(',').Select(p => p.Trim()).ToArray()
                : [];
            int stringized = Regex.Matches(match.Groups["expansion"].Value, @"#\s*\w+").Count;
            macros.Add((match.Groups["macro"].Value, match.Groups["name"].Value, parameters, stringized));
        }

        return macros;
    }

    [Fact]
    public void The_header_defines_annotation_macros()
    {
        // Guards the pattern below: a header it no longer matches would make the other tests vacuous.
        Assert.True(Macros().Count >= 7, "annotations.h no longer matches the expected '#define SB_X ... SB_ANNOTATE(\"sb:x...\")' shape");
    }

    [Fact]
    public void Every_macro_is_in_the_table_with_its_arguments()
    {
        foreach ((string macro, string name, string[] parameters, int stringized) in Macros())
        {
            AnnotationDefinition? definition = NativeAnnotationNames.Definition(name);
            Assert.True(definition is not null, $"{macro} writes 'sb:{name}', which generator/Manifest/Annotations.cs does not define");
            Assert.True(parameters.Length == definition.Arguments.Count,
                $"{macro} takes {parameters.Length} argument(s), the table says sb:{name} takes {definition.Arguments.Count}");
            Assert.True(stringized == parameters.Length, $"{macro} does not write each of its arguments into the annotation");
            Assert.Equal(parameters, definition.ArgumentNames);
            Assert.Equal("SB_" + name.ToUpperInvariant(), macro);
        }
    }

    [Fact]
    public void Every_table_entry_has_a_macro()
    {
        HashSet<string> written = Macros().Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        foreach (AnnotationDefinition definition in NativeAnnotationNames.All)
        {
            Assert.True(written.Contains(definition.Name), $"sb:{definition.Name} is in the table but annotations.h has no macro for it");
        }
    }

    [Fact]
    public void The_header_documents_every_annotation()
    {
        string header = File.ReadAllText(AnnotationsHeader);
        int vocabularyEnd = header.IndexOf("*/", StringComparison.Ordinal);
        string vocabulary = header[..vocabularyEnd];
        foreach (AnnotationDefinition definition in NativeAnnotationNames.All)
        {
            Assert.Contains("SB_" + definition.Name.ToUpperInvariant(), vocabulary, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_schema_documents_every_annotation()
    {
        string schema = File.ReadAllText(Path.Combine(Repository.Root, "docs", "manifest-schema.md"));
        foreach (AnnotationDefinition definition in NativeAnnotationNames.All)
        {
            Assert.True(schema.Contains($"| `{definition.Name}` |", StringComparison.Ordinal),
                $"docs/manifest-schema.md has no row for sb:{definition.Name} in its annotation table");
        }
    }

    [Fact]
    public void Names_are_unique_and_have_a_meaning_and_a_place()
    {
        Assert.Equal(NativeAnnotationNames.All.Count, NativeAnnotationNames.All.Select(a => a.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.All(NativeAnnotationNames.All, a =>
        {
            Assert.NotEmpty(a.Meaning);
            Assert.True(a.Place == AnnotationPlace.Parameter || a.Shape == ParameterShape.Any, $"sb:{a.Name}: a parameter shape only applies to a parameter");
            Assert.True(a.Arguments.All(kind => kind != AnnotationArgument.CountParameter) || a.Place == AnnotationPlace.Parameter,
                $"sb:{a.Name}: only a parameter's annotation can name another parameter");
        });
    }

    [Fact]
    public void No_other_source_file_spells_an_annotation_name()
    {
        string[] roots = ["generator", "analyzers"];
        string table = Path.GetFullPath(Path.Combine(Repository.Root, "generator", "Manifest", "Annotations.cs"));
        var offenders = new List<string>();
        foreach (string file in roots.SelectMany(root => Directory.EnumerateFiles(Path.Combine(Repository.Root, root), "*.cs", SearchOption.AllDirectories)))
        {
            if (Path.GetFullPath(file) == table || file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            {
                continue;
            }

            string text = File.ReadAllText(file);
            foreach (AnnotationDefinition definition in NativeAnnotationNames.All)
            {
                if (SpellsAnnotation(text, definition.Name))
                {
                    offenders.Add($"{Path.GetRelativePath(Repository.Root, file)}: \"{definition.Name}\"");
                }
            }
        }

        Assert.True(offenders.Count == 0, "use the constants of NativeAnnotationNames instead:\n" + string.Join("\n", offenders));
    }

    // A name with an underscore is nothing but an annotation; "status" and "handle" are also ordinary
    // words of generated code, so for those only a comparison or a table key counts.
    private static bool SpellsAnnotation(string text, string name) =>
        text.Contains($"\"sb:{name}", StringComparison.Ordinal)
        || (name.Contains('_', StringComparison.Ordinal)
            ? text.Contains($"\"{name}\"", StringComparison.Ordinal)
            : Regex.IsMatch(text, $@"(==|!=|\bcase|\bis|\bor|\[)\s*""{Regex.Escape(name)}"""));

    [GeneratedRegex(@"^#define\s+(?<macro>SB_\w+)(\((?<parameters>[^)]*)\))?\s+(?<expansion>SB_ANNOTATE\(""sb:(?<name>\w+).*)$", RegexOptions.Multiline)]
    private static partial Regex Definition();
}
