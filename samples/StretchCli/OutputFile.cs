using Mono.Unix;

namespace StretchCli;

/// <summary>
/// Where an output goes. A regular file (or a new path) is written under a temporary name beside it and renamed
/// over it by <see cref="Commit"/>, so a failed run never leaves a half-written file and a reader never sees one.
/// Anything else is written through and never replaced: '-' is standard output; a symlink is followed to its
/// target; a device or a FIFO is opened as it is. There a failed run may leave partial output.
/// </summary>
public sealed class OutputFile : IDisposable
{
    private readonly string? _temporary;
    private readonly string? _final;
    private bool _committed;

    private OutputFile(Stream stream, string? temporary, string? final)
    {
        Stream = stream;
        _temporary = temporary;
        _final = final;
    }

    /// <summary>The stream to write.</summary>
    public Stream Stream { get; }

    /// <summary>Opens <paramref name="path"/> for writing ('-' for standard output).</summary>
    public static OutputFile Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path == "-")
        {
            return new OutputFile(Console.OpenStandardOutput(), null, null);
        }

        string full = Path.GetFullPath(path);
        if (FileKind.Of(full) is FileKind.Kind.Missing or FileKind.Kind.Regular && !FileKind.IsSymbolicLink(full))
        {
            string directory = Path.GetDirectoryName(full) ?? ".";
            string temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            return new OutputFile(stream, temporary, full);
        }

        // Through the link or into the device: the path itself stays what it is.
        return new OutputFile(new FileStream(full, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1 << 16), null, null);
    }

    /// <summary>Flushes the output and, for a regular file, moves it into place.</summary>
    public void Commit()
    {
        Stream.Flush();
        if (_temporary is not null && _final is not null)
        {
            Stream.Dispose();
            File.Move(_temporary, _final, overwrite: true);
        }

        _committed = true;
    }

    /// <summary>Closes the output; an uncommitted temporary file is deleted.</summary>
    public void Dispose()
    {
        Stream.Dispose();
        if (_temporary is not null && !_committed)
        {
            try
            {
                File.Delete(_temporary);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The original failure is the one worth reporting.
            }
        }
    }
}

/// <summary>What kind of file system entry a path is, without opening it (opening a FIFO would wait for a writer).</summary>
public static class FileKind
{
    /// <summary>The kinds the program tells apart.</summary>
    public enum Kind
    {
        /// <summary>Nothing at that path.</summary>
        Missing,

        /// <summary>A regular file (or a symlink to one).</summary>
        Regular,

        /// <summary>A directory (or a symlink to one).</summary>
        Directory,

        /// <summary>A FIFO, a device, a socket: something that is read or written as a stream.</summary>
        Other,
    }

    /// <summary>The kind of <paramref name="path"/>, following symlinks.</summary>
    public static Kind Of(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return Directory.Exists(path) ? Kind.Directory : File.Exists(path) ? Kind.Regular : Kind.Missing;
        }

        var info = new UnixFileInfo(path);
        if (!info.Exists)
        {
            return Kind.Missing;
        }

        return info.FileType switch
        {
            FileTypes.RegularFile => Kind.Regular,
            FileTypes.Directory => Kind.Directory,
            _ => Kind.Other,
        };
    }

    /// <summary>Whether <paramref name="path"/> itself is a symlink.</summary>
    public static bool IsSymbolicLink(string path) => new FileInfo(path).LinkTarget is not null;
}
