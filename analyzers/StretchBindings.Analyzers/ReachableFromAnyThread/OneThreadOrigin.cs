using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace StretchBindings.Analyzers.ReachableFromAnyThread;

/// <summary>
/// Code confined to one thread by design: a private field whose every use (after its initialisation) runs only on
/// one thread origin. An origin is where the code that reaches a use starts running, found by following the
/// callers of the members that use the field back through private members of the type:
/// <list type="bullet">
/// <item>the delegate of one <c>new Thread(…)</c> or long-running task (<c>TaskCreationOptions.LongRunning</c>) started
/// once: in a constructor of the type (the static constructor for a static field), or in a method that refuses a second
/// start (<c>if (_thread != null) return;</c> before it, or <c>_thread ??= new Thread(…)</c>); one thread per object, or
/// one in all, such as a single consumer loop;</item>
/// <item>the UI thread: a handler subscribed to an event of a UI element, a handler of a UI element's partial class
/// that no code names (its markup wires it), or an override of a UI element's virtual member, which the UI framework
/// calls on its own thread only;</item>
/// <item>the main thread: a program's entry point (<c>Main</c>), which runs once.</item>
/// </list>
/// A member any other code can call (not private), a reference from any other delegate, or two origins leave the
/// field to the usual verdict. Asked only for a field about to be reported, so the cost is paid rarely.
/// </summary>
internal static class OneThreadOrigin
{
    private const int MaxMembers = 32;

    // Base types whose events and virtual members the framework raises on its UI thread only.
    private static readonly string[] s_uiBaseTypes =
    {
        "Avalonia.AvaloniaObject",
        "System.Windows.Forms.Control",
        "System.Windows.Threading.DispatcherObject",
        "Microsoft.UI.Xaml.DependencyObject",
        "Windows.UI.Xaml.DependencyObject",
    };

    private static readonly object s_uiThread = new();
    private static readonly object s_mainThread = new();

    /// <param name="member">The field or auto-property as declared: only a private one has all its uses in its type.</param>
    /// <param name="field">Where it is stored (the backing field of an auto-property).</param>
    /// <param name="uses">Every use of it.</param>
    /// <param name="compilation">For the models of the type's files.</param>
    public static bool Confines(ISymbol member, IFieldSymbol field, List<FieldAccess> uses, Compilation compilation)
    {
        if (member.DeclaredAccessibility != Accessibility.Private)
        {
            return false;
        }

        INamedTypeSymbol type = field.ContainingType.OriginalDefinition;
        var pending = new Queue<ISymbol>();
        var seen = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        object? origin = null;
        foreach (FieldAccess use in uses)
        {
            if (use.Initializes)
            {
                continue;
            }

            // A use inside a lambda or local function runs where that runs, not where its member does.
            if (EnclosingFunction(use.Location) is { } function)
            {
#pragma warning disable RS1030 // At the end of the compilation, only for a field about to be reported: no model is at hand.
                SemanticModel model = compilation.GetSemanticModel(function.SyntaxTree);
#pragma warning restore RS1030
                if (function is not AnonymousFunctionExpressionSyntax
                    || DelegateOrigin(function, model, field.IsStatic) is not { } start
                    || !Same(ref origin, start))
                {
                    return false;
                }
            }
            else if (seen.Add(use.Member))
            {
                pending.Enqueue(use.Member);
            }
        }

        TypeReferences? references = null;
        while (pending.Count > 0)
        {
            ISymbol user = pending.Dequeue();
            if (seen.Count > MaxMembers || user is not IMethodSymbol method)
            {
                return false;
            }

            if (OverridesUiMember(method))
            {
                if (!Same(ref origin, s_uiThread))
                {
                    return false;
                }

                continue;
            }

            if (IsEntryPoint(method, compilation))
            {
                if (!Same(ref origin, s_mainThread))
                {
                    return false;
                }

                continue;
            }

            if (method.DeclaredAccessibility != Accessibility.Private || method.MethodKind != MethodKind.Ordinary)
            {
                return false;
            }

            references ??= new TypeReferences(type, compilation);
            bool named = false;
            foreach (SimpleNameSyntax name in references.Candidates(method))
            {
                if (!references.Binds(name, method))
                {
                    continue;
                }

                named = true;
                switch (Classify(name, references.ModelOf(name.SyntaxTree), field.IsStatic))
                {
                    case (object start, _):
                        if (!Same(ref origin, start))
                        {
                            return false;
                        }

                        break;
                    case (null, { } caller):
                        if (caller is IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor } constructor
                            && constructor.IsStatic == field.IsStatic)
                        {
                            break;    // part of the initialisation
                        }

                        if (seen.Add(caller.OriginalDefinition))
                        {
                            pending.Enqueue(caller.OriginalDefinition);
                        }

                        break;
                    default:
                        return false;
                }
            }

            if (!named && IsMarkupHandler(method) && !Same(ref origin, s_uiThread))
            {
                return false;
            }
        }

        return origin is not null;
    }

    /// <summary>
    /// An event handler of a UI element's partial class that no code names: the markup compiled with the class
    /// (<c>Click="OnPlay"</c> in XAML or AXAML) wires it, and the framework calls it on its UI thread.
    /// </summary>
    private static bool IsMarkupHandler(IMethodSymbol method) =>
        method.ReturnsVoid
        && method.Parameters.Length == 2
        && method.Parameters[0].Type.SpecialType == SpecialType.System_Object
        && MetadataNames.DerivesFrom(method.Parameters[1].Type, "System.EventArgs")
        && IsUiType(method.ContainingType)
        && method.ContainingType.DeclaringSyntaxReferences.Any(
            reference => reference.GetSyntax() is TypeDeclarationSyntax declaration && declaration.Modifiers.Any(SyntaxKind.PartialKeyword));

    // A program's entry point runs once, on the main thread; other code of the program does not call it.
    private static bool IsEntryPoint(IMethodSymbol method, Compilation compilation) =>
        compilation.Options.OutputKind is OutputKind.ConsoleApplication or OutputKind.WindowsApplication
        && SymbolEqualityComparer.Default.Equals(compilation.GetEntryPoint(CancellationToken.None), method);

    private static bool Same(ref object? origin, object candidate)
    {
        origin ??= candidate;
        return ReferenceEquals(origin, candidate);
    }

    /// <summary>
    /// What a reference to a method leads back to: an origin (the thread creation, or the UI thread), or the member
    /// that calls it directly; neither when it is handed to anything else.
    /// </summary>
    private static (object? Origin, ISymbol? Caller) Classify(SimpleNameSyntax name, SemanticModel model, bool staticField)
    {
        SyntaxNode expression = TypeReferences.Expression(name);
        if (TypeReferences.CallOf(name) is { } invocation)
        {
            // A call: inside a lambda it runs where the lambda runs, else where its caller runs.
            for (SyntaxNode? current = invocation.Parent; current is not null; current = current.Parent)
            {
                if (current is AnonymousFunctionExpressionSyntax lambda)
                {
                    return (DelegateOrigin(lambda, model, staticField), null);
                }

                if (current is MemberDeclarationSyntax or LocalFunctionStatementSyntax)
                {
                    return current is LocalFunctionStatementSyntax ? (null, null) : (null, model.GetDeclaredSymbol(current));
                }
            }

            return (null, null);
        }

        // A method group handed over.
        return (DelegateOrigin(expression, model, staticField), null);
    }

    /// <summary>The origin a delegate (a lambda or a method group) runs on, or null when it is not one this rule knows.</summary>
    private static object? DelegateOrigin(SyntaxNode function, SemanticModel model, bool staticField)
    {
        SyntaxNode value = function;
        while (value.Parent is ParenthesizedExpressionSyntax or CastExpressionSyntax)
        {
            value = value.Parent;
        }

        // new Thread(Loop), new Thread(() => Loop()), or a long-running task (a thread of its own), started once.
        if (value.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: ExpressionSyntax start } }
            && StartsDedicatedThread(start, model)
            && !InsideLoopOrLambda(start)
            && StartedOnce(start, model, staticField))
        {
            return start;
        }

        // element.Click += Handler on a UI element.
        if (value.Parent is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.AddAssignmentExpression } subscription
            && subscription.Right == value
            && model.GetSymbolInfo(subscription.Left).Symbol is IEventSymbol handlerEvent
            && IsUiType(handlerEvent.ContainingType))
        {
            return s_uiThread;
        }

        return null;
    }

    /// <summary><c>new Thread(…)</c>, or a task created or started with <c>TaskCreationOptions.LongRunning</c>.</summary>
    private static bool StartsDedicatedThread(ExpressionSyntax start, SemanticModel model)
    {
        switch (start)
        {
            case BaseObjectCreationExpressionSyntax creation when model.GetTypeInfo(creation).Type is { } created:
                return MetadataNames.Is(created, "System.Threading.Thread")
                    || (MetadataNames.IsDefinition(created, "System.Threading.Tasks.Task") || MetadataNames.IsDefinition(created, "System.Threading.Tasks.Task`1"))
                        && AsksLongRunning(creation.ArgumentList, model);
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "StartNew" } } call
                when model.GetSymbolInfo(call).Symbol is IMethodSymbol method:
                return (MetadataNames.IsDefinition(method.ContainingType, "System.Threading.Tasks.TaskFactory")
                        || MetadataNames.IsDefinition(method.ContainingType, "System.Threading.Tasks.TaskFactory`1"))
                    && AsksLongRunning(call.ArgumentList, model);
            default:
                return false;
        }
    }

    private static bool AsksLongRunning(ArgumentListSyntax? arguments, SemanticModel model)
    {
        const int LongRunning = 2;    // TaskCreationOptions.LongRunning
        if (arguments is null)
        {
            return false;
        }

        foreach (ArgumentSyntax argument in arguments.Arguments)
        {
            if (model.GetTypeInfo(argument.Expression).Type is { } type
                && MetadataNames.Is(type, "System.Threading.Tasks.TaskCreationOptions")
                && model.GetConstantValue(argument.Expression) is { HasValue: true, Value: int options }
                && (options & LongRunning) != 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The thread is started once for the field: by a constructor (the static one for a static field), or by an
    /// ordinary method of the same kind that refuses to start a second one: an earlier <c>if</c> on a field of the
    /// type that returns or throws (<c>if (_thread != null) return;</c>), or <c>_thread ??= new Thread(…)</c>.
    /// </summary>
    private static bool StartedOnce(ExpressionSyntax start, SemanticModel model, bool staticField)
    {
        switch (model.GetEnclosingSymbol(start.SpanStart))
        {
            case IMethodSymbol { MethodKind: MethodKind.Constructor or MethodKind.StaticConstructor } constructor:
                return constructor.IsStatic == staticField;
            case IMethodSymbol { MethodKind: MethodKind.Ordinary } method when method.IsStatic == staticField:
                return start.Parent is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceAssignmentExpression } coalesce
                        && coalesce.Right == start
                        && IsOwnField(coalesce.Left, model, method.ContainingType)
                    || HasEarlierGuard(start, model, method.ContainingType);
            default:
                return false;
        }
    }

    private static bool HasEarlierGuard(SyntaxNode start, SemanticModel model, INamedTypeSymbol type)
    {
        if (start.FirstAncestorOrSelf<BaseMethodDeclarationSyntax>() is not { } method)
        {
            return false;
        }

        foreach (IfStatementSyntax guard in method.DescendantNodes().OfType<IfStatementSyntax>())
        {
            if (guard.Span.End <= start.SpanStart
                && !InsideLoopOrLambda(guard)
                && Exits(guard.Statement)
                && guard.Condition.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(name => IsOwnField(name, model, type)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Exits(StatementSyntax statement) => statement switch
    {
        ReturnStatementSyntax or ThrowStatementSyntax => true,
        BlockSyntax { Statements.Count: > 0 } block => Exits(block.Statements[block.Statements.Count - 1]),
        _ => false,
    };

    private static bool IsOwnField(ExpressionSyntax expression, SemanticModel model, INamedTypeSymbol type) =>
        model.GetSymbolInfo(expression).Symbol is { } symbol
        && symbol is IFieldSymbol or IPropertySymbol { IsIndexer: false }
        && SymbolEqualityComparer.Default.Equals(symbol.ContainingType?.OriginalDefinition, type.OriginalDefinition);

    /// <summary>The lambda or local function a use at <paramref name="location"/> is written in, if any.</summary>
    internal static SyntaxNode? EnclosingFunction(Location location) =>
        location.SourceTree?.GetRoot().FindNode(location.SourceSpan, getInnermostNodeForTie: true) is { } node
            ? EnclosingFunction(node)
            : null;

    /// <summary>The lambda or local function <paramref name="node"/> is written in, if any.</summary>
    internal static SyntaxNode? EnclosingFunction(SyntaxNode node)
    {
        for (SyntaxNode? current = node; current is not null and not MemberDeclarationSyntax; current = current.Parent)
        {
            if (current is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
            {
                return current;
            }
        }

        return null;
    }

    private static bool InsideLoopOrLambda(SyntaxNode node)
    {
        for (SyntaxNode? current = node.Parent; current is not null and not MemberDeclarationSyntax; current = current.Parent)
        {
            if (current is ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax
                or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
            {
                return true;
            }
        }

        return false;
    }

    private static bool OverridesUiMember(IMethodSymbol method)
    {
        IMethodSymbol? overridden = method.OverriddenMethod;
        return method.IsOverride && overridden is not null && !overridden.ContainingType.Locations.IsEmpty
            && !overridden.ContainingType.Locations[0].IsInSource
            && IsUiType(method.ContainingType);
    }

    private static bool IsUiType(INamedTypeSymbol? type)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            foreach (string name in s_uiBaseTypes)
            {
                if (MetadataNames.Is(current.OriginalDefinition, name))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
