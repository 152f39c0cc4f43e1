using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StretchBindings.Analyzers.ReachableFromAnyThread;

namespace StretchBindings.Analyzers.Concurrency;

/// <summary>
/// Whether an instance handed to a method can reach work started there or in the methods it is passed on to, read
/// from the text of those methods alone (<see cref="IdentifierSearch"/>), before <see cref="HandOffs"/> binds any body:
/// an over-approximation, so that a body that cannot start work with the instance is never bound.
/// </summary>
internal sealed class LaunchReach
{
    // The compilation's methods of a name, for following a parameter by the text of the calls it is passed to; made once.
    private Dictionary<string, List<IMethodSymbol>>? _methodsByName;

    // What MayReach found per parameter: the fewest calls within which it reaches a launch, the most within which it does not.
    private readonly ConcurrentDictionary<IParameterSymbol, int> _reachesWithin = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IParameterSymbol, int> _missesWithin = new(SymbolEqualityComparer.Default);

    // Whether a method's text writes a launch's name, asked again for each parameter and chain that reaches it.
    private readonly ConcurrentDictionary<IMethodSymbol, bool> _mayLaunch = new(SymbolEqualityComparer.Default);

    /// <summary>
    /// Whether, read from the text alone, <paramref name="received"/> can reach work started in the method or in the
    /// methods it passes it to (<paramref name="callsLeft"/> calls deep): the method writes a launch's name
    /// (<see cref="ConcurrencyApis.MayLaunch"/>), captures the parameter in a lambda, local function or query, or passes
    /// it (as an argument, or as the receiver of an extension) to a method of the compilation of that name that can.
    /// Binding a body costs more than anything else here, and most methods handed an instance only use it or pass it
    /// down to helpers that do (<c>builder.Append(…)</c>, a chain of renderers); the body is bound only when this holds.
    /// </summary>
    public bool MayReach(IMethodSymbol method, IParameterSymbol received, Compilation compilation, int callsLeft)
    {
        // An answer for more calls holds for fewer when it is no, and for more when it is yes: one number per parameter.
        if (_reachesWithin.TryGetValue(received, out int within) && within <= callsLeft)
        {
            return true;
        }

        if (_missesWithin.TryGetValue(received, out int misses) && misses >= callsLeft)
        {
            return false;
        }

        bool reaches = ReachesLaunch(method, received, compilation, callsLeft);
        (reaches ? _reachesWithin : _missesWithin).AddOrUpdate(
            received, callsLeft, (_, known) => reaches ? Math.Min(known, callsLeft) : Math.Max(known, callsLeft));
        return reaches;
    }

    private bool ReachesLaunch(IMethodSymbol method, IParameterSymbol received, Compilation compilation, int callsLeft)
    {
        IMethodSymbol implementation = method.PartialImplementationPart ?? method;
        if (implementation.DeclaringSyntaxReferences.Length != 1)
        {
            // No body to bind either (CalledMethods.BodyOf).
            return false;
        }

        SyntaxNode declaration = implementation.DeclaringSyntaxReferences[0].GetSyntax();
        var text = new IdentifierSearch(declaration);
        if (_mayLaunch.GetOrAdd(implementation, _ => ConcurrencyApis.MayLaunch(text)))
        {
            return true;
        }

        foreach (SyntaxToken token in text.Find(received.Name))
        {
            if (IsCaptured(token))
            {
                return true;
            }

            if (callsLeft > 0 && PassedTo(token, out int position, out string? argumentName) is { } name)
            {
                foreach (IMethodSymbol target in SourceMethodsNamed(name, compilation))
                {
                    foreach (IParameterSymbol next in ParametersAt(target, position, argumentName))
                    {
                        if (MayReach(target, next, compilation, callsLeft - 1))
                        {
                            return true;
                        }
                    }
                }
            }
        }

        return false;
    }

    // Inside a lambda or local function (OneThreadOrigin.EnclosingFunction), or a query, whose clauses are lambdas too.
    private static bool IsCaptured(SyntaxToken token) =>
        token.Parent is { } node && (OneThreadOrigin.EnclosingFunction(node) is not null || node.FirstAncestorOrSelf<QueryExpressionSyntax>() is not null);

    /// <summary>
    /// The name of the method the parameter written at <paramref name="token"/> is passed to: as an argument (its
    /// position, or its name when written <c>name: value</c>), or as the receiver of a call, which an extension method
    /// takes as its first parameter (position -1). Null when it is not passed to a call.
    /// </summary>
    private static string? PassedTo(SyntaxToken token, out int position, out string? argumentName)
    {
        position = 0;
        argumentName = null;
        SyntaxNode? node = token.Parent;
        while (node?.Parent is ParenthesizedExpressionSyntax or CastExpressionSyntax or PostfixUnaryExpressionSyntax
            or BinaryExpressionSyntax or ConditionalExpressionSyntax)
        {
            node = node.Parent;
        }

        if (node?.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } list } argument)
        {
            position = list.Arguments.IndexOf(argument);
            argumentName = argument.NameColon?.Name.Identifier.ValueText;
            return InvokedName(call.Expression);
        }

        if (node?.Parent is MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax } access && access.Expression == node)
        {
            position = -1;
            return access.Name.Identifier.ValueText;
        }

        return null;
    }

    private static string? InvokedName(ExpressionSyntax invoked) => invoked switch
    {
        SimpleNameSyntax name => name.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
        _ => null,
    };

    // The parameters an argument can bind to in a method of that name: by name, else by position (an extension method
    // called as one takes its receiver first, and so each argument one further on; a params array takes the rest).
    private static IEnumerable<IParameterSymbol> ParametersAt(IMethodSymbol target, int position, string? argumentName)
    {
        ImmutableArray<IParameterSymbol> parameters = target.Parameters;
        if (argumentName is not null)
        {
            foreach (IParameterSymbol parameter in parameters)
            {
                if (parameter.Name == argumentName)
                {
                    yield return parameter;
                }
            }

            yield break;
        }

        // Called as an extension (`builder.Render(…)`), the receiver is its first parameter and each argument one further.
        int at = target.IsExtensionMethod ? position + 1 : position;
        if (at >= 0 && ParameterAt(parameters, at) is { } reached)
        {
            yield return reached;
        }

        // The same extension called in its static form (`Extensions.Render(builder, …)`).
        if (target.IsExtensionMethod && position >= 0 && ParameterAt(parameters, position) is { } direct)
        {
            yield return direct;
        }
    }

    private static IParameterSymbol? ParameterAt(ImmutableArray<IParameterSymbol> parameters, int index) =>
        index < parameters.Length ? parameters[index]
        : parameters.Length > 0 && parameters[parameters.Length - 1].IsParams ? parameters[parameters.Length - 1]
        : null;

    // The compilation's methods by name, gathered once from the symbols of its types (asking the compilation for each
    // name walks every declaration again).
    private List<IMethodSymbol> SourceMethodsNamed(string name, Compilation compilation)
    {
        Dictionary<string, List<IMethodSymbol>>? byName = Volatile.Read(ref _methodsByName);
        if (byName is null)
        {
            byName = new Dictionary<string, List<IMethodSymbol>>(StringComparer.Ordinal);
            AddMethods(compilation.Assembly.GlobalNamespace, byName);
            byName = Interlocked.CompareExchange(ref _methodsByName, byName, null) ?? byName;
        }

        return byName.TryGetValue(name, out List<IMethodSymbol>? methods) ? methods : s_noMethods;
    }

    private static readonly List<IMethodSymbol> s_noMethods = new();

    private static void AddMethods(INamespaceOrTypeSymbol container, Dictionary<string, List<IMethodSymbol>> byName)
    {
        foreach (ISymbol member in container.GetMembers())
        {
            if (member is INamespaceOrTypeSymbol inner)
            {
                AddMethods(inner, byName);
            }
            else if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary } method)
            {
                if (!byName.TryGetValue(method.Name, out List<IMethodSymbol>? methods))
                {
                    methods = new List<IMethodSymbol>();
                    byName.Add(method.Name, methods);
                }

                methods.Add(method);
            }
        }
    }
}
