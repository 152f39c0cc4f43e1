using System.Globalization;
using System.Runtime.InteropServices;
using StretchBindings.Manifest;
using StretchBindings.Scanner.Clang;

namespace StretchBindings.Scanner.Scanning;

/// <summary>One scan of one parsed header: walks its declarations and builds the manifest.</summary>
internal sealed partial class ScanSession
{
    private readonly ScanOptions _options;
    private readonly ClangIndexHandle _index;
    private readonly TranslationUnitHandle _unit;
    private readonly IReadOnlyList<string> _arguments;
    private readonly string _headerPath;
    private readonly string _headerDirectory;
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
        _headerDirectory = Path.GetDirectoryName(headerPath)!;
        _baseDirectory = baseDirectory;
        _cplusplus = options.Standard == LanguageStandard.Cxx17;
        _describer = new TypeDescriber(RelativePath);
    }

    public ScanResult Run()
    {
        CXCursor root = LibClang.clang_getTranslationUnitCursor(_unit);
        List<CXCursor> declarations = RecordedChildren(root);
        IndexAnnotations(root);
        NameAnonymousDeclarations(declarations);

        foreach (CXCursor declaration in declarations)
        {
            Visit(declaration);
        }

        List<NativeConstant> macroConstants = MacroConstants.Evaluate(
            _index, _headerPath, _arguments, _cplusplus, [.. _macroCandidates.Values], () => new TypeDescriber(RelativePath));

        DocumentTypesFromTheirTypedefs();
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

        (string triple, int pointerSize) = ReadTarget();
        var manifest = new NativeManifest(
            _options.Library,
            RelativePath(_headerPath),
            pointerSize,
            _functions.Values.Where(f => KeepFunction(f.Name)).OrderBy(f => f.Name, StringComparer.Ordinal).ToArray(),
            _records.Values.OrderBy(r => r.Name, StringComparer.Ordinal).ToArray(),
            _enums.Values.OrderBy(e => e.Name, StringComparer.Ordinal).ToArray(),
            _typedefs.Values.OrderBy(t => t.Name, StringComparer.Ordinal).ToArray(),
            constants.Values.OrderBy(c => c.Name, StringComparer.Ordinal).ToArray())
        {
            Files = _contributingFiles.Append(RelativePath(_headerPath)).Distinct().Order(StringComparer.Ordinal).ToArray(),
            TargetTriple = triple,
            Language = ScanOptions.StandardFlag(_options.Standard),
            Defines = _options.Defines.ToArray(),
            Unsupported = _unsupported
                .Where(u => u.Kind != "function" || KeepFunction(u.Name))
                .DistinctBy(u => (u.Name, u.Kind))
                .OrderBy(u => u.Name, StringComparer.Ordinal)
                .ThenBy(u => u.Kind, StringComparer.Ordinal)
                .ToArray(),
        };

        return new ScanResult(manifest, _warnings.Distinct().ToList(), ReadDependencies());
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
                AddUnsupported(cursor, "variable", "global variable: only functions, types and constants are bound");
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
            cursor.Kind is not (CXCursorKind.MacroExpansion or CXCursorKind.InclusionDirective) && IsRecorded(cursor));
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

    private void VisitRecord(CXCursor cursor)
    {
        string? name = _describer.DeclarationName(cursor);
        if (name is null)
        {
            // An anonymous record without a typedef is described inline wherever it is used.
            return;
        }

        CXCursor definition = cursor.Definition();
        bool defined = !definition.IsNull();
        string declaration = $"{(cursor.Kind == CXCursorKind.UnionDecl ? "union" : "struct")} '{name}'";
        if (_cplusplus && defined && CxxFeature(definition) is { } feature)
        {
            AddUnsupported(cursor, "class", $"C++ class ({feature}): only C structs can be bound");
            return;
        }

        List<NativeAnnotation> annotations = ReadAnnotations(cursor, AnnotationTarget.Record, declaration);
        if (defined)
        {
            annotations = Merge(annotations, ReadAnnotations(definition, AnnotationTarget.Record, declaration));
        }

        if (_records.TryGetValue(name, out NativeRecord? existing))
        {
            _records[name] = existing with { Annotations = Merge(existing.Annotations, annotations).ToArray() };
            return;
        }

        CXCursor described = defined ? definition : cursor;
        CXType type = described.Type();
        List<NativeField> fields = defined ? _describer.DescribeFields(definition) : [];
        _records[name] = new NativeRecord(
            name,
            cursor.Kind == CXCursorKind.UnionDecl,
            !defined,
            // An opaque record has no layout (0, as a reader of the manifest sees it).
            defined ? (int)(type.SizeOf() ?? 0) : 0,
            defined ? (int)(type.AlignOf() ?? 0) : 0,
            fields.ToArray(),
            annotations.ToArray(),
            DocComments.Read(described) ?? DocComments.Read(cursor),
            Location(described),
            FieldsUnsupportedReason(fields));

        if (defined)
        {
            // C gives structs, unions and enums declared inside a struct file scope: record them too.
            foreach (CXCursor child in definition.Children())
            {
                if (child.Kind is CXCursorKind.StructDecl or CXCursorKind.UnionDecl or CXCursorKind.EnumDecl
                    && !TypeDescriber.HasNoTag(child))
                {
                    Visit(child);
                }
            }
        }
    }

    private static string? FieldsUnsupportedReason(IEnumerable<NativeField> fields)
    {
        var reasons = new List<string>();
        List<string> bitFields = fields.Where(f => f.BitField).Select(f => f.Name.Length > 0 ? f.Name : "(unnamed)").ToList();
        if (bitFields.Count > 0)
        {
            reasons.Add($"bit-fields ({string.Join(", ", bitFields)}): .NET has no bit-field layout");
        }

        foreach (NativeField field in fields)
        {
            if (Unbindable(field.Type) is { } reason && field.Type.Kind != NativeTypeKind.Union)
            {
                reasons.Add($"field '{field.Name}': {reason}");
            }

            if (!field.Type.Fields.IsEmpty && FieldsUnsupportedReason(field.Type.Fields) is { } nestedReason)
            {
                reasons.Add($"field '{(field.Name.Length > 0 ? field.Name : "(anonymous)")}': {nestedReason}");
            }
        }

        return reasons.Count == 0 ? null : string.Join("; ", reasons);
    }

    private static string? CxxFeature(CXCursor definition)
    {
        foreach (CXCursor child in definition.Children())
        {
            switch (child.Kind)
            {
                case CXCursorKind.CxxMethod:
                case CXCursorKind.Constructor:
                case CXCursorKind.Destructor:
                case CXCursorKind.ConversionFunction:
                    return "member functions";
                case CXCursorKind.CxxBaseSpecifier:
                    return "base classes";
                case CXCursorKind.CxxAccessSpecifier:
                    return "access specifiers";
                case CXCursorKind.FunctionTemplate:
                case CXCursorKind.ClassTemplate:
                    return "member templates";
            }
        }

        return null;
    }

    private void VisitEnum(CXCursor cursor)
    {
        CXCursor definition = cursor.Definition();
        if (definition.IsNull())
        {
            return;
        }

        NativeType underlying = _describer.Describe(LibClang.clang_getEnumDeclIntegerType(definition));
        bool unsigned = underlying.Kind == NativeTypeKind.Int && !underlying.Signed;
        var values = new List<Int128>();
        var docs = new List<NativeDoc?>();
        var enumerators = new List<CXCursor>();
        foreach (CXCursor child in definition.Children())
        {
            if (child.Kind != CXCursorKind.EnumConstantDecl)
            {
                continue;
            }

            values.Add(unsigned
                ? LibClang.clang_getEnumConstantDeclUnsignedValue(child)
                : LibClang.clang_getEnumConstantDeclValue(child));
            docs.Add(DocComments.Read(child));
            enumerators.Add(child);
        }

        string? name = _describer.DeclarationName(cursor);
        if (name is null)
        {
            // enum { A = 1, B = 2 }; is C's way to declare integer constants: record them as such,
            // each with the type C gives an enumerator (int, unless the value does not fit).
            for (int i = 0; i < enumerators.Count; i++)
            {
                NativeType constantType = _describer.Describe(enumerators[i].Type());
                string text = constantType.Kind == NativeTypeKind.Int && !constantType.Signed
                    ? ((ulong)values[i]).ToString(CultureInfo.InvariantCulture)
                    : ((long)values[i]).ToString(CultureInfo.InvariantCulture);
                string constantName = enumerators[i].Spelling();
                _enumeratorConstants[constantName] = new NativeConstant(constantName, NativeConstantKind.Integer, constantType, text, docs[i])
                {
                    Expression = values[i].ToString(CultureInfo.InvariantCulture),
                    Location = Location(enumerators[i]),
                };
            }

            return;
        }

        string declaration = $"enum '{name}'";
        List<NativeAnnotation> annotations = Merge(
            ReadAnnotations(cursor, AnnotationTarget.Enum, declaration),
            ReadAnnotations(definition, AnnotationTarget.Enum, declaration));
        if (_enums.TryGetValue(name, out NativeEnum? existing))
        {
            _enums[name] = existing with { Annotations = Merge(existing.Annotations, annotations).ToArray() };
            return;
        }

        var constants = new NativeEnumConstant[enumerators.Count];
        for (int i = 0; i < constants.Length; i++)
        {
            constants[i] = new NativeEnumConstant(enumerators[i].Spelling(), values[i].ToString(CultureInfo.InvariantCulture), docs[i]);
        }

        _enums[name] = new NativeEnum(name, underlying, constants, annotations.ToArray(), DocComments.Read(definition), Location(definition));
    }

    // Anonymous structs and enums take the name of the typedef that declares them; that name
    // must be known before any type that uses them is described.
    private void NameAnonymousDeclarations(List<CXCursor> declarations)
    {
        foreach (CXCursor declaration in declarations)
        {
            if (declaration.Kind is CXCursorKind.TypedefDecl or CXCursorKind.TypeAliasDecl)
            {
                CXType underlying = LibClang.clang_getTypedefDeclUnderlyingType(declaration);
                if (underlying.Kind == CXTypeKind.Elaborated)
                {
                    underlying = LibClang.clang_Type_getNamedType(underlying);
                }

                CXCursor named = underlying.Declaration();
                if (named.Kind is CXCursorKind.StructDecl or CXCursorKind.UnionDecl or CXCursorKind.EnumDecl
                    && TypeDescriber.HasNoTag(named))
                {
                    _describer.NameAnonymousDeclaration(named, declaration.Spelling());
                }
            }
        }
    }

    private void VisitTypedef(CXCursor cursor)
    {
        string name = cursor.Spelling();
        if (_typedefs.ContainsKey(name))
        {
            return;
        }

        NativeType type = _describer.Describe(LibClang.clang_getTypedefDeclUnderlyingType(cursor));
        _typedefs[name] = new NativeTypedef(
            name,
            type,
            ReadAnnotations(cursor, AnnotationTarget.Typedef, $"typedef '{name}'").ToArray(),
            DocComments.Read(cursor))
        {
            Location = Location(cursor),
        };

        if (type.Kind == NativeTypeKind.Unsupported)
        {
            AddUnsupported(cursor, "typedef", $"{type.Reason} ('{type.Spelling}')");
        }
    }

    // "/** An instance. */ typedef struct x x_t;" documents the struct through its typedef.
    private void DocumentTypesFromTheirTypedefs()
    {
        foreach (NativeTypedef typedef in _typedefs.Values.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            if (typedef.Doc is null || typedef.Type.Name is not { } name)
            {
                continue;
            }

            if (typedef.Type.Kind is NativeTypeKind.Struct or NativeTypeKind.Union
                && _records.TryGetValue(name, out NativeRecord? record) && record.Doc is null)
            {
                _records[name] = record with { Doc = typedef.Doc };
            }
            else if (typedef.Type.Kind == NativeTypeKind.Enum && _enums.TryGetValue(name, out NativeEnum? enumInfo) && enumInfo.Doc is null)
            {
                _enums[name] = enumInfo with { Doc = typedef.Doc };
            }
        }
    }

    private void VisitFunction(CXCursor cursor)
    {
        string name = cursor.Spelling();
        string declaration = $"function '{name}'";
        List<NativeAnnotation> annotations = ReadAnnotations(cursor, AnnotationTarget.Function, declaration);
        if (_functions.TryGetValue(name, out NativeFunction? existing))
        {
            _functions[name] = existing with { Annotations = Merge(existing.Annotations, annotations).ToArray() };
            return;
        }

        if (LibClang.clang_getCursorLinkage(cursor) == CXLinkageKind.Internal)
        {
            AddUnsupported(cursor, "function", "static function: it has internal linkage, so no library exports it");
            return;
        }

        if (_cplusplus)
        {
            string symbol = ClangString.Take(LibClang.clang_Cursor_getMangling(cursor));
            if (symbol.Length > 0 && symbol != name)
            {
                AddUnsupported(cursor, "function", $"C++ linkage (symbol '{symbol}'): declare it inside extern \"C\"");
                return;
            }
        }

        CXType type = cursor.Type();
        int count = Math.Max(0, LibClang.clang_Cursor_getNumArguments(cursor));
        var parameters = new NativeParameter[count];
        for (uint i = 0; i < count; i++)
        {
            CXCursor argument = LibClang.clang_Cursor_getArgument(cursor, i);
            string parameterName = argument.Spelling();
            string parameterDeclaration = $"parameter '{(parameterName.Length > 0 ? parameterName : $"#{i + 1}")}' of function '{name}'";
            parameters[i] = new NativeParameter(
                parameterName,
                _describer.Describe(argument.Type()),
                ReadAnnotations(argument, AnnotationTarget.Parameter, parameterDeclaration).ToArray());
        }

        NativeType returnType = _describer.Describe(LibClang.clang_getCursorResultType(cursor));
        var function = new NativeFunction(
            name,
            returnType,
            parameters,
            LibClang.clang_isFunctionTypeVariadic(type) != 0,
            TypeDescriber.CallingConventionName(LibClang.clang_getFunctionTypeCallingConv(type)),
            annotations.ToArray(),
            DocComments.Read(cursor),
            Location(cursor),
            SignatureUnsupportedReason(returnType, parameters));
        ValidateParameterAnnotations(function);
        _functions[name] = function;
    }

    private static string? SignatureUnsupportedReason(NativeType returnType, NativeParameter[] parameters)
    {
        var reasons = new List<string>();
        if (Unbindable(returnType) is { } returnReason)
        {
            reasons.Add($"return type: {returnReason}");
        }

        foreach (NativeParameter parameter in parameters)
        {
            if (Unbindable(parameter.Type) is { } reason)
            {
                reasons.Add($"parameter '{parameter.Name}': {reason}");
            }
        }

        return reasons.Count == 0 ? null : string.Join("; ", reasons);
    }

    /// <summary>Why a value of this type cannot cross the boundary as written, or null.</summary>
    private static string? Unbindable(NativeType type) => type.Kind switch
    {
        NativeTypeKind.Unsupported => $"{type.Reason} ('{type.Spelling}')",
        NativeTypeKind.Union => $"union '{type.Spelling}' passed by value",
        _ => null,
    };

    private bool KeepFunction(string name)
    {
        if (_options.Functions.Count == 0)
        {
            return true;
        }

        foreach (string filter in _options.Functions)
        {
            bool matches = filter.EndsWith('*')
                ? name.StartsWith(filter[..^1], StringComparison.Ordinal)
                : name == filter;
            if (matches)
            {
                return true;
            }
        }

        return false;
    }

    private readonly Dictionary<string, string[]> _fileLines = new(StringComparer.Ordinal);

    private void VisitMacro(CXCursor cursor)
    {
        if (LibClang.clang_Cursor_isMacroBuiltin(cursor) != 0)
        {
            return;
        }

        string name = cursor.Spelling();
        if (LibClang.clang_Cursor_isMacroFunctionLike(cursor) != 0)
        {
            AddUnsupported(cursor, "macro", "function-like macro: only object-like macros that are constants are recorded");
            return;
        }

        string? expression = MacroConstants.ReadExpression(_unit, cursor);
        if (expression is null)
        {
            return;
        }

        NativeLocation location = Location(cursor);
        _macroCandidates[name] = new MacroConstants.Candidate(name, expression, MacroDoc(cursor), location);
    }

    // Doc comments attach to declarations, not to macros: read the /** */ or /// block right above the #define.
    private NativeDoc? MacroDoc(CXCursor cursor)
    {
        (nint file, int line, _) = LibClang.clang_getCursorLocation(cursor).ExpansionLocation();
        if (file == nint.Zero || line < 2)
        {
            return null;
        }

        string path = ClangExtensions.FileName(file);
        if (!_fileLines.TryGetValue(path, out string[]? lines))
        {
            lines = File.Exists(path) ? File.ReadAllLines(path) : [];
            _fileLines[path] = lines;
        }

        int end = line - 2;
        if (end < 0 || end >= lines.Length)
        {
            return null;
        }

        string last = lines[end].Trim();
        int start;
        if (last.StartsWith("///", StringComparison.Ordinal) || last.StartsWith("//!", StringComparison.Ordinal))
        {
            start = end;
            while (start > 0 && lines[start - 1].TrimStart() is var previous
                   && (previous.StartsWith("///", StringComparison.Ordinal) || previous.StartsWith("//!", StringComparison.Ordinal)))
            {
                start--;
            }
        }
        else if (last.EndsWith("*/", StringComparison.Ordinal))
        {
            start = end;
            while (start >= 0 && !lines[start].Contains("/*", StringComparison.Ordinal))
            {
                start--;
            }

            if (start < 0)
            {
                return null;
            }

            string opening = lines[start].TrimStart();
            if (!(opening.StartsWith("/**", StringComparison.Ordinal) || opening.StartsWith("/*!", StringComparison.Ordinal)))
            {
                return null;
            }
        }
        else
        {
            return null;
        }

        string text = DocComments.Clean(string.Join('\n', lines[start..(end + 1)]));
        if (text.Length == 0)
        {
            return null;
        }

        string brief = DocComments.Brief(text);
        return new NativeDoc(brief.Length == 0 ? null : brief, text);
    }

    // The annotate attributes of every recorded declaration, by the declaration they sit on.
    private readonly Dictionary<nint, List<CXCursor>> _annotateAttributes = [];

    // One walk over the recorded declarations finds every annotation, instead of a visit of the
    // children of each function, parameter, struct and typedef.
    private void IndexAnnotations(CXCursor root)
    {
        CursorVisitor.Walk(root, (cursor, parent) =>
        {
            if (parent.Kind == CXCursorKind.TranslationUnit)
            {
                return cursor.Kind is CXCursorKind.MacroDefinition or CXCursorKind.MacroExpansion or CXCursorKind.InclusionDirective
                       || !IsRecorded(cursor)
                    ? CXChildVisitResult.Continue
                    : CXChildVisitResult.Recurse;
            }

            if (cursor.Kind == CXCursorKind.AnnotateAttr)
            {
                if (!_annotateAttributes.TryGetValue(parent.Data0, out List<CXCursor>? attributes))
                {
                    attributes = [];
                    _annotateAttributes[parent.Data0] = attributes;
                }

                attributes.Add(cursor);
                return CXChildVisitResult.Continue;
            }

            return CXChildVisitResult.Recurse;
        });
    }

    private List<NativeAnnotation> ReadAnnotations(CXCursor cursor, AnnotationTarget target, string declaration)
    {
        var annotations = new List<NativeAnnotation>();
        if (!_annotateAttributes.TryGetValue(cursor.Data0, out List<CXCursor>? attributes))
        {
            return annotations;
        }

        foreach (CXCursor child in attributes)
        {
            string text = child.Spelling();
            NativeAnnotation? annotation = Annotations.Parse(text, target, declaration, out string? error);
            if (error is not null)
            {
                AddDiagnostic(DiagnosticSeverity.Error, error, child);
            }
            else if (annotation is null)
            {
                AddDiagnostic(DiagnosticSeverity.Warning,
                    $"annotation '{text}' on {declaration} is not a StretchBindings annotation (they start with '{NativeAnnotationNames.Prefix}'); ignored", child);
            }
            else if (!annotations.Contains(annotation))
            {
                annotations.Add(annotation);
            }
        }

        return annotations;
    }

    // NativeAnnotation compares by name and arguments, so Distinct drops a repeated annotation.
    private static List<NativeAnnotation> Merge(IEnumerable<NativeAnnotation> first, IEnumerable<NativeAnnotation> second) =>
        first.Concat(second).Distinct().ToList();

    private void ValidateParameterAnnotations(NativeFunction function)
    {
        string prefix = NativeAnnotationNames.Prefix;
        foreach (NativeParameter parameter in function.Parameters)
        {
            foreach (NativeAnnotation annotation in parameter.Annotations)
            {
                AnnotationDefinition definition = NativeAnnotationNames.Definition(annotation.Name)!;
                string where = $"parameter '{parameter.Name}' of function '{function.Name}'";
                NativeType type = parameter.Type;
                if (definition.Shape == ParameterShape.PointerToPointer
                    && !(type.Kind == NativeTypeKind.Pointer && type.Pointee!.Kind == NativeTypeKind.Pointer))
                {
                    AddError($"{prefix}{annotation.Name} on {where} needs a pointer to a pointer (T**), not '{type.Spelling}'", function.Location);
                }
                else if (definition.Shape == ParameterShape.Pointer && type.Kind is not (NativeTypeKind.Pointer or NativeTypeKind.Array))
                {
                    AddError($"{prefix}{annotation.Name} on {where} needs a pointer parameter, not '{type.Spelling}'", function.Location);
                }

                for (int i = 0; i < definition.Arguments.Count; i++)
                {
                    if (definition.Arguments[i] != AnnotationArgument.CountParameter)
                    {
                        continue;
                    }

                    string countName = annotation.Arguments[i];
                    NativeParameter? count = function.Parameters.FirstOrDefault(p => p.Name == countName);
                    if (count is null || ReferenceEquals(count, parameter))
                    {
                        AddError($"{prefix}{annotation.Name}({countName}) on {where}: '{countName}' is not another parameter of '{function.Name}'", function.Location);
                    }
                    else if (count.Type.Kind != NativeTypeKind.Int)
                    {
                        AddError($"{prefix}{annotation.Name}({countName}) on {where}: the count parameter '{countName}' must be an integer, not '{count.Type.Spelling}'", function.Location);
                    }
                }
            }
        }
    }

    // Arguments that name functions must name functions of the header, and a typedef's annotation must
    // sit on a typedef of the kind of type the annotation is for.
    private void ValidateAnnotationReferences()
    {
        foreach (NativeRecord record in _records.Values)
        {
            RequireFunctions(record.Annotations, $"struct '{record.Name}'", record.Location!);
        }

        foreach (NativeEnum enumInfo in _enums.Values)
        {
            RequireFunctions(enumInfo.Annotations, $"enum '{enumInfo.Name}'", enumInfo.Location!);
        }

        foreach (NativeTypedef typedef in _typedefs.Values)
        {
            string where = $"typedef '{typedef.Name}'";
            foreach (NativeAnnotation annotation in typedef.Annotations)
            {
                AnnotationPlace place = NativeAnnotationNames.Definition(annotation.Name)!.Place;
                if (place == AnnotationPlace.Struct && typedef.Type.Kind is not (NativeTypeKind.Struct or NativeTypeKind.Union))
                {
                    AddError($"{NativeAnnotationNames.Prefix}{annotation.Name} on {where} needs a typedef of a struct, not of '{typedef.Type.Spelling}'", typedef.Location!);
                }
                else if (place == AnnotationPlace.Enum && typedef.Type.Kind != NativeTypeKind.Enum)
                {
                    AddError($"{NativeAnnotationNames.Prefix}{annotation.Name} on {where} needs a typedef of an enum, not of '{typedef.Type.Spelling}'", typedef.Location!);
                }
            }

            RequireFunctions(typedef.Annotations, where, typedef.Location!);
        }
    }

    private void RequireFunctions(EquatableArray<NativeAnnotation> annotations, string where, NativeLocation location)
    {
        foreach (NativeAnnotation annotation in annotations)
        {
            AnnotationDefinition definition = NativeAnnotationNames.Definition(annotation.Name)!;
            for (int i = 0; i < definition.Arguments.Count; i++)
            {
                string function = annotation.Arguments[i];
                if (definition.Arguments[i] == AnnotationArgument.Function && !_functions.ContainsKey(function))
                {
                    AddError($"{NativeAnnotationNames.Prefix}{annotation.Name} on {where} names '{function}', which is not a function of this header", location);
                }
            }
        }
    }

    // Whether declarations in a file are recorded, by libclang's file handle.
    private readonly Dictionary<nint, string?> _recordedFiles = [];
    private readonly HashSet<string> _contributingFiles = new(StringComparer.Ordinal);

    private bool IsRecorded(CXCursor cursor)
    {
        (nint file, _, _) = LibClang.clang_getCursorLocation(cursor).ExpansionLocation();
        if (file == nint.Zero)
        {
            return false;
        }

        if (!_recordedFiles.TryGetValue(file, out string? relative))
        {
            string path = Path.GetFullPath(ClangExtensions.FileName(file));
            bool recorded = string.Equals(path, _headerPath, StringComparison.Ordinal)
                || (_options.IncludeSiblingHeaders
                    && LibClang.clang_Location_isInSystemHeader(LibClang.clang_getCursorLocation(cursor)) == 0
                    && IsUnder(path, _headerDirectory));
            relative = recorded ? RelativePath(path) : null;
            _recordedFiles[file] = relative;
        }

        return relative is not null;
    }

    private static bool IsUnder(string path, string directory)
    {
        string prefix = directory.EndsWith(Path.DirectorySeparatorChar) ? directory : directory + Path.DirectorySeparatorChar;
        return path.StartsWith(prefix, StringComparison.Ordinal);
    }

    private string RelativePath(string path) =>
        Path.GetRelativePath(_baseDirectory, Path.GetFullPath(path)).Replace('\\', '/');

    private NativeLocation Location(CXCursor cursor)
    {
        (nint file, int line, int column) = LibClang.clang_getCursorLocation(cursor).ExpansionLocation();
        string relative = file == nint.Zero ? RelativePath(_headerPath) : RelativePath(ClangExtensions.FileName(file));
        _contributingFiles.Add(relative);
        return new NativeLocation(relative, line, column);
    }

    /// <summary>The target triple and pointer size in bytes the sizes and layouts are true for.</summary>
    private (string Triple, int PointerSize) ReadTarget()
    {
        nint target = LibClang.clang_getTranslationUnitTargetInfo(_unit);
        try
        {
            string triple = ClangString.Take(LibClang.clang_TargetInfo_getTriple(target));
            int pointerBits = LibClang.clang_TargetInfo_getPointerWidth(target);
            return (triple, pointerBits / 8);
        }
        finally
        {
            LibClang.clang_TargetInfo_dispose(target);
        }
    }

    private unsafe List<string> ReadDependencies()
    {
        var files = new List<string>();
        GCHandle handle = GCHandle.Alloc(files);
        try
        {
            LibClang.clang_getInclusions(_unit, &CollectInclusion, GCHandle.ToIntPtr(handle));
        }
        finally
        {
            handle.Free();
        }

        return files.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    [UnmanagedCallersOnly]
    private static unsafe void CollectInclusion(nint includedFile, CXSourceLocation* inclusionStack, uint stackLength, nint clientData)
    {
        try
        {
            var files = (List<string>)GCHandle.FromIntPtr(clientData).Target!;
            string name = ClangExtensions.FileName(includedFile);
            if (name.Length > 0)
            {
                files.Add(name);
            }
        }
        catch (Exception)
        {
            // Nothing may unwind into libclang; a missed dependency only costs a rebuild later.
        }
    }

    private readonly List<NativeUnsupported> _unsupported = [];
    private readonly List<ScanDiagnostic> _errors = [];
    private readonly List<ScanDiagnostic> _warnings = [];

    private void AddUnsupported(CXCursor cursor, string kind, string reason)
    {
        string name = cursor.Spelling();
        _unsupported.Add(new NativeUnsupported(name.Length > 0 ? name : "(anonymous)", kind, reason, Location(cursor)));
    }

    private void AddDiagnostic(DiagnosticSeverity severity, string message, CXCursor at)
    {
        (nint file, int line, int column) = LibClang.clang_getCursorLocation(at).ExpansionLocation();
        string? path = file == nint.Zero ? null : ClangExtensions.FileName(file);
        var diagnostic = new ScanDiagnostic(severity, message, path, line, column);
        (severity == DiagnosticSeverity.Error ? _errors : _warnings).Add(diagnostic);
    }

    private void AddError(string message, NativeLocation? location) =>
        _errors.Add(location is null
            ? new ScanDiagnostic(DiagnosticSeverity.Error, message)
            : new ScanDiagnostic(DiagnosticSeverity.Error, message,
                Path.GetFullPath(Path.Combine(_baseDirectory, location.File)), location.Line, location.Column));
}
