using StretchBindings.Manifest;
using StretchBindings.Scanner.Clang;

namespace StretchBindings.Scanner.Scanning;

/// <summary>
/// One scan of one parsed header: walks the translation unit and builds the manifest. The work is
/// split by declaration kind: functions, records (with their layouts), enums, typedefs, macro
/// constants, annotations, files and locations, and reporting, one file each (ScanSession.*.cs).
/// </summary>
internal sealed partial class ScanSession
{
    private readonly ScanOptions _options;
    private readonly ClangIndexHandle _index;
    private readonly TranslationUnitHandle _unit;
    private readonly IReadOnlyList<string> _arguments;
    private readonly string _headerPath;
    private readonly string _baseDirectory;
    private readonly bool _cplusplus;
    private readonly TypeDescriber _describer;

    private readonly Dictionary<string, NativeFunction> _functions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NativeRecord> _records = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NativeEnum> _enums = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NativeTypedef> _typedefs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NativeConstant> _enumeratorConstants = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MacroConstants.Candidate> _macroCandidates = new(StringComparer.Ordinal);

    public ScanSession(
        ScanOptions options,
        ClangIndexHandle index,
        TranslationUnitHandle unit,
        IReadOnlyList<string> arguments,
        string headerPath,
        string baseDirectory)
    {
        _options = options;
        _index = index;
        _unit = unit;
        _arguments = arguments;
        _headerPath = headerPath;
        _baseDirectory = baseDirectory;
        _cplusplus = ScanOptions.IsCxx(options.Standard);
        _describer = new TypeDescriber(RelativePath);
    }

    public ScanResult Run()
    {
        CXCursor root = LibClang.clang_getTranslationUnitCursor(_unit);
        _roots = IncludeRoots.Find(_unit, _headerPath, _options.IncludeDirectories);
        List<CXCursor> declarations = RecordedChildren(root);
        IndexAnnotations(root);
        NameAnonymousDeclarations(declarations);

        foreach (CXCursor declaration in declarations)
        {
            Visit(declaration);
        }

        List<NativeConstant> macroConstants = MacroConstants.Evaluate(
            _index, _headerPath, _arguments, _cplusplus, [.. _macroCandidates.Values], () => new TypeDescriber(RelativePath));

        RecordBorrowedRecords();
        DocumentTypesFromTheirTypedefs();
        ApplyLibraryMap();
        ApplySidecar();
        ValidateAnnotationReferences();
        if (_errors.Count > 0)
        {
            // An annotation repeated on several declarations of one function is one mistake.
            throw new ScanException(_errors.Distinct().ToList());
        }

        var constants = new Dictionary<string, NativeConstant>(_enumeratorConstants, StringComparer.Ordinal);
        foreach (NativeConstant constant in macroConstants)
        {
            constants[constant.Name] = constant;
        }

        NativeFunction[] functions = _functions.Values.Where(f => KeepFunction(f.Name)).OrderBy(f => f.Name, StringComparer.Ordinal).ToArray();
        Summarize(functions.Length);
        (string triple, int pointerSize) = ReadTarget();
        var manifest = new NativeManifest(
            _options.Library,
            RelativePath(_headerPath),
            pointerSize,
            functions,
            _records.Values.OrderBy(r => r.Name, StringComparer.Ordinal).ToArray(),
            _enums.Values.OrderBy(e => e.Name, StringComparer.Ordinal).ToArray(),
            _typedefs.Values.OrderBy(t => t.Name, StringComparer.Ordinal).ToArray(),
            constants.Values.OrderBy(c => c.Name, StringComparer.Ordinal).ToArray())
        {
            Files = _contributingFiles.Append(RelativePath(_headerPath)).Distinct().Order(StringComparer.Ordinal).ToArray(),
            TargetTriple = triple,
            Language = ScanOptions.StandardFlag(_options.Standard),
            Defines = _options.Defines.ToArray(),
            IncludeFirst = _options.IncludeFirst.ToArray(),
            Globals = _globals.Values.OrderBy(g => g.Name, StringComparer.Ordinal).ToArray(),
            Unsupported = _unsupported
                .Where(u => u.Kind != "function" || KeepFunction(u.Name))
                .DistinctBy(u => (u.Name, u.Kind))
                .OrderBy(u => u.Name, StringComparer.Ordinal)
                .ThenBy(u => u.Kind, StringComparer.Ordinal)
                .ToArray(),
        };

        return new ScanResult(manifest, _warnings.Distinct().ToList(), [.. ReadDependencies(), .. SidecarDependencies()]) { CursorsWalked = WalkedCursors };
    }

    private void Visit(CXCursor cursor)
    {
        switch (cursor.Kind)
        {
            case CXCursorKind.StructDecl:
            case CXCursorKind.UnionDecl:
                VisitRecord(cursor);
                break;
            case CXCursorKind.EnumDecl:
                VisitEnum(cursor);
                break;
            case CXCursorKind.TypedefDecl:
            case CXCursorKind.TypeAliasDecl:
                VisitTypedef(cursor);
                break;
            case CXCursorKind.FunctionDecl:
                VisitFunction(cursor);
                break;
            case CXCursorKind.MacroDefinition:
                VisitMacro(cursor);
                break;
            case CXCursorKind.VarDecl:
                VisitVariable(cursor);
                break;
            case CXCursorKind.ClassDecl:
                AddUnsupported(cursor, "class", "C++ class: only C declarations can be bound");
                break;
            case CXCursorKind.ClassTemplate:
            case CXCursorKind.ClassTemplatePartialSpecialization:
            case CXCursorKind.FunctionTemplate:
            case CXCursorKind.TypeAliasTemplateDecl:
                AddUnsupported(cursor, "template", "C++ template: only C declarations can be bound");
                break;
            case CXCursorKind.Namespace:
                AddUnsupported(cursor, "namespace", "C++ namespace: its declarations have C++ linkage and cannot be bound");
                break;
            case CXCursorKind.CxxMethod:
            case CXCursorKind.Constructor:
            case CXCursorKind.Destructor:
            case CXCursorKind.ConversionFunction:
                AddUnsupported(cursor, "method", "C++ member function: only C functions can be bound");
                break;
        }
    }

    /// <summary>The top-level declarations of the recorded files, with <c>extern "C" { }</c> blocks opened.</summary>
    private List<CXCursor> RecordedChildren(CXCursor parent)
    {
        List<CXCursor> children = CursorVisitor.Children(parent, cursor =>
        {
            if (cursor.Kind is CXCursorKind.MacroExpansion or CXCursorKind.InclusionDirective)
            {
                return false;
            }

            if (IsRecorded(cursor))
            {
                return true;
            }

            NoteOutsideRoots(cursor);
            return cursor.Kind is CXCursorKind.LinkageSpec or CXCursorKind.UnexposedDecl;
        });
        var flattened = new List<CXCursor>(children.Count);
        foreach (CXCursor child in children)
        {
            // extern "C" { ... } only wraps declarations (libclang 14 shows it as an unexposed declaration).
            if (child.Kind is CXCursorKind.LinkageSpec or CXCursorKind.UnexposedDecl)
            {
                flattened.AddRange(RecordedChildren(child));
            }
            else
            {
                flattened.Add(child);
            }
        }

        return flattened;
    }
}
