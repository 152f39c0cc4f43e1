namespace StretchBindings.RealLibraries.Tests;

/// <summary>Every struct each library's bindings lay out has gcc's size and offsets.</summary>
public sealed class LayoutTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(RealLibrary.Names), MemberType = typeof(RealLibrary))]
    public void Every_bound_struct_matches_the_C_compiler(string name)
    {
        RealLibrary library = RealLibrary.Named(name);
        Assert.True(File.Exists(library.Header), $"{library.Header} is missing: apt-get install {library.Package} (.ci/run installs it)");
        LayoutProbe.Result result = LayoutProbe.Check(library);
        output.WriteLine($"{name}: {result.Structs} structs, {result.Fields} fields checked against {LayoutProbe.CCompiler}");
        Assert.True(result.Mismatches.Count == 0, string.Join("\n", result.Mismatches));
    }
}
