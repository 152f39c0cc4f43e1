using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using StretchBindings.Analyzers.Concurrency;

namespace StretchBindings.Analyzers.ReachableFromAnyThread;

/// <summary>
/// Locks a private member's callers hold for it: a use in a private method or accessor that holds no lock itself
/// holds every lock that all its calls, on this object, are made under (<c>lock (_gate) { Append(frame); }</c>),
/// followed back through private callers that hold none either, a few calls deep. A private getter that returns
/// the instance from inside a lock to callers that lock again is one such use. Read from the type's code at the
/// end of the compilation, only for a field about to be reported.
/// </summary>
internal sealed class CallerLocks
{
    private const int MaxDepth = 3;

    private readonly bool _returned;
    private readonly TypeReferences _references;
    private readonly Dictionary<ISymbol, HashSet<object>?> _known = new(SymbolEqualityComparer.Default);

    private CallerLocks(INamedTypeSymbol type, bool returned, Compilation compilation)
    {
        _returned = returned;
        _references = new TypeReferences(type, compilation);
    }

    /// <summary>Adds to each use that holds no exclusive lock the locks all its member's calls hold.</summary>
    public static void Extend(List<FieldAccess> uses, Compilation compilation)
    {
        // One walk per type the uses are written in (a static's uses may be in several), and per whether the use
        // returns the instance, whose callers then hold it past a lock they return it from.
        var walks = new Dictionary<INamedTypeSymbol, CallerLocks>(SymbolEqualityComparer.Default);
        var returning = new Dictionary<INamedTypeSymbol, CallerLocks>(SymbolEqualityComparer.Default);
        foreach (FieldAccess use in uses)
        {
            if (use.Initializes || use.Exclusive.Count > 0 || use.Member is not IMethodSymbol method
                || OneThreadOrigin.EnclosingFunction(use.Location) is not null)
            {
                continue;
            }

            INamedTypeSymbol type = method.ContainingType.OriginalDefinition;
            Dictionary<INamedTypeSymbol, CallerLocks> kind = use.Returned ? returning : walks;
            if (!kind.TryGetValue(type, out CallerLocks? walk))
            {
                walk = new CallerLocks(type, use.Returned, compilation);
                kind.Add(type, walk);
            }

            if (walk.Held(method, 0) is { Count: > 0 } held)
            {
                use.Exclusive.UnionWith(held);
            }
        }
    }

    /// <summary>The locks held around every call of <paramref name="method"/> on this object; null when not known.</summary>
    private HashSet<object>? Held(IMethodSymbol method, int depth)
    {
        // Too deep tells nothing, and is not remembered: the same member may be asked again from nearer.
        if (depth >= MaxDepth)
        {
            return null;
        }

        if (_known.TryGetValue(method, out HashSet<object>? found))
        {
            return found;
        }

        _known[method] = null;    // a call back into a member still being followed tells nothing
        if (method.DeclaredAccessibility != Accessibility.Private
            || method.MethodKind is not (MethodKind.Ordinary or MethodKind.PropertyGet or MethodKind.PropertySet))
        {
            return null;
        }

        HashSet<object>? common = null;
        foreach (SimpleNameSyntax name in _references.Candidates(method))
        {
            if (!_references.Binds(name, method))
            {
                continue;
            }

            HashSet<object>? here = AtCall(name, _references.ModelOf(name.SyntaxTree), depth);
            if (here is null)
            {
                return null;
            }

            if (common is null)
            {
                common = here;
            }
            else
            {
                common.IntersectWith(here);
            }

            if (common.Count == 0)
            {
                return null;
            }
        }

        _known[method] = common;
        return common;
    }

    /// <summary>The locks held at one reference to the member: a call or property use on this object; null for anything else.</summary>
    private HashSet<object>? AtCall(SimpleNameSyntax name, SemanticModel model, int depth)
    {
        SyntaxNode site = (SyntaxNode?)TypeReferences.CallOf(name) ?? TypeReferences.Expression(name);
        IOperation? operation = model.GetOperation(site);
        IOperation? receiver = operation switch
        {
            IInvocationOperation invocation => invocation.Instance,
            IPropertyReferenceOperation property => property.Instance,
            _ => null,
        };
        if (operation is not (IInvocationOperation or IPropertyReferenceOperation)
            || (receiver is not null && receiver is not IInstanceReferenceOperation))
        {
            // Handed on as a method group, or called on another object, whose locks are its own.
            return null;
        }

        // For a use that returns the instance, the call's result is the instance: returned again, it goes on to
        // this caller's callers, past any lock held here.
        bool handedOn = _returned && OperationHelpers.ClimbConversions(operation).Parent is IReturnOperation;
        var held = new HashSet<object>(HeldLocks.KeyComparer);
        HeldLocks.Collect(operation, held, shared: null);
        if (held.Count > 0)
        {
            return handedOn ? null : held;
        }

        // No lock here: the calling member's own callers, unless the call is in a lambda or local function,
        // which runs wherever that is run.
        if (OneThreadOrigin.EnclosingFunction(site) is not null || model.GetEnclosingSymbol(site.SpanStart) is not IMethodSymbol caller)
        {
            return null;
        }

        return Held(caller.OriginalDefinition, depth + 1) is { } inherited
            ? new HashSet<object>(inherited, HeldLocks.KeyComparer)
            : null;
    }
}
