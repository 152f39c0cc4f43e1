using System;
using System.Text;

namespace StretchBindings.Interop;

/// <summary>UTF-8, NUL-terminated strings for generated bindings; no runtime marshalling involved.</summary>
public static unsafe class NativeStrings
{
    /// <summary>
    /// Encodes <paramref name="value"/> as UTF-8 followed by a NUL byte, or returns <see langword="null"/>
    /// for <see langword="null"/>, which the caller pins and passes as a NULL pointer.
    /// </summary>
    public static byte[]? ToUtf8NullTerminated(string? value)
    {
        if (value is null)
        {
            return null;
        }

        int length = Encoding.UTF8.GetByteCount(value);
        byte[] bytes = new byte[length + 1];
        if (length > 0)
        {
            fixed (char* source = value)
            fixed (byte* destination = bytes)
            {
                Encoding.UTF8.GetBytes(source, value.Length, destination, length);
            }
        }

        return bytes;
    }

    /// <summary>Decodes a NUL-terminated UTF-8 string; <see langword="null"/> for a NULL pointer.</summary>
    public static string? FromUtf8NullTerminated(byte* value)
    {
        if (value == null)
        {
            return null;
        }

        int length = 0;
        while (value[length] != 0)
        {
            length++;
        }

        return length == 0 ? string.Empty : Encoding.UTF8.GetString(value, length);
    }
}
