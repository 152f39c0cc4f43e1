using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using StretchBindings.Analyzers.Concurrency;

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
            SingleThreadedTypes? types = SingleThreadedTypes.Create(start.Compilation, start.Options.AdditionalFiles, start.CancellationToken);
            if (types is null)
            {
                return;
            }

            var apis = new ConcurrencyApis(start.Compilation);
            if (!apis.CanStartConcurrentWork)
            {
                return;
            }

            var analysis = new CompilationAnalysis(types, apis);
            start.RegisterOperationAction(analysis.AnalyzeCandidate, OperationKind.Invocation, OperationKind.ObjectCreation, OperationKind.EventAssignment);
        });
    }

    private sealed class CompilationAnalysis
    {
        private readonly SingleThreadedTypes _types;
        private readonly ConcurrencyApis _apis;

        // Nested launches (a Task.Run inside a Parallel.For body) can find the same use; report it once.
        private readonly ConcurrentDictionary<Location, byte> _reported = new();

        public CompilationAnalysis(SingleThreadedTypes types, ConcurrencyApis apis)
        {
            _types = types;
            _apis = apis;
        }

        /// <summary>Looks closer only at calls and creations whose names can start concurrent work; most are rejected here.</summary>
        public void AnalyzeCandidate(OperationAnalysisContext context)
        {
            bool candidate = context.Operation switch
            {
                IInvocationOperation invocation =>
                    ConcurrencyApis.IsLaunchMethodName(invocation.TargetMethod.Name)
                    || invocation.TargetMethod.ContainingType.Name == "ParallelEnumerable",
                IObjectCreationOperation creation => creation.Type?.Name is "Thread" or "Task" or "Timer",
                IEventAssignmentOperation subscription => subscription.Adds && subscription.EventReference is IEventReferenceOperation { Event.Name: "Elapsed" },
                _ => false,
            };
            if (candidate)
            {
                Analyze(context.Operation, context.ReportDiagnostic);
            }
        }

        private void Analyze(IOperation operation, Action<Diagnostic> report)
        {
            Launch? launch = _apis.Classify(operation);
            if (launch is null)
            {
                return;
            }

            var captures = new List<Dictionary<ISymbol, List<IOperation>>>(launch.Delegates.Length);
            foreach (IOperation body in launch.Delegates)
            {
                captures.Add(VariableUses.CapturedSingleThreaded(body, _types));
            }

            switch (launch.Kind)
            {
                case LaunchKind.SelfConcurrent:
                    AnalyzeSelfConcurrent(report, launch, captures);
                    break;
                case LaunchKind.SideBySide:
                    AnalyzeSideBySide(report, launch, captures);
                    break;
                default:
                    AnalyzeBackground(report, launch, captures);
                    break;
            }
        }

        private void AnalyzeSelfConcurrent(Action<Diagnostic> report, Launch launch, List<Dictionary<ISymbol, List<IOperation>>> captures)
        {
            foreach (KeyValuePair<ISymbol, List<IOperation>> variable in Merge(captures))
            {
                if (!VariableUses.ShareALock(variable.Value))
                {
                    Report(report, launch, variable.Key, variable.Value[0], null, $"'{launch.ApiName}' runs its delegates on several threads at once");
                }
            }
        }

        private void AnalyzeSideBySide(Action<Diagnostic> report, Launch launch, List<Dictionary<ISymbol, List<IOperation>>> captures)
        {
            var firstUser = new Dictionary<ISymbol, IOperation>(SymbolEqualityComparer.Default);
            var done = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            foreach (Dictionary<ISymbol, List<IOperation>> capture in captures)
            {
                foreach (KeyValuePair<ISymbol, List<IOperation>> variable in capture)
                {
                    if (!firstUser.TryGetValue(variable.Key, out IOperation? earlier))
                    {
                        firstUser.Add(variable.Key, variable.Value[0]);
                        continue;
                    }

                    if (!done.Add(variable.Key))
                    {
                        continue;
                    }

                    var allUses = new List<IOperation>();
                    foreach (Dictionary<ISymbol, List<IOperation>> other in captures)
                    {
                        if (other.TryGetValue(variable.Key, out List<IOperation>? uses))
                        {
                            allUses.AddRange(uses);
                        }
                    }

                    if (!VariableUses.ShareALock(allUses))
                    {
                        Report(report, launch, variable.Key, variable.Value[0], earlier, $"'{launch.ApiName}' runs the actions that use it at the same time");
                    }
                }
            }
        }

        private void AnalyzeBackground(Action<Diagnostic> report, Launch launch, List<Dictionary<ISymbol, List<IOperation>>> captures)
        {
            Dictionary<ISymbol, List<IOperation>> inDelegate = Merge(captures);
            ISymbol? handedOver = null;
            if (launch.StateArgument is { } state
                && VariableUses.ReferencedVariable(state) is { } stateVariable
                && _types.IsSingleThreaded(state.Type))
            {
                handedOver = stateVariable;
                if (!inDelegate.ContainsKey(stateVariable))
                {
                    inDelegate.Add(stateVariable, new List<IOperation>());
                }
            }

            if (inDelegate.Count == 0)
            {
                return;
            }

            IOperation root = OperationHelpers.Root(launch.Operation);
            IOperation? startingFunction = OperationHelpers.EnclosingFunction(launch.Operation);
            IOperation startingScope = startingFunction ?? root;
            int launchEnd = launch.LaunchPoint.Syntax.Span.End;
            List<WaitPoint> waits = FindWaits(launch, startingFunction, startingScope);

            foreach (KeyValuePair<ISymbol, List<IOperation>> variable in inDelegate)
            {
                ISymbol symbol = variable.Key;
                List<IOperation> delegateUses = variable.Value;
                List<StartingCodeUse> startingUses = FindStartingCodeUses(symbol, launch, startingScope);

                var concurrent = new List<StartingCodeUse>();
                foreach (StartingCodeUse use in startingUses)
                {
                    if (use.Position >= launchEnd && !IsWaitedBefore(waits, launchEnd, use.Position))
                    {
                        concurrent.Add(use);
                    }
                }

                IOperation? repeatScope = FindRepeatScope(launch, symbol, startingFunction);
                bool repeats = repeatScope is not null && !IsWaitedInside(waits, launchEnd, repeatScope, allowAwait: repeatScope is ILoopOperation);
                if (!repeats && concurrent.Count == 0)
                {
                    continue;
                }

                if (delegateUses.Count > 0)
                {
                    var guarded = new List<IOperation>(delegateUses);
                    bool disposes = false;
                    foreach (StartingCodeUse use in concurrent)
                    {
                        guarded.Add(use.Operation);
                        disposes |= use.IsDispose;
                    }

                    if (!disposes && VariableUses.ShareALock(guarded))
                    {
                        continue;
                    }
                }

                IOperation reportAt = delegateUses.Count > 0 ? delegateUses[0] : launch.StateArgument!;
                string reason;
                IOperation? other = null;
                if (repeats)
                {
                    reason = repeatScope is ILoopOperation
                        ? $"the delegate of '{launch.ApiName}' is started again on each pass of the loop while earlier ones may still be running"
                        : $"the delegate of '{launch.ApiName}' is started once per element, and those runs overlap";
                }
                else
                {
                    StartingCodeUse first = concurrent[0];
                    other = first.Operation;
                    int line = first.Operation.Syntax.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                    string what = first.IsDispose ? "disposes it" : "uses it again";
                    reason = $"the delegate of '{launch.ApiName}' uses it on another thread while the code that started it {what} "
                        + $"(line {line.ToString(CultureInfo.InvariantCulture)}) without waiting for that work";
                }

                if (handedOver is not null && SymbolEqualityComparer.Default.Equals(handedOver, symbol) && delegateUses.Count == 0)
                {
                    reportAt = launch.StateArgument!;
                }

                Report(report, launch, symbol, reportAt, other, reason);
            }
        }

        /// <summary>Uses of the variable by the code that started the work, including the implicit dispose of a <c>using</c>.</summary>
        private static List<StartingCodeUse> FindStartingCodeUses(ISymbol variable, Launch launch, IOperation scope)
        {
            var uses = new List<StartingCodeUse>();
            foreach (IOperation use in VariableUses.UsesOf(variable, scope))
            {
                if (IsPartOfLaunch(use, launch))
                {
                    continue;
                }

                uses.Add(new StartingCodeUse(use, use.Syntax.SpanStart, isDispose: false));
            }

            if (variable is ILocalSymbol local)
            {
                foreach (IOperation operation in OperationHelpers.DescendantsAndSelf(scope))
                {
                    int? disposeAt = operation switch
                    {
                        IUsingDeclarationOperation declaration when Declares(declaration.DeclarationGroup, local) =>
                            (declaration.Syntax.Parent ?? declaration.Syntax).Span.End - 1,
                        IUsingOperation { Resources: IVariableDeclarationGroupOperation group } statement when Declares(group, local) =>
                            statement.Syntax.Span.End - 1,
                        _ => null,
                    };
                    if (disposeAt is int position)
                    {
                        uses.Add(new StartingCodeUse(operation, position, isDispose: true));
                    }
                }
            }

            return uses;
        }

        private static bool Declares(IVariableDeclarationGroupOperation group, ILocalSymbol local)
        {
            foreach (IVariableDeclarationOperation declaration in group.Declarations)
            {
                foreach (IVariableDeclaratorOperation declarator in declaration.Declarators)
                {
                    if (SymbolEqualityComparer.Default.Equals(declarator.Symbol, local))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool IsPartOfLaunch(IOperation use, Launch launch)
        {
            foreach (IOperation body in launch.Delegates)
            {
                if (OperationHelpers.IsInside(use, body))
                {
                    return true;
                }
            }

            return launch.StateArgument is { } state && OperationHelpers.IsInside(use, state);
        }

        private static bool IsWaitedBefore(List<WaitPoint> waits, int launchEnd, int usePosition)
        {
            foreach (WaitPoint wait in waits)
            {
                if (wait.Position >= launchEnd && wait.Position <= usePosition)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsWaitedInside(List<WaitPoint> waits, int launchEnd, IOperation scope, bool allowAwait)
        {
            foreach (WaitPoint wait in waits)
            {
                if (wait.Position >= launchEnd && (allowAwait || !wait.IsAwait) && OperationHelpers.IsInside(wait.Operation, scope))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A loop around the start that the variable outlives, or a lambda around it that is called once per element:
        /// then the delegate is started several times with the same instance.
        /// </summary>
        private IOperation? FindRepeatScope(Launch launch, ISymbol variable, IOperation? startingFunction)
        {
            for (IOperation? current = launch.LaunchPoint.Parent; current is not null && current != startingFunction; current = current.Parent)
            {
                if (current is ILoopOperation loop && !OperationHelpers.IsDeclaredInside(variable, loop))
                {
                    return loop;
                }
            }

            if (startingFunction is IAnonymousFunctionOperation lambda
                && !OperationHelpers.IsDeclaredInside(variable, lambda)
                && _apis.IsCalledPerElement(lambda))
            {
                return lambda;
            }

            return null;
        }

        /// <summary>The points in the starting code after which the started work is known to be finished.</summary>
        private List<WaitPoint> FindWaits(Launch launch, IOperation? startingFunction, IOperation scope)
        {
            var waits = new List<WaitPoint>();
            ILocalSymbol? handle = null;

            IOperation value = ClimbTaskChain(OperationHelpers.ClimbConversions(launch.Operation));
            if (WaitOn(value) is { } direct)
            {
                waits.Add(direct);
            }
            else
            {
                handle = ConcurrencyApis.StoredInLocal(value) ?? CollectionAddedTo(value);
                if (CombinatorAround(value) is { } combinator)
                {
                    waits.Add(combinator);
                }
            }

            foreach (IOperation operation in scope.Descendants())
            {
                if (OperationHelpers.EnclosingFunction(operation) != startingFunction)
                {
                    continue;
                }

                if (handle is not null
                    && operation is ILocalReferenceOperation reference
                    && SymbolEqualityComparer.Default.Equals(reference.Local, handle))
                {
                    IOperation handleValue = ClimbTaskChain(OperationHelpers.ClimbConversions(reference));
                    if ((WaitOn(handleValue) ?? CombinatorAround(handleValue)) is { } wait)
                    {
                        waits.Add(wait);
                    }
                }
                else if (_apis.IsSynchronizationWait(operation))
                {
                    waits.Add(new WaitPoint(operation, operation.Syntax.Span.End, operation is IAwaitOperation));
                }
            }

            return waits;
        }

        // ConfigureAwait, ContinueWith and Unwrap keep the identity of "the started work" for waiting purposes.
        private static IOperation ClimbTaskChain(IOperation value)
        {
            IOperation current = value;
            while (current.Parent is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" or "ContinueWith" or "Unwrap" } chained
                && chained.Instance == current)
            {
                current = OperationHelpers.ClimbConversions(chained);
            }

            return current;
        }

        /// <summary>A wait applied directly to a task or thread value: await, Wait(), Join(), Result, GetAwaiter().GetResult().</summary>
        private static WaitPoint? WaitOn(IOperation value)
        {
            switch (value.Parent)
            {
                case IAwaitOperation awaitOperation:
                    return new WaitPoint(awaitOperation, awaitOperation.Syntax.Span.End, isAwait: true);
                case IInvocationOperation { TargetMethod.Name: "Wait" or "Join" } blocking when blocking.Instance == value:
                    return new WaitPoint(blocking, blocking.Syntax.Span.End, isAwait: false);
                case IPropertyReferenceOperation { Property.Name: "Result" } result when result.Instance == value:
                    return new WaitPoint(result, result.Syntax.Span.End, isAwait: false);
                case IInvocationOperation { TargetMethod.Name: "GetAwaiter" } awaiter when awaiter.Instance == value
                    && awaiter.Parent is IInvocationOperation { TargetMethod.Name: "GetResult" } getResult:
                    return new WaitPoint(getResult, getResult.Syntax.Span.End, isAwait: false);
                default:
                    return null;
            }
        }

        /// <summary><c>Task.WaitAll</c> / <c>Task.WhenAll</c> somewhere in the arguments of which the value appears.</summary>
        private WaitPoint? CombinatorAround(IOperation value)
        {
            for (IOperation? current = value.Parent; current is not null; current = current.Parent)
            {
                if (current is IArgumentOperation argument && IsTaskCombinator(argument.Parent) is { } wait)
                {
                    return wait;
                }

                if (current is IBlockOperation or IAnonymousFunctionOperation or IExpressionStatementOperation)
                {
                    return null;
                }
            }

            return null;
        }

        private WaitPoint? IsTaskCombinator(IOperation? operation)
        {
            if (operation is not IInvocationOperation { TargetMethod.Name: "WaitAll" or "WhenAll" } combinator
                || !_apis.IsTaskClass(combinator.TargetMethod.ContainingType))
            {
                return null;
            }

            if (combinator.TargetMethod.Name == "WhenAll")
            {
                IOperation result = ClimbTaskChain(OperationHelpers.ClimbConversions(combinator));
                if (WaitOn(result) is { } wait)
                {
                    return wait;
                }
            }

            return new WaitPoint(combinator, combinator.Syntax.Span.End, isAwait: false);
        }

        /// <summary>The local collection a task is added to (<c>tasks.Add(Task.Run(...))</c>), which is then waited as a whole.</summary>
        private static ILocalSymbol? CollectionAddedTo(IOperation value)
        {
            return value.Parent is IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "Add", Instance: ILocalReferenceOperation collection } }
                ? collection.Local
                : null;
        }

        private static Dictionary<ISymbol, List<IOperation>> Merge(List<Dictionary<ISymbol, List<IOperation>>> captures)
        {
            if (captures.Count == 1)
            {
                return captures[0];
            }

            var merged = new Dictionary<ISymbol, List<IOperation>>(SymbolEqualityComparer.Default);
            foreach (Dictionary<ISymbol, List<IOperation>> capture in captures)
            {
                foreach (KeyValuePair<ISymbol, List<IOperation>> variable in capture)
                {
                    if (!merged.TryGetValue(variable.Key, out List<IOperation>? uses))
                    {
                        uses = new List<IOperation>();
                        merged.Add(variable.Key, uses);
                    }

                    uses.AddRange(variable.Value);
                }
            }

            foreach (List<IOperation> uses in merged.Values)
            {
                uses.Sort(static (left, right) => left.Syntax.SpanStart.CompareTo(right.Syntax.SpanStart));
            }

            return merged;
        }

        private void Report(Action<Diagnostic> report, Launch launch, ISymbol variable, IOperation at, IOperation? other, string reason)
        {
            Location location = at.Syntax.GetLocation();
            if (!_reported.TryAdd(location, 0))
            {
                return;
            }

            string kind = launch.Kind switch
            {
                LaunchKind.SelfConcurrent => DiagnosticIds.SelfConcurrentLaunch,
                LaunchKind.SideBySide => DiagnosticIds.SideBySideLaunch,
                _ => DiagnosticIds.BackgroundLaunch,
            };
            ImmutableDictionary<string, string?> properties = ImmutableDictionary<string, string?>.Empty
                .Add(DiagnosticIds.LaunchKindProperty, kind)
                .Add(DiagnosticIds.LaunchApiProperty, launch.ApiName);
            IEnumerable<Location>? additional = other is null ? null : new[] { other.Syntax.GetLocation() };
            string typeName = at.Type?.Name ?? VariableType(variable)?.Name ?? "?";
            report(Diagnostic.Create(
                Descriptors.SharedAcrossThreads, location, additional, properties, variable.Name, typeName, reason));
        }

        private static ITypeSymbol? VariableType(ISymbol variable) => variable switch
        {
            ILocalSymbol local => local.Type,
            IParameterSymbol parameter => parameter.Type,
            IFieldSymbol field => field.Type,
            IPropertySymbol property => property.Type,
            _ => null,
        };
    }

    private sealed class WaitPoint
    {
        public WaitPoint(IOperation operation, int position, bool isAwait)
        {
            Operation = operation;
            Position = position;
            IsAwait = isAwait;
        }

        public IOperation Operation { get; }

        /// <summary>Source position after which the work is finished.</summary>
        public int Position { get; }

        public bool IsAwait { get; }
    }

    private sealed class StartingCodeUse
    {
        public StartingCodeUse(IOperation operation, int position, bool isDispose)
        {
            Operation = operation;
            Position = position;
            IsDispose = isDispose;
        }

        public IOperation Operation { get; }

        public int Position { get; }

        /// <summary>The implicit <c>Dispose</c> at the end of a <c>using</c> scope.</summary>
        public bool IsDispose { get; }
    }
}
