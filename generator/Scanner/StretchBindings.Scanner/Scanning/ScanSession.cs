using System.Runtime.InteropServices;
using StretchBindings.Scanner.Clang;
using StretchBindings.Scanner.Model;

namespace StretchBindings.Scanner.Scanning;

/// <summary>One scan of one parsed header: walks its declarations and builds the manifest.</summary>
internal sealed class ScanSession
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

    // Whether declarations in a file are recorded, by libclang's file handle.
    private readonly Dictionary<nint, string?> _recordedFiles = [];
    private readonly HashSet<string> _contributingFiles = new(StringComparer.Ordinal);

    private readonly Dictionary<string, FunctionInfo> _functions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RecordInfo> _records = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EnumInfo> _enums = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TypedefInfo> _typedefs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ConstantInfo> _enumeratorConstants = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MacroConstants.Candidate> _macroCandidates = new(StringComparer.Ordinal);
    private readonly List<UnsupportedInfo> _unsupported = [];
    private readonly List<ScanDiagnostic> _errors = [];
    private readonly List<ScanDiagnostic> _warnings = [];
    private readonly Dictionary<string, string[]> _fileLines = new(StringComparer.Ordinal);

    // The annotate attributes of every recorded declaration, by the declaration they sit on.
    private readonly Dictionary<nint, List<CXCursor>> _annotateAttributes = [];

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

        // Anonymous structs and enums take the name of the typedef that declares them; that name
        // must be known before any type that uses them is described.
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

        foreach (CXCursor declaration in declarations)
        {
            Visit(declaration);
        }

        List<ConstantInfo> macroConstants = MacroConstants.Evaluate(
            _index, _headerPath, _arguments, _cplusplus, [.. _macroCandidates.Values], () => new TypeDescriber(RelativePath));

        DocumentTypesFromTheirTypedefs();
        ValidateAnnotationReferences();
        if (_errors.Count > 0)
        {
            // An annotation repeated on several declarations of one function is one mistake.
            throw new ScanException(_errors.Distinct().ToList());
        }

        var constants = new Dictionary<string, ConstantInfo>(_enumeratorConstants, StringComparer.Ordinal);
        foreach (ConstantInfo constant in macroConstants)
        {
            constants[constant.Name] = constant;
        }

        var manifest = new NativeManifest
        {
            Library = _options.Library,
            Header = RelativePath(_headerPath),
            Files = _contributingFiles.Append(RelativePath(_headerPath)).Distinct().Order(StringComparer.Ordinal).ToList(),
            Target = ReadTarget(),
            Defines = [.. _options.Defines],
            Functions = _functions.Values.Where(f => KeepFunction(f.Name)).OrderBy(f => f.Name, StringComparer.Ordinal).ToList(),
            Records = _records.Values.OrderBy(r => r.Name, StringComparer.Ordinal).ToList(),
            Enums = _enums.Values.OrderBy(e => e.Name, StringComparer.Ordinal).ToList(),
            Typedefs = _typedefs.Values.OrderBy(t => t.Name, StringComparer.Ordinal).ToList(),
            Constants = constants.Values.OrderBy(c => c.Name, StringComparer.Ordinal).ToList(),
            Unsupported = _unsupported
                .Where(u => u.Kind != "function" || KeepFunction(u.Name))
                .DistinctBy(u => (u.Name, u.Kind))
                .OrderBy(u => u.Name, StringComparer.Ordinal)
                .ThenBy(u => u.Kind, StringComparer.Ordinal)
                .ToList(),
        };

        return new ScanResult(manifest, _warnings.Distinct().ToList(), ReadDependencies());
    }

    // ----- Declarations -----

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

        List<Annotation> annotations = ReadAnnotations(cursor, AnnotationTarget.Record, declaration);
        if (defined)
        {
            annotations = Merge(annotations, ReadAnnotations(definition, AnnotationTarget.Record, declaration));
        }

        if (_records.TryGetValue(name, out RecordInfo? existing))
        {
            _records[name] = existing with { Annotations = Merge(existing.Annotations, annotations) };
            return;
        }

        CXCursor described = defined ? definition : cursor;
        CXType type = described.Type();
        List<FieldInfo> fields = defined ? _describer.DescribeFields(definition) : [];
        _records[name] = new RecordInfo
        {
            Name = name,
            Kind = cursor.Kind == CXCursorKind.UnionDecl ? CTypeKind.Union : CTypeKind.Struct,
            Opaque = !defined,
            Size = defined ? type.SizeOf() : null,
            Align = defined ? type.AlignOf() : null,
            Fields = fields,
            Annotations = annotations,
            Doc = DocComments.Read(described) ?? DocComments.Read(cursor),
            Location = Location(described),
            Unsupported = FieldsUnsupportedReason(fields),
        };

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

    private static string? FieldsUnsupportedReason(IReadOnlyList<FieldInfo> fields)
    {
        var reasons = new List<string>();
        List<string> bitFields = fields.Where(f => f.BitField).Select(f => f.Name.Length > 0 ? f.Name : "(unnamed)").ToList();
        if (bitFields.Count > 0)
        {
            reasons.Add($"bit-fields ({string.Join(", ", bitFields)}): .NET has no bit-field layout");
        }

        foreach (FieldInfo field in fields)
        {
            if (Unbindable(field.Type) is { } reason && field.Type.Kind != CTypeKind.Union)
            {
                reasons.Add($"field '{field.Name}': {reason}");
            }

            if (field.Type.Fields is { } nested && FieldsUnsupportedReason(nested) is { } nestedReason)
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

        CType underlying = _describer.Describe(LibClang.clang_getEnumDeclIntegerType(definition));
        bool unsigned = underlying.Signed == false;
        var constants = new List<EnumConstantInfo>();
        var enumerators = new List<CXCursor>();
        foreach (CXCursor child in definition.Children())
        {
            if (child.Kind != CXCursorKind.EnumConstantDecl)
            {
                continue;
            }

            Int128 value = unsigned
                ? LibClang.clang_getEnumConstantDeclUnsignedValue(child)
                : LibClang.clang_getEnumConstantDeclValue(child);
            constants.Add(new EnumConstantInfo(child.Spelling(), value, DocComments.Read(child)));
            enumerators.Add(child);
        }

        string? name = _describer.DeclarationName(cursor);
        if (name is null)
        {
            // enum { A = 1, B = 2 }; is C's way to declare integer constants: record them as such,
            // each with the type C gives an enumerator (int, unless the value does not fit).
            for (int i = 0; i < constants.Count; i++)
            {
                EnumConstantInfo constant = constants[i];
                CType constantType = _describer.Describe(enumerators[i].Type());
                _enumeratorConstants[constant.Name] = new ConstantInfo
                {
                    Name = constant.Name,
                    Kind = ConstantKind.Integer,
                    Type = constantType,
                    Value = constantType.Signed == false ? (object)(ulong)constant.Value : (long)constant.Value,
                    Expression = constant.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Doc = constant.Doc,
                    Location = Location(enumerators[i]),
                };
            }

            return;
        }

        string declaration = $"enum '{name}'";
        List<Annotation> annotations = Merge(
            ReadAnnotations(cursor, AnnotationTarget.Enum, declaration),
            ReadAnnotations(definition, AnnotationTarget.Enum, declaration));
        if (_enums.TryGetValue(name, out EnumInfo? existing))
        {
            _enums[name] = existing with { Annotations = Merge(existing.Annotations, annotations) };
            return;
        }

        _enums[name] = new EnumInfo
        {
            Name = name,
            UnderlyingType = underlying,
            Constants = constants,
            Annotations = annotations,
            Doc = DocComments.Read(definition),
            Location = Location(definition),
        };
    }

    private void VisitTypedef(CXCursor cursor)
    {
        string name = cursor.Spelling();
        if (_typedefs.ContainsKey(name))
        {
            return;
        }

        CType type = _describer.Describe(LibClang.clang_getTypedefDeclUnderlyingType(cursor));
        _typedefs[name] = new TypedefInfo
        {
            Name = name,
            Type = type,
            Annotations = ReadAnnotations(cursor, AnnotationTarget.Typedef, $"typedef '{name}'"),
            Doc = DocComments.Read(cursor),
            Location = Location(cursor),
        };

        if (type.Kind == CTypeKind.Unsupported)
        {
            AddUnsupported(cursor, "typedef", $"{type.Reason} ('{type.Spelling}')");
        }
    }

    private void VisitFunction(CXCursor cursor)
    {
        string name = cursor.Spelling();
        string declaration = $"function '{name}'";
        List<Annotation> annotations = ReadAnnotations(cursor, AnnotationTarget.Function, declaration);
        if (_functions.TryGetValue(name, out FunctionInfo? existing))
        {
            _functions[name] = existing with { Annotations = Merge(existing.Annotations, annotations) };
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
        var parameters = new List<ParameterInfo>(count);
        for (uint i = 0; i < count; i++)
        {
            CXCursor argument = LibClang.clang_Cursor_getArgument(cursor, i);
            string parameterName = argument.Spelling();
            string parameterDeclaration = $"parameter '{(parameterName.Length > 0 ? parameterName : $"#{i + 1}")}' of function '{name}'";
            parameters.Add(new ParameterInfo(
                parameterName,
                _describer.Describe(argument.Type()),
                ReadAnnotations(argument, AnnotationTarget.Parameter, parameterDeclaration)));
        }

        CType returnType = _describer.Describe(LibClang.clang_getCursorResultType(cursor));
        var function = new FunctionInfo
        {
            Name = name,
            ReturnType = returnType,
            Parameters = parameters,
            Variadic = LibClang.clang_isFunctionTypeVariadic(type) != 0,
            CallingConvention = TypeDescriber.CallingConventionName(LibClang.clang_getFunctionTypeCallingConv(type)),
            Annotations = annotations,
            Doc = DocComments.Read(cursor),
            Location = Location(cursor),
            Unsupported = SignatureUnsupportedReason(returnType, parameters),
        };
        ValidateParameterAnnotations(function);
        _functions[name] = function;
    }

    private static string? SignatureUnsupportedReason(CType returnType, List<ParameterInfo> parameters)
    {
        var reasons = new List<string>();
        if (Unbindable(returnType) is { } returnReason)
        {
            reasons.Add($"return type: {returnReason}");
        }

        foreach (ParameterInfo parameter in parameters)
        {
            if (Unbindable(parameter.Type) is { } reason)
            {
                reasons.Add($"parameter '{parameter.Name}': {reason}");
            }
        }

        return reasons.Count == 0 ? null : string.Join("; ", reasons);
    }

    /// <summary>Why a value of this type cannot cross the boundary as written, or null.</summary>
    private static string? Unbindable(CType type) => type.Kind switch
    {
        CTypeKind.Unsupported => $"{type.Reason} ('{type.Spelling}')",
        CTypeKind.Union => $"union '{type.Spelling}' passed by value",
        _ => null,
    };

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

        SourceLocation location = Location(cursor);
        _macroCandidates[name] = new MacroConstants.Candidate(name, expression, MacroDoc(cursor), location);
    }

    // "/** An instance. */ typedef struct x x_t;" documents the struct through its typedef.
    private void DocumentTypesFromTheirTypedefs()
    {
        foreach (TypedefInfo typedef in _typedefs.Values.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            if (typedef.Doc is null || typedef.Type.Name is not { } name)
            {
                continue;
            }

            if (typedef.Type.Kind is CTypeKind.Struct or CTypeKind.Union
                && _records.TryGetValue(name, out RecordInfo? record) && record.Doc is null)
            {
                _records[name] = record with { Doc = typedef.Doc };
            }
            else if (typedef.Type.Kind == CTypeKind.Enum && _enums.TryGetValue(name, out EnumInfo? enumInfo) && enumInfo.Doc is null)
            {
                _enums[name] = enumInfo with { Doc = typedef.Doc };
            }
        }
    }

    // ----- Annotations -----

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

    private List<Annotation> ReadAnnotations(CXCursor cursor, AnnotationTarget target, string declaration)
    {
        var annotations = new List<Annotation>();
        if (!_annotateAttributes.TryGetValue(cursor.Data0, out List<CXCursor>? attributes))
        {
            return annotations;
        }

        foreach (CXCursor child in attributes)
        {
            string text = child.Spelling();
            Annotation? annotation = Annotations.Parse(text, target, declaration, out string? error);
            if (error is not null)
            {
                AddDiagnostic(DiagnosticSeverity.Error, error, child);
            }
            else if (annotation is null)
            {
                AddDiagnostic(DiagnosticSeverity.Warning,
                    $"annotation '{text}' on {declaration} is not a StretchBindings annotation (they start with '{Annotations.Prefix}'); ignored", child);
            }
            else if (!annotations.Contains(annotation, AnnotationComparer.Instance))
            {
                annotations.Add(annotation);
            }
        }

        return annotations;
    }

    private static List<Annotation> Merge(IReadOnlyList<Annotation> first, IReadOnlyList<Annotation> second) =>
        first.Concat(second).Distinct(AnnotationComparer.Instance).ToList();

    private sealed class AnnotationComparer : IEqualityComparer<Annotation>
    {
        public static readonly AnnotationComparer Instance = new();

        public bool Equals(Annotation? x, Annotation? y) =>
            x is not null && y is not null && x.Name == y.Name && x.Arguments.SequenceEqual(y.Arguments);

        public int GetHashCode(Annotation obj) => obj.Name.GetHashCode(StringComparison.Ordinal);
    }

    private void ValidateParameterAnnotations(FunctionInfo function)
    {
        foreach (ParameterInfo parameter in function.Parameters)
        {
            foreach (Annotation annotation in parameter.Annotations)
            {
                string where = $"parameter '{parameter.Name}' of function '{function.Name}'";
                switch (annotation.Name)
                {
                    case "out_handle" when !(parameter.Type.Kind == CTypeKind.Pointer && parameter.Type.Pointee!.Kind == CTypeKind.Pointer):
                        AddError($"sb:out_handle on {where} needs a pointer to a pointer (T**), not '{parameter.Type.Spelling}'", function.Location);
                        break;
                    case "in_buffer" or "out_buffer":
                        if (parameter.Type.Kind is not (CTypeKind.Pointer or CTypeKind.Array))
                        {
                            AddError($"sb:{annotation.Name} on {where} needs a pointer parameter, not '{parameter.Type.Spelling}'", function.Location);
                        }

                        string countName = annotation.Arguments[0];
                        ParameterInfo? count = function.Parameters.FirstOrDefault(p => p.Name == countName);
                        if (count is null || ReferenceEquals(count, parameter))
                        {
                            AddError($"sb:{annotation.Name}({countName}) on {where}: '{countName}' is not another parameter of '{function.Name}'", function.Location);
                        }
                        else if (count.Type.Kind != CTypeKind.Int)
                        {
                            AddError($"sb:{annotation.Name}({countName}) on {where}: the count parameter '{countName}' must be an integer, not '{count.Type.Spelling}'", function.Location);
                        }

                        break;
                }
            }
        }
    }

    // Names in annotations must name functions of the header, and handle/status must sit on the right type.
    private void ValidateAnnotationReferences()
    {
        void RequireFunction(string annotation, string function, string where, SourceLocation location)
        {
            if (!_functions.ContainsKey(function))
            {
                AddError($"sb:{annotation} on {where} names '{function}', which is not a function of this header", location);
            }
        }

        foreach (RecordInfo record in _records.Values)
        {
            foreach (Annotation annotation in record.Annotations.Where(a => a.Name == "handle"))
            {
                foreach (string function in annotation.Arguments)
                {
                    RequireFunction("handle", function, $"struct '{record.Name}'", record.Location);
                }
            }
        }

        foreach (EnumInfo enumInfo in _enums.Values)
        {
            foreach (Annotation annotation in enumInfo.Annotations.Where(a => a.Name == "status"))
            {
                RequireFunction("status", annotation.Arguments[0], $"enum '{enumInfo.Name}'", enumInfo.Location);
            }
        }

        foreach (TypedefInfo typedef in _typedefs.Values)
        {
            foreach (Annotation annotation in typedef.Annotations)
            {
                string where = $"typedef '{typedef.Name}'";
                bool isRecord = typedef.Type.Kind is CTypeKind.Struct or CTypeKind.Union;
                if (annotation.Name is "handle" or "single_threaded" && !isRecord)
                {
                    AddError($"sb:{annotation.Name} on {where} needs a typedef of a struct, not of '{typedef.Type.Spelling}'", typedef.Location);
                }
                else if (annotation.Name == "status" && typedef.Type.Kind != CTypeKind.Enum)
                {
                    AddError($"sb:status on {where} needs a typedef of an enum, not of '{typedef.Type.Spelling}'", typedef.Location);
                }

                if (annotation.Name is "handle" or "status")
                {
                    foreach (string function in annotation.Arguments)
                    {
                        RequireFunction(annotation.Name, function, where, typedef.Location);
                    }
                }
            }
        }
    }

    // ----- Files and locations -----

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

    private SourceLocation Location(CXCursor cursor)
    {
        (nint file, int line, int column) = LibClang.clang_getCursorLocation(cursor).ExpansionLocation();
        string relative = file == nint.Zero ? RelativePath(_headerPath) : RelativePath(ClangExtensions.FileName(file));
        _contributingFiles.Add(relative);
        return new SourceLocation(relative, line, column);
    }

    // Doc comments attach to declarations, not to macros: read the /** */ or /// block right above the #define.
    private DocComment? MacroDoc(CXCursor cursor)
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
        return new DocComment(brief.Length == 0 ? null : brief, text);
    }

    private TargetInfo ReadTarget()
    {
        nint target = LibClang.clang_getTranslationUnitTargetInfo(_unit);
        try
        {
            string triple = ClangString.Take(LibClang.clang_TargetInfo_getTriple(target));
            int pointerBits = LibClang.clang_TargetInfo_getPointerWidth(target);
            return new TargetInfo(triple, pointerBits / 8, ScanOptions.StandardFlag(_options.Standard));
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

    // ----- Function filter -----

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

    // ----- Reporting -----

    private void AddUnsupported(CXCursor cursor, string kind, string reason)
    {
        string name = cursor.Spelling();
        _unsupported.Add(new UnsupportedInfo(name.Length > 0 ? name : "(anonymous)", kind, reason, Location(cursor)));
    }

    private void AddDiagnostic(DiagnosticSeverity severity, string message, CXCursor at)
    {
        (nint file, int line, int column) = LibClang.clang_getCursorLocation(at).ExpansionLocation();
        string? path = file == nint.Zero ? null : ClangExtensions.FileName(file);
        var diagnostic = new ScanDiagnostic(severity, message, path, line, column);
        (severity == DiagnosticSeverity.Error ? _errors : _warnings).Add(diagnostic);
    }

    private void AddError(string message, SourceLocation location) =>
        _errors.Add(new ScanDiagnostic(DiagnosticSeverity.Error, message,
            Path.GetFullPath(Path.Combine(_baseDirectory, location.File)), location.Line, location.Column));
}
