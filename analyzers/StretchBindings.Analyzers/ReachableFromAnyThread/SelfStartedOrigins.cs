using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

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

        return !SelfStartedThreads.Waits(method, _compilation);
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
}
