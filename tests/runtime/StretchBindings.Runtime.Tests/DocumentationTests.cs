using System.Reflection;

namespace StretchBindings.Runtime.Tests;

/// <summary>
/// Every public member of the package has XML documentation. The compiler's CS1591 cannot say so: the
/// generated half of the API turns it off (a member without a header comment has none to copy). The
/// API itself is tracked by PublicAPI.Shipped.txt / Unshipped.txt at build time (docs/public-api.md).
/// </summary>
public sealed class DocumentationTests
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    [Fact]
    public void Every_public_member_is_documented()
    {
        string xml = Path.ChangeExtension(typeof(Stretch).Assembly.Location, ".xml");
        string documentation = File.ReadAllText(xml);
        var missing = DocumentationIds(typeof(Stretch).Assembly).Where(id => !documentation.Contains($"name=\"{id}\"", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "Undocumented: " + string.Join(", ", missing));
    }

    /// <summary>The XML documentation IDs of the public types and members (T:, M:, P:, F:).</summary>
    private static IEnumerable<string> DocumentationIds(Assembly assembly)
    {
        foreach (Type type in assembly.GetTypes().Where(t => t.IsVisible).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            yield return "T:" + DocName(type);
            foreach (MemberInfo member in type.GetMembers(Declared))
            {
                switch (member)
                {
                    case MethodBase method when !method.IsSpecialName || method is ConstructorInfo:
                        if (type.IsEnum || (method is ConstructorInfo && type.IsValueType && method.GetParameters().Length == 0))
                        {
                            break;
                        }

                        string name = method is ConstructorInfo ? "#ctor" : method.Name;
                        ParameterInfo[] parameters = method.GetParameters();
                        string list = parameters.Length == 0 ? string.Empty : "(" + string.Join(",", parameters.Select(p => DocName(p.ParameterType))) + ")";
                        yield return $"M:{DocName(type)}.{name}{list}";
                        break;
                    case PropertyInfo property:
                        yield return $"P:{DocName(type)}.{property.Name}";
                        break;
                    case FieldInfo field when !field.IsSpecialName:
                        yield return $"F:{DocName(type)}.{field.Name}";
                        break;
                }
            }
        }
    }

    // XML documentation ID names: List{System.Int32}, pointers and arrays spelled out.
    private static string DocName(Type type)
    {
        if (type.IsPointer)
        {
            return DocName(type.GetElementType()!) + "*";
        }

        if (type.IsArray)
        {
            return DocName(type.GetElementType()!) + "[]";
        }

        if (type.IsGenericType)
        {
            string name = type.GetGenericTypeDefinition().FullName!;
            name = name[..name.IndexOf('`', StringComparison.Ordinal)];
            return name + "{" + string.Join(",", type.GetGenericArguments().Select(DocName)) + "}";
        }

        return type.FullName!.Replace('+', '.');
    }
}
