using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace StretchBindings.Analyzers.ReachableFromAnyThread;

/// <summary>
/// The identifiers written with a given name inside one declaration, found by searching its source text and asking
/// the tree only for each match: walking a large type's nodes or tokens makes the tree build (and, for method
/// bodies, build again) an object for each, which cost more than everything the rules then do with the few names
/// they look for. Comments, strings and longer identifiers that contain the name are told apart by the token found.
/// </summary>
internal sealed class IdentifierSearch
{
    // The whole file's text, searched within the scope's span: a file read from disk keeps its text as one string,
    // which is then used as it is; any other is copied once per file, not once per declaration searched.
    private static readonly ConditionalWeakTable<SourceText, string> s_texts = new();

    private readonly SyntaxNode _scope;
    private readonly string _text;

    public IdentifierSearch(SyntaxNode scope)
    {
        _scope = scope;
        _text = s_texts.GetValue(scope.SyntaxTree.GetText(), static text => text.ToString());
    }

    /// <summary>The declaration searched.</summary>
    public SyntaxNode Scope => _scope;

    /// <summary>Whether <paramref name="node"/> is inside the declaration searched.</summary>
    public bool Holds(SyntaxNode node) => node.SyntaxTree == _scope.SyntaxTree && _scope.Span.Contains(node.Span);

    /// <summary>The identifier tokens written <paramref name="name"/> (or <c>@name</c>), in source order.</summary>
    public IEnumerable<SyntaxToken> Find(string name) => Find(name, _scope.Span);

    /// <summary>The identifier tokens written <paramref name="name"/> inside <paramref name="within"/>, a span of this declaration's file.</summary>
    public IEnumerable<SyntaxToken> Find(string name, TextSpan within)
    {
        // A missing identifier (code being typed) has no text, and no name is written with none.
        if (name.Length == 0)
        {
            yield break;
        }

        int from = Math.Max(within.Start, _scope.SpanStart);
        int end = Math.Min(Math.Min(within.End, _scope.Span.End), _text.Length);
        for (int at = IndexOf(name, from, end); at >= 0; at = IndexOf(name, at + name.Length, end))
        {
            bool joined = (at > 0 && SyntaxFacts.IsIdentifierPartCharacter(_text[at - 1]))
                || (at + name.Length < _text.Length && SyntaxFacts.IsIdentifierPartCharacter(_text[at + name.Length]));
            if (joined)
            {
                continue;
            }

            SyntaxToken token = _scope.FindToken(at);
            if (token.IsKind(SyntaxKind.IdentifierToken) && token.Span.End == at + name.Length && token.ValueText == name)
            {
                yield return token;
            }
        }
    }

    /// <summary>Whether an identifier written <paramref name="name"/> is in the declaration.</summary>
    public bool Writes(string name)
    {
        foreach (SyntaxToken _ in Find(name))
        {
            return true;
        }

        return false;
    }

    /// <summary>Whether the declaration's text holds <paramref name="text"/> anywhere (comments and longer names included).</summary>
    public bool Contains(string text) => IndexOf(text, _scope.SpanStart, Math.Min(_scope.Span.End, _text.Length)) >= 0;

    /// <summary>
    /// Whether <paramref name="member"/> (in this declaration) declares <paramref name="name"/>: a local, parameter,
    /// local function or lambda parameter, any identifier written other than as a name (the member's own name aside),
    /// which hides a member of the type of that name there.
    /// </summary>
    public bool Declares(string name, SyntaxNode member)
    {
        foreach (SyntaxToken token in Find(name, member.Span))
        {
            if (token.Parent is not SimpleNameSyntax && token.Parent != member)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the member <paramref name="expression"/> is written in declares the name it starts with (<c>worker</c> in
    /// <c>worker.Run</c>), which a binding at the level of the type's members would take for the field or property of
    /// that name.
    /// </summary>
    public bool DeclaredInMember(ExpressionSyntax expression)
    {
        ExpressionSyntax first = expression;
        while (first is MemberAccessExpressionSyntax access)
        {
            first = access.Expression;
        }

        return first is IdentifierNameSyntax name
            && expression.FirstAncestorOrSelf<MemberDeclarationSyntax>() is { } member
            && Declares(name.Identifier.ValueText, member);
    }

    private int IndexOf(string name, int from, int end) =>
        from > end - name.Length ? -1 : _text.IndexOf(name, from, end - from, StringComparison.Ordinal);
}
