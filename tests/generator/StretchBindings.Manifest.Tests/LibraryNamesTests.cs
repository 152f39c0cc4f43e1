namespace StretchBindings.Manifest.Tests;

public sealed class LibraryNamesTests
{
    [Theory]
    [InlineData("stretch", "stretch")]
    [InlineData("libstretch.so", "stretch")]
    [InlineData("libstretch.so.1.2", "stretch")]
    [InlineData("./native/libstretch.dylib", "stretch")]
    [InlineData("C:\\bin\\Stretch.dll", "stretch")]
    [InlineData("z", "z")]
    [InlineData("libz.so.1", "z")]
    [InlineData("lib", "lib")]
    [InlineData("Library.dll", "library")]
    public void Library_names_are_normalized(string spelled, string normalized)
    {
        Assert.Equal(normalized, LibraryNames.Normalize(spelled));
    }

    [Theory]
    [InlineData("z", "z", true)]
    [InlineData("z", "libz.so.1", true)]
    [InlineData("Stretch", "stretch", true)]
    [InlineData("z", "zlib", false)]
    [InlineData("", "", false)]
    [InlineData(null, "z", false)]
    public void Names_match_when_their_normal_forms_are_equal(string? first, string? second, bool match)
    {
        Assert.Equal(match, LibraryNames.Match(first, second));
        Assert.Equal(match, LibraryNames.Match(second, first));
    }
}
