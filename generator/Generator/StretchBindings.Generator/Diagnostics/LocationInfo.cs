using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace StretchBindings.Generator.Diagnostics;

/// <summary>
/// A source location as plain values, so that models can carry it without holding a syntax tree
/// (and with it a whole Compilation) across pipeline steps.
/// </summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

    public static LocationInfo? From(Location? location)
    {
        if (location is null || location.SourceTree is null)
        {
            return null;
        }

        return new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
    }

    /// <summary>A position in an additional file (a manifest), 1-based line and column.</summary>
    public static LocationInfo InFile(string path, int line, int column)
    {
        var position = new LinePosition(System.Math.Max(line - 1, 0), System.Math.Max(column - 1, 0));
        return new LocationInfo(path, default, new LinePositionSpan(position, position));
    }
}
