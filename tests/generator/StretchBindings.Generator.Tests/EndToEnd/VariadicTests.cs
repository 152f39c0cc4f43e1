using System.Runtime.InteropServices;
using System.Text;
using StretchBindings.Interop;

namespace StretchBindings.Generator.Tests.EndToEnd;

/// <summary>
/// Fixed-arity declarations of the variadic <c>snprintf</c>, checked at build time against the manifest
/// scanned from /usr/include/stdio.h: the header's three parameters, then the arguments for '...'.
/// </summary>
internal static unsafe partial class Printf
{
    [NativeKernel("libc.so.6", EntryPoint = "snprintf")]
    public static partial int Format(byte* buffer, nuint size, string format, int number, string text, double value);

    [NativeKernel("libc.so.6", EntryPoint = "snprintf")]
    public static partial int Format(byte* buffer, nuint size, string format, double first, long second, double third, void* pointer);

    [NativeKernel("libc.so.6", EntryPoint = "snprintf")]
    public static partial int Format(byte* buffer, nuint size, string format,
        double a, double b, double c, double d, double e, double f, double g, double h, double i, double j, int last);
}

/// <summary>A real variadic C function called through the generator's variadic route, with integer, pointer and floating-point arguments.</summary>
public sealed unsafe class VariadicTests
{
    private static string Call(Func<nint, int> format)
    {
        byte[] buffer = new byte[256];
        fixed (byte* start = buffer)
        {
            int length = format((nint)start);
            Assert.InRange(length, 0, buffer.Length - 1);
            return Encoding.UTF8.GetString(buffer, 0, length);
        }
    }

    [Fact]
    public void Snprintf_formats_an_integer_a_string_and_a_double()
    {
        string text = Call(buffer => Printf.Format((byte*)buffer, 256, "%d|%s|%.3f", -42, "héllo", 3.14159));
        Assert.Equal("-42|héllo|3.142", text);
    }

    [Fact]
    public void Snprintf_takes_doubles_and_integers_in_any_order_and_a_pointer()
    {
        string text = Call(buffer => Printf.Format((byte*)buffer, 256, "%.1f %lld %.2e %p", 0.5, long.MinValue, -1.25e10, (void*)0x7f00beef));
        Assert.Equal($"0.5 {long.MinValue} -1.25e+10 0x7f00beef", text);
    }

    [Fact]
    public void Snprintf_reads_doubles_beyond_the_registers_from_the_stack()
    {
        string text = Call(buffer => Printf.Format((byte*)buffer, 256, "%g %g %g %g %g %g %g %g %g %g %d", 1, 2, 3, 4, 5, 6, 7, 8, 9.5, 10.25, 11));
        Assert.Equal("1 2 3 4 5 6 7 8 9.5 10.25 11", text);
    }
}
