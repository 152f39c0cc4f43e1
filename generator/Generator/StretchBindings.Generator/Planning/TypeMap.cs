using System.Linq;
using System.Text;
using StretchBindings.Generator.Emit;
using StretchBindings.Manifest;

namespace StretchBindings.Generator.Planning;

/// <summary>
/// The one C-type → C# type map of a manifest: raw signatures, fields, function pointers. It knows the
/// C# names the library's records and enums were given.
/// </summary>
internal sealed class TypeMap(LibraryContext context)
{
    /// <summary>
    /// The C# type for <paramref name="type"/> in a raw signature or field, or null with a reason.
    /// C <c>bool</c> maps to <c>bool</c>; stubs pass it as a byte (see <see cref="StubType"/>).
    /// </summary>
    public string? Map(NativeType type, out string? reason)
    {
        reason = null;
        switch (type.Kind)
        {
            case NativeTypeKind.Void:
                return "void";
            case NativeTypeKind.Bool:
                return "bool";
            case NativeTypeKind.Int:
                return Integer(type, out reason);
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
                if (context.TryGetEnum(type.Name, out NamedEnum named))
                {
                    return context.Qualify(named.Name);
                }

                return type.Underlying is null ? "int" : Integer(type.Underlying, out reason);
            case NativeTypeKind.Pointer:
            case NativeTypeKind.Array:
                return Pointer(type.Target!);
            case NativeTypeKind.Function:
                return FunctionPointer(type.Signature!) ?? "void*";
            case NativeTypeKind.Struct:
            case NativeTypeKind.Union:
                if (context.TryGetRecord(type.Name, out NamedRecord record) && record.Shape == NamedRecordShape.Complete && PassesByValue(record.Record.Fields))
                {
                    return context.Qualify(record.Name);
                }

                reason = type.Opaque
                    ? $"'{type.Spelling}' is an opaque type passed by value"
                    : record?.Shape == NamedRecordShape.Complete
                        ? $"'{type.Spelling}' is passed by value, and its C# struct does not cover its fields exactly (a bit-field, or a field without a C# type)"
                        : $"'{type.Spelling}' is passed by value and has no generated layout";
                return null;
            default:
                reason = $"'{type.Spelling}' is not supported{(type.Reason is null ? string.Empty : ": " + type.Reason)}";
                return null;
        }
    }

    /// <summary>Like <see cref="Map"/>, for a parameter or field: <c>void</c> is a result type only.</summary>
    public string? MapValue(NativeType type, out string? reason)
    {
        string? mapped = Map(type, out reason);
        if (mapped == "void")
        {
            reason = $"'{type.Spelling}' is not a type a value can have";
            return null;
        }

        return mapped;
    }

    /// <summary>Like <see cref="Map"/>, with a pointer for what has no C# type (spans and counts are planned on top).</summary>
    public string MapOrPointer(NativeType type) => Map(type, out _) ?? "void*";

    /// <summary>The type in a DllImport stub or function pointer: like <see cref="Map"/>, with C bool as a byte.</summary>
    public string? StubType(NativeType type) => type.Kind == NativeTypeKind.Bool ? "byte" : Map(type, out _);

    /// <summary><c>delegate* unmanaged[Cdecl]&lt;…&gt;</c>, or null when the signature cannot be expressed.</summary>
    public string? FunctionPointer(NativeSignature signature)
    {
        string? convention = CallingConventions.FromManifest(signature.CallingConvention)?.FunctionPointer;
        if (convention is null || signature.Variadic)
        {
            return null;
        }

        var builder = new StringBuilder("delegate* unmanaged[").Append(convention).Append("]<");
        foreach (NativeType parameter in signature.Parameters)
        {
            string? mapped = StubType(parameter);
            if (mapped is null or "void")
            {
                return null;
            }

            builder.Append(mapped).Append(", ");
        }

        string? returnType = StubType(signature.ReturnType);
        return returnType is null ? null : builder.Append(returnType).Append('>').ToString();
    }

    /// <summary>
    /// Whether a struct passed by value travels as C passes it: the calling convention reads its field
    /// types, so every field must have its C# form (no bit-field, no field left out).
    /// </summary>
    private bool PassesByValue(EquatableArray<NativeField> fields)
    {
        foreach (NativeField field in fields)
        {
            NativeType type = field.Type;
            if (field.BitField || type.Kind == NativeTypeKind.Unsupported || type.Kind == NativeTypeKind.Array && type.Length is null or 0)
            {
                return false;
            }

            while (type.Kind == NativeTypeKind.Array)
            {
                type = type.Target!;
            }

            if (type.Kind is NativeTypeKind.Struct or NativeTypeKind.Union && type.Name is null && !PassesByValue(type.Fields)
                || type.Kind is not (NativeTypeKind.Struct or NativeTypeKind.Union) && Map(type, out _) is null)
            {
                return false;
            }
        }

        return true;
    }

    private string Pointer(NativeType pointee)
    {
        switch (pointee.Kind)
        {
            case NativeTypeKind.Array:
                // A pointer to an array (a typedef'd array type, double (*)[2]) points at its first element.
                return Pointer(pointee.Target!);
            case NativeTypeKind.Void:
                return "void*";
            case NativeTypeKind.Function:
                return FunctionPointer(pointee.Signature!) ?? "void*";
            case NativeTypeKind.Struct:
            case NativeTypeKind.Union:
                if (context.TryGetRecord(pointee.Name, out NamedRecord record))
                {
                    return record.Shape == NamedRecordShape.Handle ? context.Qualify(record.Name) + ".Native*" : context.Qualify(record.Name) + "*";
                }

                return "void*";
            default:
                // A pointer is a pointer: what it points at only types it, so anything unmappable is void*.
                string? target = Map(pointee, out _);
                return target is null ? "void*" : target + "*";
        }
    }

    private static string? Integer(NativeType type, out string? reason)
    {
        string? mapped = IntegerTypes.Map(type);
        reason = mapped is null ? $"'{type.Spelling}' ({type.Name}) has no .NET equivalent" : null;
        return mapped;
    }

    /// <summary>Whether the type is <c>const char*</c>, the C string the UTF-8 overloads serve (not <c>const Bytef*</c>, which is data).</summary>
    public static bool IsConstCString(NativeType type) =>
        type.Kind == NativeTypeKind.Pointer
        && type.Pointee!.Kind == NativeTypeKind.Int
        && type.Pointee.Const
        && type.Pointee.Name == "char"
        && type.Pointee.Typedef is null;

    /// <summary>The C view of a C integer (what <see cref="Map"/> makes of it), for comparing kernels with headers.</summary>
    public static string? IntegerAbi(NativeType type) => IntegerTypes.Map(type) is { } mapped ? IntegerTypes.Abi(mapped) : null;
}
