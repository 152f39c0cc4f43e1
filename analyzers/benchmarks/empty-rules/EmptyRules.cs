using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace StretchBindings.EmptyRules;

/// <summary>
/// An analyzer that registers actions with empty bodies and never reports: configured as ours are (no generated
/// code, concurrent execution), so that what the compiler spends on it is what it spends on any analyzer of the
/// same registrations.
/// </summary>
public abstract class EmptyAnalyzer : DiagnosticAnalyzer
{
    private readonly DiagnosticDescriptor rule;

    // A warning, as ours are: the compiler does not run an analyzer whose every rule is hidden or turned off.
    protected EmptyAnalyzer(string id) =>
        rule = new(id, "Never reported", "Never reported", "Benchmark", DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(rule);

    public sealed override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        Register(context);
    }

    /// <summary>Registers the actions, each with an empty body.</summary>
    protected abstract void Register(AnalysisContext context);
}

// Each mirrors the Initialize of the analyzer it is named after; keep the registrations in step with it.
#if !(SHAPE_START || SHAPE_SYMBOL || SHAPE_SYNTAX || SHAPE_OPERATION)
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EmptySharedAcrossThreads() : EmptyAnalyzer("EMPTY1001")
{
    protected override void Register(AnalysisContext context) =>
        context.RegisterCompilationStartAction(start =>
        {
            start.RegisterOperationAction(_ => { }, OperationKind.Await);
            start.RegisterOperationAction(_ => { }, OperationKind.Invocation, OperationKind.ObjectCreation, OperationKind.EventAssignment);
        });
}

[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EmptyReachableFromAnyThread() : EmptyAnalyzer("EMPTY1002")
{
    protected override void Register(AnalysisContext context) =>
        context.RegisterCompilationStartAction(start =>
        {
            start.RegisterSymbolAction(_ => { }, SymbolKind.Field, SymbolKind.Property);
            start.RegisterOperationAction(_ => { }, OperationKind.FieldReference, OperationKind.PropertyReference);
            start.RegisterCompilationEndAction(_ => { });
        });
}

[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EmptyGCTransition() : EmptyAnalyzer("EMPTY1003")
{
    protected override void Register(AnalysisContext context)
    {
        context.RegisterAdditionalFileAction(_ => { });
        context.RegisterCompilationStartAction(start => start.RegisterSymbolAction(_ => { }, SymbolKind.Method));
    }
}
#endif
