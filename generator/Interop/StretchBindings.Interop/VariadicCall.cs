using System;
using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.InteropServices;

namespace StretchBindings.Interop;

/// <summary>
/// Calls variadic C functions through fixed-arity kernels. A fixed-arity call passes its arguments as a
/// variadic call does on x64 and on Linux arm64, but for what the callee reads besides them: on x64 Linux
/// and macOS (System V) the number of vector registers used, in AL, which .NET leaves unset; on x64 Windows
/// each floating-point argument of the first four also in its integer register. The address this class
/// hands out is therefore a small thunk that sets AL to 8 (an upper bound is what the ABI asks for) and
/// copies those registers, then jumps to the function. On Linux arm64 the function's own address serves.
/// Apple arm64 and Windows arm64 pass variadic arguments elsewhere (on the stack, in integer registers),
/// and 32-bit targets are not supported: there it throws <see cref="PlatformNotSupportedException"/>.
/// </summary>
public static unsafe class VariadicCall
{
    private static readonly ConcurrentDictionary<(string, string, int), IntPtr> Addresses = new();

    /// <summary>
    /// The address to call <paramref name="entryPoint"/> of <paramref name="library"/> at with a fixed-arity
    /// <c>delegate* unmanaged[Cdecl]</c>; bit i of <paramref name="doubles"/> says argument i is a <c>double</c>.
    /// </summary>
    public static nint Address(string library, string entryPoint, int doubles, Assembly caller)
    {
        if (Addresses.TryGetValue((library, entryPoint, doubles), out IntPtr address))
        {
            return address;
        }

        address = Create(library, entryPoint, doubles, caller);
        return Addresses.GetOrAdd((library, entryPoint, doubles), address);
    }

#if NET
    private static IntPtr Create(string library, string entryPoint, int doubles, Assembly caller)
    {
        IntPtr function = NativeLibrary.GetExport(NativeLibrary.Load(library, caller, null), entryPoint);
        bool windows = OperatingSystem.IsWindows();
        switch (RuntimeInformation.ProcessArchitecture)
        {
            case Architecture.Arm64 when OperatingSystem.IsLinux():
                return function;
            case Architecture.X64:
                return Thunk(function, windows ? doubles & 0xF : 0, setVectorCount: !windows);
            default:
                throw new PlatformNotSupportedException(
                    $"'{entryPoint}' is variadic; {RuntimeInformation.OSDescription} on {RuntimeInformation.ProcessArchitecture} passes variadic arguments differently from fixed ones, so a fixed-arity declaration cannot call it.");
        }
    }

    private static IntPtr Thunk(IntPtr function, int doubles, bool setVectorCount)
    {
        var code = new System.Collections.Generic.List<byte>();
        if (setVectorCount)
        {
            code.AddRange([0xB0, 0x08]); // mov al, 8
        }

        // movq rcx, xmm0 / movq rdx, xmm1 / movq r8, xmm2 / movq r9, xmm3, for each double among the first four.
        byte[][] copies = [[0x66, 0x48, 0x0F, 0x7E, 0xC1], [0x66, 0x48, 0x0F, 0x7E, 0xCA], [0x66, 0x49, 0x0F, 0x7E, 0xD0], [0x66, 0x49, 0x0F, 0x7E, 0xD9]];
        for (int i = 0; i < 4; i++)
        {
            if ((doubles & (1 << i)) != 0)
            {
                code.AddRange(copies[i]);
            }
        }

        code.AddRange([0x49, 0xBB]); // movabs r11, function
        code.AddRange(BitConverter.GetBytes((long)function));
        code.AddRange([0x41, 0xFF, 0xE3]); // jmp r11
        return ExecutableMemory.Write(code.ToArray());
    }
#else
    private static IntPtr Create(string library, string entryPoint, int doubles, Assembly caller) =>
        throw new PlatformNotSupportedException($"'{entryPoint}' is variadic; calling it needs .NET 8 or later.");
#endif
}
