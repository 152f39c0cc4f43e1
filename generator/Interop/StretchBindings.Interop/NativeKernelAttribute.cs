using System;
using System.Runtime.InteropServices;

namespace StretchBindings.Interop;

/// <summary>
/// Marks a <c>static partial</c> method as a native kernel: the StretchBindings generator
/// implements it with a direct call into <see cref="Library"/>, marshalling spans, strings,
/// <see cref="SafeHandle"/>s and <see cref="bool"/> in generated code. When a manifest of the same
/// library is part of the compilation, the declaration is checked against the header.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class NativeKernelAttribute : Attribute
{
    /// <summary>Creates the attribute for a function of <paramref name="library"/>.</summary>
    /// <param name="library">The native library, as <c>DllImport</c> names it (for example <c>"z"</c>).</param>
    public NativeKernelAttribute(string library)
    {
        Library = library;
    }

    /// <summary>The native library, as <c>DllImport</c> names it.</summary>
    public string Library { get; }

    /// <summary>The exported symbol; the method's name when not set.</summary>
    public string? EntryPoint { get; set; }

    /// <summary>
    /// The call is short (bounded, never blocks, never calls back into managed code), so it may skip
    /// the GC transition. Asking for it where that is unsafe is a compile error. When not set, the
    /// header's <c>short_call</c> annotation decides.
    /// </summary>
    public bool ShortCall { get; set; }

    /// <summary>Saves the native error code (errno) for <c>Marshal.GetLastPInvokeError</c> after the call.</summary>
    public bool SetLastError { get; set; }

    /// <summary>The calling convention; the platform's C convention when not set.</summary>
    public CallingConvention CallingConvention { get; set; } = CallingConvention.Cdecl;
}
