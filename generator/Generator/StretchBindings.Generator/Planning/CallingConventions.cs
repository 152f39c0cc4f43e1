namespace StretchBindings.Generator.Planning;

/// <summary>
/// The one calling-convention table: a manifest's convention name, the
/// <c>System.Runtime.InteropServices.CallingConvention</c> member (and its value, as an attribute
/// argument carries it), and the <c>delegate* unmanaged[…]</c> modifier.
/// </summary>
internal sealed record CallingConventionInfo(string? Manifest, string DllImport, int Value, string? FunctionPointer)
{
    /// <summary>Whether DllImport needs no CallingConvention argument for it (the platform default).</summary>
    public bool IsDefault => DllImport is "Cdecl" or "Winapi";
}

internal static class CallingConventions
{
    private static readonly CallingConventionInfo[] All =
    [
        // Winapi is the platform default, C's on every target the manifests describe.
        new("c", "Cdecl", 2, "Cdecl"),
        new(null, "Winapi", 1, null),
        new("stdcall", "StdCall", 3, "Stdcall"),
        new("thiscall", "ThisCall", 4, "Thiscall"),
        new("fastcall", "FastCall", 5, "Fastcall"),
    ];

    public static CallingConventionInfo Cdecl => All[0];

    /// <summary>The convention of a manifest name (<c>"c"</c>, <c>"stdcall"</c>…), or null when .NET has none.</summary>
    public static CallingConventionInfo? FromManifest(string name)
    {
        foreach (CallingConventionInfo info in All)
        {
            if (info.Manifest == name)
            {
                return info;
            }
        }

        return null;
    }

    /// <summary>The convention of a DllImport member name (as a kernel model stores it).</summary>
    public static CallingConventionInfo? FromDllImport(string name)
    {
        foreach (CallingConventionInfo info in All)
        {
            if (info.DllImport == name)
            {
                return info;
            }
        }

        return null;
    }

    /// <summary>The convention of a <c>CallingConvention</c> value; unknown values are C's.</summary>
    public static CallingConventionInfo FromValue(int value)
    {
        foreach (CallingConventionInfo info in All)
        {
            if (info.Value == value)
            {
                return info;
            }
        }

        return Cdecl;
    }

    /// <summary>Whether a kernel declared with <paramref name="dllImport"/> calls a function the header declares <paramref name="manifest"/>.</summary>
    public static bool Matches(string dllImport, string manifest) =>
        FromDllImport(dllImport) is { } info && (info.Manifest ?? "c") == manifest;
}
