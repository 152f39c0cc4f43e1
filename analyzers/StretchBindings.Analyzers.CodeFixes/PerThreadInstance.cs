using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace StretchBindings.Analyzers.CodeFixes;

/// <summary>
/// The SB1002 fix where locking is not the fix: a private static readonly field whose instance is made from
/// nothing but constants (<c>new Stretcher()</c>, <c>new Random(42)</c>) can as well be made once per thread. The
/// field becomes a <c>ThreadLocal&lt;T&gt;</c> creating that instance, and every use goes through <c>.Value</c>.
/// Offered only when every use in the type is a member access on the field (the instance is not handed on or
/// replaced), and the type is declared in one file.
/// </summary>
internal sealed class PerThreadInstance
{
    private readonly FieldDeclarationSyntax _declaration;
    private readonly BaseObjectCreationExpressionSyntax _creation;
    private readonly List<IdentifierNameSyntax> _uses;

    private PerThreadInstance(FieldDeclarationSyntax declaration, BaseObjectCreationExpressionSyntax creation, List<IdentifierNameSyntax> uses)
    {
        _declaration = declaration;
        _creation = creation;
        _uses = uses;
    }

    public string TypeName => _declaration.Declaration.Type.ToString();

    public static PerThreadInstance? Find(SyntaxNode root, SemanticModel model, SyntaxNode reported, CancellationToken cancellationToken)
    {
        if (reported.FirstAncestorOrSelf<VariableDeclaratorSyntax>() is not { Initializer.Value: BaseObjectCreationExpressionSyntax creation } declarator
            || declarator.Parent?.Parent is not FieldDeclarationSyntax { Declaration.Variables.Count: 1 } declaration
            || model.GetDeclaredSymbol(declarator, cancellationToken) is not IFieldSymbol { IsStatic: true, IsReadOnly: true, DeclaredAccessibility: Accessibility.Private } field
            || field.ContainingType.DeclaringSyntaxReferences.Length != 1
            || (creation.ArgumentList?.Arguments.Any(argument => model.GetConstantValue(argument.Expression, cancellationToken) is not { HasValue: true }) ?? false)
            || creation.Initializer is not null)
        {
            return null;
        }

        var uses = new List<IdentifierNameSyntax>();
        foreach (IdentifierNameSyntax name in root.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (name.Identifier.ValueText != field.Name
                || !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol?.OriginalDefinition, field))
            {
                continue;
            }

            // s_field.Member, or Type.s_field.Member: anything else hands the instance on.
            SyntaxNode reference = name.Parent is MemberAccessExpressionSyntax qualified && qualified.Name == name ? qualified : name;
            if (reference.Parent is not MemberAccessExpressionSyntax access || access.Expression != reference)
            {
                return null;
            }

            uses.Add(name);
        }

        return new PerThreadInstance(declaration, creation, uses);
    }

    public SyntaxNode Apply(SyntaxNode root)
    {
        TypeSyntax type = _declaration.Declaration.Type.WithoutTrivia();
        TypeSyntax threadLocal = QualifiedName(
                ParseName("global::System.Threading"),
                GenericName(Identifier("ThreadLocal"), TypeArgumentList(SingletonSeparatedList(type))))
            .WithAdditionalAnnotations(Simplifier.Annotation);
        ExpressionSyntax perThread = ObjectCreationExpression(type, _creation.ArgumentList ?? ArgumentList(), null);
        ExpressionSyntax initializer = ImplicitObjectCreationExpression()
            .WithArgumentList(ArgumentList(SingletonSeparatedList(Argument(ParenthesizedLambdaExpression(perThread)))));

        SyntaxNode tracked = root.TrackNodes(_uses.Cast<SyntaxNode>().Append(_declaration));
        foreach (IdentifierNameSyntax use in _uses)
        {
            SyntaxNode current = tracked.GetCurrentNode(use)!;
            SyntaxNode reference = current.Parent is MemberAccessExpressionSyntax qualified && qualified.Name == current ? qualified : current;
            var value = MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, (ExpressionSyntax)reference.WithoutTrivia(), IdentifierName("Value"))
                .WithTriviaFrom(reference);
            tracked = tracked.ReplaceNode(reference, value);
        }

        FieldDeclarationSyntax declaration = (FieldDeclarationSyntax)tracked.GetCurrentNode(_declaration)!;
        VariableDeclaratorSyntax variable = declaration.Declaration.Variables[0];
        FieldDeclarationSyntax replaced = declaration.WithDeclaration(
                declaration.Declaration
                    .WithType(threadLocal.WithTriviaFrom(declaration.Declaration.Type))
                    .WithVariables(SingletonSeparatedList(variable.WithInitializer(EqualsValueClause(initializer).WithTriviaFrom(variable.Initializer!)))))
            .WithAdditionalAnnotations(Formatter.Annotation);
        return tracked.ReplaceNode(declaration, replaced);
    }
}
