using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace StretchBindings.Analyzers.CodeFixes;

/// <summary>
/// A single-threaded local that a delegate captures and that can move into that delegate: declared alone with an
/// initializer, and used nowhere but inside the delegate.
/// </summary>
internal sealed class CapturedLocal
{
    private CapturedLocal(
        ILocalSymbol local,
        StatementSyntax declarationStatement,
        TypeSyntax declaredType,
        ExpressionSyntax initializer,
        SyntaxNode function,
        bool isDisposable)
    {
        Local = local;
        DeclarationStatement = declarationStatement;
        DeclaredType = declaredType;
        Initializer = initializer;
        Function = function;
        IsDisposable = isDisposable;
    }

    public ILocalSymbol Local { get; }

    /// <summary>A <see cref="LocalDeclarationStatementSyntax"/> (with or without <c>using</c>) or a <see cref="UsingStatementSyntax"/>.</summary>
    public StatementSyntax DeclarationStatement { get; }

    public TypeSyntax DeclaredType { get; }

    public ExpressionSyntax Initializer { get; }

    /// <summary>The delegate: a lambda, an anonymous method or a local function.</summary>
    public SyntaxNode Function { get; }

    public bool IsDisposable { get; }

    public string Name => Local.Name;

    public static async Task<CapturedLocal?> FindAsync(Document document, TextSpan span, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        SemanticModel? model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null || root.FindNode(span, getInnermostNodeForTie: true) is not IdentifierNameSyntax reference)
        {
            return null;
        }

        if (model.GetSymbolInfo(reference, cancellationToken).Symbol is not ILocalSymbol local
            || local.DeclaringSyntaxReferences.Length != 1
            || local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer: { } initializer } declarator
            || declarator.Parent is not VariableDeclarationSyntax { Variables.Count: 1 } declaration)
        {
            return null;
        }

        StatementSyntax? statement = declaration.Parent switch
        {
            LocalDeclarationStatementSyntax localDeclaration when !localDeclaration.IsConst => localDeclaration,
            UsingStatementSyntax usingStatement => usingStatement,
            _ => null,
        };
        if (statement?.Parent is not BlockSyntax and not GlobalStatementSyntax)
        {
            return null;
        }

        SyntaxNode? function = null;
        foreach (SyntaxNode ancestor in reference.Ancestors())
        {
            if (ancestor.Span.Contains(statement.Span))
            {
                break;
            }

            if (ancestor is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
            {
                function = ancestor;
            }
        }

        if (function is null || !IsUsedOnlyInside(local, function, statement, model, cancellationToken) || WouldBeShadowed(initializer.Value, function))
        {
            return null;
        }

        bool isDisposable = local.Type.SpecialType == SpecialType.System_IDisposable
            || local.Type.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_IDisposable);
        return new CapturedLocal(local, statement, declaration.Type, initializer.Value, function, isDisposable);
    }

    private static bool IsUsedOnlyInside(ILocalSymbol local, SyntaxNode function, StatementSyntax statement, SemanticModel model, CancellationToken cancellationToken)
    {
        SyntaxNode scope = statement.Parent is GlobalStatementSyntax global ? global.Parent! : statement.Parent!;
        foreach (IdentifierNameSyntax name in scope.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (name.Identifier.ValueText == local.Name
                && !function.Span.Contains(name.Span)
                && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, local))
            {
                return false;
            }
        }

        return true;
    }

    // Inside the delegate, a parameter or local of the same name as something the initializer reads would capture it.
    private static bool WouldBeShadowed(ExpressionSyntax initializer, SyntaxNode function)
    {
        var read = new HashSet<string>(initializer.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Select(n => n.Identifier.ValueText));
        foreach (SyntaxNode node in function.DescendantNodesAndSelf())
        {
            SyntaxToken declared = node switch
            {
                ParameterSyntax parameter => parameter.Identifier,
                VariableDeclaratorSyntax variable => variable.Identifier,
                SingleVariableDesignationSyntax designation => designation.Identifier,
                ForEachStatementSyntax forEach => forEach.Identifier,
                _ => default,
            };
            if (declared.ValueText.Length > 0 && read.Contains(declared.ValueText))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The initializer, with a target-typed <c>new(...)</c> spelled out so that it still has a type where it moves.</summary>
    public ExpressionSyntax StandaloneInitializer()
    {
        ExpressionSyntax value = Initializer.WithoutTrivia();
        if (value is ImplicitObjectCreationExpressionSyntax implicitCreation)
        {
            TypeSyntax type = SyntaxFactory.ParseTypeName(Local.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat));
            return SyntaxFactory.ObjectCreationExpression(type)
                .WithArgumentList(implicitCreation.ArgumentList)
                .WithInitializer(implicitCreation.Initializer);
        }

        return value;
    }

    /// <summary>
    /// The root with the declaration removed; a <c>using (...) { }</c> statement gives way to the statements it held.
    /// <paramref name="root"/> must track <see cref="DeclarationStatement"/>.
    /// </summary>
    public SyntaxNode RemoveDeclaration(SyntaxNode root)
    {
        StatementSyntax current = root.GetCurrentNode(DeclarationStatement)!;
        // A top-level statement sits in a GlobalStatementSyntax, which goes with it.
        SyntaxNode removed = current.Parent is GlobalStatementSyntax global ? global : current;
        if (current is UsingStatementSyntax usingStatement)
        {
            IEnumerable<StatementSyntax> held = usingStatement.Statement is BlockSyntax block
                ? block.Statements
                : new[] { usingStatement.Statement };
            IEnumerable<SyntaxNode> replacement = removed is GlobalStatementSyntax
                ? held.Select(s => SyntaxFactory.GlobalStatement(s))
                : held;
            return root.ReplaceNode(removed, replacement.Select(s => s.WithAdditionalAnnotations(Microsoft.CodeAnalysis.Formatting.Formatter.Annotation)));
        }

        // Blank lines and comments above the declaration stay, in front of the statement that followed it.
        SyntaxTriviaList leading = removed.GetLeadingTrivia();
        int lastLineEnd = -1;
        for (int i = 0; i < leading.Count; i++)
        {
            if (leading[i].IsKind(SyntaxKind.EndOfLineTrivia))
            {
                lastLineEnd = i;
            }
        }

        SyntaxNode? next = removed.Parent?.ChildNodes().SkipWhile(n => n != removed).Skip(1).FirstOrDefault();
        if (lastLineEnd >= 0 && next is not null)
        {
            var marker = new SyntaxAnnotation();
            root = root.ReplaceNodes(
                new[] { removed, next },
                (original, rewritten) => original == next
                    ? rewritten.WithLeadingTrivia(leading.Take(lastLineEnd + 1).Concat(rewritten.GetLeadingTrivia()))
                    : rewritten.WithAdditionalAnnotations(marker));
            removed = root.GetAnnotatedNodes(marker).Single();
        }

        return root.RemoveNode(removed, SyntaxRemoveOptions.KeepUnbalancedDirectives)!;
    }
}
