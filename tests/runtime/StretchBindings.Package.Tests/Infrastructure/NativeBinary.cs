using System.Buffers.Binary;
using System.Text;

namespace StretchBindings.Package.Tests.Infrastructure;

/// <summary>The kinds of native file the package carries.</summary>
public enum BinaryFormat
{
    Unknown,
    ElfSharedObject,
    ElfRelocatable,
    PeDll,
    ArArchive,
}

/// <summary>
/// What the package tests need to know about a native file, read from its headers: format, machine,
/// exported functions (ELF .dynsym, PE export table) and, for a DLL, the DLLs it imports. Little-endian
/// 64-bit files only: every platform the package targets.
/// </summary>
public sealed record NativeBinary(BinaryFormat Format, string Machine, IReadOnlyList<string> ExportedFunctions, IReadOnlyList<string> ImportedLibraries)
{
    private const ushort ElfMachineX64 = 62;
    private const ushort ElfMachineAArch64 = 183;
    private const ushort PeMachineAmd64 = 0x8664;
    private const ushort PeMachineArm64 = 0xAA64;

    public static NativeBinary Read(byte[] bytes)
    {
        ReadOnlySpan<byte> data = bytes;
        if (data.StartsWith("\u007FELF"u8))
        {
            return ReadElf(data);
        }

        if (data.StartsWith("MZ"u8))
        {
            return ReadPe(bytes);
        }

        if (data.StartsWith("!<arch>\n"u8))
        {
            return ReadArchive(data);
        }

        return new NativeBinary(BinaryFormat.Unknown, "unknown", [], []);
    }

    private static string ElfMachine(ushort machine) => machine switch
    {
        ElfMachineX64 => "x86-64",
        ElfMachineAArch64 => "aarch64",
        _ => $"elf-machine-{machine}",
    };

    private static NativeBinary ReadElf(ReadOnlySpan<byte> data)
    {
        if (data[4] != 2 || data[5] != 1)
        {
            return new NativeBinary(BinaryFormat.Unknown, "not ELF64 little-endian", [], []);
        }

        ushort type = U16(data, 16);
        string machine = ElfMachine(U16(data, 18));
        BinaryFormat format = type switch { 3 => BinaryFormat.ElfSharedObject, 1 => BinaryFormat.ElfRelocatable, _ => BinaryFormat.Unknown };

        ulong sectionHeaders = U64(data, 0x28);
        ushort sectionHeaderSize = U16(data, 0x3A);
        ushort sectionCount = U16(data, 0x3C);
        var exports = new List<string>();
        for (int i = 0; i < sectionCount; i++)
        {
            int header = checked((int)sectionHeaders + (i * sectionHeaderSize));
            const uint dynamicSymbols = 11;
            if (U32(data, header + 4) != dynamicSymbols)
            {
                continue;
            }

            int symbols = checked((int)U64(data, header + 24));
            int size = checked((int)U64(data, header + 32));
            int entrySize = checked((int)U64(data, header + 56));
            int stringHeader = checked((int)sectionHeaders + ((int)U32(data, header + 40) * sectionHeaderSize));
            int strings = checked((int)U64(data, stringHeader + 24));
            for (int symbol = symbols; symbol < symbols + size; symbol += entrySize)
            {
                byte info = data[symbol + 4];
                byte other = data[symbol + 5];
                ushort section = U16(data, symbol + 6);
                bool function = (info & 0xF) == 2;
                bool global = (info >> 4) is 1 or 2;
                bool visible = (other & 3) == 0;
                if (function && global && visible && section != 0)
                {
                    exports.Add(CString(data, strings + (int)U32(data, symbol)));
                }
            }
        }

        return new NativeBinary(format, machine, exports.Order(StringComparer.Ordinal).ToArray(), []);
    }

    private static NativeBinary ReadPe(byte[] bytes)
    {
        ReadOnlySpan<byte> data = bytes;
        int pe = (int)U32(data, 0x3C);
        if (!data[pe..].StartsWith("PE\0\0"u8))
        {
            return new NativeBinary(BinaryFormat.Unknown, "MZ without PE", [], []);
        }

        int coff = pe + 4;
        string machine = U16(data, coff) switch { PeMachineAmd64 => "x86-64", PeMachineArm64 => "aarch64", var other => $"pe-machine-{other:x}" };
        ushort sectionCount = U16(data, coff + 2);
        ushort optionalSize = U16(data, coff + 16);
        bool dll = (U16(data, coff + 18) & 0x2000) != 0;
        int optional = coff + 20;
        const ushort pe32Plus = 0x20B;
        if (!dll || U16(data, optional) != pe32Plus)
        {
            return new NativeBinary(BinaryFormat.Unknown, machine + (dll ? " PE32" : " not a DLL"), [], []);
        }

        int sections = optional + optionalSize;
        int FileOffset(uint rva) => PeFileOffset(bytes, sections, sectionCount, rva);

        // Data directories of a PE32+ optional header: export table first, import table second.
        int directories = optional + 112;
        var exports = new List<string>();
        uint exportRva = U32(data, directories);
        if (exportRva != 0)
        {
            int exportDirectory = FileOffset(exportRva);
            uint nameCount = U32(data, exportDirectory + 24);
            int names = FileOffset(U32(data, exportDirectory + 32));
            for (int i = 0; i < nameCount; i++)
            {
                exports.Add(CString(data, FileOffset(U32(data, names + (i * 4)))));
            }
        }

        var imports = new List<string>();
        uint importRva = U32(data, directories + 8);
        if (importRva != 0)
        {
            for (int descriptor = FileOffset(importRva); U32(data, descriptor + 12) != 0; descriptor += 20)
            {
                imports.Add(CString(data, FileOffset(U32(data, descriptor + 12))));
            }
        }

        return new NativeBinary(BinaryFormat.PeDll, machine, exports.Order(StringComparer.Ordinal).ToArray(), imports);
    }

    /// <summary>The file offset of a relative virtual address: through the section that holds it.</summary>
    private static int PeFileOffset(ReadOnlySpan<byte> data, int sections, int sectionCount, uint rva)
    {
        for (int i = 0; i < sectionCount; i++)
        {
            int section = sections + (i * 40);
            uint start = U32(data, section + 12);
            uint size = Math.Max(U32(data, section + 8), U32(data, section + 16));
            if (rva >= start && rva < start + size)
            {
                return checked((int)(rva - start + U32(data, section + 20)));
            }
        }

        throw new InvalidDataException($"RVA 0x{rva:x} is in no section");
    }

    /// <summary>A static library: the machine of its object files (all of them must agree).</summary>
    private static NativeBinary ReadArchive(ReadOnlySpan<byte> data)
    {
        var machines = new HashSet<string>(StringComparer.Ordinal);
        int member = 8;
        while (member + 60 <= data.Length)
        {
            string name = Encoding.ASCII.GetString(data.Slice(member, 16)).TrimEnd();
            int size = int.Parse(Encoding.ASCII.GetString(data.Slice(member + 48, 10)).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            ReadOnlySpan<byte> body = data.Slice(member + 60, size);
            // "/" is the symbol index and "//" the long-name table; the rest are object files.
            if (name is not ("/" or "//") && body.StartsWith("\u007FELF"u8))
            {
                machines.Add(ElfMachine(U16(body, 18)));
            }

            member += 60 + size + (size & 1);
        }

        string machine = machines.Count == 1 ? machines.First() : $"mixed: {string.Join(", ", machines)}";
        return new NativeBinary(BinaryFormat.ArArchive, machine, [], []);
    }

    private static ushort U16(ReadOnlySpan<byte> data, int offset) => BinaryPrimitives.ReadUInt16LittleEndian(data[offset..]);

    private static uint U32(ReadOnlySpan<byte> data, int offset) => BinaryPrimitives.ReadUInt32LittleEndian(data[offset..]);

    private static ulong U64(ReadOnlySpan<byte> data, int offset) => BinaryPrimitives.ReadUInt64LittleEndian(data[offset..]);

    private static string CString(ReadOnlySpan<byte> data, int offset)
    {
        int length = data[offset..].IndexOf((byte)0);
        return Encoding.ASCII.GetString(data.Slice(offset, length));
    }
}
