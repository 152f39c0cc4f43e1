using System.Reflection;
using System.Text;

namespace StretchBindings.Runtime.Tests;

/// <summary>
/// The package's public API is listed in runtime/StretchBindings/PublicAPI.txt: a change to it
/// fails here until the listing is updated on purpose (set STRETCHBINDINGS_ACCEPT_API=1 and rerun).
/// </summary>
public sealed class PublicApiTests
{
    private const string AcceptVariable = "STRETCHBINDINGS_ACCEPT_API";

    [Fact]
    public void The_public_API_matches_the_checked_in_listing()
    {
        string path = Path.Combine(Repository.Root, "runtime", "StretchBindings", "PublicAPI.txt");
        string actual = PublicApi.Describe(typeof(Stretch).Assembly);
        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"{path} is missing; run the tests with {AcceptVariable}=1 to write it.");
        string expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected != actual)
        {
            string[] before = expected.Split('\n');
            string[] after = actual.Split('\n');
            var report = new StringBuilder("The public API changed. Review, then rerun with " + AcceptVariable + "=1.\n");
            foreach (string removed in before.Except(after))
            {
                report.Append("- ").AppendLine(removed);
            }

            foreach (string added in after.Except(before))
            {
                report.Append("+ ").AppendLine(added);
            }

            Assert.Fail(report.ToString());
        }
    }

    [Fact]
    public void Every_public_member_is_documented()
    {
        string xml = Path.ChangeExtension(typeof(Stretch).Assembly.Location, ".xml");
        string documentation = File.ReadAllText(xml);
        var missing = PublicApi.DocumentationIds(typeof(Stretch).Assembly).Where(id => !documentation.Contains($"name=\"{id}\"", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "Undocumented: " + string.Join(", ", missing));
    }
}

/// <summary>Lists an assembly's public surface, one declaration per line, in a stable order.</summary>
internal static class PublicApi
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    public static string Describe(Assembly assembly)
    {
        var lines = new List<string>();
        foreach (Type type in PublicTypes(assembly))
        {
            lines.Add(TypeLine(type));
            foreach (MemberInfo member in type.GetMembers(Declared))
            {
                string? line = MemberLine(type, member);
                if (line is not null)
                {
                    lines.Add(line);
                }
            }
        }

        lines.Sort(StringComparer.Ordinal);
        return string.Join("\n", lines) + "\n";
    }

    /// <summary>The XML documentation IDs of the public types and members (T:, M:, P:, F:).</summary>
    public static IEnumerable<string> DocumentationIds(Assembly assembly)
    {
        foreach (Type type in PublicTypes(assembly))
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

    private static IEnumerable<Type> PublicTypes(Assembly assembly) =>
        assembly.GetTypes().Where(t => t.IsVisible).OrderBy(t => t.FullName, StringComparer.Ordinal);

    private static string TypeLine(Type type)
    {
        string kind = type.IsEnum ? "enum" : type.IsValueType ? "struct" : type.IsInterface ? "interface" : type.IsAbstract && type.IsSealed ? "static class"
            : type.IsSealed ? "sealed class" : type.IsAbstract ? "abstract class" : "class";
        var bases = new List<string>();
        if (type.IsEnum)
        {
            bases.Add(Name(Enum.GetUnderlyingType(type)));
        }
        else if (type.BaseType is { } baseType && baseType != typeof(object) && baseType != typeof(ValueType))
        {
            bases.Add(Name(baseType));
        }

        // Only the interfaces the type adds: inherited ones, and the runtime's own on enums, vary by target.
        if (!type.IsEnum)
        {
            Type[] inherited = type.BaseType?.GetInterfaces() ?? [];
            bases.AddRange(type.GetInterfaces().Except(inherited).Select(Name).Order(StringComparer.Ordinal));
        }
        return $"{Name(type)}: {kind}" + (bases.Count > 0 ? " : " + string.Join(", ", bases) : string.Empty);
    }

    private static string? MemberLine(Type type, MemberInfo member)
    {
        string owner = Name(type);
        switch (member)
        {
            case ConstructorInfo constructor:
                return $"{owner}.{type.Name}({Parameters(constructor)})";
            case MethodInfo method when !method.IsSpecialName:
                return $"{owner}.{method.Name}({Parameters(method)}) -> {Name(method.ReturnType)}" + (method.IsStatic ? " (static)" : string.Empty);
            case PropertyInfo property:
                string accessors = (property.GetMethod?.IsPublic == true ? "get; " : string.Empty) + (property.SetMethod?.IsPublic == true ? "set; " : string.Empty);
                bool isStatic = (property.GetMethod ?? property.SetMethod)!.IsStatic;
                return $"{owner}.{property.Name} {{ {accessors}}} -> {Name(property.PropertyType)}" + (isStatic ? " (static)" : string.Empty);
            case FieldInfo field when type.IsEnum && field.IsStatic:
                return $"{owner}.{field.Name} = {Convert.ToInt64(field.GetRawConstantValue(), System.Globalization.CultureInfo.InvariantCulture)}";
            case FieldInfo field when !field.IsSpecialName:
                string value = field.IsLiteral ? " = " + Convert.ToString(field.GetRawConstantValue(), System.Globalization.CultureInfo.InvariantCulture) : string.Empty;
                return $"{owner}.{field.Name} -> {Name(field.FieldType)}{(field.IsLiteral ? " (const)" : field.IsStatic ? " (static)" : string.Empty)}{value}";
            case EventInfo @event:
                return $"{owner}.{@event.Name} (event) -> {Name(@event.EventHandlerType!)}";
            default:
                return null;
        }
    }

    private static string Parameters(MethodBase method) =>
        string.Join(", ", method.GetParameters().Select(p =>
            (p.ParameterType.IsByRef ? (p.IsOut ? "out " : p.IsIn ? "in " : "ref ") : string.Empty)
            + Name(p.ParameterType.IsByRef ? p.ParameterType.GetElementType()! : p.ParameterType) + " " + p.Name
            + (p.HasDefaultValue ? " = " + (p.DefaultValue is null ? "null" : Convert.ToString(p.DefaultValue, System.Globalization.CultureInfo.InvariantCulture)) : string.Empty)));

    private static string Name(Type type) => TypeName(type, documentation: false);

    private static string DocName(Type type) => TypeName(type, documentation: true);

    // C#-like names for the listing (List<int>), or XML documentation ID names (List{System.Int32}).
    private static string TypeName(Type type, bool documentation)
    {
        if (type.IsPointer)
        {
            return TypeName(type.GetElementType()!, documentation) + "*";
        }

        if (type.IsArray)
        {
            return TypeName(type.GetElementType()!, documentation) + "[]";
        }

        if (type.IsGenericType)
        {
            string name = type.GetGenericTypeDefinition().FullName!;
            name = name[..name.IndexOf('`', StringComparison.Ordinal)];
            IEnumerable<string> arguments = type.GetGenericArguments().Select(argument => TypeName(argument, documentation));
            return documentation ? name + "{" + string.Join(",", arguments) + "}" : name + "<" + string.Join(", ", arguments) + ">";
        }

        return type.FullName!.Replace('+', '.');
    }
}
