using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using StretchBindings.Generator.Bindings;
using StretchBindings.Generator.Diagnostics;
using StretchBindings.Generator.Helpers;
using StretchBindings.Manifest;
using StretchBindings.Generator.Model;

namespace StretchBindings.Generator.Planning;

internal enum NamedRecordShape
{
    Complete,
    Opaque,
    Handle,
}

/// <summary>A record's C# name while planning; handle types also name their SafeHandle.</summary>
internal sealed record NamedRecord(NativeRecord Record, string Name, NamedRecordShape Shape, NamedHandle? Handle);

/// <summary>A handle type's names and its create and destroy functions.</summary>
internal sealed record NamedHandle(string ClassName, string SafeHandleName, string CreateFunction, string DestroyFunction, bool SingleThreaded);

/// <summary>An enum's C# name; a status enum also names its exception.</summary>
internal sealed record NamedEnum(NativeEnum Enum, string Name, string UnderlyingType, string? ExceptionName, string? MessageFunction);

/// <summary>
/// What planning one manifest knows while it decides: the C# names of its records and enums (clashes
/// renamed), the type map, where its declarations are in the header, and the diagnostics so far.
/// </summary>
internal sealed partial class LibraryContext
{
    private readonly Dictionary<string, NamedRecord> _records = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NamedEnum> _enums = new(StringComparer.Ordinal);
    private readonly NameScope _typeNames = new();
    private readonly HeaderLocations _locations;
    private readonly HashSet<DiagnosticInfo> _reported = new();
    private readonly Dictionary<NativeFunction, string> _boundFunctions = new();

    public LibraryContext(ManifestInput input, NativeManifest manifest, string? headerPath)
    {
        Input = input;
        Manifest = manifest;
        Namespace = input.Namespace;
        RawClassName = Identifiers.Escape(input.ClassName);
        RawClass = Qualify(RawClassName);
        _locations = new HeaderLocations(input.Path, manifest.Header, headerPath);
        _typeNames.Claim(RawClassName.TrimStart('@'), $"the class '{input.ClassName}' the manifest is generated into");
        Types = new TypeMap(this);
        NameTypes();
    }

    public ManifestInput Input { get; }

    public NativeManifest Manifest { get; }

    public string Namespace { get; }

    public string RawClassName { get; }

    /// <summary>The raw class, fully qualified.</summary>
    public string RawClass { get; }

    public TypeMap Types { get; }

    public List<DiagnosticInfo> Diagnostics { get; } = new();

    public List<SkippedDeclaration> Skipped { get; } = new();

    public IEnumerable<NamedRecord> Records => _records.Values.OrderBy(r => r.Record.Name, StringComparer.Ordinal);

    public IEnumerable<NamedEnum> Enums => _enums.Values.OrderBy(e => e.Enum.Name, StringComparer.Ordinal);

    public string Qualify(string typeName) => Namespace.Length == 0 ? "global::" + typeName : $"global::{Namespace}.{typeName}";

    public bool TryGetRecord(string? name, out NamedRecord record)
    {
        record = null!;
        return name is not null && _records.TryGetValue(name, out record!);
    }

    public bool TryGetEnum(string? name, out NamedEnum named)
    {
        named = null!;
        return name is not null && _enums.TryGetValue(name, out named!);
    }

    /// <summary>Records the raw member name a bound function got (a manifest may repeat a C name; each declaration has its own).</summary>
    public void BindFunction(NativeFunction function, string name)
    {
        if (!_boundFunctions.ContainsKey(function))
        {
            _boundFunctions[function] = name;
        }
    }

    /// <summary>The raw member name of a bound function, or null when the function is skipped.</summary>
    public string? BoundFunction(NativeFunction? function) => function is not null && _boundFunctions.TryGetValue(function, out string? name) ? name : null;

    public NativeFunction? FindFunction(string name) => Manifest.Functions.FirstOrDefault(f => f.Name == name);

    /// <summary>The header position of a declaration, or the manifest's when the header is unknown.</summary>
    public LocationInfo Locate(NativeLocation? location, string name) => _locations.Resolve(location, name);

    /// <summary>Adds a diagnostic once: the raw layer and the projection may both come to the same one.</summary>
    public void Report(DiagnosticDescriptor descriptor, NativeLocation? location, string name, params string[] arguments)
    {
        DiagnosticInfo diagnostic = DiagnosticInfo.Create(descriptor, Locate(location, name), arguments);
        if (_reported.Add(diagnostic))
        {
            Diagnostics.Add(diagnostic);
        }
    }

    /// <summary>Records that a declaration is not bound (SBG0004), at its place in the header.</summary>
    /// <summary>Reports a declaration left out; the span covers <paramref name="spelled"/>, what is written at <paramref name="location"/> (the name when null).</summary>
    public void Skip(string kind, string name, NativeLocation? location, string reason, string? spelled = null) =>
        Skipped.Add(new SkippedDeclaration(kind, name, DiagnosticInfo.Create(DiagnosticDescriptors.DeclarationSkipped, Locate(location, spelled ?? name), kind, name, reason)));

    /// <summary>
    /// Gives a type a unique name in the namespace, reporting a clash. The rule is stable and says what
    /// the type is: the kind is appended (<c>Color</c> → <c>ColorEnum</c>, <c>ColorStruct</c>), then a
    /// number if that is taken too.
    /// </summary>
    private string ClaimTypeName(string wanted, string kind, string what, NativeLocation? location, string cName)
    {
        string name = Identifiers.MakeValid(wanted);
        string claimed = _typeNames.ClaimOrRename(name, what, (n, i) => i == 1 ? n + kind : n + kind + i, out string? owner);
        if (owner is not null)
        {
            Report(DiagnosticDescriptors.NameClash, location, cName, name, what, owner, claimed);
        }

        return claimed;
    }

    private void NameTypes()
    {
        // Handles first, so that the friendly class takes the plain name (Stretch) before anything else.
        foreach (NativeRecord record in Manifest.Records.OrderBy(r => NativeAnnotationNames.Has(r.Annotations, NativeAnnotationNames.Handle) ? 0 : 1))
        {
            string baseName = NativeAnnotationNames.RenameOf(record.Annotations)
                ?? TypeBaseName(record.Name, TypedefNaming(record.IsUnion ? NativeTypeKind.Union : NativeTypeKind.Struct, record.Name));
            NativeAnnotation? handle = NativeAnnotationNames.Find(record.Annotations, NativeAnnotationNames.Handle);
            if (handle is not null && handle.Arguments.Count == 2)
            {
                string className = ClaimTypeName(baseName, "Class", $"the handle type '{record.Name}'", record.Location, record.Name);
                string safeHandleName = ClaimTypeName(className + "Handle", "SafeHandle", $"the SafeHandle of '{record.Name}'", record.Location, record.Name);
                bool singleThreaded = NativeAnnotationNames.Has(record.Annotations, NativeAnnotationNames.SingleThreaded);
                var named = new NamedHandle(className, safeHandleName, handle.Arguments[0], handle.Arguments[1], singleThreaded);
                _records[record.Name] = new NamedRecord(record, className, NamedRecordShape.Handle, named);
                continue;
            }

            NamedRecordShape shape = record.Opaque ? NamedRecordShape.Opaque : NamedRecordShape.Complete;
            string what = $"the {(record.IsUnion ? "union" : "struct")} '{record.Name}'";
            _records[record.Name] = new NamedRecord(record, ClaimTypeName(baseName, record.IsUnion ? "Union" : "Struct", what, record.Location, record.Name), shape, null);
        }

        foreach (NativeEnum nativeEnum in Manifest.Enums)
        {
            string name = ClaimTypeName(NativeAnnotationNames.RenameOf(nativeEnum.Annotations) ?? TypeBaseName(nativeEnum.Name, TypedefNaming(NativeTypeKind.Enum, nativeEnum.Name)), "Enum", $"the enum '{nativeEnum.Name}'", nativeEnum.Location, nativeEnum.Name);
            string underlying = IntegerTypes.Keyword(nativeEnum.Underlying.Size, nativeEnum.Underlying.Signed) ?? "int";
            string? exception = null;
            string? messageFunction = null;
            NativeAnnotation? status = NativeAnnotationNames.Find(nativeEnum.Annotations, NativeAnnotationNames.Status);
            if (status is not null)
            {
                string stem = name.EndsWith("Status", StringComparison.Ordinal) && name.Length > "Status".Length
                    ? name.Substring(0, name.Length - "Status".Length)
                    : name;
                exception = ClaimTypeName(stem + "Exception", "Type", $"the exception of status '{nativeEnum.Name}'", nativeEnum.Location, nativeEnum.Name);
                messageFunction = status.Arguments.Count > 0 && IsMessageFunction(FindFunction(status.Arguments[0])) ? status.Arguments[0] : null;
            }

            _enums[nativeEnum.Name] = new NamedEnum(nativeEnum, name, underlying, exception, messageFunction);
        }

        NameStatusResults();
    }

    private static bool IsMessageFunction(NativeFunction? function) =>
        function is not null
        && function.Unsupported is null
        && function.Parameters.Count == 1
        && function.ReturnType.Kind == NativeTypeKind.Pointer
        && function.ReturnType.Pointee!.Kind == NativeTypeKind.Int
        && function.ReturnType.Pointee.Size == 1;

    /// <summary>
    /// A typedef that names a record or enum directly, its public name (<c>typedef struct z_stream_s {…} z_stream;</c>,
    /// <c>typedef enum color_e {…} color_t;</c>).
    /// </summary>
    private string? TypedefNaming(NativeTypeKind kind, string name)
    {
        foreach (NativeTypedef typedef in Manifest.Typedefs)
        {
            if (typedef.Type.Kind == kind && typedef.Type.Name == name && typedef.Name != name && typedef.Type.Typedef is null)
            {
                return typedef.Name;
            }
        }

        return null;
    }

    /// <summary><c>stretch_t</c> → <c>Stretch</c>; <c>z_stream</c> → <c>ZStream</c>.</summary>
    private static string TypeBaseName(string name, string? typedef)
    {
        string chosen = typedef ?? name;
        if (chosen.EndsWith("_t", StringComparison.Ordinal) && chosen.Length > 2)
        {
            chosen = chosen.Substring(0, chosen.Length - 2);
        }

        return Identifiers.ToPascalCase(chosen);
    }
}
