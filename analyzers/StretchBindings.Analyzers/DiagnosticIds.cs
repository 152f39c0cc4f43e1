namespace StretchBindings.Analyzers;

/// <summary>The diagnostic IDs and the diagnostic properties the code fixes read. Shared by source with the code fixes.</summary>
internal static class DiagnosticIds
{
    public const string SharedAcrossThreads = "SB1001";
    public const string ReachableFromAnyThread = "SB1002";
    public const string UnsafeGCTransitionSuppression = "SB1003";
    public const string MissingGCTransitionSuppression = "SB1004";
    public const string UnreadableManifest = "SB1005";

    /// <summary>SB1001: how the delegate runs, one of the <c>LaunchKind</c> values below.</summary>
    public const string LaunchKindProperty = "LaunchKind";

    /// <summary>SB1001: the API that runs the delegate, such as <c>Parallel.For</c>.</summary>
    public const string LaunchApiProperty = "LaunchApi";

    public const string SelfConcurrentLaunch = "SelfConcurrent";
    public const string SideBySideLaunch = "SideBySide";
    public const string BackgroundLaunch = "Background";

    /// <summary>SB1001: the instance is handed to a method that starts the work; no code fix applies.</summary>
    public const string HandedOnLaunch = "HandedOn";

    /// <summary>SB1002: the field or property the other uses lock on, when the use without it can take it with <c>lock</c>.</summary>
    public const string LockNameProperty = "LockName";

    /// <summary>SB1002: the documentation ID of that lock, so that the fix takes the same one.</summary>
    public const string LockIdProperty = "LockId";
}
