using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace StretchBindings.Analyzers.ReachableFromAnyThread;

/// <summary>
/// Where a member's code runs, followed back through the members of the type that call it (four calls deep): on
/// a started thread when it is, or is called by, a started member; and on a caller's thread when it is, or is called
/// by, a member code outside the object can call (an instance method or accessor that is not private, or an explicit
/// interface implementation), but for the members that start a thread (what they do before the start runs alone)
/// and those that wait for the object's own thread or task (<c>_thread.Join()</c>, <c>_task.Wait()</c>). Only calls
/// count: a method group handed to a start, or a call inside a lambda, runs where the delegate runs.
/// </summary>
internal sealed class SelfStartedOrigins
{
    private const int MaxDepth = 4;
    private readonly INamedTypeSymbol _type;
    private readonly Compilation _compilation;
    private readonly List<SelfStartedThreads.Start> _starts;
    private readonly Dictionary<ISymbol, List<ISymbol>> _callers = new(SymbolEqualityComparer.Default);
    private TypeReferences? _references;

    public SelfStartedOrigins(INamedTypeSymbol type, List<SelfStartedThreads.Start> starts, Compilation compilation)
    {
        _type = type;
        _starts = starts;
        _compilation = compilation;
    }

    /// <summary>
    /// Finds, for the code of <paramref name="member"/>, a start whose member reaches it (<paramref name="running"/>)
    /// and a member outside code can call that reaches it (<paramref name="caller"/>); either is null when none does.
    /// </summary>
    public void Of(ISymbol member, out SelfStartedThreads.Start? running, out ISymbol? caller)
    {
        running = null;
        caller = null;
        var seen = new HashSet<ISymbol>(SymbolEqualityComparer.Default) { member };
        var level = new List<ISymbol> { member };
        for (int depth = 0; depth <= MaxDepth && level.Count > 0; depth++)
        {
            var next = new List<ISymbol>();
            foreach (ISymbol current in level)
            {
                running ??= StartOf(current);
                if (caller is null && IsCallerEntry(current))
                {
                    caller = current;
                }

                if (running is not null && caller is not null)
                {
                    return;
                }

                if (depth < MaxDepth)
                {
                    foreach (ISymbol callingMember in CallersOf(current))
                    {
                        if (seen.Add(callingMember))
                        {
                            next.Add(callingMember);
                        }
                    }
                }
            }

            level = next;
        }
    }

    /// <summary>
    /// The start whose lambda <paramref name="use"/> is written in (directly, or in a lambda or local function inside
    /// it), or null: such a use runs on the started thread whatever member it is written in.
    /// </summary>
    public SelfStartedThreads.Start? LambdaOf(Location use)
    {
        for (SyntaxNode? function = OneThreadOrigin.EnclosingFunction(use); function is not null; function = OneThreadOrigin.EnclosingFunction(function.Parent!))
        {
            foreach (SelfStartedThreads.Start start in _starts)
            {
                if (start.Lambda is { } lambda && lambda.SyntaxTree == function.SyntaxTree && lambda.Span == function.Span)
                {
                    return start;
                }
            }
        }

        return null;
    }

    private SelfStartedThreads.Start? StartOf(ISymbol member)
    {
        foreach (SelfStartedThreads.Start start in _starts)
        {
            if (SymbolEqualityComparer.Default.Equals(start.Entry, member))
            {
                return start;
            }
        }

        return null;
    }

    private bool IsCallerEntry(ISymbol member)
    {
        bool explicitImplementation = member is IMethodSymbol { ExplicitInterfaceImplementations.Length: > 0 }
            || member is IMethodSymbol { AssociatedSymbol: IPropertySymbol { ExplicitInterfaceImplementations.Length: > 0 } };
        if (member is not IMethodSymbol { IsStatic: false } method
            || method.MethodKind is not (MethodKind.Ordinary or MethodKind.PropertyGet or MethodKind.PropertySet or MethodKind.ExplicitInterfaceImplementation)
            || (!explicitImplementation
                && (method.DeclaredAccessibility == Accessibility.Private || method.AssociatedSymbol is { DeclaredAccessibility: Accessibility.Private })))
        {
            return false;
        }

        foreach (SelfStartedThreads.Start start in _starts)
        {
            if (SymbolEqualityComparer.Default.Equals(start.Starter, method) || SymbolEqualityComparer.Default.Equals(start.Entry, method))
            {
                return false;
            }
        }

        return !Waits(method, _compilation);
    }

    /// <summary>The members of the type whose code names <paramref name="member"/> (its property, for an accessor).</summary>
    private List<ISymbol> CallersOf(ISymbol member)
    {
        if (_callers.TryGetValue(member, out List<ISymbol>? known))
        {
            return known;
        }

        var callers = new List<ISymbol>();
        _callers.Add(member, callers);
        _references ??= new TypeReferences(_type, _compilation);
        bool method = TypeReferences.Named(member) is IMethodSymbol;
        foreach (SimpleNameSyntax name in _references.Candidates(member))
        {
            // Calls and property uses only, outside lambdas: a method group handed to a start, or a call in a
            // lambda, runs wherever that delegate is run.
            if ((method && TypeReferences.CallOf(name) is null) || OneThreadOrigin.EnclosingFunction(name) is not null
                || !_references.Binds(name, member))
            {
                continue;
            }

            ISymbol? enclosing = _references.ModelOf(name.SyntaxTree).GetEnclosingSymbol(name.SpanStart);
            if (enclosing is not null && !Contains(callers, enclosing.OriginalDefinition))
            {
                callers.Add(enclosing.OriginalDefinition);
            }
        }

        return callers;
    }

    private static bool Contains(List<ISymbol> symbols, ISymbol symbol)
    {
        foreach (ISymbol candidate in symbols)
        {
            if (SymbolEqualityComparer.Default.Equals(candidate, symbol))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the method waits for a thread or task the object keeps: <c>Join</c> or <c>Wait</c> on a field or
    /// property of its type (<c>_loop.Join()</c>, <c>_loop?.Join()</c>), as a stop that ends the object's thread does.
    /// </summary>
    private static bool Waits(IMethodSymbol method, Compilation compilation)
    {
        foreach (SyntaxReference reference in method.DeclaringSyntaxReferences)
        {
            SemanticModel? model = null;
            foreach (SyntaxNode node in reference.GetSyntax().DescendantNodes())
            {
                if (node is not InvocationExpressionSyntax call
                    || call.Expression is not (MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Join" or "Wait" }
                        or MemberBindingExpressionSyntax { Name.Identifier.ValueText: "Join" or "Wait" }))
                {
                    continue;
                }

#pragma warning disable RS1030 // At the end of the compilation, for the few members that call a wait.
                model ??= compilation.GetSemanticModel(reference.SyntaxTree);
#pragma warning restore RS1030
                if (model.GetOperation(call) is IInvocationOperation invocation
                    && (MetadataNames.Is(invocation.TargetMethod.ContainingType, "System.Threading.Thread")
                        || MetadataNames.IsDefinition(invocation.TargetMethod.ContainingType, "System.Threading.Tasks.Task")
                        || MetadataNames.IsDefinition(invocation.TargetMethod.ContainingType, "System.Threading.Tasks.Task`1"))
                    && IsOwnMember(Receiver(invocation), method.ContainingType))
                {
                    return true;
                }
            }
        }

        return false;
    }

    // The object a call is made on, through a conditional access (x?.Join()) too.
    private static IOperation? Receiver(IInvocationOperation call)
    {
        if (call.Instance is not IConditionalAccessInstanceOperation)
        {
            return call.Instance;
        }

        for (IOperation? current = call.Parent; current is not null; current = current.Parent)
        {
            if (current is IConditionalAccessOperation conditional)
            {
                return conditional.Operation;
            }
        }

        return null;
    }

    private static bool IsOwnMember(IOperation? receiver, INamedTypeSymbol type)
    {
        ISymbol? member = receiver switch
        {
            IFieldReferenceOperation field => field.Field,
            IPropertyReferenceOperation property => property.Property,
            _ => null,
        };
        return member is not null && SymbolEqualityComparer.Default.Equals(member.ContainingType?.OriginalDefinition, type.OriginalDefinition);
    }
}
