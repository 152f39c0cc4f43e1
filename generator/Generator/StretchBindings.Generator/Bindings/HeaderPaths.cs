using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using StretchBindings.Generator.Helpers;
using StretchBindings.Manifest;

namespace StretchBindings.Generator.Bindings;

/// <summary>The header a manifest was scanned from, as the build names it (AdditionalFiles metadata <c>NativeHeader</c>).</summary>
internal sealed record HeaderPath(string Manifest, string Header);

internal static class HeaderPaths
{
    private const string Key = "build_metadata.AdditionalFiles.NativeHeader";

    /// <summary>The header of an AdditionalFile that has one, else null.</summary>
    public static HeaderPath? Describe(AdditionalText text, AnalyzerConfigOptionsProvider options) =>
        options.GetOptions(text).TryGetValue(Key, out string? header) && !string.IsNullOrWhiteSpace(header)
            ? new HeaderPath(text.Path, header.Trim())
            : null;

    public static string? Find(EquatableArray<HeaderPath> headers, string manifestPath)
    {
        foreach (HeaderPath header in headers)
        {
            if (string.Equals(header.Manifest, manifestPath, StringComparison.Ordinal))
            {
                return header.Header;
            }
        }

        return null;
    }
}
