using System.Globalization;
using System.Runtime.InteropServices;

namespace StretchBindings.Scanner.Scanning;

/// <summary>
/// What kind of file a path is (regular, directory, device, FIFO, …), and the Linux-only means by
/// which a running parse is kept to regular files: the files the process has open, and the file a
/// thread is blocked opening (a FIFO blocks its reader until a writer comes).
/// </summary>
internal static unsafe partial class FileKinds
{
    private const int AtCurrentDirectory = -100;
    private const uint StatxType = 0x1;
    private const int ModeOffset = 28; // struct statx: stx_mode, the same on every Linux architecture
    private const int TypeMask = 0xF000;
    private const int Regular = 0x8000;
    private const int OpenWriteOnlyNonBlocking = 0x1 | 0x800;

    /// <summary>Null for a regular file (or where the kind cannot be told); else what it is, in words.</summary>
    public static string? NotRegular(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        byte* buffer = stackalloc byte[256];
        if (statx(AtCurrentDirectory, path, 0, StatxType, buffer) != 0)
        {
            return null;
        }

        int type = *(ushort*)(buffer + ModeOffset) & TypeMask;
        return type switch
        {
            Regular => null,
            0x4000 => "a directory",
            0x2000 => "a character device",
            0x6000 => "a block device",
            0x1000 => "a FIFO",
            0xC000 => "a socket",
            _ => "not a regular file",
        };
    }

    /// <summary>The process's open file descriptors and the paths they name (Linux; empty elsewhere).</summary>
    public static Dictionary<int, string> OpenFiles()
    {
        var files = new Dictionary<int, string>();
        if (!OperatingSystem.IsLinux())
        {
            return files;
        }

        try
        {
            foreach (string entry in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
            {
                if (int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out int descriptor)
                    && new FileInfo(entry).LinkTarget is { } target && target.StartsWith('/'))
                {
                    files[descriptor] = target;
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A descriptor closed while listed: the next look sees the rest.
        }

        return files;
    }

    /// <summary>The kernel ids of this process's threads (Linux; empty elsewhere).</summary>
    public static HashSet<int> Threads()
    {
        var threads = new HashSet<int>();
        if (!OperatingSystem.IsLinux())
        {
            return threads;
        }

        try
        {
            foreach (string task in Directory.EnumerateDirectories("/proc/self/task"))
            {
                if (int.TryParse(Path.GetFileName(task), NumberStyles.None, CultureInfo.InvariantCulture, out int id))
                {
                    threads.Add(id);
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A thread that ended while listed.
        }

        return threads;
    }

    /// <summary>Takes away a descriptor the parse opened on a file it must not read: from its next read on it reads end of file, and the parse ends.</summary>
    public static void Close(int descriptor)
    {
        // The number stays taken: /dev/null is put in its place (dup2 is atomic), so it reads end of file,
        // and the close its owner makes later cannot hit a file of ours that a freed number was reused for.
        int empty = open("/dev/null", 0);
        if (empty < 0)
        {
            close(descriptor);
            return;
        }

        dup2(empty, descriptor);
        close(empty);
    }

    /// <summary>
    /// The path a thread is blocked opening, as the kernel shows it in /proc/self/task/&lt;id&gt;/syscall
    /// (<c>openat</c>; the path read from this process's memory); null when it is doing something else.
    /// </summary>
    public static string? BeingOpened(int threadId)
    {
        if (RuntimeInformation.ProcessArchitecture is not (Architecture.X64 or Architecture.Arm64))
        {
            return null;
        }

        string openat = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? "257" : "56";
        try
        {
            string[] fields = File.ReadAllText($"/proc/self/task/{threadId}/syscall").Split(' ');
            return fields.Length > 2 && fields[0] == openat
                   && long.TryParse(fields[2].AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out long address)
                ? ReadString(address)
                : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // The thread moved on, or ended, while it was looked at.
            return null;
        }
    }

    /// <summary>Lets a reader blocked opening a FIFO go on: it opens, reads nothing, and the parse ends.</summary>
    public static void Release(string fifo)
    {
        int descriptor = open(fifo, OpenWriteOnlyNonBlocking);
        if (descriptor >= 0)
        {
            close(descriptor);
        }
    }

    private static string? ReadString(long address)
    {
        var bytes = new byte[4096];
        using var memory = new FileStream("/proc/self/mem", FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
        memory.Position = address;
        int read = memory.Read(bytes, 0, bytes.Length);
        int end = Array.IndexOf(bytes, (byte)0, 0, read);
        return end > 0 ? System.Text.Encoding.UTF8.GetString(bytes, 0, end) : null;
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int statx(int directory, string path, int flags, uint mask, byte* buffer);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int open(string path, int flags);

    [LibraryImport("libc")]
    private static partial int close(int descriptor);

    [LibraryImport("libc")]
    private static partial int dup2(int from, int to);
}
