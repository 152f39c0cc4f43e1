using StretchBindings.Scanner.Scanning;

namespace StretchBindings.Scanner.Tests;

public sealed class DocCommentTests
{
    [Theory]
    [InlineData("/** One line. */", "One line.")]
    [InlineData("/// First\n/// second", "First\nsecond")]
    [InlineData("/**\n * Creates.\n * @param x   the x.\n *              continued\n */", "Creates.\n@param x   the x.\n             continued")]
    [InlineData("/*! Qt style */", "Qt style")]
    [InlineData("/**< trailing member doc */", "trailing member doc")]
    [InlineData("/**\r\n * Windows line ends.\r\n */", "Windows line ends.")]
    [InlineData("/*****************\n * Boxed\n *****************/", "Boxed")]
    public void Markers_and_leading_asterisks_are_removed(string raw, string expected) =>
        Assert.Equal(expected, DocComments.Clean(raw));

    [Theory]
    [InlineData("One line.", "One line.")]
    [InlineData("Creates it.\n@param x the x.", "Creates it.")]
    [InlineData("First paragraph\nwraps here.\n\nSecond paragraph.", "First paragraph wraps here.")]
    [InlineData("Details first.\n@brief The summary\n  goes on.\n@return zero", "The summary goes on.")]
    [InlineData("\\brief Backslash form.", "Backslash form.")]
    public void Brief_is_the_explicit_brief_or_the_first_paragraph(string text, string expected) =>
        Assert.Equal(expected, DocComments.Brief(text));
}
