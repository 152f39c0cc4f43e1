using Microsoft.CodeAnalysis;

namespace StretchBindings.Generator.Diagnostics;

/// <summary>Every diagnostic of the generator: IDs SBG0001 and up, each documented in docs/diagnostics.</summary>
internal static class DiagnosticDescriptors
{
    private const string ManifestCategory = "StretchBindings.Manifest";
    private const string BindingCategory = "StretchBindings.Binding";
    private const string KernelCategory = "StretchBindings.Kernel";
    // Relative to the repository root: the project has no public address yet.
    private const string HelpLinkBase = "docs/diagnostics/";

    public static readonly DiagnosticDescriptor ManifestUnreadable = Create(
        "SBG0001",
        "The native manifest cannot be read",
        "The native manifest '{0}' cannot be read: {1}",
        ManifestCategory,
        DiagnosticSeverity.Error);

    private static readonly string ManifestVersions =
        $"{StretchBindings.Manifest.ManifestSchema.OldestReadableVersion} to {StretchBindings.Manifest.ManifestSchema.Version}";

    public static readonly DiagnosticDescriptor ManifestSchemaVersion = Create(
        "SBG0002",
        "The native manifest has an unknown schema version",
        "The native manifest '{0}' has schema version {1}; this generator reads versions " + ManifestVersions,
        ManifestCategory,
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor ManifestInvalid = Create(
        "SBG0003",
        "The native manifest does not follow the schema",
        "The native manifest '{0}' does not follow the schema: {1}",
        ManifestCategory,
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor DeclarationSkipped = Create(
        "SBG0004",
        "A native declaration cannot be bound",
        "The {0} '{1}' is not bound: {2}",
        BindingCategory,
        DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor NameClash = Create(
        "SBG0005",
        "A generated name clashes with another",
        "The name '{0}' of {1} clashes with {2}; it is generated as '{3}'",
        BindingCategory,
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor ShortCallUnsafe = Create(
        "SBG0006",
        "A short call cannot skip the GC transition",
        "'{0}' cannot skip the GC transition: {1}",
        BindingCategory,
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnsafeBlocksRequired = Create(
        "SBG0007",
        "Native bindings need unsafe code",
        "StretchBindings generates code with pointers: set <AllowUnsafeBlocks>true</AllowUnsafeBlocks> in the project",
        BindingCategory,
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor DuplicateClass = Create(
        "SBG0008",
        "Two manifests name the same class",
        "The manifests '{0}' and '{1}' both generate the class '{2}'; give one another ClassName",
        BindingCategory,
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor GeneratorFailure = Create(
        "SBG0009",
        "The generator failed",
        "StretchBindings could not generate code for '{0}': {1}",
        BindingCategory,
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor KernelDeclarationInvalid = Create(
        "SBG0010",
        "A native kernel declaration has the wrong shape",
        "The native kernel '{0}' {1}",
        KernelCategory,
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor KernelTypeUnsupported = Create(
        "SBG0011",
        "A native kernel uses a type that cannot cross the boundary",
        "The {0} of native kernel '{1}' has the type '{2}', which cannot be passed to native code: {3}",
        KernelCategory,
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor KernelSignatureMismatch = Create(
        "SBG0012",
        "A native kernel does not match its header",
        "The native kernel '{0}' does not match the header ({1}). Header: {2}. Declaration: {3}.",
        KernelCategory,
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor KernelNotInManifest = Create(
        "SBG0013",
        "A native kernel names a function its library's manifest lacks",
        "The manifest of library '{0}' declares no function '{1}'; the declaration is not checked",
        KernelCategory,
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor KernelVariadic = Create(
        "SBG0014",
        "A variadic argument has a type C promotes",
        "The native kernel '{0}' passes {2} to the '...' of '{1}': a variadic argument must be an int-sized or wider integer, a pointer or a double (C promotes float to double and smaller integers to int), and not by reference",
        KernelCategory,
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor ShortCallNotApplied = Create(
        "SBG0015",
        "A short-call annotation is not applied",
        "'{0}' is annotated short_call but keeps the GC transition: {1}",
        BindingCategory,
        DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor LibraryTargetInvalid = Create(
        "SBG0016",
        "A [NativeLibrary] class has the wrong shape",
        "The class '{0}' cannot take the manifest of library '{1}': {2}",
        BindingCategory,
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor LibraryTargetWithoutManifest = Create(
        "SBG0017",
        "A [NativeLibrary] class names a library without a manifest",
        "No manifest of library '{0}' is part of the compilation, so nothing is generated into '{1}'; add a <NativeHeader> item or the manifest as an AdditionalFile",
        BindingCategory,
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor KernelVariadicPlatforms = Create(
        "SBG0018",
        "A variadic function is called through a fixed-arity kernel",
        "'{0}' calls the variadic '{1}' through a thunk that sets what x64 (System V and Windows) adds for '...'; on Linux arm64 it calls it directly; on Apple arm64, Windows arm64 and 32-bit targets, which pass variadic arguments elsewhere, the call throws PlatformNotSupportedException",
        KernelCategory,
        DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor SharedRecordDiffers = Create(
        "SBG0021",
        "Two manifests of one namespace lay out a struct of another header differently",
        "The struct '{0}' of another header is held by value here and in '{1}', both generated into namespace '{2}', but with different layouts (other defines or another target); one C# type cannot have both, so it is generated from '{1}' only. Give one of the manifests a namespace of its own.",
        BindingCategory,
        DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor StatusNotApplied = Create(
        "SBG0025",
        "A status result annotation is not applied",
        "The {0} annotation of '{1}' is not applied, so its result is not checked: {2}",
        BindingCategory,
        DiagnosticSeverity.Warning);

    private static DiagnosticDescriptor Create(string id, string title, string message, string category, DiagnosticSeverity severity) =>
        new(id, title, message, category, severity, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + id + ".md");
}
