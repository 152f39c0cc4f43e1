// What the compiler's command line gives analyzers, rebuilt with public API: assemblies loaded from their paths,
// additional files read from disk, and the options of .editorconfig and global config files.
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace StretchBindings.AnalyzerTimer;

sealed class PathLoader : IAnalyzerAssemblyLoader
{
    public void AddDependencyLocation(string fullPath) { }
    public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
}

sealed class FileText(string path) : AdditionalText
{
    public override string Path { get; } = path;
    public override SourceText GetText(CancellationToken cancellationToken = default) =>
        SourceText.From(File.ReadAllText(Path));
}

static class AnalyzerConfigs
{
    public static AnalyzerConfigSet Load(ImmutableArray<string> paths) =>
        AnalyzerConfigSet.Create(paths.Select(p => AnalyzerConfig.Parse(File.ReadAllText(p), p)).ToImmutableArray());
}

sealed class ConfigOptionsProvider(AnalyzerConfigSet set)
    : AnalyzerConfigOptionsProvider
{
    private readonly Dictionary<string, AnalyzerConfigOptions> _byPath = new();

    public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(set.GlobalConfigOptions.AnalyzerOptions);

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => For(tree.FilePath);

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => For(textFile.Path);

    private AnalyzerConfigOptions For(string path)
    {
        lock (_byPath)
        {
            if (!_byPath.TryGetValue(path, out var options))
                _byPath[path] = options = new Options(set.GetOptionsForSourcePath(path).AnalyzerOptions);
            return options;
        }
    }

    private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) =>
            values.TryGetValue(key, out value);
    }
}
