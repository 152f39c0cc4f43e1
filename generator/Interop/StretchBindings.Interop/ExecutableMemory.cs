#if NET
using System;
using System.Runtime.InteropServices;

namespace StretchBindings.Interop;

/// <summary>A few bytes of machine code, written once and then only executed (never writable and executable at once).</summary>
internal static unsafe class ExecutableMemory
{
    private const int ProtectRead = 1;
    private const int ProtectWrite = 2;
    private const int ProtectExecute = 4;
    private const int MapPrivate = 2;
    private const int MapAnonymousLinux = 0x20;
    private const int MapAnonymousMac = 0x1000;
    private const uint MemCommitReserve = 0x3000;
    private const uint PageReadWrite = 0x04;
    private const uint PageExecuteRead = 0x20;

    public static IntPtr Write(byte[] code)
    {
        nuint size = (nuint)Math.Max(code.Length, 1);
        void* memory;
        if (OperatingSystem.IsWindows())
        {
            memory = VirtualAlloc(null, size, MemCommitReserve, PageReadWrite);
            if (memory == null)
            {
                throw new InvalidOperationException("VirtualAlloc failed to allocate a variadic call thunk.");
            }

            Marshal.Copy(code, 0, (IntPtr)memory, code.Length);
            uint old;
            if (VirtualProtect(memory, size, PageExecuteRead, &old) == 0)
            {
                throw new InvalidOperationException("VirtualProtect failed to make a variadic call thunk executable.");
            }

            return (IntPtr)memory;
        }

        int anonymous = OperatingSystem.IsMacOS() ? MapAnonymousMac : MapAnonymousLinux;
        memory = mmap(null, size, ProtectRead | ProtectWrite, MapPrivate | anonymous, -1, 0);
        if (memory == (void*)-1)
        {
            throw new InvalidOperationException("mmap failed to allocate a variadic call thunk.");
        }

        Marshal.Copy(code, 0, (IntPtr)memory, code.Length);
        if (mprotect(memory, size, ProtectRead | ProtectExecute) != 0)
        {
            throw new InvalidOperationException("mprotect failed to make a variadic call thunk executable.");
        }

        return (IntPtr)memory;
    }

    [DllImport("libc", ExactSpelling = true)]
    private static extern void* mmap(void* address, nuint length, int protection, int flags, int fd, nint offset);

    [DllImport("libc", ExactSpelling = true)]
    private static extern int mprotect(void* address, nuint length, int protection);

    [DllImport("kernel32", ExactSpelling = true)]
    private static extern void* VirtualAlloc(void* address, nuint size, uint type, uint protect);

    [DllImport("kernel32", ExactSpelling = true)]
    private static extern int VirtualProtect(void* address, nuint size, uint protect, uint* old);
}
#endif
