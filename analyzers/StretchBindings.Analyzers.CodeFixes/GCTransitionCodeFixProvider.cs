using System.Collections.Immutable;
using System.Linq;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace StretchBindings.Analyzers.CodeFixes;

/// <summary>SB1003: remove the unsafe <c>[SuppressGCTransition]</c> or <c>ShortCall = true</c>. SB1004: add <c>[SuppressGCTransition]</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(GCTransitionCodeFixProvider)), Shared]
public sealed class GCTransitionCodeFixProvider : CodeFixProvider
{
    public const string RemoveKey = "SB1003.RemoveSuppression";
    public const string AddKey = "SB1004.AddSuppression";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.UnsafeGCTransitionSuppression, DiagnosticIds.MissingGCTransitionSuppression);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            SyntaxNode node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (diagnostic.Id == DiagnosticIds.UnsafeGCTransitionSuppression)
            {
                if (node.FirstAncestorOrSelf<AttributeArgumentSyntax>() is { NameEquals: not null } shortCall)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create("Remove 'ShortCall = true'", ct => RemoveArgumentAsync(context.Document, shortCall, ct), RemoveKey),
                        diagnostic);
                }
                else if (node.FirstAncestorOrSelf<AttributeSyntax>() is { } attribute)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create("Remove [SuppressGCTransition]", ct => RemoveAttributeAsync(context.Document, attribute, ct), RemoveKey),
                        diagnostic);
                }
            }
            else if (node.FirstAncestorOrSelf<MethodDeclarationSyntax>() is { } method)
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Add [SuppressGCTransition]", ct => AddAttributeAsync(context.Document, method, ct), AddKey),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> RemoveAttributeAsync(Document document, AttributeSyntax attribute, CancellationToken cancellationToken)
    {
        SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        var list = (AttributeListSyntax)attribute.Parent!;
        // A list on a line of its own goes with its line; one in front of the method leaves its indentation behind.
        bool ownLine = list.GetTrailingTrivia().Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        SyntaxNode newRoot = list.Attributes.Count == 1
            ? root.RemoveNode(list, ownLine ? SyntaxRemoveOptions.KeepNoTrivia : SyntaxRemoveOptions.KeepLeadingTrivia)!
            : root.ReplaceNode(list, list.WithAttributes(list.Attributes.Remove(attribute)));
        return document.WithSyntaxRoot(newRoot);
    }

    private static async Task<Document> RemoveArgumentAsync(Document document, AttributeArgumentSyntax argument, CancellationToken cancellationToken)
    {
        SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        var arguments = (AttributeArgumentListSyntax)argument.Parent!;
        var attribute = (AttributeSyntax)arguments.Parent!;
        AttributeSyntax newAttribute = arguments.Arguments.Count == 1
            ? attribute.WithArgumentList(null)
            : attribute.WithArgumentList(arguments.WithArguments(arguments.Arguments.Remove(argument)));
        return document.WithSyntaxRoot(root.ReplaceNode(attribute, newAttribute));
    }

    private static async Task<Document> AddAttributeAsync(Document document, MethodDeclarationSyntax method, CancellationToken cancellationToken)
    {
        SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        NameSyntax name = ParseName("System.Runtime.InteropServices.SuppressGCTransition").WithAdditionalAnnotations(Simplifier.Annotation);
        AttributeListSyntax list = AttributeList(SingletonSeparatedList(Attribute(name)));
        MethodDeclarationSyntax newMethod;
        if (method.AttributeLists.Count > 0)
        {
            // Beside the import attribute, in the same list: [DllImport("x"), SuppressGCTransition].
            AttributeListSyntax last = method.AttributeLists[method.AttributeLists.Count - 1];
            newMethod = method.ReplaceNode(last, last.AddAttributes(Attribute(name)));
        }
        else
        {
            newMethod = method.AddAttributeLists(list).WithAdditionalAnnotations(Formatter.Annotation);
        }

        return document.WithSyntaxRoot(root.ReplaceNode(method, newMethod));
    }
}
