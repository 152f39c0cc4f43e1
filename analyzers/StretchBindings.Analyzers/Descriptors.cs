using Microsoft.CodeAnalysis;
using StretchBindings.Manifest;

namespace StretchBindings.Analyzers;

/// <summary>Every diagnostic the analyzers report. Help texts: docs/diagnostics/&lt;ID&gt;.md.</summary>
internal static class Descriptors
{
    private const string ThreadingCategory = "StretchBindings.Threading";
    private const string InteropCategory = "StretchBindings.Interop";

    public static readonly DiagnosticDescriptor SharedAcrossThreads = new(
        DiagnosticIds.SharedAcrossThreads,
        title: "A single-threaded native instance is used by code that can run concurrently",
        messageFormat: "'{0}' is a '{1}', which is not thread-safe, and {2}",
        category: ThreadingCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "An instance of a type marked [NotThreadSafe] (or listed in NotThreadSafeTypes.txt) must never be used "
            + "by two threads at once. Create it inside the delegate, use the localInit overload of Parallel.For/ForEach, "
            + "wait for the task before touching the instance again, or guard every use with one lock.");

    /// <summary>
    /// Judged from every use of the field and every static of the compilation, so reported at its end: an IDE
    /// shows it with full-solution analysis.
    /// </summary>
    public static readonly DiagnosticDescriptor ReachableFromAnyThread = new(
        DiagnosticIds.ReachableFromAnyThread,
        title: "A single-threaded native instance is stored where any thread can reach it",
        messageFormat: "'{0}' holds a '{1}', which is not thread-safe, where any thread can reach it{2}",
        category: ThreadingCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A static field or property, or a field of an object that is itself reachable from a static, is "
            + "shared by every thread. Mark the static [ThreadStatic], hold the instance in a ThreadLocal<T>, keep "
            + "it in a local or a per-caller object, or take one lock around every use.",
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor UnsafeGCTransitionSuppression = new(
        DiagnosticIds.UnsafeGCTransitionSuppression,
        title: "The GC transition must not be suppressed for this native call",
        messageFormat: "'{0}' must keep its GC transition: {1}",
        category: InteropCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "[SuppressGCTransition] (or ShortCall = true on a native kernel) is only safe for a call that is "
            + "bounded, never blocks and never calls back into managed code. A function the header does not annotate "
            + NativeAnnotationNames.ShortCall + ", one that takes a callback, sets the last error or is variadic can hang the garbage collector "
            + "or corrupt the runtime.");

    public static readonly DiagnosticDescriptor MissingGCTransitionSuppression = new(
        DiagnosticIds.MissingGCTransitionSuppression,
        title: "A short native call can skip the GC transition",
        messageFormat: "'{0}' binds '{1}', which the header annotates " + NativeAnnotationNames.ShortCall + "; add [SuppressGCTransition] to skip the GC transition",
        category: InteropCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "The native header promises that this function is bounded, never blocks and never calls back, and "
            + "the declaration has no parameter that would make skipping the transition unsafe, so "
            + "[SuppressGCTransition] is a free speed-up.");

    public static readonly DiagnosticDescriptor UnreadableManifest = new(
        DiagnosticIds.UnreadableManifest,
        title: "A native manifest could not be read",
        messageFormat: "The native manifest could not be read, so calls into its library are checked without it: {0}",
        category: InteropCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Files ending in .native.json given as AdditionalFiles tell the GC-transition rules which functions "
            + "are annotated " + NativeAnnotationNames.ShortCall + ". A file that is not a version 1 manifest is ignored.");
}
