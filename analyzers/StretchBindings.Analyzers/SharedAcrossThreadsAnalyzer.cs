using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using StretchBindings.Analyzers.Concurrency;
using StretchBindings.Analyzers.SharedAcrossThreads;

namespace StretchBindings.Analyzers;

/// <summary>
/// SB1001: an instance of a single-threaded type, created outside a delegate, is used by that delegate while
/// it can run concurrently with itself, with other delegates, or with the code that started it.
/// </summary>
/// <remarks>
/// The ordering of the code that starts work is approximated by source order inside the function that starts
/// it: a use after the start is concurrent unless a wait for that work (await, Wait, Join, Result,
/// WaitAll/WhenAll, or a blocking wait on a synchronization primitive) comes between them. A start inside a
/// loop, or inside a lambda called once per element, overlaps with itself unless it is waited for in the same
/// pass. Only code written in the delegate is looked at, not the methods it calls.
/// <para>
/// This class finds the launches and hands each to the check for its kind: <see cref="ConcurrentDelegatesCheck"/>
/// for delegates that run at the same time as each other, <see cref="BackgroundLaunchCheck"/> for a delegate that
/// runs beside the code that started it.
/// </para>
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SharedAcrossThreadsAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Descriptors.SharedAcrossThreads);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            ThreadingFacts facts = ThreadingFacts.For(start.Compilation, start.Options, start.CancellationToken);
            if (facts.Types is not { } types || facts.Members is not { } members)
            {
                return;
            }

            // Made on the first call that looks like a launch: most compilations of a large solution have none. It
            // matches the framework types by name as they are met, so making it resolves nothing.
            var apis = new Lazy<ConcurrencyApis>(() => new ConcurrencyApis(), LazyThreadSafetyMode.ExecutionAndPublication);

            // One reporter per compilation: nested launches (a Task.Run inside a Parallel.For body) can find the same use.
            var reporter = new SharedUseReporter();
            var concurrentDelegates = new ConcurrentDelegatesCheck(reporter, members);
            var background = new BackgroundLaunchCheck(types, members, apis, reporter);
            var asyncVoid = new AsyncVoidCheck(types, members, reporter);
            var handOffs = new HandOffs(types, apis);
            start.RegisterOperationAction(
                context => asyncVoid.Check(context.ReportDiagnostic, (IAwaitOperation)context.Operation),
                OperationKind.Await);
            start.RegisterOperationAction(
                context =>
                {
                    if (IsCandidate(context.Operation))
                    {
                        Analyze(context.Operation, context.ContainingSymbol.ContainingType, context.ReportDiagnostic, types, apis.Value, concurrentDelegates, background);
                    }
                    else if (context.Operation is IInvocationOperation call && handOffs.Find(call) is { } handedOn)
                    {
                        background.Check(context.ReportDiagnostic, handedOn, CapturedInstances.Collect(handedOn, types, context.ContainingSymbol.ContainingType));
                    }
                },
                OperationKind.Invocation, OperationKind.ObjectCreation, OperationKind.EventAssignment);
        });
    }

    /// <summary>Calls and creations whose names can start concurrent work; most operations are rejected here, cheaply.</summary>
    internal static bool IsCandidate(IOperation operation) => operation switch
    {
        IInvocationOperation invocation =>
            ConcurrencyApis.IsLaunchMethodName(invocation.TargetMethod.Name)
            || invocation.TargetMethod.ContainingType.Name == "ParallelEnumerable",
        IObjectCreationOperation creation => creation.Type is { } type && ConcurrencyApis.IsLaunchTypeName(type.Name),
        IEventAssignmentOperation subscription => subscription.Adds && subscription.EventReference is IEventReferenceOperation reference
            && ConcurrencyApis.IsLaunchEventName(reference.Event.Name),
        _ => false,
    };

    private static void Analyze(
        IOperation operation,
        INamedTypeSymbol? launchingType,
        Action<Diagnostic> report,
        SingleThreadedTypes types,
        ConcurrencyApis apis,
        ConcurrentDelegatesCheck concurrentDelegates,
        BackgroundLaunchCheck background)
    {
        Launch? launch = apis.Classify(operation);
        if (launch is null)
        {
            return;
        }

        CapturedInstances captures = CapturedInstances.Collect(launch, types, launchingType);
        switch (launch.Kind)
        {
            case LaunchKind.SelfConcurrent:
                concurrentDelegates.CheckSelfConcurrent(report, launch, captures);
                break;
            case LaunchKind.SideBySide:
                concurrentDelegates.CheckSideBySide(report, launch, captures);
                break;
            default:
                background.Check(report, launch, captures);
                break;
        }
    }
}
