using System.Collections.Generic;
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
using Microsoft.CodeAnalysis.Operations;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace StretchBindings.Analyzers.CodeFixes;

/// <summary>
/// SB1001 fixes: create the instance inside the delegate (with <c>using</c>), or give each worker of a
/// <c>Parallel.For</c>/<c>ForEach</c> its own through the <c>localInit</c>/<c>localFinally</c> overload.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SharedAcrossThreadsCodeFixProvider)), Shared]
public sealed class SharedAcrossThreadsCodeFixProvider : CodeFixProvider
{
    public const string MoveCreationKey = "SB1001.MoveCreationIntoDelegate";
    public const string LocalInitKey = "SB1001.UseLocalInit";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.SharedAcrossThreads);

    // Each fix rewrites a declaration and a call around it; applying many at once could overlap.
    public override FixAllProvider? GetFixAllProvider() => null;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        Diagnostic diagnostic = context.Diagnostics[0];
        // An instance handed to a method that starts the work: a new instance inside a delegate would still be the one
        // the call hands over, so no rewrite here fixes it (the caller waits for the work, or stops using the instance).
        if (diagnostic.Properties.TryGetValue(DiagnosticIds.LaunchKindProperty, out string? kind) && kind == DiagnosticIds.HandedOnLaunch)
        {
            return;
        }

        CapturedLocal? captured = await CapturedLocal.FindAsync(context.Document, diagnostic.Location.SourceSpan, context.CancellationToken).ConfigureAwait(false);
        if (captured is null)
        {
            return;
        }

        diagnostic.Properties.TryGetValue(DiagnosticIds.LaunchApiProperty, out string? api);
        if (api is "Parallel.For" or "Parallel.ForEach"
            && await LocalInitRewrite.TryCreateAsync(context.Document, captured, context.CancellationToken).ConfigureAwait(false) is { } rewrite)
        {
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Give each worker its own '{captured.Local.Type.Name}' (localInit/localFinally)",
                    cancellationToken => rewrite.ApplyAsync(cancellationToken),
                    LocalInitKey),
                diagnostic);
        }

        context.RegisterCodeFix(
            CodeAction.Create(
                $"Create '{captured.Name}' inside the delegate",
                cancellationToken => MoveCreationAsync(context.Document, captured, cancellationToken),
                MoveCreationKey),
            diagnostic);
    }

    private static async Task<Document> MoveCreationAsync(Document document, CapturedLocal captured, CancellationToken cancellationToken)
    {
        SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        SemanticModel model = (await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false))!;

        LocalDeclarationStatementSyntax declaration = LocalDeclarationStatement(
                VariableDeclaration(
                    captured.DeclaredType.WithoutTrivia(),
                    SingletonSeparatedList(VariableDeclarator(Identifier(captured.Name)).WithInitializer(EqualsValueClause(captured.StandaloneInitializer())))))
            .WithAdditionalAnnotations(Formatter.Annotation);
        if (captured.IsDisposable)
        {
            declaration = declaration.WithUsingKeyword(Token(SyntaxKind.UsingKeyword));
        }

        SyntaxNode newFunction = InsertFirst(captured.Function, declaration, ReturnsValue(captured.Function, model, cancellationToken));
        SyntaxNode tracked = root.TrackNodes(captured.Function, captured.DeclarationStatement);
        tracked = tracked.ReplaceNode(tracked.GetCurrentNode(captured.Function)!, newFunction);
        tracked = captured.RemoveDeclaration(tracked);
        return document.WithSyntaxRoot(tracked);
    }

    /// <summary>The function with <paramref name="statement"/> put first in its body, turning an expression body into a block.</summary>
    private static SyntaxNode InsertFirst(SyntaxNode function, StatementSyntax statement, bool returnsValue)
    {
        switch (function)
        {
            case AnonymousFunctionExpressionSyntax { Block: { } block } anonymous:
                return anonymous.WithBlock(block.WithStatements(block.Statements.Insert(0, statement)));
            case AnonymousFunctionExpressionSyntax { ExpressionBody: { } expression } anonymous:
                return anonymous.WithExpressionBody(null).WithBlock(Body(statement, expression, returnsValue));
            case LocalFunctionStatementSyntax { Body: { } block } local:
                return local.WithBody(block.WithStatements(block.Statements.Insert(0, statement)));
            case LocalFunctionStatementSyntax { ExpressionBody: { } arrow } local:
                return local.WithExpressionBody(null).WithSemicolonToken(default).WithBody(Body(statement, arrow.Expression, returnsValue));
            default:
                return function;
        }

        static BlockSyntax Body(StatementSyntax first, ExpressionSyntax expression, bool returnsValue)
        {
            StatementSyntax last = returnsValue ? ReturnStatement(expression.WithoutTrivia()) : ExpressionStatement(expression.WithoutTrivia());
            return MultiLineBlock(first, last);
        }
    }

    /// <summary>
    /// A block laid out on several lines. The formatter keeps a block that has no line breaks on one line,
    /// so the breaks are written here and the formatter only indents.
    /// </summary>
    private static BlockSyntax MultiLineBlock(params StatementSyntax[] statements) =>
        Block(
                Token(SyntaxKind.OpenBraceToken).WithTrailingTrivia(ElasticCarriageReturnLineFeed),
                List(statements.Select(s => s.WithoutTrivia().WithTrailingTrivia(ElasticCarriageReturnLineFeed))),
                Token(SyntaxKind.CloseBraceToken))
            .WithAdditionalAnnotations(Formatter.Annotation);

    /// <summary>Whether an expression body is the function's result (not a statement whose value is dropped).</summary>
    private static bool ReturnsValue(SyntaxNode function, SemanticModel model, CancellationToken cancellationToken)
    {
        IMethodSymbol? method = function switch
        {
            AnonymousFunctionExpressionSyntax anonymous => model.GetSymbolInfo(anonymous, cancellationToken).Symbol as IMethodSymbol,
            LocalFunctionStatementSyntax local => model.GetDeclaredSymbol(local, cancellationToken) as IMethodSymbol,
            _ => null,
        };
        if (method is null || method.ReturnsVoid)
        {
            return false;
        }

        // An async function returning a plain Task or ValueTask has no value to return.
        return !(method.IsAsync && method.ReturnType is INamedTypeSymbol { IsGenericType: false, Name: "Task" or "ValueTask" });
    }

    /// <summary>Rewrites <c>Parallel.For(from, to, body)</c> into the overload with per-worker local state.</summary>
    private sealed class LocalInitRewrite
    {
        private readonly Document _document;
        private readonly CapturedLocal _captured;
        private readonly InvocationExpressionSyntax _invocation;
        private readonly ArgumentSyntax _bodyArgument;
        private readonly LambdaExpressionSyntax _body;
        private readonly IReadOnlyList<ParameterSyntax> _parameters;

        private LocalInitRewrite(
            Document document, CapturedLocal captured, InvocationExpressionSyntax invocation, ArgumentSyntax bodyArgument,
            LambdaExpressionSyntax body, IReadOnlyList<ParameterSyntax> parameters)
        {
            _document = document;
            _captured = captured;
            _invocation = invocation;
            _bodyArgument = bodyArgument;
            _body = body;
            _parameters = parameters;
        }

        public static async Task<LocalInitRewrite?> TryCreateAsync(Document document, CapturedLocal captured, CancellationToken cancellationToken)
        {
            if (captured.Function is not LambdaExpressionSyntax { AsyncKeyword.RawKind: 0 } body
                || body.Parent is not ArgumentSyntax { NameColon: null } bodyArgument
                || bodyArgument.Parent?.Parent is not InvocationExpressionSyntax invocation)
            {
                return null;
            }

            SemanticModel model = (await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false))!;
            if (model.GetOperation(invocation, cancellationToken) is not IInvocationOperation operation
                || operation.TargetMethod.ContainingType.ToDisplayString() != "System.Threading.Tasks.Parallel"
                || operation.TargetMethod.Name is not ("For" or "ForEach")
                || operation.TargetMethod.Parameters.Any(p => p.Name == "localInit"))
            {
                return null;
            }

            IArgumentOperation? bodyOperation = operation.Arguments.FirstOrDefault(a => a.Syntax == bodyArgument);
            if (bodyOperation?.Parameter?.Name != "body")
            {
                return null;
            }

            IReadOnlyList<ParameterSyntax> parameters = body switch
            {
                SimpleLambdaExpressionSyntax simple => new[] { simple.Parameter },
                ParenthesizedLambdaExpressionSyntax parenthesized => parenthesized.ParameterList.Parameters.ToArray(),
                _ => System.Array.Empty<ParameterSyntax>(),
            };

            // Explicitly typed parameters select an overload (int or long indices) that the rewrite must not change.
            bool acceptedShape = parameters.Count is >= 1 and <= 3
                && !(operation.TargetMethod.Name == "For" && parameters.Count == 3)
                && parameters.All(p => p.Type is null);
            return acceptedShape ? new LocalInitRewrite(document, captured, invocation, bodyArgument, body, parameters) : null;
        }

        public async Task<Document> ApplyAsync(CancellationToken cancellationToken)
        {
            SyntaxNode root = (await _document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
            string local = _captured.Name;

            var parameterNames = _parameters.Select(p => p.Identifier.ValueText).ToList();
            if (parameterNames.Count == 1)
            {
                parameterNames.Add(UnusedName("loopState"));
            }

            parameterNames.Add(local);
            ParenthesizedLambdaExpressionSyntax newBody = ParenthesizedLambdaExpression()
                .WithParameterList(ParameterList(SeparatedList(parameterNames.Select(n => Parameter(Identifier(n))))))
                .WithBlock(BodyReturningLocal(local))
                .WithAdditionalAnnotations(Formatter.Annotation);

            ArgumentSyntax localInit = Argument(ParenthesizedLambdaExpression().WithExpressionBody(_captured.StandaloneInitializer()));
            ArgumentSyntax localFinally = Argument(_captured.IsDisposable
                ? SimpleLambdaExpression(Parameter(Identifier(local)))
                    .WithExpressionBody(InvocationExpression(MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, IdentifierName(local), IdentifierName("Dispose"))))
                : SimpleLambdaExpression(Parameter(Identifier("_"))).WithBlock(Block()));

            SeparatedSyntaxList<ArgumentSyntax> arguments = _invocation.ArgumentList.Arguments;
            int bodyIndex = arguments.IndexOf(_bodyArgument);
            ArgumentSyntax leading = arguments[bodyIndex];
            arguments = arguments
                .Replace(leading, leading.WithExpression(newBody).WithoutLeadingTrivia())
                .Insert(bodyIndex + 1, localFinally)
                .Insert(bodyIndex, localInit);
            InvocationExpressionSyntax newInvocation = _invocation
                .WithArgumentList(_invocation.ArgumentList.WithArguments(arguments))
                .WithAdditionalAnnotations(Formatter.Annotation);

            SyntaxNode tracked = root.TrackNodes(_invocation, _captured.DeclarationStatement);
            tracked = tracked.ReplaceNode(tracked.GetCurrentNode(_invocation)!, newInvocation);
            tracked = _captured.RemoveDeclaration(tracked);
            return _document.WithSyntaxRoot(tracked);
        }

        /// <summary>The loop body as a block that hands its local state on: every <c>return;</c> becomes <c>return local;</c>.</summary>
        private BlockSyntax BodyReturningLocal(string local)
        {
            ReturnStatementSyntax returnLocal = ReturnStatement(IdentifierName(local));
            if (_body.ExpressionBody is { } expression)
            {
                return MultiLineBlock(ExpressionStatement(expression.WithoutTrivia()), returnLocal);
            }

            BlockSyntax block = _body.Block!;
            List<ReturnStatementSyntax> bareReturns = block.DescendantNodes(n => n is not AnonymousFunctionExpressionSyntax and not LocalFunctionStatementSyntax)
                .OfType<ReturnStatementSyntax>()
                .Where(r => r.Expression is null)
                .ToList();
            block = block.ReplaceNodes(bareReturns, (original, _) => original.WithExpression(IdentifierName(local)).WithReturnKeyword(original.ReturnKeyword.WithTrailingTrivia(Space)));

            StatementSyntax? last = block.Statements.LastOrDefault();
            return last is ReturnStatementSyntax or ThrowStatementSyntax ? block : block.AddStatements(returnLocal);
        }

        private string UnusedName(string preferred)
        {
            var used = new HashSet<string>(_body.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.ValueText)) { _captured.Name };
            string name = preferred;
            for (int suffix = 2; used.Contains(name); suffix++)
            {
                name = preferred + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return name;
        }
    }
}
