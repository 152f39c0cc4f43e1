using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace StretchBindings.Analyzers.Tests.Infrastructure;

/// <summary>An expected diagnostic: its ID and the exact span it covers.</summary>
public readonly record struct ExpectedDiagnostic(string Id, TextSpan Span);

/// <summary>
/// Source text with expected diagnostics marked as <c>{|SB1001:covered text|}</c>. Marks may nest.
/// </summary>
public static class Markup
{
    public static (string Source, List<ExpectedDiagnostic> Expected) Parse(string marked)
    {
        var source = new StringBuilder(marked.Length);
        var expected = new List<ExpectedDiagnostic>();
        var open = new Stack<(string Id, int Start)>();
        int i = 0;
        while (i < marked.Length)
        {
            if (marked[i] == '{' && i + 1 < marked.Length && marked[i + 1] == '|')
            {
                int colon = marked.IndexOf(':', i + 2);
                if (colon < 0)
                {
                    throw new FormatException($"A mark at offset {i} has no ':' after its ID.");
                }

                open.Push((marked.Substring(i + 2, colon - i - 2), source.Length));
                i = colon + 1;
                continue;
            }

            if (marked[i] == '|' && i + 1 < marked.Length && marked[i + 1] == '}' && open.Count > 0)
            {
                (string id, int start) = open.Pop();
                expected.Add(new ExpectedDiagnostic(id, TextSpan.FromBounds(start, source.Length)));
                i += 2;
                continue;
            }

            source.Append(marked[i]);
            i++;
        }

        if (open.Count > 0)
        {
            throw new FormatException("A mark is not closed.");
        }

        return (source.ToString(), expected);
    }
}
