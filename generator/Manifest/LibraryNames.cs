using System;

namespace StretchBindings.Manifest;

/// <summary>
/// The one rule by which a library named in C# (<c>[NativeKernel("z")]</c>, <c>[NativeLibrary]</c>,
/// <c>DllImport</c>) matches a manifest's library: both names are normalised and compared ordinally.
/// </summary>
internal static class LibraryNames
{
    /// <summary>Whether <paramref name="first"/> and <paramref name="second"/> name the same library.</summary>
    public static bool Match(string? first, string? second) =>
        first is { Length: > 0 } && second is { Length: > 0 } && string.Equals(Normalize(first), Normalize(second), StringComparison.Ordinal);

    /// <summary>
    /// The name a library is known by, whichever way it is spelled: the directory, version suffixes
    /// (<c>.so.1.2</c>), the extension (<c>.so</c>, <c>.dll</c>, <c>.dylib</c>) and a leading <c>lib</c>
    /// are dropped (a lower-case <c>lib</c> only) and the rest is lower-cased, so <c>stretch</c>, <c>libstretch.so.1</c>,
    /// <c>./lib/stretch.dll</c> and <c>libstretch.dylib</c> are all <c>stretch</c>.
    /// </summary>
    public static string Normalize(string library)
    {
        string name = library;
        int separator = Math.Max(name.LastIndexOf('/'), name.LastIndexOf('\\'));
        if (separator >= 0)
        {
            name = name.Substring(separator + 1);
        }

        while (true)
        {
            int dot = name.LastIndexOf('.');
            if (dot <= 0)
            {
                break;
            }

            string suffix = name.Substring(dot + 1);
            if (IsAllDigits(suffix)
                || suffix.Equals("so", StringComparison.OrdinalIgnoreCase)
                || suffix.Equals("dll", StringComparison.OrdinalIgnoreCase)
                || suffix.Equals("dylib", StringComparison.OrdinalIgnoreCase))
            {
                name = name.Substring(0, dot);
                continue;
            }

            break;
        }

        if (name.Length > 3 && name.StartsWith("lib", StringComparison.Ordinal))
        {
            name = name.Substring(3);
        }

        return name.ToLowerInvariant();
    }

    private static bool IsAllDigits(string text)
    {
        if (text.Length == 0)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (c < '0' || c > '9')
            {
                return false;
            }
        }

        return true;
    }
}
