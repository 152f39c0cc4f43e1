using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace StretchBindings.Scanner.Scanning;

/// <summary>
/// Runs a scan on its own thread and watches it: a time limit, a limit on the memory it adds to the
/// process, and only regular files read. libclang parses in-process and cannot be interrupted, so:
/// a file that is not regular is taken away from it (an open device is closed, a FIFO it waits on
/// is opened and closed), and the parse ends with nothing read; past the time or memory limit the
/// scan fails at once and its thread, a background thread, is abandoned (sb-scan then exits).
/// </summary>
internal static class ScanLimits
{
    /// <summary>Real headers scan in well under a second; a scan still running after this is stuck.</summary>
    public static readonly TimeSpan DefaultTimeLimit = TimeSpan.FromMinutes(2);

    /// <summary>Real headers take tens to a few hundred megabytes; past this the scan is runaway.</summary>
    public const int DefaultMemoryLimitMegabytes = 4096;

    // Deep nesting recurses in libclang and in the scan: give both room.
    private const int StackBytes = 256 * 1024 * 1024;
    // The first look comes soon and the next ones ever later, up to the longest: a device is taken
    // away after some megabytes, and a long scan on a busy machine is not slowed by the looking.
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromMilliseconds(100);

    // The process's files and threads are watched, and they cannot be told apart by scan: one scan
    // at a time in a process, so that each is charged with what it did.
    private static readonly Lock OneScanAtATime = new();

    public static T Run<T>(string headerPath, TimeSpan timeLimit, int memoryLimitMegabytes, Func<T> scan)
    {
        lock (OneScanAtATime)
        {
            return RunAlone(headerPath, timeLimit, memoryLimitMegabytes, scan);
        }
    }

    private static T RunAlone<T>(string headerPath, TimeSpan timeLimit, int memoryLimitMegabytes, Func<T> scan)
    {
        T? result = default;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = scan();
            }
            catch (Exception exception)
            {
                failure = ExceptionDispatchInfo.Capture(exception);
            }
        }, StackBytes)
        {
            IsBackground = true,
            Name = "sb-scan " + Path.GetFileName(headerPath),
        };

        HashSet<int> threadsBefore = FileKinds.Threads();
        Dictionary<int, string> openBefore = FileKinds.OpenFiles();
        long memoryBefore = Environment.WorkingSet;
        long memoryLimit = (long)memoryLimitMegabytes * 1024 * 1024;
        var notRegular = new List<ScanDiagnostic>();
        Stopwatch clock = Stopwatch.StartNew();
        thread.Start();
        TimeSpan poll = FirstPoll;
        while (!thread.Join(poll))
        {
            poll = poll * 2 < LongestPoll ? poll * 2 : LongestPoll;
            TakeAwayIrregularFiles(headerPath, openBefore, threadsBefore, notRegular);
            if (timeLimit > TimeSpan.Zero && clock.Elapsed > timeLimit)
            {
                throw Exceeded(headerPath, $"took longer than its time limit of {Seconds(timeLimit)}",
                    "raise it with TimeLimit (sb-scan --time-limit <seconds>) if the header is really that large");
            }

            long used = Environment.WorkingSet - memoryBefore;
            if (memoryLimitMegabytes > 0 && used > memoryLimit)
            {
                throw Exceeded(headerPath, $"used more than its memory limit of {memoryLimitMegabytes} MB",
                    "raise it with MemoryLimit (sb-scan --memory-limit <megabytes>) if the header is really that large");
            }
        }

        if (notRegular.Count > 0)
        {
            throw new ScanException(notRegular.Distinct().ToList());
        }

        failure?.Throw();
        return result!;
    }

    // Devices the runtime or a terminal keep open are not the scan's.
    private static readonly string[] HarmlessDevices = ["/dev/null", "/dev/tty", "/dev/pts/", "/dev/ptmx"];

    // A device opened since the scan began is replaced by /dev/null under the parse (it reads nothing more). A FIFO
    // blocks the thread opening it, so threads the scan started (libclang parses on one of its own)
    // are looked at for one, which is opened and closed for them: they read nothing.
    private static void TakeAwayIrregularFiles(string headerPath, Dictionary<int, string> openBefore, HashSet<int> threadsBefore, List<ScanDiagnostic> found)
    {
        // A descriptor number freed since the look before the scan may be the parse's now: the path tells.
        foreach ((int descriptor, string path) in FileKinds.OpenFiles())
        {
            if (openBefore.GetValueOrDefault(descriptor) != path
                && !HarmlessDevices.Any(d => path.StartsWith(d, StringComparison.Ordinal))
                && FileKinds.NotRegular(path) is "a character device" or "a block device")
            {
                FileKinds.Close(descriptor);
                found.Add(NotRegular(headerPath, path, FileKinds.NotRegular(path)!));
            }
        }

        foreach (int thread in FileKinds.Threads())
        {
            if (!threadsBefore.Contains(thread) && FileKinds.BeingOpened(thread) is { } path && FileKinds.NotRegular(path) == "a FIFO")
            {
                FileKinds.Release(path);
                found.Add(NotRegular(headerPath, path, "a FIFO"));
            }
        }
    }

    /// <summary>The error, placed at the scanned header, for a file that is not regular (the header itself, or one it includes).</summary>
    public static ScanDiagnostic NotRegular(string headerPath, string path, string kind) =>
        new(DiagnosticSeverity.Error,
            path == headerPath
                ? $"'{path}' is {kind}, not a regular file: the scanner reads only regular files"
                : $"'{Path.GetFileName(headerPath)}' includes '{path}', which is {kind}, not a regular file: the scanner reads only regular files",
            headerPath, IncludeLine(headerPath, path), 1)
        {
            Id = ScanDiagnosticIds.NotARegularFile,
        };

    // The header's line that includes the file, when the header itself does; else its first line.
    private static int IncludeLine(string headerPath, string path)
    {
        if (path == headerPath || FileKinds.NotRegular(headerPath) is not null)
        {
            return 1;
        }

        int number = 0;
        foreach (string line in File.ReadLines(headerPath))
        {
            number++;
            string text = line.TrimStart();
            if (text.StartsWith('#') && text.Contains("include", StringComparison.Ordinal)
                && text.Contains(Path.GetFileName(path), StringComparison.Ordinal))
            {
                return number;
            }
        }

        return 1;
    }

    private static ScanException Exceeded(string headerPath, string what, string fix) =>
        new([new ScanDiagnostic(DiagnosticSeverity.Error, $"scanning '{headerPath}' {what}; {fix}", headerPath, 1, 1)
        {
            Id = ScanDiagnosticIds.LimitExceeded,
        }]);

    private static string Seconds(TimeSpan time) => $"{time.TotalSeconds:0.###} s";
}
