using System;
using System.Collections.Generic;
using System.Linq;
using StretchBindings.Generator.Helpers;
using StretchBindings.Manifest;
using StretchBindings.Generator.Model;

namespace StretchBindings.Generator.Planning;

/// <summary>Decides the enums and structs of a manifest: member names, values, fields and layouts.</summary>
internal static class TypePlanner
{
    public static EnumModel PlanEnum(NamedEnum named)
    {
        NativeEnum nativeEnum = named.Enum;
        string prefix = Identifiers.CommonPrefix(nativeEnum.Constants.Select(c => c.Name).ToList());
        var names = new HashSet<string>(StringComparer.Ordinal);
        var members = new List<EnumMemberModel>();
        foreach (NativeEnumConstant constant in nativeEnum.Constants)
        {
            string name = Identifiers.ToPascalCase(constant.Name.Substring(prefix.Length));
            if (name == "_" || !names.Add(name))
            {
                // Stripping the prefix made two names equal (or empty): keep the C name.
                name = Identifiers.MakeValid(constant.Name);
                names.Add(name);
            }

            string value = IntegerTypes.FitsIn(constant.Value, named.UnderlyingType) ? constant.Value : $"unchecked(({named.UnderlyingType}){constant.Value})";
            members.Add(new EnumMemberModel(Identifiers.Escape(name), value, constant.Doc));
        }

        return new EnumModel(nativeEnum.Name, named.Name, named.UnderlyingType, members.ToArray(), nativeEnum.Doc);
    }

    public static RecordModel PlanRecord(LibraryContext context, NamedRecord named)
    {
        NativeRecord record = named.Record;
        if (named.Shape == NamedRecordShape.Opaque)
        {
            return new RecordModel(record.Name, named.Name, context.Qualify(named.Name), RecordShape.Opaque, record.IsUnion, 0, EquatableArray<FieldModel>.Empty, record.Doc);
        }

        return RecordPlanner.Plan(context, record, named.Name, context.Qualify(named.Name));
    }
}
