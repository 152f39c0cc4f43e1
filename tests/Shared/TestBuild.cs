namespace StretchBindings.Tests.Shared;

/// <summary>Facts about the build the tests run in.</summary>
internal static class TestBuild
{
    /// <summary>The configuration's folder name under artifacts/bin/&lt;project&gt;/, as the SDK writes it.</summary>
    public static string Configuration =>
#if DEBUG
        "debug";
#else
        "release";
#endif
}
