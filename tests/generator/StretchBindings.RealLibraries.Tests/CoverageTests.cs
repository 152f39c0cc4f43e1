namespace StretchBindings.RealLibraries.Tests;

/// <summary>
/// Every function a library declares is bound or has a reason; with STRETCHBINDINGS_WRITE_COVERAGE=1
/// the table is written to docs/library-coverage.md, otherwise the checked-in one must be current.
/// </summary>
public sealed class CoverageTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_unbound_function_has_a_reason_and_the_table_is_current()
    {
        List<Coverage> all = RealLibrary.All.Select(Coverage.Of).ToList();
        foreach (Coverage c in all)
        {
            output.WriteLine($"{c.Library.Name}: {c.Declared} declared, {c.Bound} bound, {c.Structs} structs / {c.Fields} fields checked, {c.Mismatches} mismatches");
            Assert.True(c.Bound > 0, $"{c.Library.Name}: nothing bound");
            Assert.DoesNotContain(c.Unbound, u => u.Reason == "(no reason given)");
        }

        string markdown = Coverage.Markdown(all, LayoutProbe.CCompiler);
        string path = Path.Combine(Repository.Root, "docs", "library-coverage.md");
        if (Environment.GetEnvironmentVariable("STRETCHBINDINGS_WRITE_COVERAGE") == "1")
        {
            File.WriteAllText(path, markdown);
            output.WriteLine("wrote " + path);
            return;
        }

        Assert.True(File.Exists(path) && File.ReadAllText(path) == markdown,
            $"docs/library-coverage.md is not what these libraries give now: run {Coverage.Command}");
    }
}
