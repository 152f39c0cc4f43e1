using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace StretchBindings.Analyzers.ReachableFromAnyThread;

/// <summary>
/// An object that starts a thread on its own code: an instance member of its type starts a thread, a task or a
/// thread-pool work item on another instance member of it (<c>new Thread(Loop)</c>, <c>Task.Run(() => Loop())</c>,
/// <c>ThreadStart run = Loop; new Thread(run)</c>). That member then runs on the new thread while the object's other
/// members can run on their callers' threads: the object is reachable from two threads, though no static holds it.
/// Read from the type's own code at the end of the compilation, only for types with a field holding a
/// single-threaded instance, and only where their code names a thread-starting API.
/// </summary>
internal static class SelfStartedThreads
{
    /// <summary>
    /// What the type runs on a thread it starts, and the member that starts it: a member of the type (<see cref="Entry"/>),
    /// or the started lambda's own code (<see cref="Lambda"/>; what it calls on the object are starts of their own).
    /// </summary>
    internal sealed class Start
    {
        public readonly IMethodSymbol? Entry;
        public readonly AnonymousFunctionExpressionSyntax? Lambda;
        public readonly ISymbol Starter;

        public Start(IMethodSymbol? entry, AnonymousFunctionExpressionSyntax? lambda, ISymbol starter)
        {
            Entry = entry;
            Lambda = lambda;
            Starter = starter;
        }

        /// <summary>What runs on the thread, for a message: <c>'Engine.Run'</c>, or <c>a lambda of 'Engine.Start'</c>.</summary>
        public string Describe() =>
            Entry is not null ? $"'{FieldAccess.Describe(Entry)}'" : $"a lambda of '{FieldAccess.Describe(Starter)}'";
    }

    /// <summary>The threads <paramref name="type"/> starts on its own instance members, in source order.</summary>
    /// <remarks>
    /// Binding a start's statement would bind the lambdas in it for every overload tried, the bulk of this rule's
    /// time on a type that starts its work in large lambdas. So only names are bound: the start's receiver or created
    /// type, speculatively at the level of the type's members, and the members a delegate names, looked up among the
    /// type's own methods; a call is bound only when the name is overloaded or the receiver is not a type, field or
    /// property.
    /// </remarks>
    public static List<Start> Of(INamedTypeSymbol type, Compilation compilation)
    {
        var starts = new List<Start>();
        foreach (SyntaxReference part in type.DeclaringSyntaxReferences)
        {
            if (part.GetSyntax() is not TypeDeclarationSyntax declaration)
            {
                continue;
            }

            SemanticModel? model = null;
            int typeLevel = declaration.OpenBraceToken.Span.End;
            var search = new IdentifierSearch(declaration);
            foreach (SyntaxToken written in StartNames(search))
            {
                if (StartAt(written) is not { } start)
                {
                    continue;
                }

#pragma warning disable RS1030 // At the end of the compilation, only for a type that names a thread start: no model is at hand.
                model ??= compilation.GetSemanticModel(part.SyntaxTree);
#pragma warning restore RS1030
                if (StartedDelegate(start, written.ValueText, model, typeLevel, search) is not { } handed
                    || Starter(start, model) is not { IsStatic: false } starter
                    || !SymbolEqualityComparer.Default.Equals(starter.ContainingType?.OriginalDefinition, type.OriginalDefinition))
                {
                    continue;
                }

                if (handed is AnonymousFunctionExpressionSyntax lambda)
                {
                    starts.Add(new Start(null, lambda, starter.OriginalDefinition));
                }

                foreach (IMethodSymbol entry in Entries(handed, model, type, search))
                {
                    starts.Add(new Start(entry, null, starter.OriginalDefinition));
                }
            }
        }

        return starts;
    }

    /// <summary>
    /// The names a start is written with, in source order: <c>Thread</c>, <c>Run</c> after <c>Task.</c> (<c>Task</c>
    /// alone is in every async signature), <c>StartNew</c>, <c>QueueUserWorkItem</c>, <c>UnsafeQueueUserWorkItem</c>,
    /// <c>Timer</c> (a <c>System.Threading.Timer</c>'s callback) and <c>Elapsed</c> (a <c>System.Timers.Timer</c>'s handler).
    /// Found by their text, so a type that names none costs a search of its text; what matches is bound next.
    /// </summary>
    internal static List<SyntaxToken> StartNames(IdentifierSearch search)
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
    internal static ExpressionSyntax? StartAt(SyntaxToken written)
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
    internal static ISymbol? Starter(SyntaxNode start, SemanticModel model)
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
    internal static ExpressionSyntax? StartedDelegate(
        ExpressionSyntax start, string name, SemanticModel model, int typeLevel, IdentifierSearch search)
    {
        if (start is AssignmentExpressionSyntax { Left: MemberAccessExpressionSyntax timer } subscription)
        {
            // A System.Timers.Timer's Elapsed handler runs on the thread pool at every tick.
            ITypeSymbol? held = search.DeclaredInMember(timer.Expression)
                ? model.GetTypeInfo(timer.Expression).Type
                : model.GetSpeculativeSymbolInfo(typeLevel, WithoutThis(timer.Expression), SpeculativeBindingOption.BindAsExpression).Symbol switch
                {
                    IFieldSymbol field => field.Type,
                    IPropertySymbol property => property.Type,
                    _ => null,
                };
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
                model.GetSpeculativeSymbolInfo(typeLevel, WithoutThis(access.Expression), SpeculativeBindingOption.BindAsExpression).Symbol switch
                {
                    INamedTypeSymbol named => named,
                    IFieldSymbol field => field.Type,
                    IPropertySymbol property => property.Type,
                    // A local or a computed receiver: the call itself is bound.
                    _ => (model.GetSymbolInfo(call).Symbol as IMethodSymbol)?.ContainingType,
                },
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
    /// A receiver to bind at the level of the type's members, where there is no <c>this</c>: <c>this._engine</c> as
    /// <c>_engine</c> (which there names the field, as <c>this._engine</c> does wherever it is written).
    /// </summary>
    internal static ExpressionSyntax WithoutThis(ExpressionSyntax receiver) => receiver switch
    {
        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access => access.Name,
        MemberAccessExpressionSyntax access => access.WithExpression(WithoutThis(access.Expression)),
        _ => receiver,
    };

    /// <summary>The instance methods of <paramref name="type"/> a started delegate runs on <c>this</c>.</summary>
    private static List<IMethodSymbol> Entries(ExpressionSyntax handed, SemanticModel model, INamedTypeSymbol type, IdentifierSearch search)
    {
        var entries = new List<IMethodSymbol>();
        SyntaxNode? member = handed.FirstAncestorOrSelf<MemberDeclarationSyntax>();
        var hidden = new LocalNames(member, search);
        switch (handed)
        {
            case AnonymousFunctionExpressionSyntax lambda:
                // What the lambda calls on this object.
                foreach (SyntaxNode node in lambda.Body.DescendantNodesAndSelf())
                {
                    if (node is InvocationExpressionSyntax { Expression: IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } } call)
                    {
                        AddNamed(call.Expression, call, hidden, model, type, entries);
                    }
                }

                break;
            case IdentifierNameSyntax name when member is not null && LocalValues(name.Identifier.ValueText, member) is { } values:
                // A delegate local: every method group stored in it in the same member.
                foreach (ExpressionSyntax value in values)
                {
                    if (value is IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax })
                    {
                        AddNamed(value, null, hidden, model, type, entries);
                    }
                }

                break;
            default:
                // A method group: Loop or this.Loop.
                if (handed is IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax })
                {
                    AddNamed(handed, null, hidden, model, type, entries);
                }

                break;
        }

        return entries;
    }

    /// <summary>
    /// The values a local named <paramref name="name"/> is given in <paramref name="member"/> (its initializer and
    /// plain assignments), or null when the member declares no local of that name.
    /// </summary>
    private static List<ExpressionSyntax>? LocalValues(string name, SyntaxNode member)
    {
        List<ExpressionSyntax>? values = null;
        foreach (SyntaxNode node in member.DescendantNodes())
        {
            switch (node)
            {
                case VariableDeclaratorSyntax declarator when declarator.Identifier.ValueText == name:
                    values ??= new List<ExpressionSyntax>();
                    if (declarator.Initializer?.Value is { } initial)
                    {
                        values.Add(initial);
                    }

                    break;
                case AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Left: IdentifierNameSyntax left } assignment
                    when left.Identifier.ValueText == name:
                    (values ??= new List<ExpressionSyntax>()).Add(assignment.Right);
                    break;
            }
        }

        return values;
    }

    /// <summary>
    /// Adds the instance method of <paramref name="type"/> that <paramref name="named"/> (<c>Loop</c>, <c>this.Loop</c>)
    /// names, found by name and argument count among the methods of the type and its base types
    /// (<see cref="TypeReferences.Pick"/>): the written call is bound only when those cannot tell, and nothing is added
    /// when the member declares a local function, local or parameter of that name.
    /// </summary>
    private static void AddNamed(
        ExpressionSyntax named, InvocationExpressionSyntax? call, LocalNames hidden, SemanticModel model,
        INamedTypeSymbol type, List<IMethodSymbol> entries)
    {
        string name = named is MemberAccessExpressionSyntax access ? access.Name.Identifier.ValueText : ((IdentifierNameSyntax)named).Identifier.ValueText;
        if (named is IdentifierNameSyntax && hidden.Contains(name))
        {
            return;
        }

        IMethodSymbol? only = TypeReferences.Pick(type, name, call?.ArgumentList.Arguments.Count, out bool decided);
        if (!decided)
        {
            only = model.GetSymbolInfo((ExpressionSyntax?)call ?? named).Symbol as IMethodSymbol;
        }

        if (only is not null)
        {
            AddOwn(only, type, entries);
        }
    }

    /// <summary>Whether a member declares a name (a local, local function, parameter, lambda parameter), asked per name.</summary>
    private sealed class LocalNames
    {
        private readonly SyntaxNode? _member;
        private readonly IdentifierSearch _search;
        private readonly Dictionary<string, bool> _known = new();

        public LocalNames(SyntaxNode? member, IdentifierSearch search)
        {
            _member = member;
            _search = search;
        }

        public bool Contains(string name)
        {
            if (_member is null)
            {
                return false;
            }

            if (!_known.TryGetValue(name, out bool declared))
            {
                foreach (SyntaxToken token in _search.Find(name, _member.Span))
                {
                    // Written other than as a name (or the member's own), the identifier declares something.
                    declared |= token.Parent is not SimpleNameSyntax && token.Parent != _member;
                }

                _known.Add(name, declared);
            }

            return declared;
        }
    }

    private static void AddOwn(IMethodSymbol method, INamedTypeSymbol type, List<IMethodSymbol> entries)
    {
        IMethodSymbol definition = method.OriginalDefinition;
        if (!definition.IsStatic
            && SymbolEqualityComparer.Default.Equals(definition.ContainingType, type.OriginalDefinition))
        {
            foreach (IMethodSymbol known in entries)
            {
                if (SymbolEqualityComparer.Default.Equals(known, definition))
                {
                    return;
                }
            }

            entries.Add(definition);
        }
    }
}
