using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using StretchBindings.Generator.Emit;
using StretchBindings.Generator.Helpers;
using StretchBindings.Generator.Model;
using StretchBindings.Manifest;

namespace StretchBindings.Generator.Planning;

/// <summary>
/// Plans the fields of one complete struct or union: every C field at its C offset, with a nested type
/// where C has one C# cannot name (an anonymous struct or union member, a fixed array of elements a C#
/// fixed buffer cannot hold), properties for bit-fields and flexible array members. A field that still
/// cannot be expressed is reported at its line and left out; its bytes stay in the struct.
/// </summary>
internal sealed class RecordPlanner
{
    /// <summary>The element types a C# fixed buffer accepts (others are CS1663).</summary>
    private static readonly HashSet<string> FixedBufferTypes = new(StringComparer.Ordinal)
    {
        "bool", "byte", "sbyte", "short", "ushort", "int", "uint", "long", "ulong", "float", "double",
    };

    private readonly LibraryContext _context;
    private readonly NativeRecord _owner;
    private readonly string _cName;
    private readonly string _qualifiedName;
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);
    private readonly HashSet<string> _fieldNames = new(StringComparer.Ordinal);
    private readonly List<FieldModel> _fields = [];
    private readonly List<RecordModel> _nested = [];
    private readonly List<ArrayModel> _arrays = [];

    private RecordPlanner(LibraryContext context, NativeRecord owner, string cName, string name, string qualifiedName, EquatableArray<NativeField> fields)
    {
        _context = context;
        _owner = owner;
        _cName = cName;
        _qualifiedName = qualifiedName;

        // A member may not be named like its type; nested type names must not take a field's name.
        _taken.Add(name.TrimStart('@'));
        foreach (string field in AllFieldNames(fields))
        {
            _taken.Add(field);
        }
    }

    public static RecordModel Plan(LibraryContext context, NativeRecord record, string name, string qualifiedName)
    {
        var planner = new RecordPlanner(context, record, record.Name, name, qualifiedName, record.Fields);
        return planner.Build(record.Name, name, record.IsUnion, record.Size, record.Fields, record.Doc);
    }

    private RecordModel Build(string cName, string name, bool isUnion, int size, EquatableArray<NativeField> fields, NativeDoc? doc)
    {
        AddFields(fields, 0);
        return new RecordModel(cName, name, _qualifiedName, RecordShape.Complete, isUnion, size, _fields.ToArray(), doc)
        {
            Nested = _nested.ToArray(),
            Arrays = _arrays.ToArray(),
        };
    }

    private static IEnumerable<string> AllFieldNames(EquatableArray<NativeField> fields) =>
        fields.SelectMany(f => f.Name.Length == 0 ? AllFieldNames(f.Type.Fields) : [Identifiers.Escape(f.Name).TrimStart('@')]);

    private void AddFields(EquatableArray<NativeField> fields, long baseOffset)
    {
        foreach (NativeField field in fields)
        {
            long offset = baseOffset + field.Offset;
            if (field.Name.Length == 0)
            {
                if (!field.BitField)
                {
                    // C11 anonymous struct or union member: its members are reached directly, so they are flattened.
                    AddFields(field.Type.Fields, offset);
                }

                // An unnamed bit-field is padding.
                continue;
            }

            string name = Identifiers.Escape(field.Name);
            if (!_fieldNames.Add(name))
            {
                continue;
            }

            if (offset < 0 || offset > int.MaxValue)
            {
                // FieldOffset takes an int: only a damaged or hand-edited manifest says otherwise.
                Skip(field, $"its offset {offset} is not one a struct field can have");
                continue;
            }

            FieldModel? model = field.BitField ? PlanBitField(field, name, baseOffset)
                : field.Type.Kind == NativeTypeKind.Array ? PlanArray(field, name, offset)
                : PlanPlain(field, name, offset);
            if (model is not null)
            {
                _fields.Add(model);
            }
        }
    }

    // At the field's own line when the manifest has it (older manifests place fields only by their record).
    private void Skip(NativeField field, string? reason) =>
        _context.Skip("field", $"{_cName}.{field.Name}", field.Location ?? _owner.Location, reason + "; the bytes stay in the struct but have no field",
            field.Location is null ? null : field.Name);

    private FieldModel? PlanPlain(NativeField field, string name, long offset)
    {
        string? type = FieldType(field.Type, field.Name, out string? reason);
        if (type is null)
        {
            Skip(field, reason);
            return null;
        }

        return new FieldModel(field.Name, name, type, offset, null, field.Doc);
    }

    private FieldModel? PlanArray(NativeField field, string name, long offset)
    {
        if (field.Type.Length is null or 0)
        {
            // A flexible array member (T x[]; or the older T x[0];): its elements follow the struct.
            string first = _context.Types.MapOrPointer(field.Type);
            return new FieldModel(field.Name, name, first, offset, null, field.Doc) { Kind = FieldKind.Flexible };
        }

        // A multi-dimensional array is its elements in a row, as C lays it out: one flat array.
        NativeType element = field.Type;
        long length = 1;
        while (element.Kind == NativeTypeKind.Array && element.Length is > 0)
        {
            length *= element.Length.Value;
            element = element.Target!;
        }

        string? elementType = element.Kind == NativeTypeKind.Array ? null : FieldType(element, field.Name, out _);
        if (elementType is null || element.Size <= 0)
        {
            Skip(field, $"an array of '{element.Spelling}' has no C# element type");
            return null;
        }

        string count = length.ToString(CultureInfo.InvariantCulture);
        if (element.Kind is NativeTypeKind.Int or NativeTypeKind.Float or NativeTypeKind.Bool && FixedBufferTypes.Contains(elementType))
        {
            return new FieldModel(field.Name, name, elementType, offset, count, field.Doc) { Kind = FieldKind.Fixed };
        }

        string arrayName = NestedName(field.Name, "Array");
        bool pointer = elementType.EndsWith("*", StringComparison.Ordinal) || elementType.EndsWith(">", StringComparison.Ordinal) && elementType.StartsWith("delegate*", StringComparison.Ordinal);
        _arrays.Add(new ArrayModel(arrayName, elementType, element.Size, length, !pointer, element.Spelling));
        return new FieldModel(field.Name, name, _qualifiedName + "." + arrayName, offset, null, field.Doc) { Kind = FieldKind.Array };
    }

    /// <summary>The C# type of a field, nesting a type for an anonymous struct or union; null with a reason.</summary>
    private string? FieldType(NativeType type, string fieldName, out string? reason)
    {
        reason = null;
        if (type.Kind is not (NativeTypeKind.Struct or NativeTypeKind.Union))
        {
            return _context.Types.MapValue(type, out reason);
        }

        bool isUnion = type.Kind == NativeTypeKind.Union;
        if (type.Name is null)
        {
            if (type.Size <= 0)
            {
                reason = $"'{type.Spelling}' has no layout";
                return null;
            }

            string nestedName = NestedName(fieldName, isUnion ? "Union" : "Struct");
            string qualified = _qualifiedName + "." + nestedName;
            var planner = new RecordPlanner(_context, _owner, $"{_cName}.{fieldName}", nestedName, qualified, type.Fields);
            _nested.Add(planner.Build($"{_cName}.{fieldName}", nestedName, isUnion, type.Size, type.Fields, null));
            return qualified;
        }

        if (_context.TryGetRecord(type.Name, out NamedRecord record) && record.Shape == NamedRecordShape.Complete)
        {
            return _context.Qualify(record.Name);
        }

        reason = type.Opaque || record?.Shape is NamedRecordShape.Opaque or NamedRecordShape.Handle
            ? $"'{type.Spelling}' is opaque, so it has no layout to hold by value"
            : $"'{type.Spelling}' has no generated layout";
        return null;
    }

    private FieldModel? PlanBitField(NativeField field, string name, long baseOffset)
    {
        string? type = _context.Types.MapValue(field.Type, out string? reason);
        int width = field.BitWidth ?? 0;
        if (type is null || field.BitOffset is not { } bitOffset || width is <= 0 or > 64)
        {
            Skip(field, reason ?? "the bit-field has no width or place");
            return null;
        }

        NativeType integer = field.Type.Kind == NativeTypeKind.Enum && field.Type.Underlying is not null ? field.Type.Underlying : field.Type;
        bool signed = integer.Kind == NativeTypeKind.Int && integer.Signed;
        int shift = 64 - width;
        string raw = signed ? $"((long)({{0}} << {shift}) >> {shift})" : "{0}";
        (string get, string set) = type switch
        {
            "bool" => ("{0} != 0", "(value ? 1UL : 0UL)"),
            TypeNames.CLong => ($"new {TypeNames.CLong}(unchecked((nint){raw}))", "unchecked((ulong)(long)value.Value)"),
            TypeNames.CULong => ($"new {TypeNames.CULong}(unchecked((nuint){raw}))", "unchecked((ulong)value.Value)"),
            _ => ($"unchecked(({type}){raw})", "unchecked((ulong)value)"),
        };

        return new FieldModel(field.Name, name, type, baseOffset * 8 + bitOffset, null, field.Doc)
        {
            Kind = FieldKind.BitField,
            BitWidth = width,
            BitGet = get,
            BitSet = set,
        };
    }

    /// <summary>A nested type's name from its field (<c>u</c> → <c>UUnion</c>), unique among the record's members.</summary>
    private string NestedName(string fieldName, string suffix)
    {
        string stem = Identifiers.MakeValid(Identifiers.ToPascalCase(fieldName) + suffix);
        string name = stem;
        for (int i = 2; !_taken.Add(name); i++)
        {
            name = stem + i.ToString(CultureInfo.InvariantCulture);
        }

        return name;
    }
}
