using System.Runtime.InteropServices;
using System.Text;
using StretchBindings.Scanner.Clang;
using System.Globalization;
using StretchBindings.Manifest;

namespace StretchBindings.Scanner.Scanning;

/// <summary>
/// Evaluates object-like macros with the compiler itself rather than a hand-written expression
/// parser: a second, small translation unit includes the header and declares one
/// <c>static const __auto_type</c> variable per macro, and clang evaluates each initializer. The
/// variable's deduced type is the macro's type (int, unsigned long, double, char *, ...). A macro
/// that is not a constant expression (an attribute, a keyword, a call) simply fails to evaluate.
/// </summary>
internal static unsafe class MacroConstants
{
    private const string HelperPrefix = "__stretchbindings_constant_";

    /// <summary>A macro that may be a constant.</summary>
    public sealed record Candidate(string Name, string Expression, NativeDoc? Doc, NativeLocation Location)
    {
        /// <summary>The expansion's tokens that are identifiers, in order (other macros it may expand).</summary>
        public IReadOnlyList<string> Identifiers { get; init; } = [];

        public int TokenCount { get; init; }
    }

    /// <summary>
    /// The most tokens a macro may expand to and still be evaluated. "#define A1 A0 A0", "#define A2
    /// A1 A1", … doubles with each line: expanding it would take time exponential in the header's size.
    /// No real constant comes near this.
    /// </summary>
    public const long MaxExpansionTokens = 10_000;

    // Keywords that can appear in a constant expression (casts, sizeof); any other keyword means
    // the macro is not one (extern, static, __attribute__ is an identifier but fails to evaluate).
    private static readonly HashSet<string> ExpressionKeywords = new(StringComparer.Ordinal)
    {
        "sizeof", "_Alignof", "alignof", "char", "short", "int", "long", "signed", "unsigned", "float", "double",
        "_Bool", "bool", "const", "volatile", "struct", "union", "enum", "true", "false", "nullptr", "__extension__",
    };

    /// <summary>The macro's expansion as text, or null when it cannot be a constant.</summary>
    public static string? ReadExpression(TranslationUnitHandle unit, CXCursor macro, List<string> identifiers)
    {
        CXToken* tokens;
        uint count;
        LibClang.clang_tokenize(unit, LibClang.clang_getCursorExtent(macro), &tokens, &count);
        try
        {
            if (count < 2)
            {
                return null;
            }

            var text = new StringBuilder();
            int depth = 0;
            long previousEnd = -1;
            for (uint i = 1; i < count; i++)
            {
                CXTokenKind kind = LibClang.clang_getTokenKind(tokens[i]);
                string spelling = ClangString.Take(LibClang.clang_getTokenSpelling(unit, tokens[i]));
                if (kind == CXTokenKind.Keyword && !ExpressionKeywords.Contains(spelling))
                {
                    return null;
                }

                depth += spelling switch { "(" => 1, ")" => -1, _ => 0 };
                if (depth < 0 || spelling is "{" or "}" or ";" or "#" or "##")
                {
                    return null;
                }

                // Keep the header's own spacing between tokens, collapsed to one space.
                uint start = LibClang.clang_getTokenLocation(unit, tokens[i]).ExpansionOffset();
                if (text.Length > 0 && start > previousEnd)
                {
                    text.Append(' ');
                }

                text.Append(spelling);
                if (kind == CXTokenKind.Identifier)
                {
                    identifiers.Add(spelling);
                }

                previousEnd = start + Encoding.UTF8.GetByteCount(spelling);
            }

            return depth == 0 ? text.ToString() : null;
        }
        finally
        {
            LibClang.clang_disposeTokens(unit, tokens, count);
        }
    }

    public static List<NativeConstant> Evaluate(
        ClangIndexHandle index,
        string headerPath,
        IReadOnlyList<string> arguments,
        bool cplusplus,
        IReadOnlyList<Candidate> candidates,
        TypeDescriberFactory describers)
    {
        var constants = new List<NativeConstant>();
        candidates = WithBoundedExpansion(candidates);
        if (candidates.Count == 0)
        {
            return constants;
        }

        string helperPath = Path.Combine(Path.GetDirectoryName(headerPath)!, "__stretchbindings_constants__" + (cplusplus ? ".cpp" : ".c"));
        var source = new StringBuilder();
        source.Append("#include \"").Append(headerPath.Replace("\\", "\\\\", StringComparison.Ordinal)).Append("\"\n");
        string autoType = cplusplus ? "auto" : "__auto_type";
        for (int i = 0; i < candidates.Count; i++)
        {
            source.Append("static const ").Append(autoType).Append(' ').Append(HelperPrefix).Append(i)
                .Append(" = ").Append(candidates[i].Name).Append(";\n");
        }

        using TranslationUnitHandle unit = ClangParser.Parse(
            index, helperPath, arguments, CXTranslationUnitFlags.SkipFunctionBodies, source.ToString());
        TypeDescriber describer = describers();
        CXCursor root = LibClang.clang_getTranslationUnitCursor(unit);
        List<CXCursor> helpers = CursorVisitor.Children(root, cursor => cursor.Kind == CXCursorKind.VarDecl);
        foreach (CXCursor helper in helpers)
        {
            string name = helper.Spelling();
            if (!name.StartsWith(HelperPrefix, StringComparison.Ordinal)
                || !int.TryParse(name.AsSpan(HelperPrefix.Length), out int i) || i < 0 || i >= candidates.Count)
            {
                continue;
            }

            NativeConstant? constant = EvaluateOne(helper, candidates[i], describer);
            if (constant is not null)
            {
                constants.Add(constant);
            }
        }

        return constants;
    }

    // The candidates whose full expansion stays under MaxExpansionTokens, in their order; each
    // macro's size is computed once from the sizes of the macros it names, so this is linear.
    private static List<Candidate> WithBoundedExpansion(IReadOnlyList<Candidate> candidates)
    {
        var byName = new Dictionary<string, Candidate>(StringComparer.Ordinal);
        foreach (Candidate candidate in candidates)
        {
            byName[candidate.Name] = candidate;
        }

        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        long Size(string name)
        {
            if (sizes.TryGetValue(name, out long known))
            {
                return known;
            }

            // A macro does not expand inside itself: a cycle counts as one token.
            sizes[name] = 1;
            Candidate candidate = byName[name];
            long size = candidate.TokenCount;
            foreach (string identifier in candidate.Identifiers)
            {
                if (byName.ContainsKey(identifier))
                {
                    size = Math.Min(MaxExpansionTokens + 1, size - 1 + Size(identifier));
                }
            }

            sizes[name] = size;
            return size;
        }

        return candidates.Where(c => Size(c.Name) <= MaxExpansionTokens).ToList();
    }

    private static NativeConstant? EvaluateOne(CXCursor helper, Candidate candidate, TypeDescriber describer)
    {
        nint result = LibClang.clang_Cursor_Evaluate(helper);
        if (result == nint.Zero)
        {
            return null;
        }

        try
        {
            NativeConstantKind kind;
            string value;
            switch (LibClang.clang_EvalResult_getKind(result))
            {
                case CXEvalResultKind.Int:
                    kind = NativeConstantKind.Integer;
                    value = LibClang.clang_EvalResult_isUnsignedInt(result) != 0
                        ? LibClang.clang_EvalResult_getAsUnsigned(result).ToString(CultureInfo.InvariantCulture)
                        : LibClang.clang_EvalResult_getAsLongLong(result).ToString(CultureInfo.InvariantCulture);
                    break;
                case CXEvalResultKind.Float:
                    double number = LibClang.clang_EvalResult_getAsDouble(result);
                    if (!double.IsFinite(number))
                    {
                        return null;
                    }

                    kind = NativeConstantKind.Float;
                    value = ManifestWriter.NumberText(number);
                    break;
                case CXEvalResultKind.StrLiteral:
                    kind = NativeConstantKind.String;
                    value = Marshal.PtrToStringUTF8((nint)LibClang.clang_EvalResult_getAsStr(result)) ?? string.Empty;
                    break;
                default:
                    return null;
            }

            NativeType type = describer.Describe(helper.Type());
            if (type.Kind == NativeTypeKind.Unsupported)
            {
                return null;
            }

            return new NativeConstant(candidate.Name, kind, Unqualified(type), value, candidate.Doc)
            {
                Expression = candidate.Expression,
                Location = candidate.Location,
            };
        }
        finally
        {
            LibClang.clang_EvalResult_dispose(result);
        }
    }

    // The helper variable is const; the macro's value is not.
    private static NativeType Unqualified(NativeType type)
    {
        string spelling = type.Spelling;
        if (spelling.StartsWith("const ", StringComparison.Ordinal) && type.Kind != NativeTypeKind.Pointer)
        {
            spelling = spelling[6..];
        }
        else if (spelling.EndsWith("const", StringComparison.Ordinal) && type.Kind == NativeTypeKind.Pointer)
        {
            spelling = spelling[..^5].TrimEnd();
        }

        return type with { Const = false, Spelling = spelling };
    }
}

/// <summary>Makes a describer for a translation unit (types of one unit are not valid in another).</summary>
internal delegate TypeDescriber TypeDescriberFactory();
