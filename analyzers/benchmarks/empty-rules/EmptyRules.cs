using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace StretchBindings.EmptyRules;

// Each mirrors the Initialize of the analyzer it is named after; keep the registrations in step with it.
#if !(SHAPE_START || SHAPE_SYMBOL || SHAPE_SYNTAX || SHAPE_OPERATION)

[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EmptySharedAcrossThreads : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Rule = EmptyDescriptors.Make("EMPTY1001");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            start.RegisterOperationAction(_ => { }, OperationKind.Await);
            start.RegisterOperationAction(_ => { }, OperationKind.Invocation, OperationKind.ObjectCreation, OperationKind.EventAssignment);
        });
    }
}

[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EmptyReachableFromAnyThread : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Rule = EmptyDescriptors.Make("EMPTY1002");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            start.RegisterSymbolAction(_ => { }, SymbolKind.Field, SymbolKind.Property);
            start.RegisterOperationAction(_ => { }, OperationKind.FieldReference, OperationKind.PropertyReference);
            start.RegisterCompilationEndAction(_ => { });
        });
    }
}

[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EmptyGCTransition : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Rule = EmptyDescriptors.Make("EMPTY1003");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterAdditionalFileAction(_ => { });
        context.RegisterCompilationStartAction(start => start.RegisterSymbolAction(_ => { }, SymbolKind.Method));
    }
}

#endif

internal static class EmptyDescriptors
{
    // A warning, as ours are: the compiler does not run an analyzer whose every rule is hidden or turned off.
    public static DiagnosticDescriptor Make(string id) =>
        new(id, "Never reported", "Never reported", "Benchmark", DiagnosticSeverity.Warning, isEnabledByDefault: true);
}
