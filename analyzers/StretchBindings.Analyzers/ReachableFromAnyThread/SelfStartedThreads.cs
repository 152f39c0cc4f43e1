using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace StretchBindings.Analyzers.ReachableFromAnyThread;

/// <summary>
/// An object that starts a thread on its own code: an instance member of its type starts a thread, a task or a
/// thread-pool work item on another instance member of it (<c>new Thread(Loop)</c>, <c>Task.Run(() => Loop())</c>,
/// <c>ThreadStart run = Loop; new Thread(run)</c>). That member then runs on the new thread while the object's other
/// members can run on their callers' threads: the object is reachable from two threads, though no static holds it.
/// Read from the type's own code at the end of the compilation, only for types with a field holding a
/// single-threaded instance, and only where their code names a thread-starting API.
/// </summary>
internal static class SelfStartedThreads
{
    /// <summary>A member the type runs on a thread it starts, and the member that starts it.</summary>
    internal sealed class Start
    {
        public readonly IMethodSymbol Entry;
        public readonly ISymbol Starter;

        public Start(IMethodSymbol entry, ISymbol starter)
        {
            Entry = entry;
            Starter = starter;
        }
    }

    /// <summary>The threads <paramref name="type"/> starts on its own instance members, in source order.</summary>
    public static List<Start> Of(INamedTypeSymbol type, Compilation compilation)
    {
        var starts = new List<Start>();
        foreach (SyntaxReference part in type.DeclaringSyntaxReferences)
        {
            SyntaxNode declaration = part.GetSyntax();
            if (!MentionsStart(declaration))
            {
                continue;
            }

#pragma warning disable RS1030 // At the end of the compilation, only for a type that names a thread start: no model is at hand.
            SemanticModel model = compilation.GetSemanticModel(part.SyntaxTree);
#pragma warning restore RS1030
            foreach (SyntaxNode node in declaration.DescendantNodes())
            {
                if (node is not ExpressionSyntax start || StartedDelegate(start, model) is not { } handed)
                {
                    continue;
                }

                // The member the start is written in (a start in a lambda or local function belongs to its member).
                ISymbol? starter = model.GetEnclosingSymbol(start.SpanStart);
                while (starter is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
                {
                    starter = starter.ContainingSymbol;
                }

                if (starter is null || starter.IsStatic
                    || !SymbolEqualityComparer.Default.Equals(starter.ContainingType?.OriginalDefinition, type.OriginalDefinition))
                {
                    continue;
                }

                foreach (IMethodSymbol entry in Entries(handed, model, type))
                {
                    starts.Add(new Start(entry, starter.OriginalDefinition));
                }
            }
        }

        return starts;
    }

    /// <summary>
    /// Whether the declaration's tokens read like a start: any <c>Thread</c>, <c>Task.Run</c>, <c>StartNew</c> or
    /// <c>QueueUserWorkItem</c> (<c>Task</c> alone is in every async signature); what matches is bound next.
    /// </summary>
    private static bool MentionsStart(SyntaxNode declaration)
    {
        SyntaxToken beforeDot = default;
        SyntaxToken previous = default;
        foreach (SyntaxToken token in declaration.DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.IdentifierToken))
            {
                string text = token.ValueText;
                if (text is "Thread" or "StartNew" or "QueueUserWorkItem" or "UnsafeQueueUserWorkItem"
                    || (text == "Run" && previous.IsKind(SyntaxKind.DotToken) && beforeDot.ValueText == "Task"))
                {
                    return true;
                }
            }

            beforeDot = previous;
            previous = token;
        }

        return false;
    }

    /// <summary>The name a creation or call is written with (<c>Thread</c>, <c>Task.Run</c>): a start is bound only when it reads like one.</summary>
    private static string? WrittenName(ExpressionSyntax start) => start switch
    {
        ObjectCreationExpressionSyntax { Type: var type } => type switch
        {
            IdentifierNameSyntax name => name.Identifier.ValueText,
            QualifiedNameSyntax { Right: var right } => right.Identifier.ValueText,
            GenericNameSyntax generic => generic.Identifier.ValueText,
            _ => null,
        },
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } => access.Name.Identifier.ValueText,
        _ => null,
    };

    /// <summary>The delegate a thread, task or work item is started with, when <paramref name="start"/> is one.</summary>
    private static ExpressionSyntax? StartedDelegate(ExpressionSyntax start, SemanticModel model)
    {
        ArgumentListSyntax? arguments = start switch
        {
            ObjectCreationExpressionSyntax creation => creation.ArgumentList,
            InvocationExpressionSyntax call => call.ArgumentList,
            _ => null,
        };
        if (arguments is not { Arguments.Count: > 0 }
            || WrittenName(start) is not ("Thread" or "Run" or "StartNew" or "QueueUserWorkItem" or "UnsafeQueueUserWorkItem"))
        {
            return null;
        }

        bool starts = start switch
        {
            ObjectCreationExpressionSyntax creation => model.GetTypeInfo(creation).Type is { } created
                && MetadataNames.Is(created, "System.Threading.Thread"),
            InvocationExpressionSyntax call => model.GetSymbolInfo(call).Symbol is IMethodSymbol method
                && (method.Name is "Run" && MetadataNames.IsDefinition(method.ContainingType, "System.Threading.Tasks.Task")
                    || method.Name is "StartNew" && (MetadataNames.IsDefinition(method.ContainingType, "System.Threading.Tasks.TaskFactory")
                        || MetadataNames.IsDefinition(method.ContainingType, "System.Threading.Tasks.TaskFactory`1"))
                    || method.Name is "QueueUserWorkItem" or "UnsafeQueueUserWorkItem" && MetadataNames.Is(method.ContainingType, "System.Threading.ThreadPool")),
            _ => false,
        };
        return starts ? arguments.Arguments[0].Expression : null;
    }

    /// <summary>The instance methods of <paramref name="type"/> a started delegate runs on <c>this</c>.</summary>
    private static List<IMethodSymbol> Entries(ExpressionSyntax handed, SemanticModel model, INamedTypeSymbol type)
    {
        var entries = new List<IMethodSymbol>();
        switch (handed)
        {
            case AnonymousFunctionExpressionSyntax lambda:
                // What the lambda calls on this object.
                foreach (SyntaxNode node in lambda.Body.DescendantNodesAndSelf())
                {
                    if (node is InvocationExpressionSyntax { Expression: IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } } call
                        && model.GetSymbolInfo(call).Symbol is IMethodSymbol called)
                    {
                        AddOwn(called, type, entries);
                    }
                }

                break;
            case IdentifierNameSyntax name when model.GetSymbolInfo(name).Symbol is ILocalSymbol local:
                // A delegate local: every method group stored in it in the same member.
                if (handed.FirstAncestorOrSelf<MemberDeclarationSyntax>() is { } body)
                {
                    foreach (SyntaxNode node in body.DescendantNodes())
                    {
                        ExpressionSyntax? value = node switch
                        {
                            VariableDeclaratorSyntax { Initializer.Value: { } initial } declarator
                                when SymbolEqualityComparer.Default.Equals(model.GetDeclaredSymbol(declarator), local) => initial,
                            AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment
                                when SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(assignment.Left).Symbol, local) => assignment.Right,
                            _ => null,
                        };
                        if (value is IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax }
                            && model.GetSymbolInfo(value).Symbol is IMethodSymbol grouped)
                        {
                            AddOwn(grouped, type, entries);
                        }
                    }
                }

                break;
            default:
                // A method group: Loop or this.Loop.
                if (handed is IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax }
                    && model.GetSymbolInfo(handed).Symbol is IMethodSymbol method)
                {
                    AddOwn(method, type, entries);
                }

                break;
        }

        return entries;
    }

    private static void AddOwn(IMethodSymbol method, INamedTypeSymbol type, List<IMethodSymbol> entries)
    {
        IMethodSymbol definition = method.OriginalDefinition;
        if (!definition.IsStatic
            && SymbolEqualityComparer.Default.Equals(definition.ContainingType, type.OriginalDefinition))
        {
            foreach (IMethodSymbol known in entries)
            {
                if (SymbolEqualityComparer.Default.Equals(known, definition))
                {
                    return;
                }
            }

            entries.Add(definition);
        }
    }

    /// <summary>
    /// Whether the method waits for a thread or task the object keeps: <c>Join</c> or <c>Wait</c> on a field or
    /// property of its type (<c>_loop.Join()</c>, <c>_loop?.Join()</c>), as a stop that ends the object's thread does.
    /// </summary>
    public static bool Waits(IMethodSymbol method, Compilation compilation)
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
