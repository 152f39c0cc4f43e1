using System.Runtime.InteropServices;
using System.Text;
using StretchBindings.Scanner.Clang;

namespace StretchBindings.Scanner.Scanning;

/// <summary>Parses one translation unit and reads its diagnostics.</summary>
internal static unsafe class ClangParser
{
    public static TranslationUnitHandle Parse(
        ClangIndexHandle index,
        string path,
        IReadOnlyList<string> arguments,
        CXTranslationUnitFlags flags,
        string? unsavedContents = null)
    {
        var allocations = new List<nint>();
        try
        {
            byte* fileName = Utf8(path, allocations);
            byte** argv = stackalloc byte*[arguments.Count];
            for (int i = 0; i < arguments.Count; i++)
            {
                argv[i] = Utf8(arguments[i], allocations);
            }

            CXUnsavedFile unsaved = default;
            uint unsavedCount = 0;
            if (unsavedContents is not null)
            {
                byte[] contents = Encoding.UTF8.GetBytes(unsavedContents);
                byte* copy = (byte*)NativeMemory.Alloc((nuint)contents.Length + 1);
                allocations.Add((nint)copy);
                contents.CopyTo(new Span<byte>(copy, contents.Length));
                copy[contents.Length] = 0;
                unsaved = new CXUnsavedFile { FileName = fileName, Contents = copy, Length = (nuint)contents.Length };
                unsavedCount = 1;
            }

            nint unit;
            CXErrorCode result = LibClang.clang_parseTranslationUnit2(
                index, fileName, argv, arguments.Count, &unsaved, unsavedCount, flags, &unit);
            if (result != CXErrorCode.Success || unit == nint.Zero)
            {
                throw new ScanException($"libclang could not parse '{path}' ({result}); check the header path and the options");
            }

            return new TranslationUnitHandle(unit);
        }
        finally
        {
            foreach (nint allocation in allocations)
            {
                NativeMemory.Free((void*)allocation);
            }
        }
    }

    private static byte* Utf8(string text, List<nint> allocations)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        byte* copy = (byte*)NativeMemory.Alloc((nuint)bytes.Length + 1);
        allocations.Add((nint)copy);
        bytes.CopyTo(new Span<byte>(copy, bytes.Length));
        copy[bytes.Length] = 0;
        return copy;
    }

    /// <summary>The unit's diagnostics at or above <paramref name="minimum"/>, placed where clang placed them.</summary>
    public static List<ScanDiagnostic> Diagnostics(TranslationUnitHandle unit, CXDiagnosticSeverity minimum, Func<string, string> displayPath)
    {
        var diagnostics = new List<ScanDiagnostic>();
        uint count = LibClang.clang_getNumDiagnostics(unit);
        for (uint i = 0; i < count; i++)
        {
            nint diagnostic = LibClang.clang_getDiagnostic(unit, i);
            try
            {
                CXDiagnosticSeverity severity = LibClang.clang_getDiagnosticSeverity(diagnostic);
                if (severity < minimum)
                {
                    continue;
                }

                string message = ClangString.Take(LibClang.clang_getDiagnosticSpelling(diagnostic));
                (nint file, int line, int column) = LibClang.clang_getDiagnosticLocation(diagnostic).ExpansionLocation();
                string? fileName = file == nint.Zero ? null : displayPath(ClangExtensions.FileName(file));
                diagnostics.Add(new ScanDiagnostic(
                    severity >= CXDiagnosticSeverity.Error ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
                    message, fileName, line, column));
            }
            finally
            {
                LibClang.clang_disposeDiagnostic(diagnostic);
            }
        }

        return diagnostics;
    }
}
