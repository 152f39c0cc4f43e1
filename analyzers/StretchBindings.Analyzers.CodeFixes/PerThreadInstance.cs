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
/// The SB1002 fix where locking is not the fix: a private readonly field whose instance is made from nothing but
/// constants (<c>new Stretcher()</c>, <c>new Random(42)</c>) can as well be made once per thread. The field becomes a
/// <c>ThreadLocal&lt;T&gt;</c> creating that instance, and every use goes through <c>.Value</c>. Offered only when every
/// use in the type is a member access on the field (the instance is not handed on or replaced), and the type is
/// declared in one file.
/// <para>
/// Who disposes the instances: a static's are not tracked, so each becomes garbage with its thread and a disposable
/// one is released by its finalizer (there is no point at which every thread is known to be done with a static). An
/// instance field is offered only in a type with a <c>Dispose()</c> of its own, the point where the object's threads
/// are done: the values are tracked (<c>trackAllValues: true</c>), and that method disposes each of them, in place
/// of a <c>field.Dispose()</c> it made, then the <c>ThreadLocal&lt;T&gt;</c>.
/// </para>
/// </summary>
internal sealed class PerThreadInstance
{
    private readonly FieldDeclarationSyntax _declaration;
    private readonly BaseObjectCreationExpressionSyntax _creation;
    private readonly List<IdentifierNameSyntax> _uses;

    // For an instance field: the Dispose() that ends the values, and whether they are disposable themselves.
    private readonly MethodDeclarationSyntax? _dispose;
    private readonly bool _valuesDisposable;

    private PerThreadInstance(
        FieldDeclarationSyntax declaration, BaseObjectCreationExpressionSyntax creation, List<IdentifierNameSyntax> uses,
        MethodDeclarationSyntax? dispose, bool valuesDisposable)
    {
        _declaration = declaration;
        _creation = creation;
        _uses = uses;
        _dispose = dispose;
        _valuesDisposable = valuesDisposable;
    }

    public string TypeName => _declaration.Declaration.Type.ToString();

    public static PerThreadInstance? Find(SyntaxNode root, SemanticModel model, SyntaxNode reported, CancellationToken cancellationToken)
    {
        if (reported.FirstAncestorOrSelf<VariableDeclaratorSyntax>() is not { Initializer.Value: BaseObjectCreationExpressionSyntax creation } declarator
            || declarator.Parent?.Parent is not FieldDeclarationSyntax { Declaration.Variables.Count: 1 } declaration
            || model.GetDeclaredSymbol(declarator, cancellationToken) is not IFieldSymbol { IsReadOnly: true, DeclaredAccessibility: Accessibility.Private } field
            || field.ContainingType.DeclaringSyntaxReferences.Length != 1
            || (creation.ArgumentList?.Arguments.Any(argument => model.GetConstantValue(argument.Expression, cancellationToken) is not { HasValue: true }) ?? false)
            || creation.Initializer is not null)
        {
            return null;
        }

        MethodDeclarationSyntax? dispose = null;
        if (!field.IsStatic && (dispose = DisposeOf(field.ContainingType, cancellationToken)) is null)
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

        return new PerThreadInstance(declaration, creation, uses, dispose, field.Type.AllInterfaces.Any(IsIDisposable) || IsIDisposable(field.Type));
    }

    /// <summary>The type's own <c>public void Dispose()</c> with a body, when the type implements <c>IDisposable</c>.</summary>
    private static MethodDeclarationSyntax? DisposeOf(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        if (!type.AllInterfaces.Any(IsIDisposable))
        {
            return null;
        }

        foreach (ISymbol member in type.GetMembers("Dispose"))
        {
            if (member is IMethodSymbol { IsStatic: false, Parameters.IsEmpty: true, ReturnsVoid: true, DeclaredAccessibility: Accessibility.Public } method
                && method.DeclaringSyntaxReferences.Length == 1
                && method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is MethodDeclarationSyntax declaration
                && (declaration.Body is not null || declaration.ExpressionBody is not null))
            {
                return declaration;
            }
        }

        return null;
    }

    private static bool IsIDisposable(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "IDisposable", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };

    public SyntaxNode Apply(SyntaxNode root)
    {
        TypeSyntax type = _declaration.Declaration.Type.WithoutTrivia();
        TypeSyntax threadLocal = QualifiedName(
                ParseName("global::System.Threading"),
                GenericName(Identifier("ThreadLocal"), TypeArgumentList(SingletonSeparatedList(type))))
            .WithAdditionalAnnotations(Simplifier.Annotation);
        ExpressionSyntax perThread = ObjectCreationExpression(type, _creation.ArgumentList ?? ArgumentList(), null);
        ArgumentListSyntax arguments = ArgumentList(SingletonSeparatedList(Argument(ParenthesizedLambdaExpression(perThread))));
        if (_dispose is not null && _valuesDisposable)
        {
            arguments = arguments.AddArguments(
                Argument(LiteralExpression(SyntaxKind.TrueLiteralExpression)).WithNameColon(NameColon(IdentifierName("trackAllValues"))));
        }

        ExpressionSyntax initializer = ImplicitObjectCreationExpression().WithArgumentList(arguments);

        IEnumerable<SyntaxNode> toTrack = _uses.Cast<SyntaxNode>().Append(_declaration);
        if (_dispose is not null)
        {
            toTrack = toTrack.Append(_dispose);
        }

        SyntaxNode tracked = root.TrackNodes(toTrack);
        foreach (IdentifierNameSyntax use in _uses)
        {
            SyntaxNode current = tracked.GetCurrentNode(use)!;
            SyntaxNode reference = current.Parent is MemberAccessExpressionSyntax qualified && qualified.Name == current ? qualified : current;
            if (_dispose is not null
                && IsDisposeOfField(reference) is { } disposeStatement
                && disposeStatement.FirstAncestorOrSelf<MethodDeclarationSyntax>() == tracked.GetCurrentNode(_dispose))
            {
                // Dispose() ends every thread's value below, this one's included.
                tracked = disposeStatement.Parent is BlockSyntax
                    ? tracked.RemoveNode(disposeStatement, SyntaxRemoveOptions.KeepNoTrivia)!
                    : tracked;
                continue;
            }

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
        tracked = tracked.ReplaceNode(declaration, replaced);
        if (_dispose is not null)
        {
            MethodDeclarationSyntax dispose = (MethodDeclarationSyntax)tracked.GetCurrentNode(_dispose)!;
            tracked = tracked.ReplaceNode(dispose, WithValuesDisposed(dispose, variable.Identifier.ValueText, type));
        }

        return tracked;
    }

    /// <summary>The statement <c>field.Dispose();</c> a use is the receiver of, if it is one.</summary>
    private static SyntaxNode? IsDisposeOfField(SyntaxNode reference) =>
        reference.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Dispose" } access
        && access.Expression == reference
        && access.Parent is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0 } call
        && call.Parent is ExpressionStatementSyntax or ArrowExpressionClauseSyntax
            ? call.Parent
            : null;

    /// <summary>
    /// The Dispose() method, in a block body, ending with the disposal of every thread's value (when they are
    /// disposable) and of the <c>ThreadLocal&lt;T&gt;</c>; an expression body that disposed the field is dropped.
    /// </summary>
    private MethodDeclarationSyntax WithValuesDisposed(MethodDeclarationSyntax dispose, string field, TypeSyntax valueType)
    {
        var statements = new List<StatementSyntax>();
        if (dispose.Body is { } body)
        {
            statements.AddRange(body.Statements);
        }
        else if (dispose.ExpressionBody is { } arrow
            && !(arrow.Expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: var receiver } }
                && IsDisposeOfField(receiver) is not null
                && (receiver is IdentifierNameSyntax { Identifier.ValueText: var name } ? name : (receiver as MemberAccessExpressionSyntax)?.Name.Identifier.ValueText) == field))
        {
            statements.Add(ExpressionStatement(arrow.Expression.WithoutTrivia()));
        }

        if (_valuesDisposable)
        {
            statements.Add(ForEachStatement(
                valueType,
                Identifier("value"),
                MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, IdentifierName(field), IdentifierName("Values")),
                Block(ExpressionStatement(InvocationExpression(
                    MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, IdentifierName("value"), IdentifierName("Dispose")))))));
        }

        statements.Add(ExpressionStatement(InvocationExpression(
            MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, IdentifierName(field), IdentifierName("Dispose")))));
        return dispose
            .WithExpressionBody(null)
            .WithSemicolonToken(default)
            .WithBody(Block(statements))
            .WithAdditionalAnnotations(Formatter.Annotation);
    }
}
