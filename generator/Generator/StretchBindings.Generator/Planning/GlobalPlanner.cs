using StretchBindings.Generator.Model;
using StretchBindings.Manifest;

namespace StretchBindings.Generator.Planning;

/// <summary>
/// Plans the <c>extern</c> globals of a manifest: each becomes a property of the raw class over the
/// address its library exports, read and written in place (read-only when C declares it <c>const</c>).
/// </summary>
internal static class GlobalPlanner
{
    public static GlobalModel? Plan(LibraryContext context, NameScope members, NativeGlobal global)
    {
        NativeType type = global.Type;
        bool decays = type.Kind == NativeTypeKind.Array;

        // A struct is referred to in place, so its layout is all it needs; an array is its first element's address.
        string? reason = null;
        string? mapped = decays ? context.Types.MapOrPointer(type)
            : type.Kind is NativeTypeKind.Struct or NativeTypeKind.Union && context.TryGetRecord(type.Name, out NamedRecord record) && record.Shape == NamedRecordShape.Complete
                ? context.Qualify(record.Name)
                : context.Types.Map(type, out reason);
        if (mapped is null || mapped == "void")
        {
            context.Skip("global", global.Name, global.Location, reason ?? $"'{type.Spelling}' has no C# type");
            return null;
        }

        string name = LibraryPlanner.ClaimMember(context, members, global.Name, $"the global '{global.Name}'", global.Location);
        return new GlobalModel(global.Name, name, mapped, type.Const, decays, global.Doc);
    }
}
