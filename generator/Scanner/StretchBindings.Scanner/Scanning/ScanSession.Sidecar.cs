using StretchBindings.Manifest;
using StretchBindings.Scanner.Sidecar;

namespace StretchBindings.Scanner.Scanning;

/// <summary>
/// The annotation sidecar and the library map: applied to the walked header before the annotations'
/// references are checked, so a sidecar's annotation meets every check a header's does. An
/// annotation the header already has stays the header's; a name the sidecar gives that the header
/// lacks is a warning at the sidecar's line.
/// </summary>
internal sealed partial class ScanSession
{
    private readonly HashSet<string> _excludedFunctions = new(StringComparer.Ordinal);
    private SidecarFile? _sidecar;

    private void ApplyLibraryMap()
    {
        foreach (LibraryMapping mapping in _options.LibraryMap)
        {
            var entry = new SidecarEntry(mapping.Pattern, 0, 0, [], [], mapping.Library, false, false);
            foreach (string name in _functions.Keys.Where(entry.Matches).ToList())
            {
                _functions[name] = WithLibrary(_functions[name], mapping.Library, null);
            }
        }
    }

    private void ApplySidecar()
    {
        if (_options.SidecarPath is null)
        {
            return;
        }

        // Beside the header it is recorded like the header; elsewhere (beside a project) by its name
        // alone, so that the manifest holds no path of this machine.
        string relative = RelativePath(_options.SidecarPath);
        _sidecar = SidecarReader.Read(_options.SidecarPath, relative.StartsWith("../", StringComparison.Ordinal) ? Path.GetFileName(relative) : relative);
        foreach (SidecarEntry entry in _sidecar.Functions)
        {
            if (SkipUnreviewed(entry, "function"))
            {
                continue;
            }

            List<string> names = _functions.Keys.Where(entry.Matches).Order(StringComparer.Ordinal).ToList();
            if (names.Count == 0)
            {
                SidecarWarning(entry.Line, entry.Column, $"{(entry.IsGlob ? "no function of the header matches" : "the header declares no function")} '{entry.Pattern}'");
                continue;
            }

            foreach (SidecarParameter parameter in entry.Parameters)
            {
                if (!names.Any(n => _functions[n].Parameters.Any(p => p.Name == parameter.Name)))
                {
                    SidecarWarning(parameter.Line, parameter.Column, $"'{entry.Pattern}' has no parameter '{parameter.Name}'");
                }
            }

            foreach (string name in names)
            {
                ApplyToFunction(name, entry);
            }
        }

        foreach (SidecarEntry entry in _sidecar.Types)
        {
            if (!SkipUnreviewed(entry, "type"))
            {
                ApplyToTypes(entry);
            }
        }

        ApplyTypeExclusions();
    }

    private void ApplyToFunction(string name, SidecarEntry entry)
    {
        NativeFunction function = _functions[name];
        if (entry.Exclude)
        {
            _excludedFunctions.Add(name);
        }

        if (entry.Library is not null)
        {
            function = WithLibrary(function, entry.Library, new NativeLocation(_sidecar!.RelativePath, entry.Line, entry.Column));
        }

        NativeParameter[] parameters = function.Parameters.Select(p =>
        {
            SidecarAnnotation[] added = entry.Parameters.Where(s => s.Name == p.Name).SelectMany(s => s.Annotations).ToArray();
            return added.Length == 0 ? p : p with { Annotations = Add(p.Annotations, added) };
        }).ToArray();
        function = function with { Annotations = Add(function.Annotations, entry.Annotations), Parameters = parameters };
        if (entry.Parameters.Count > 0)
        {
            ValidateParameterAnnotations(function);
        }

        _functions[name] = function;
    }

    // A type entry's name may be a struct, an enum or a typedef; each annotation goes where the same
    // annotation in the header would: struct annotations on the struct, enum ones on the enum (through
    // a typedef that names one), either on a typedef that names neither.
    private void ApplyToTypes(SidecarEntry entry)
    {
        bool matched = false;
        foreach (string name in _records.Keys.Concat(_enums.Keys).Concat(_typedefs.Keys).Distinct().Where(entry.Matches).Order(StringComparer.Ordinal).ToList())
        {
            matched = true;
            if (entry.Exclude)
            {
                ExcludeType(name, entry);
            }

            foreach (SidecarAnnotation annotation in entry.Annotations)
            {
                AnnotationPlace place = NativeAnnotationNames.Definition(annotation.Annotation.Name)!.Place;
                // A typedef's name stands for the struct or enum it names, as "typedef struct SB_HANDLE(...) x x_t;" does.
                string target = _typedefs.TryGetValue(name, out NativeTypedef? named) && named.Type.Name is { } tag
                    && !_records.ContainsKey(name) && !_enums.ContainsKey(name) ? tag : name;
                if (place.HasFlag(AnnotationPlace.Struct) && _records.TryGetValue(target, out NativeRecord? record))
                {
                    _records[target] = record with { Annotations = Add(record.Annotations, [annotation]) };
                }
                else if (place.HasFlag(AnnotationPlace.Enum) && _enums.TryGetValue(target, out NativeEnum? enumInfo))
                {
                    _enums[target] = enumInfo with { Annotations = Add(enumInfo.Annotations, [annotation]) };
                }
                else if (_typedefs.TryGetValue(name, out NativeTypedef? typedef))
                {
                    _typedefs[name] = typedef with { Annotations = Add(typedef.Annotations, [annotation]) };
                }
                else if (!entry.IsGlob)
                {
                    AddError($"{NativeAnnotationNames.Prefix}{annotation.Annotation.Name} applies to {Annotations.Describe(NativeAnnotationNames.Definition(annotation.Annotation.Name)!)}, and '{name}' is not one",
                        annotation.Annotation.Source);
                }
            }
        }

        if (!matched)
        {
            SidecarWarning(entry.Line, entry.Column, $"{(entry.IsGlob ? "no type of the header matches" : "the header declares no struct, enum or typedef")} '{entry.Pattern}'");
        }
    }

    // The header's own annotation wins: the same annotation again from the sidecar adds nothing.
    private static EquatableArray<NativeAnnotation> Add(EquatableArray<NativeAnnotation> existing, IEnumerable<SidecarAnnotation> added)
    {
        var annotations = existing.ToList();
        foreach (SidecarAnnotation annotation in added)
        {
            if (!annotations.Any(a => a.Name == annotation.Annotation.Name && a.Arguments.Equals(annotation.Annotation.Arguments)))
            {
                annotations.Add(annotation.Annotation);
            }
        }

        return annotations.ToArray();
    }

    private NativeFunction WithLibrary(NativeFunction function, string library, NativeLocation? source) =>
        LibraryNames.Match(library, _options.Library)
            ? function with { Library = null, LibrarySource = null }
            : function with { Library = library, LibrarySource = source };

    private bool SkipUnreviewed(SidecarEntry entry, string what)
    {
        if (entry.Review)
        {
            SidecarWarning(entry.Line, entry.Column, $"the {what} entry '{entry.Pattern}' is marked for review; nothing of it applies until \"{SidecarKeys.Review}\" is removed");
        }

        return entry.Review;
    }

    private void SidecarWarning(int line, int column, string message) =>
        _warnings.Add(new ScanDiagnostic(DiagnosticSeverity.Warning, message, _sidecar!.Path, line, column));

    private IEnumerable<string> SidecarDependencies() => _sidecar is null ? [] : [_sidecar.Path];
}
