using System.Runtime.InteropServices;
using StretchBindings.Manifest;
using StretchBindings.Scanner.Clang;

namespace StretchBindings.Scanner.Scanning;

/// <summary>Which files are recorded, where declarations are, the target, and the files the parse read.</summary>
internal sealed partial class ScanSession
{
    // Whether declarations in a file are recorded, by libclang's file handle.
    private readonly Dictionary<nint, string?> _recordedFiles = [];
    private readonly HashSet<string> _contributingFiles = new(StringComparer.Ordinal);
    private IncludeRoots _roots = null!;

    private bool IsRecorded(CXCursor cursor)
    {
        (nint file, _, _) = LibClang.clang_getCursorLocation(cursor).ExpansionLocation();
        if (file == nint.Zero)
        {
            return false;
        }

        if (!_recordedFiles.TryGetValue(file, out string? relative))
        {
            string path = Path.GetFullPath(ClangExtensions.FileName(file));
            relative = _roots.Contains(path) ? RelativePath(path) : null;
            _recordedFiles[file] = relative;
        }

        return relative is not null;
    }

    private string RelativePath(string path) =>
        Path.GetRelativePath(_baseDirectory, Path.GetFullPath(path)).Replace('\\', '/');

    private NativeLocation Location(CXCursor cursor)
    {
        (nint file, int line, int column) = LibClang.clang_getCursorLocation(cursor).ExpansionLocation();
        string relative = file == nint.Zero ? RelativePath(_headerPath) : RelativePath(ClangExtensions.FileName(file));
        _contributingFiles.Add(relative);
        return new NativeLocation(relative, line, column);
    }

    /// <summary>The target triple and pointer size in bytes the sizes and layouts are true for.</summary>
    private (string Triple, int PointerSize) ReadTarget()
    {
        nint target = LibClang.clang_getTranslationUnitTargetInfo(_unit);
        try
        {
            string triple = ClangString.Take(LibClang.clang_TargetInfo_getTriple(target));
            int pointerBits = LibClang.clang_TargetInfo_getPointerWidth(target);
            return (triple, pointerBits / 8);
        }
        finally
        {
            LibClang.clang_TargetInfo_dispose(target);
        }
    }

    private unsafe List<string> ReadDependencies()
    {
        var files = new List<string>();
        GCHandle handle = GCHandle.Alloc(files);
        try
        {
            LibClang.clang_getInclusions(_unit, &CollectInclusion, GCHandle.ToIntPtr(handle));
        }
        finally
        {
            handle.Free();
        }

        return files.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    [UnmanagedCallersOnly]
    private static unsafe void CollectInclusion(nint includedFile, CXSourceLocation* inclusionStack, uint stackLength, nint clientData)
    {
        try
        {
            var files = (List<string>)GCHandle.FromIntPtr(clientData).Target!;
            string name = ClangExtensions.FileName(includedFile);
            if (name.Length > 0)
            {
                files.Add(name);
            }
        }
        catch (Exception)
        {
            // Nothing may unwind into libclang; a missed dependency only costs a rebuild later.
        }
    }
}
