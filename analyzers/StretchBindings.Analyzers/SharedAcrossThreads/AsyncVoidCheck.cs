using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using StretchBindings.Analyzers.Concurrency;

namespace StretchBindings.Analyzers.SharedAcrossThreads;

/// <summary>
/// An <c>async void</c> method (an event handler, most often) that goes on after <c>await ….ConfigureAwait(false)</c>:
/// nothing waits for it, and the rest of it runs on the thread pool, beside the code that called it and beside the
/// next call (an event raised again). A field of its object or a static it uses after that await, holding a
/// single-threaded instance, can then be used by two threads at once. Without <c>ConfigureAwait(false)</c> the rest
/// resumes on the caller's context (a UI thread), one call at a time, and is not reported.
/// </summary>
internal sealed class AsyncVoidCheck
{
    private readonly SingleThreadedTypes _types;
    private readonly MutatingMembers _members;
    private readonly SharedUseReporter _reporter;

    public AsyncVoidCheck(SingleThreadedTypes types, MutatingMembers members, SharedUseReporter reporter)
    {
        _types = types;
        _members = members;
        _reporter = reporter;
    }

    /// <summary>Called for each <c>await</c>; only the first that leaves the caller's context counts for a method.</summary>
    public void Check(Action<Diagnostic> report, IAwaitOperation awaitOperation)
    {
        if (!MayBeInAsyncVoid(awaitOperation.Syntax)
            || !LeavesContext(awaitOperation)
            || EnclosingAsyncVoid(awaitOperation) is not { } function
            || FirstLeavingAwait(function.Function, function.Body) != awaitOperation)
        {
            return;
        }

        int resumesAt = awaitOperation.Syntax.Span.End;
        string name = function.Name;
        var launch = new Launch(LaunchKind.Background, "async void " + name, awaitOperation, ImmutableArray.Create(function.Body));
        var seen = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (IOperation operation in function.Body.Descendants())
        {
            if (operation.Syntax.SpanStart < resumesAt
                || VariableUses.ReferencedVariable(operation) is not ({ } variable and (IFieldSymbol or IPropertySymbol))
                || !_types.IsSingleThreaded(operation.Type)
                || seen.Contains(variable))
            {
                continue;
            }

            seen.Add(variable);
            List<IOperation> uses = VariableUses.UsesOf(variable, function.Body);
            if (VariableUses.ShareALock(uses) || InstanceAccess.AllOnlyRead(uses, _members))
            {
                continue;
            }

            _reporter.Report(
                report, launch, variable, operation, awaitOperation,
                $"the async void method '{name}' uses it on the thread pool after 'ConfigureAwait(false)' while nothing waits for it, "
                + "so its callers, and the next call, can use it at the same time");
        }
    }

    /// <summary>
    /// A look at the syntax around the await that rejects the awaits of methods and local functions that are not
    /// <c>async void</c> (most of them) without asking the semantic model; an async lambda may be void, so it passes.
    /// </summary>
    private static bool MayBeInAsyncVoid(SyntaxNode node)
    {
        for (SyntaxNode? current = node.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case AnonymousFunctionExpressionSyntax lambda:
                    return lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword);
                case LocalFunctionStatementSyntax local:
                    return IsAsyncVoid(local.Modifiers, local.ReturnType);
                case MethodDeclarationSyntax method:
                    return IsAsyncVoid(method.Modifiers, method.ReturnType);
                case MemberDeclarationSyntax:
                    return false;
            }
        }

        return false;
    }

    private static bool IsAsyncVoid(SyntaxTokenList modifiers, TypeSyntax returnType) =>
        modifiers.Any(SyntaxKind.AsyncKeyword) && returnType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword };

    /// <summary><c>await x.ConfigureAwait(false)</c>: what follows runs on the thread pool.</summary>
    private static bool LeavesContext(IAwaitOperation awaitOperation) =>
        OperationHelpers.SkipConversions(awaitOperation.Operation) is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configure
        && configure.Arguments.Length == 1
        && configure.Arguments[0].Value.ConstantValue is { HasValue: true, Value: false };

    private static IOperation? FirstLeavingAwait(IOperation? function, IOperation body)
    {
        foreach (IOperation operation in body.Descendants())
        {
            if (operation is IAwaitOperation candidate && LeavesContext(candidate) && OperationHelpers.EnclosingFunction(candidate) == function)
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The async void method, local function or lambda the await is written in, with its body and name.</summary>
    private static (IOperation? Function, IOperation Body, string Name)? EnclosingAsyncVoid(IOperation operation)
    {
        IOperation? function = OperationHelpers.EnclosingFunction(operation);
        switch (function)
        {
            case IAnonymousFunctionOperation { Symbol: { IsAsync: true, ReturnsVoid: true } } lambda:
                return (lambda, lambda.Body, "lambda");
            case ILocalFunctionOperation { Symbol: { IsAsync: true, ReturnsVoid: true } } local when local.Body is { } body:
                return (local, body, local.Symbol.Name);
            case null:
                for (IOperation? current = operation.Parent; current is not null; current = current.Parent)
                {
                    if (current is IMethodBodyOperation { BlockBody: { } block } methodBody
                        && methodBody.SemanticModel?.GetDeclaredSymbol(methodBody.Syntax) is IMethodSymbol { IsAsync: true, ReturnsVoid: true } method)
                    {
                        return (null, block, method.Name);
                    }
                }

                return null;
            default:
                return null;
        }
    }
}
