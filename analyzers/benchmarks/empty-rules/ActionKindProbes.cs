using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace StretchBindings.EmptyRules;

// Built instead of the three mirrors with -p:EmptyRulesShape=start|symbol|syntax|operation: one analyzer that registers
// one kind of action with an empty body, to tell what each kind of action costs the compiler's driver by itself.
#if SHAPE_START || SHAPE_SYMBOL || SHAPE_SYNTAX || SHAPE_OPERATION
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ActionKindProbe() : EmptyAnalyzer("EMPTY1999")
{
    // The start-only probe registers nothing in its start action on purpose: that is what it measures.
#pragma warning disable RS1012
    protected override void Register(AnalysisContext context) =>
        context.RegisterCompilationStartAction(start =>
        {
#if SHAPE_SYMBOL
            start.RegisterSymbolAction(_ => { }, SymbolKind.Field, SymbolKind.Property, SymbolKind.Method);
#elif SHAPE_SYNTAX
            start.RegisterSyntaxNodeAction(_ => { }, SyntaxKind.IdentifierName, SyntaxKind.InvocationExpression,
                SyntaxKind.ObjectCreationExpression);
#elif SHAPE_OPERATION
            start.RegisterOperationAction(_ => { }, OperationKind.FieldReference, OperationKind.PropertyReference,
                OperationKind.Invocation, OperationKind.ObjectCreation);
#endif
        });
#pragma warning restore RS1012
}
#endif
