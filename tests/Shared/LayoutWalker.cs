using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StretchBindings.Tests.Shared;

/// <summary>
/// One field of a generated struct as a C designator (<c>u.key</c>, <c>pairs[0].a</c>) with the offset and
/// size .NET gives it; an array's first element also names its array and the array's length.
/// </summary>
internal sealed record LayoutItem(string Root, string Designator, long Offset, long Size, string? Array = null, long Divisor = 1);

/// <summary>
/// Walks the generated C# structs the way a C <c>offsetof</c> program walks the C ones, so that layout
/// tests can compare the two field by field.
/// </summary>
internal static class LayoutWalker
{
    /// <summary>Every public field, into nested types and array elements.</summary>
    public static void Walk(string root, Type rootType, Type type, string prefix, long baseOffset, List<LayoutItem> items)
    {
        foreach (FieldInfo field in type.GetFields(BindingFlags.Public | BindingFlags.Instance))
        {
            long offset = baseOffset + field.GetCustomAttribute<FieldOffsetAttribute>()!.Value;
            string designator = prefix + field.Name.TrimStart('@');
            items.Add(new LayoutItem(root, designator, offset, SizeOf(field.FieldType)));
            Type fieldType = field.FieldType;
            if (field.GetCustomAttribute<FixedBufferAttribute>() is not null)
            {
                continue;
            }

            if (IsNestedIn(fieldType, rootType) && fieldType.GetField("element0", BindingFlags.NonPublic | BindingFlags.Instance) is { } element)
            {
                long length = Convert.ToInt64(fieldType.GetField("Length")!.GetValue(null), CultureInfo.InvariantCulture);
                items.Add(new LayoutItem(root, designator + "[0]", offset, SizeOf(element.FieldType), designator, length));
                if (IsNestedIn(element.FieldType, rootType))
                {
                    Walk(root, rootType, element.FieldType, designator + "[0].", offset, items);
                }
            }
            else if (IsNestedIn(fieldType, rootType))
            {
                Walk(root, rootType, fieldType, designator + ".", offset, items);
            }
        }
    }

    /// <summary>The size .NET gives a value of <paramref name="type"/> (pointers included).</summary>
    public static long SizeOf(Type type) =>
        type.IsPointer || type.IsFunctionPointer ? IntPtr.Size
        : (int)typeof(Unsafe).GetMethod(nameof(Unsafe.SizeOf))!.MakeGenericMethod(type).Invoke(null, null)!;

    private static bool IsNestedIn(Type type, Type root) => type.DeclaringType is { } declaring && (declaring == root || IsNestedIn(declaring, root));
}
