using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace StretchBindings.Analyzers.CodeFixes;

/// <summary>
/// SB1002 fix for a shared instance whose other uses all hold one lock: take that lock, with a <c>lock</c>
/// statement, around the statement of the use that does not. Offered only where that compiles and means the same
/// lock: the lock's name binds to the same field or property at the use, and the statement neither awaits, nor
/// yields, nor declares a local that later statements read. Where no other use holds a lock, locking is not the
/// fix: an instance made from constants is then made once per thread instead (<see cref="PerThreadInstance"/>).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReachableFromAnyThreadCodeFixProvider)), Shared]
public sealed class ReachableFromAnyThreadCodeFixProvider : CodeFixProvider
{
    public const string TakeLockKey = "SB1002.TakeLock";
    public const string PerThreadKey = "SB1002.ThreadLocal";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ReachableFromAnyThread);

    public override FixAllProvider? GetFixAllProvider() => null;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        Diagnostic diagnostic = context.Diagnostics[0];
        if (diagnostic.AdditionalLocations.Count == 0)
        {
            // No use holds a lock (else the use without it is attached): locking is not the fix; an instance
            // made from constants can be made per thread.
            SyntaxNode fieldRoot = (await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false))!;
            SemanticModel fieldModel = (await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false))!;
            SyntaxNode reported = fieldRoot.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (PerThreadInstance.Find(fieldRoot, fieldModel, reported, context.CancellationToken) is { } perThread)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Give each thread its own '{perThread.TypeName}' (ThreadLocal<T>)",
                        _ => Task.FromResult(context.Document.WithSyntaxRoot(perThread.Apply(fieldRoot))),
                        PerThreadKey),
                    diagnostic);
            }

            return;
        }

        if (!diagnostic.Properties.TryGetValue(DiagnosticIds.LockNameProperty, out string? lockName)
            || !diagnostic.Properties.TryGetValue(DiagnosticIds.LockIdProperty, out string? lockId)
            || lockName is null || lockId is null
            || diagnostic.AdditionalLocations.Count != 1
            || diagnostic.AdditionalLocations[0].SourceTree != await context.Document.GetSyntaxTreeAsync(context.CancellationToken).ConfigureAwait(false))
        {
            return;
        }

        SyntaxNode root = (await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false))!;
        SemanticModel model = (await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false))!;
        SyntaxNode use = root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true);
        if (FindTarget(use) is not { } target || !CanLock(target) || !BindsTo(model, target.SpanStart, lockName, lockId, context.CancellationToken))
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(
                $"Take the lock on '{lockName}' here",
                _ => Task.FromResult(context.Document.WithSyntaxRoot(Locked(root, target, lockName, model))),
                TakeLockKey),
            diagnostic);
    }

    /// <summary>The statement around the use, or the expression body of the member it is in.</summary>
    private static SyntaxNode? FindTarget(SyntaxNode use)
    {
        foreach (SyntaxNode node in use.AncestorsAndSelf())
        {
            switch (node)
            {
                case StatementSyntax statement when statement.Parent is BlockSyntax or SwitchSectionSyntax:
                    return statement;
                case ArrowExpressionClauseSyntax arrow when arrow.Parent is MethodDeclarationSyntax or AccessorDeclarationSyntax:
                    return arrow;
                case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or MemberDeclarationSyntax:
                    return null;
            }
        }

        return null;
    }

    private static bool CanLock(SyntaxNode target) =>
        target is not LocalDeclarationStatementSyntax and not LocalFunctionStatementSyntax and not LabeledStatementSyntax
        && !target.DescendantNodesAndSelf().Any(node => node is AwaitExpressionSyntax or YieldStatementSyntax
            || (node is LocalDeclarationStatementSyntax { AwaitKeyword.RawKind: not 0 })
            || (node is ForEachStatementSyntax { AwaitKeyword.RawKind: not 0 }));

    // The name, written at the use, must mean the lock the other uses hold (an instance field cannot be named in a static method).
    private static bool BindsTo(SemanticModel model, int position, string name, string id, CancellationToken cancellationToken)
    {
        ISymbol? bound = model.GetSpeculativeSymbolInfo(position, IdentifierName(name), SpeculativeBindingOption.BindAsExpression).Symbol;
        if (bound is null || DocumentationCommentId.CreateDeclarationId(bound.OriginalDefinition) != id)
        {
            return false;
        }

        ISymbol? container = model.GetEnclosingSymbol(position, cancellationToken);
        return bound.IsStatic || container is { IsStatic: false };
    }

    private static SyntaxNode Locked(SyntaxNode root, SyntaxNode target, string lockName, SemanticModel model)
    {
        if (target is StatementSyntax statement)
        {
            return root.ReplaceNode(
                statement,
                LockStatement(IdentifierName(lockName), Block(statement.WithoutTrivia()))
                    .WithTriviaFrom(statement)
                    .WithAdditionalAnnotations(Formatter.Annotation));
        }

        // An expression body becomes a block body holding the lock.
        var arrow = (ArrowExpressionClauseSyntax)target;
        bool returnsVoid = arrow.Parent switch
        {
            MethodDeclarationSyntax method => model.GetDeclaredSymbol(method)?.ReturnsVoid ?? false,
            AccessorDeclarationSyntax accessor => accessor.Keyword.IsKind(SyntaxKind.SetKeyword) || accessor.Keyword.IsKind(SyntaxKind.InitKeyword)
                || accessor.Keyword.IsKind(SyntaxKind.AddKeyword) || accessor.Keyword.IsKind(SyntaxKind.RemoveKeyword),
            _ => false,
        };
        StatementSyntax inner = returnsVoid ? ExpressionStatement(arrow.Expression) : ReturnStatement(arrow.Expression);
        BlockSyntax body = Block(LockStatement(IdentifierName(lockName), Block(inner))).WithAdditionalAnnotations(Formatter.Annotation);
        SyntaxNode member = arrow.Parent!;
        SyntaxNode replacement = member switch
        {
            MethodDeclarationSyntax method => method.WithExpressionBody(null).WithSemicolonToken(default).WithBody(body),
            AccessorDeclarationSyntax accessor => accessor.WithExpressionBody(null).WithSemicolonToken(default).WithBody(body),
            _ => member,
        };
        return root.ReplaceNode(member, replacement.WithAdditionalAnnotations(Formatter.Annotation));
    }
}
