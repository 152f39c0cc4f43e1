using System;
using Microsoft.CodeAnalysis.Text;
using StretchBindings.Generator.Diagnostics;
using StretchBindings.Manifest;

namespace StretchBindings.Generator.Planning;

/// <summary>
/// Places diagnostics about a declaration at its line in the C header, so that the IDE lists them
/// there. A manifest records locations relative to its base directory, and its <c>header</c> relative
/// to the same directory: the base is the header's folder less the header's own relative folder. The
/// header is the one the build scanned (AdditionalFiles metadata <c>NativeHeader</c>) or else the one
/// beside the manifest, where a checked-in manifest lives. Without a header or a location, the
/// diagnostic stays at the top of the manifest.
/// </summary>
internal sealed class HeaderLocations
{
    private readonly string _manifestPath;
    private readonly string? _baseDirectory;

    public HeaderLocations(string manifestPath, string header, string? headerPath)
    {
        _manifestPath = manifestPath;
        if (header.Length == 0)
        {
            return;
        }

        string relative = header.Replace('\\', '/');
        int slash = relative.LastIndexOf('/');
        string headerDirectory = Directory(headerPath ?? Combine(Directory(manifestPath), relative.Substring(slash + 1)));
        string up = slash < 0 ? string.Empty : relative.Substring(0, slash);
        _baseDirectory = StripSuffix(headerDirectory, up);
    }

    public LocationInfo Resolve(NativeLocation? location, string name)
    {
        if (_baseDirectory is null || location is null || location.File.Length == 0 || location.Line < 1)
        {
            return LocationInfo.InFile(_manifestPath, 1, 1);
        }

        string path = Combine(_baseDirectory, location.File.Replace('\\', '/'));
        var start = new LinePosition(location.Line - 1, Math.Max(location.Column - 1, 0));
        var end = new LinePosition(start.Line, start.Character + name.Length);
        return new LocationInfo(path, default, new LinePositionSpan(start, end));
    }

    private static string Directory(string path)
    {
        int slash = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
        return slash < 0 ? string.Empty : path.Substring(0, slash);
    }

    private static string Combine(string directory, string relative) =>
        directory.Length == 0 ? relative : directory.TrimEnd('/', '\\') + "/" + relative;

    /// <summary><c>/a/b/c</c> less <c>b/c</c> is <c>/a</c>; a folder that does not end so stays as it is.</summary>
    private static string StripSuffix(string directory, string suffix)
    {
        if (suffix.Length == 0)
        {
            return directory;
        }

        string normalized = directory.Replace('\\', '/').TrimEnd('/');
        return normalized.EndsWith("/" + suffix, StringComparison.Ordinal)
            ? normalized.Substring(0, normalized.Length - suffix.Length - 1)
            : directory;
    }
}
