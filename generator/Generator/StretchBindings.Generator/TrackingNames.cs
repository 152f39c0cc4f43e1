namespace StretchBindings.Generator;

/// <summary>Names of the pipeline steps, so that tests can check which ones ran.</summary>
internal static class TrackingNames
{
    public const string ManifestFiles = nameof(ManifestFiles);
    public const string Manifests = nameof(Manifests);
    public const string LibraryTargets = nameof(LibraryTargets);
    public const string PlacedManifests = nameof(PlacedManifests);
    public const string Bindings = nameof(Bindings);
    public const string ManifestClasses = nameof(ManifestClasses);
    public const string DuplicateClasses = nameof(DuplicateClasses);
    public const string SharedRecords = nameof(SharedRecords);
    public const string AllowUnsafe = nameof(AllowUnsafe);
    public const string Kernels = nameof(Kernels);
    public const string KernelOutputs = nameof(KernelOutputs);
    public const string AllKernelOutputs = nameof(AllKernelOutputs);
}
