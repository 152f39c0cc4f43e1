using System.Globalization;
using System.Text;

namespace StretchBindings.Generator.Emit;

internal static class Literals
{
    /// <summary>A C# string literal of <paramref name="value"/>, every control character escaped.</summary>
    public static string String(string value)
    {
        var builder = new StringBuilder("\"");
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\0': builder.Append("\\0"); break;
                default:
                    if (c < ' ' || c == '\u2028' || c == '\u2029' || c == '\u0085')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }
}
