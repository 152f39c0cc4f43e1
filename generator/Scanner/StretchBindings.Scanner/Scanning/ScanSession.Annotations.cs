using StretchBindings.Manifest;
using StretchBindings.Scanner.Clang;

namespace StretchBindings.Scanner.Scanning;

/// <summary>
/// Annotations: finding the <c>annotate</c> attributes, reading them (<see cref="Annotations"/>), and
/// checking what the table (<see cref="NativeAnnotationNames.All"/>) says about each one's parameter
/// type and arguments. Nothing here names a particular annotation.
/// </summary>
internal sealed partial class ScanSession
{
    // The annotate attributes of every recorded declaration, by the declaration they sit on.
    private readonly Dictionary<nint, List<CXCursor>> _annotateAttributes = [];

    /// <summary>How many cursors the annotation walk looked at: a measure of work, linear in the header.</summary>
    internal int WalkedCursors { get; private set; }

    // One walk over the recorded declarations finds every annotation, instead of a visit of the
    // children of each function, parameter, struct and typedef.
    private void IndexAnnotations(CXCursor root)
    {
        // libclang shows a struct, union or enum defined inside a declaration ("struct s { } f;") twice:
        // as a declaration of its own and again under the field, variable or typedef that uses it.
        // Going into both doubles the work at each level of nesting; each definition is entered once.
        var enteredDefinitions = new HashSet<nint>();
        CursorVisitor.Walk(root, (cursor, parent) =>
        {
            if (cursor.Kind is CXCursorKind.StructDecl or CXCursorKind.UnionDecl or CXCursorKind.EnumDecl
                && !enteredDefinitions.Add(cursor.Data0))
            {
                return CXChildVisitResult.Continue;
            }

            WalkedCursors++;

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
                // A sidecar's annotation is reported at the sidecar's line, a header's at the function.
                NativeLocation? at = annotation.Source ?? function.Location;
                NativeType type = parameter.Type;
                if (definition.Shape == ParameterShape.PointerToPointer
                    && !(type.Kind == NativeTypeKind.Pointer && type.Pointee!.Kind == NativeTypeKind.Pointer))
                {
                    AddError($"{prefix}{annotation.Name} on {where} needs a pointer to a pointer (T**), not '{type.Spelling}'", at);
                }
                else if (definition.Shape == ParameterShape.Pointer && type.Kind is not (NativeTypeKind.Pointer or NativeTypeKind.Array))
                {
                    AddError($"{prefix}{annotation.Name} on {where} needs a pointer parameter, not '{type.Spelling}'", at);
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
                        AddError($"{prefix}{annotation.Name}({countName}) on {where}: '{countName}' is not another parameter of '{function.Name}'", at);
                    }
                    else if (count.Type.Kind != NativeTypeKind.Int)
                    {
                        AddError($"{prefix}{annotation.Name}({countName}) on {where}: the count parameter '{countName}' must be an integer, not '{count.Type.Spelling}'", at);
                    }
                }
            }
        }
    }

    // Arguments that name functions must name functions of the header, and a typedef's annotation must
    // sit on a typedef of the kind of type the annotation is for.
    private void ValidateAnnotationReferences()
    {
        foreach (NativeFunction function in _functions.Values)
        {
            RequireFunctions(function.Annotations, $"function '{function.Name}'", function.Location!);
            RequireResult(function);
        }

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
                AnnotationPlace typePlace = place & (AnnotationPlace.Struct | AnnotationPlace.Enum);
                if (typePlace == AnnotationPlace.Struct && typedef.Type.Kind is not (NativeTypeKind.Struct or NativeTypeKind.Union))
                {
                    AddError($"{NativeAnnotationNames.Prefix}{annotation.Name} on {where} needs a typedef of a struct, not of '{typedef.Type.Spelling}'", typedef.Location!);
                }
                else if (typePlace == AnnotationPlace.Enum && typedef.Type.Kind != NativeTypeKind.Enum)
                {
                    AddError($"{NativeAnnotationNames.Prefix}{annotation.Name} on {where} needs a typedef of an enum, not of '{typedef.Type.Spelling}'", typedef.Location!);
                }
            }

            RequireFunctions(typedef.Annotations, where, typedef.Location!);
        }
    }

    // A status annotation needs an integer or enum result, a UTF-8 result a char pointer.
    private void RequireResult(NativeFunction function)
    {
        NativeType result = function.ReturnType;
        foreach (NativeAnnotation annotation in function.Annotations)
        {
            ResultShape shape = NativeAnnotationNames.Definition(annotation.Name)!.Result;
            string? needs = shape switch
            {
                ResultShape.Integer when result.Kind is not (NativeTypeKind.Int or NativeTypeKind.Enum) => "an integer or enum result",
                ResultShape.CharPointer when !(result.Kind == NativeTypeKind.Pointer && result.Pointee!.Kind == NativeTypeKind.Int && result.Pointee.Size == 1) => "a char pointer result",
                _ => null,
            };
            if (needs is not null)
            {
                AddError($"{NativeAnnotationNames.Prefix}{annotation.Name} on function '{function.Name}' needs {needs}, not '{function.ReturnType.Spelling}'", annotation.Source ?? function.Location!);
            }
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
                    AddError($"{NativeAnnotationNames.Prefix}{annotation.Name} on {where} names '{function}', which is not a function of this header", annotation.Source ?? location);
                }
            }
        }
    }
}
