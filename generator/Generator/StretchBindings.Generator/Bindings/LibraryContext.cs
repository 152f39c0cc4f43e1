using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using StretchBindings.Generator.Diagnostics;
using StretchBindings.Generator.Helpers;
using StretchBindings.Manifest;

namespace StretchBindings.Generator.Bindings;

/// <summary>A record as it is generated: its C# name and what kind of type it becomes.</summary>
internal sealed record RecordBinding(NativeRecord Record, string Name, RecordShape Shape, HandleBinding? Handle);

internal enum RecordShape
{
    /// <summary>A blittable struct with the C layout.</summary>
    Complete,

    /// <summary>An empty struct, used only through pointers.</summary>
    Opaque,

    /// <summary>An annotated handle: a class owning a SafeHandle, with a nested opaque struct.</summary>
    Handle,
}

/// <summary>A handle type's generated names and its create and destroy functions.</summary>
internal sealed record HandleBinding(string ClassName, string SafeHandleName, string CreateFunction, string DestroyFunction, bool SingleThreaded);

internal sealed record EnumBinding(NativeEnum Enum, string Name, string UnderlyingType, StatusBinding? Status);

/// <summary>A status enum: its exception type and the function giving a code's message.</summary>
internal sealed record StatusBinding(string ExceptionName, string? MessageFunction);

/// <summary>
/// What one manifest's generated code knows about names and types: the C# name of every record and
/// enum, the C-to-C# type mapping, and the diagnostics found along the way.
/// </summary>
internal sealed class LibraryContext
{
    private readonly Dictionary<string, RecordBinding> _records = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EnumBinding> _enums = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _takenTypeNames = new(StringComparer.Ordinal);

    public LibraryContext(ManifestInput input, NativeManifest manifest)
    {
        Input = input;
        Manifest = manifest;
        Namespace = input.Namespace;
        RawClassName = Identifiers.Escape(input.ClassName);
        RawClass = Qualify(RawClassName);
        ManifestLocation = LocationInfo.InFile(input.Path, 1, 1);
        _takenTypeNames[RawClassName.TrimStart('@')] = $"the class '{input.ClassName}' the manifest is generated into";
        NameTypes();
    }

    public ManifestInput Input { get; }

    public NativeManifest Manifest { get; }

    public string Namespace { get; }

    public string RawClassName { get; }

    /// <summary>The raw class, fully qualified.</summary>
    public string RawClass { get; }

    public LocationInfo ManifestLocation { get; }

    public List<DiagnosticInfo> Diagnostics { get; } = new();

    /// <summary>Fields of each record, worked out once for the struct and its layout check.</summary>
    public Dictionary<string, List<FieldBinding>> FieldCache { get; } = new(StringComparer.Ordinal);

    public IEnumerable<RecordBinding> Records => _records.Values.OrderBy(r => r.Record.Name, StringComparer.Ordinal);

    public IEnumerable<EnumBinding> Enums => _enums.Values.OrderBy(e => e.Enum.Name, StringComparer.Ordinal);

    public string Qualify(string typeName) => Namespace.Length == 0 ? "global::" + typeName : $"global::{Namespace}.{typeName}";

    public bool TryGetRecord(string? name, out RecordBinding record)
    {
        record = null!;
        return name is not null && _records.TryGetValue(name, out record!);
    }

    public bool TryGetEnum(string? name, out EnumBinding binding)
    {
        binding = null!;
        return name is not null && _enums.TryGetValue(name, out binding!);
    }

    public NativeFunction? FindFunction(string name) => Manifest.Functions.FirstOrDefault(f => f.Name == name);

    public void Report(DiagnosticDescriptor descriptor, params string[] arguments) =>
        Diagnostics.Add(DiagnosticInfo.Create(descriptor, ManifestLocation, arguments));

    /// <summary>Gives a type a unique name in the namespace, reporting and renaming a clash.</summary>
    private string ClaimTypeName(string wanted, string what)
    {
        string name = Identifiers.MakeValid(wanted);
        if (!_takenTypeNames.TryGetValue(name, out string? owner))
        {
            _takenTypeNames[name] = what;
            return name;
        }

        int suffix = 2;
        while (_takenTypeNames.ContainsKey(name + suffix))
        {
            suffix++;
        }

        string renamed = name + suffix;
        Report(DiagnosticDescriptors.NameClash, name, what, owner, renamed);
        _takenTypeNames[renamed] = what;
        return renamed;
    }

    private void NameTypes()
    {
        // Handles first, so that the friendly class takes the plain name (Stretch) before anything else.
        foreach (NativeRecord record in Manifest.Records.OrderBy(r => NativeAnnotationNames.Has(r.Annotations, NativeAnnotationNames.Handle) ? 0 : 1))
        {
            string baseName = TypeBaseName(record.Name, TypedefNaming(record));
            NativeAnnotation? handle = NativeAnnotationNames.Find(record.Annotations, NativeAnnotationNames.Handle);
            if (handle is not null && handle.Arguments.Count == 2)
            {
                string className = ClaimTypeName(baseName, $"the handle type '{record.Name}'");
                string safeHandleName = ClaimTypeName(className + "Handle", $"the SafeHandle of '{record.Name}'");
                bool singleThreaded = NativeAnnotationNames.Has(record.Annotations, NativeAnnotationNames.SingleThreaded);
                var binding = new HandleBinding(className, safeHandleName, handle.Arguments[0], handle.Arguments[1], singleThreaded);
                _records[record.Name] = new RecordBinding(record, className, RecordShape.Handle, binding);
                continue;
            }

            RecordShape shape = record.Opaque ? RecordShape.Opaque : RecordShape.Complete;
            _records[record.Name] = new RecordBinding(record, ClaimTypeName(baseName, $"the {(record.IsUnion ? "union" : "struct")} '{record.Name}'"), shape, null);
        }

        foreach (NativeEnum nativeEnum in Manifest.Enums)
        {
            string name = ClaimTypeName(TypeBaseName(nativeEnum.Name, null), $"the enum '{nativeEnum.Name}'");
            string underlying = IntegerKeyword(nativeEnum.Underlying) ?? "int";
            StatusBinding? status = null;
            NativeAnnotation? statusAnnotation = NativeAnnotationNames.Find(nativeEnum.Annotations, NativeAnnotationNames.Status);
            if (statusAnnotation is not null)
            {
                string stem = name.EndsWith("Status", StringComparison.Ordinal) && name.Length > "Status".Length
                    ? name.Substring(0, name.Length - "Status".Length)
                    : name;
                string exception = ClaimTypeName(stem + "Exception", $"the exception of status '{nativeEnum.Name}'");
                string? messageFunction = statusAnnotation.Arguments.Count > 0 ? statusAnnotation.Arguments[0] : null;
                if (messageFunction is not null && !IsMessageFunction(FindFunction(messageFunction)))
                {
                    messageFunction = null;
                }

                status = new StatusBinding(exception, messageFunction);
            }

            _enums[nativeEnum.Name] = new EnumBinding(nativeEnum, name, underlying, status);
        }
    }

    private static bool IsMessageFunction(NativeFunction? function) =>
        function is not null
        && function.Unsupported is null
        && function.Parameters.Count == 1
        && function.ReturnType.Kind == NativeTypeKind.Pointer
        && function.ReturnType.Pointee!.Kind == NativeTypeKind.Int
        && function.ReturnType.Pointee.Size == 1;

    /// <summary>A typedef that names the record directly (<c>typedef struct z_stream_s {…} z_stream;</c>).</summary>
    private string? TypedefNaming(NativeRecord record)
    {
        foreach (NativeTypedef typedef in Manifest.Typedefs)
        {
            if (typedef.Type.Kind is NativeTypeKind.Struct or NativeTypeKind.Union && typedef.Type.Name == record.Name && typedef.Name != record.Name)
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

    /// <summary>The C# keyword of an integer type of that size and signedness, for enums and constants.</summary>
    public static string? IntegerKeyword(NativeType type) => (type.Size, type.Signed) switch
    {
        (1, true) => "sbyte",
        (1, false) => "byte",
        (2, true) => "short",
        (2, false) => "ushort",
        (4, true) => "int",
        (4, false) => "uint",
        (8, true) => "long",
        (8, false) => "ulong",
        _ => null,
    };

    /// <summary>
    /// The C# type for <paramref name="type"/> in a raw signature or field, or null with a reason.
    /// C <c>bool</c> maps to <c>bool</c>; stubs pass it as a byte (see <see cref="ContainsBool"/>).
    /// </summary>
    public string? MapType(NativeType type, out string? reason)
    {
        reason = null;
        switch (type.Kind)
        {
            case NativeTypeKind.Void:
                return "void";
            case NativeTypeKind.Bool:
                return "bool";
            case NativeTypeKind.Int:
                return MapInteger(type, out reason);
            case NativeTypeKind.Float:
                switch (type.Name)
                {
                    case "float":
                        return "float";
                    case "double":
                        return "double";
                    default:
                        reason = $"'{type.Spelling}' ({type.Name}) has no .NET equivalent";
                        return null;
                }

            case NativeTypeKind.Enum:
                if (TryGetEnum(type.Name, out EnumBinding binding))
                {
                    return Qualify(binding.Name);
                }

                return type.Underlying is null ? "int" : MapInteger(type.Underlying, out reason);
            case NativeTypeKind.Pointer:
            case NativeTypeKind.Array:
                return MapPointer(type.Target!);
            case NativeTypeKind.Function:
                return MapFunctionPointer(type.Signature!) ?? "void*";
            case NativeTypeKind.Struct:
            case NativeTypeKind.Union:
                if (TryGetRecord(type.Name, out RecordBinding record) && record.Shape == RecordShape.Complete && record.Record.Unsupported is null)
                {
                    return Qualify(record.Name);
                }

                reason = type.Opaque
                    ? $"'{type.Spelling}' is an opaque type passed by value"
                    : $"'{type.Spelling}' is passed by value and has no generated layout";
                return null;
            default:
                reason = $"'{type.Spelling}' is not supported{(type.Reason is null ? string.Empty : ": " + type.Reason)}";
                return null;
        }
    }

    private string MapPointer(NativeType pointee)
    {
        switch (pointee.Kind)
        {
            case NativeTypeKind.Void:
                return "void*";
            case NativeTypeKind.Function:
                return MapFunctionPointer(pointee.Signature!) ?? "void*";
            case NativeTypeKind.Struct:
            case NativeTypeKind.Union:
                if (TryGetRecord(pointee.Name, out RecordBinding record))
                {
                    return record.Shape == RecordShape.Handle ? Qualify(record.Name) + ".Native*" : Qualify(record.Name) + "*";
                }

                return "void*";
            default:
                // A pointer is a pointer: what it points at only types it, so anything unmappable is void*.
                string? target = MapType(pointee, out _);
                return target is null ? "void*" : target + "*";
        }
    }

    /// <summary><c>delegate* unmanaged[Cdecl]&lt;…&gt;</c>, or null when the signature cannot be expressed.</summary>
    public string? MapFunctionPointer(NativeSignature signature)
    {
        string? convention = CallingConventionName(signature.CallingConvention);
        if (convention is null || signature.Variadic)
        {
            return null;
        }

        var builder = new StringBuilder("delegate* unmanaged[").Append(convention).Append("]<");
        foreach (NativeType parameter in signature.Parameters)
        {
            string? mapped = StubType(parameter);
            if (mapped is null)
            {
                return null;
            }

            builder.Append(mapped).Append(", ");
        }

        string? returnType = StubType(signature.ReturnType);
        if (returnType is null)
        {
            return null;
        }

        return builder.Append(returnType).Append('>').ToString();
    }

    /// <summary>The type in a DllImport stub or function pointer: like <see cref="MapType"/>, with C bool as a byte.</summary>
    public string? StubType(NativeType type) => type.Kind == NativeTypeKind.Bool ? "byte" : MapType(type, out _);

    /// <summary>The function-pointer calling convention name for a manifest convention, or null.</summary>
    public static string? CallingConventionName(string convention) => convention switch
    {
        "c" => "Cdecl",
        "stdcall" => "Stdcall",
        "fastcall" => "Fastcall",
        "thiscall" => "Thiscall",
        _ => null,
    };

    /// <summary>The DllImport CallingConvention member for a manifest convention, or null.</summary>
    public static string? DllImportConvention(string convention) => convention switch
    {
        "c" => "Cdecl",
        "stdcall" => "StdCall",
        "fastcall" => "FastCall",
        "thiscall" => "ThisCall",
        _ => null,
    };

    private static string? MapInteger(NativeType type, out string? reason)
    {
        reason = null;
        switch (type.Typedef)
        {
            case "size_t":
            case "uintptr_t":
                return "nuint";
            case "ssize_t":
            case "ptrdiff_t":
            case "intptr_t":
                return "nint";
            case "int8_t":
                return "sbyte";
            case "uint8_t":
                return "byte";
            case "int16_t":
                return "short";
            case "uint16_t":
                return "ushort";
            case "int32_t":
                return "int";
            case "uint32_t":
                return "uint";
            case "int64_t":
                return "long";
            case "uint64_t":
                return "ulong";
        }

        switch (type.Name)
        {
            case "char":
            case "unsigned char":
                return "byte";
            case "signed char":
                return "sbyte";
            case "short":
                return "short";
            case "unsigned short":
                return "ushort";
            case "int":
                return "int";
            case "unsigned int":
                return "uint";
            case "long":
                return TypeNames.CLong;
            case "unsigned long":
                return TypeNames.CULong;
            case "long long":
                return "long";
            case "unsigned long long":
                return "ulong";
            case "wchar_t":
            case "char16_t":
            case "char32_t":
                return IntegerKeyword(type);
            default:
                reason = $"'{type.Spelling}' ({type.Name}) has no .NET equivalent";
                return null;
        }
    }

    /// <summary>Whether C <c>bool</c> appears by value in the signature (stubs then pass bytes).</summary>
    public static bool ContainsBool(NativeFunction function) =>
        function.ReturnType.Kind == NativeTypeKind.Bool || function.Parameters.Any(p => p.Type.Kind == NativeTypeKind.Bool);

    /// <summary>Whether the type is a pointer to a function (a callback).</summary>
    public static bool IsCallback(NativeType type) =>
        type.Kind == NativeTypeKind.Function
        || (type.Kind == NativeTypeKind.Pointer && type.Pointee!.Kind == NativeTypeKind.Function);

    /// <summary>Whether the type is <c>const char*</c>, the C string the UTF-8 overloads serve (not <c>const Bytef*</c>, which is data).</summary>
    public static bool IsConstCString(NativeType type) =>
        type.Kind == NativeTypeKind.Pointer
        && type.Pointee!.Kind == NativeTypeKind.Int
        && type.Pointee.Const
        && type.Pointee.Name == "char"
        && type.Pointee.Typedef is null;
}
