using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace StretchBindings.Analyzers.ReachableFromAnyThread;

/// <summary>
/// A thread, task, work item or timer started in the code searched: the delegate it is given, the member it is
/// written in, and what the delegate's names are bound with (the file's model, and the position of the members of the
/// type it is in). Read by its names (<see cref="IdentifierSearch"/>) and bound only where they match, for the starts
/// an object makes on its own code (<see cref="SelfStartedThreads"/>) and on other objects (<see cref="OtherObjectStarts"/>).
/// </summary>
internal sealed class WrittenStart
{
    public readonly ExpressionSyntax Handed;
    public readonly ISymbol Starter;
    public readonly SemanticModel Model;
    public readonly int TypeLevel;

    private WrittenStart(ExpressionSyntax handed, ISymbol starter, SemanticModel model, int typeLevel)
    {
        Handed = handed;
        Starter = starter;
        Model = model;
        TypeLevel = typeLevel;
    }

    /// <summary>The starts written in the declaration or file <paramref name="search"/> reads, in source order.</summary>
    public static IEnumerable<WrittenStart> In(IdentifierSearch search, Compilation compilation)
    {
        SemanticModel? model = null;
        foreach (SyntaxToken name in StartNames(search))
        {
            if (StartAt(name) is not { } start || start.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } declaration)
            {
                continue;
            }

#pragma warning disable RS1030 // At the end of the compilation, only for code that names a thread start: no model is at hand.
            model ??= compilation.GetSemanticModel(start.SyntaxTree);
#pragma warning restore RS1030
            int typeLevel = declaration.OpenBraceToken.Span.End;
            if (StartedDelegate(start, name.ValueText, model, typeLevel, search) is { } handed
                && StarterOf(start, model) is { } starter)
            {
                yield return new WrittenStart(handed, starter, model, typeLevel);
            }
        }
    }

    /// <summary>
    /// The names a start is written with, in source order: <c>Thread</c>, <c>Run</c> after <c>Task.</c> (<c>Task</c>
    /// alone is in every async signature), <c>StartNew</c>, <c>QueueUserWorkItem</c>, <c>UnsafeQueueUserWorkItem</c>,
    /// <c>Timer</c> (a <c>System.Threading.Timer</c>'s callback) and <c>Elapsed</c> (a <c>System.Timers.Timer</c>'s handler).
    /// Found by their text, so a type that names none costs a search of its text; what matches is bound next.
    /// </summary>
    private static List<SyntaxToken> StartNames(IdentifierSearch search)
    {
        var found = new List<SyntaxToken>();
        foreach (string name in s_startNames)
        {
            foreach (SyntaxToken token in search.Find(name))
            {
                if (name != "Run"
                    || (token.GetPreviousToken() is { RawKind: (int)SyntaxKind.DotToken } dot && dot.GetPreviousToken().ValueText == "Task"))
                {
                    found.Add(token);
                }
            }
        }

        found.Sort((a, b) => a.SpanStart.CompareTo(b.SpanStart));
        return found;
    }

    private static readonly string[] s_startNames =
        { "Thread", "Run", "StartNew", "QueueUserWorkItem", "UnsafeQueueUserWorkItem", "Timer", "Elapsed" };

    /// <summary>
    /// The creation, call or subscription a start's name is written in: <c>Thread</c> in <c>new Thread(…)</c> or
    /// <c>new System.Threading.Thread(…)</c>, the method's name in <c>x.Run(…)</c>, the event in <c>x.Elapsed += …</c>;
    /// null for any other use of the name.
    /// </summary>
    private static ExpressionSyntax? StartAt(SyntaxToken written)
    {
        // Each name starts work in one shape only: a creation (Thread, Timer), a call (Run, StartNew, the two
        // QueueUserWorkItem), a subscription (Elapsed). Any other shape would only be bound to be turned down.
        string text = written.ValueText;
        SyntaxNode? name = written.Parent;
        SyntaxNode? type = name?.Parent is QualifiedNameSyntax qualified && qualified.Right == name ? qualified : name;
        return type?.Parent switch
        {
            ObjectCreationExpressionSyntax creation when creation.Type == type && text is "Thread" or "Timer" => creation,
            MemberAccessExpressionSyntax access when access.Name == name && text is "Run" or "StartNew" or "QueueUserWorkItem" or "UnsafeQueueUserWorkItem"
                && access.Parent is InvocationExpressionSyntax call && call.Expression == access => call,
            MemberAccessExpressionSyntax access when access.Name == name && text == "Elapsed"
                && access.Parent is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.AddAssignmentExpression } subscription
                && subscription.Left == access => subscription,
            _ => null,
        };
    }

    /// <summary>The member a start is written in; a start in a lambda or local function belongs to its member.</summary>
    private static ISymbol? StarterOf(SyntaxNode start, SemanticModel model)
    {
        for (SyntaxNode? node = start.Parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case AccessorDeclarationSyntax or BaseMethodDeclarationSyntax:
                    return model.GetDeclaredSymbol(node);
                case ArrowExpressionClauseSyntax { Parent: BasePropertyDeclarationSyntax property }:
                    return (model.GetDeclaredSymbol(property) as IPropertySymbol)?.GetMethod;
                case VariableDeclaratorSyntax { Parent.Parent: BaseFieldDeclarationSyntax } field:
                    return model.GetDeclaredSymbol(field);
                case BasePropertyDeclarationSyntax property:
                    return model.GetDeclaredSymbol(property);
                case BaseTypeDeclarationSyntax:
                    return null;
            }
        }

        return null;
    }

    /// <summary>
    /// The delegate a thread, task or work item is started with, when <paramref name="start"/>, written with
    /// <paramref name="name"/>, is one.
    /// </summary>
    /// <remarks>
    /// A receiver is bound at the level of the type's members (<paramref name="typeLevel"/>), which binds its name
    /// only; where the member declares a local or parameter of that name, which that binding cannot see, the
    /// statement is bound instead.
    /// </remarks>
    private static ExpressionSyntax? StartedDelegate(
        ExpressionSyntax start, string name, SemanticModel model, int typeLevel, IdentifierSearch search)
    {
        if (start is AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax timer } subscription)
        {
            // A System.Timers.Timer's Elapsed handler runs on the thread pool at every tick.
            ITypeSymbol? held = search.DeclaredInMember(timer.Expression)
                ? model.GetTypeInfo(timer.Expression).Type
                : HeldType(AtTypeLevel(timer.Expression, model, typeLevel));
            return held is not null && MetadataNames.Is(held, "System.Timers.Timer") ? subscription.Right : null;
        }

        ArgumentListSyntax? arguments = start switch
        {
            ObjectCreationExpressionSyntax creation => creation.ArgumentList,
            InvocationExpressionSyntax call => call.ArgumentList,
            _ => null,
        };
        if (arguments is not { Arguments.Count: > 0 })
        {
            return null;
        }

        // Every overload of these takes the delegate first, so the receiver's type decides without overloads.
        ITypeSymbol? owner = start switch
        {
            ObjectCreationExpressionSyntax creation => model.GetSpeculativeTypeInfo(
                typeLevel, creation.Type, SpeculativeBindingOption.BindAsTypeOrNamespace).Type,
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } call when search.DeclaredInMember(access.Expression) =>
                (model.GetSymbolInfo(call).Symbol as IMethodSymbol)?.ContainingType,
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } call =>
                AtTypeLevel(access.Expression, model, typeLevel) is { } receiver && (receiver as INamedTypeSymbol ?? HeldType(receiver)) is { } type
                    ? type
                    // A local or a computed receiver: the call itself is bound.
                    : (model.GetSymbolInfo(call).Symbol as IMethodSymbol)?.ContainingType,
            _ => null,
        };
        bool starts = owner is not null && (start is ObjectCreationExpressionSyntax
            ? MetadataNames.Is(owner, name == "Timer" ? "System.Threading.Timer" : "System.Threading.Thread")
            : name switch
            {
                "Run" => MetadataNames.IsDefinition(owner, "System.Threading.Tasks.Task"),
                "StartNew" => MetadataNames.IsDefinition(owner, "System.Threading.Tasks.TaskFactory")
                    || MetadataNames.IsDefinition(owner, "System.Threading.Tasks.TaskFactory`1"),
                _ => MetadataNames.Is(owner, "System.Threading.ThreadPool"),
            });
        return starts ? arguments.Arguments[0].Expression : null;
    }

    /// <summary>
    /// What a receiver names, bound at the level of the type's members (<paramref name="typeLevel"/>), which binds that
    /// name only: a type, a field or a property (<c>this._engine</c> is bound as <c>_engine</c>, which names the same
    /// field there); locals and parameters are not seen, so a caller asks <see cref="IdentifierSearch.DeclaredInMember"/> first.
    /// </summary>
    internal static ISymbol? AtTypeLevel(ExpressionSyntax receiver, SemanticModel model, int typeLevel) =>
        model.GetSpeculativeSymbolInfo(typeLevel, WithoutThis(receiver), SpeculativeBindingOption.BindAsExpression).Symbol;

    /// <summary>The type a field or property holds; null for anything else (a type, a method, nothing).</summary>
    internal static ITypeSymbol? HeldType(ISymbol? holder) => holder switch
    {
        IFieldSymbol field => field.Type,
        IPropertySymbol property => property.Type,
        _ => null,
    };

    private static ExpressionSyntax WithoutThis(ExpressionSyntax receiver) => receiver switch
    {
        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access => access.Name,
        MemberAccessExpressionSyntax access => access.WithExpression(WithoutThis(access.Expression)),
        _ => receiver,
    };
}
