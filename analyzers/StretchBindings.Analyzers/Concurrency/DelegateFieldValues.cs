using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace StretchBindings.Analyzers.Concurrency;

/// <summary>
/// The values a private delegate field that is not readonly is given: its initializer, every plain assignment and
/// every delegate combined into it (<c>+=</c>: each runs when the field is invoked) in its type, in any file the type
/// is declared in (a partial class). Only a private field is followed, since code of other types could assign any
/// other. A delegate taken out (<c>-=</c>) may still have run before, so it stays a value.
/// </summary>
internal static class DelegateFieldValues
{
    public static List<IOperation> Of(IFieldSymbol field, SemanticModel model)
    {
        var values = new List<IOperation>();
        if (field.DeclaredAccessibility != Accessibility.Private)
        {
            return values;
        }

        IFieldSymbol definition = field.OriginalDefinition;
        foreach (SyntaxReference part in definition.ContainingType.DeclaringSyntaxReferences)
        {
            SemanticModel own = part.SyntaxTree == model.SyntaxTree
                ? model
#pragma warning disable RS1030 // Only for a delegate field handed to a launch; the other parts of a partial type have no model at hand.
                : model.Compilation.GetSemanticModel(part.SyntaxTree);
#pragma warning restore RS1030
            foreach (SyntaxNode node in part.GetSyntax().DescendantNodes())
            {
                // Names are compared first, so that only the few candidate nodes are bound.
                IOperation? operation = node switch
                {
                    VariableDeclaratorSyntax { Initializer: { } initializer } declarator when declarator.Identifier.ValueText == definition.Name =>
                        own.GetOperation(initializer),
                    AssignmentExpressionSyntax assignment when LastName(assignment.Left) == definition.Name => own.GetOperation(assignment),
                    _ => null,
                };
                switch (operation)
                {
                    case IFieldInitializerOperation initializer when Contains(initializer.InitializedFields, definition):
                        values.Add(initializer.Value);
                        break;
                    case ISimpleAssignmentOperation { Target: IFieldReferenceOperation target } assignment when Is(target.Field, definition):
                        if (!IsNull(assignment.Value))
                        {
                            values.Add(assignment.Value);
                        }

                        break;
                    case ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add, Target: IFieldReferenceOperation target } combined
                        when Is(target.Field, definition):
                        if (!IsNull(combined.Value))
                        {
                            values.Add(combined.Value);
                        }

                        break;
                    case ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Subtract, Target: IFieldReferenceOperation target }
                        when Is(target.Field, definition):
                        break;
                    case ICompoundAssignmentOperation { Target: IFieldReferenceOperation target } when Is(target.Field, definition):
                        values.Clear();
                        return values;
                }
            }
        }

        return values;
    }

    private static string? LastName(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax name => name.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        _ => null,
    };

    private static bool Is(IFieldSymbol field, IFieldSymbol definition) =>
        SymbolEqualityComparer.Default.Equals(field.OriginalDefinition, definition);

    private static bool Contains(IEnumerable<IFieldSymbol> fields, IFieldSymbol definition)
    {
        foreach (IFieldSymbol field in fields)
        {
            if (Is(field, definition))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsNull(IOperation value) =>
        OperationHelpers.SkipConversions(value) is ILiteralOperation { ConstantValue: { HasValue: true, Value: null } };
}
