using System.Text.RegularExpressions;
using StretchBindings.Scanner.Clang;
using StretchBindings.Manifest;

namespace StretchBindings.Scanner.Scanning;

/// <summary>
/// Turns clang types into <see cref="NativeType"/>: typedefs are looked through (their outermost name
/// kept), builtins get their name, size and signedness on the target, and records and enums are
/// referred to by name. Anonymous records are described inline, with their fields.
/// </summary>
internal sealed partial class TypeDescriber
{
    private readonly Dictionary<(CXTypeKind, nint, nint), NativeType> _cache = [];
    private readonly Dictionary<nint, string> _anonymousDeclarationNames = [];
    private readonly Dictionary<string, CXCursor> _namedDefinitions = new(StringComparer.Ordinal);
    private readonly Func<string, string> _relativePath;

    public TypeDescriber(Func<string, string> relativePath)
    {
        _relativePath = relativePath;
    }

    /// <summary>Names an anonymous struct, union or enum after the typedef that declares it.</summary>
    public void NameAnonymousDeclaration(CXCursor declaration, string typedefName) =>
        _anonymousDeclarationNames.TryAdd(DeclarationKey(declaration), typedefName);

    /// <summary>The name a record or enum is known by: its tag, else its typedef, else null.</summary>
    public string? DeclarationName(CXCursor declaration) =>
        HasNoTag(declaration) ? _anonymousDeclarationNames.GetValueOrDefault(DeclarationKey(declaration)) : declaration.Spelling();

    /// <summary>Whether a struct, union or enum declaration has no tag of its own.</summary>
    public static bool HasNoTag(CXCursor declaration) =>
        LibClang.clang_Cursor_isAnonymous(declaration) != 0 || !IsTagName(declaration.Spelling()) || IsNamedByTypedef(declaration);

    // clang spells a tagless declaration as "" or "struct (unnamed at ...)" depending on the version.
    private static bool IsTagName(string spelling) =>
        spelling.Length > 0 && !spelling.Contains('(', StringComparison.Ordinal) && !spelling.Contains(' ', StringComparison.Ordinal);

    // "typedef struct { ... } name;": libclang 16 and later spell the struct with the typedef's name,
    // earlier ones with none. Its USR says the same in every version: "c:@SA@name" (UA union, EA enum).
    private static bool IsNamedByTypedef(CXCursor declaration) =>
        TypedefNamedUsr().IsMatch(ClangString.Take(LibClang.clang_getCursorUSR(declaration)));

    public NativeType Describe(CXType type)
    {
        var key = (type.Kind, type.Data0, type.Data1);
        if (_cache.TryGetValue(key, out NativeType? cached))
        {
            return cached;
        }

        NativeType described = DescribeUncached(type);
        _cache[key] = described;
        return described;
    }

    private NativeType DescribeUncached(CXType type)
    {
        string spelling = CleanSpelling(type.Spelling());
        bool isConst = type.IsConst();
        bool isVolatile = type.IsVolatile();

        switch (type.Kind)
        {
            case CXTypeKind.Elaborated:
                return Requalify(Describe(LibClang.clang_Type_getNamedType(type)), spelling, isConst, isVolatile);
            case CXTypeKind.Attributed:
                return Requalify(Describe(LibClang.clang_Type_getModifiedType(type)), spelling, isConst, isVolatile);
            case CXTypeKind.Auto when type.Canonical().Kind != CXTypeKind.Auto:
                // A deduced type (__auto_type, auto) is what it was deduced to. libclang 21 and later
                // spell the type of sizeof and of a pointer difference "__size_t" / "__ptrdiff_t",
                // earlier ones by the integer type itself: the manifest keeps the integer type.
                return Requalify(Describe(type.Canonical()),
                    PredefinedSugar().IsMatch(spelling) ? CleanSpelling(type.Canonical().Spelling()) : spelling, isConst, isVolatile);
            case CXTypeKind.Typedef:
                {
                    string name = ClangString.Take(LibClang.clang_getTypedefName(type));
                    CXType underlying = LibClang.clang_getTypedefDeclUnderlyingType(type.Declaration());
                    NativeType inner = Describe(underlying);
                    return Requalify(inner, spelling, isConst, isVolatile) with { Typedef = name };
                }

            case CXTypeKind.Pointer:
                return Make(NativeTypeKind.Pointer, spelling, type, isConst, isVolatile) with
                {
                    Pointee = Describe(LibClang.clang_getPointeeType(type)),
                };
            case CXTypeKind.ConstantArray:
            case CXTypeKind.IncompleteArray:
                return Make(NativeTypeKind.Array, spelling, type, isConst, isVolatile) with
                {
                    // The element goes where a pointer's pointee does (NativeType.Target).
                    Pointee = Describe(LibClang.clang_getArrayElementType(type)),
                    Length = type.Kind == CXTypeKind.ConstantArray ? LibClang.clang_getArraySize(type) : null,
                };
            case CXTypeKind.FunctionProto:
            case CXTypeKind.FunctionNoProto:
                return DescribeFunction(type, spelling);
            case CXTypeKind.Record:
                return DescribeRecord(type, spelling, isConst, isVolatile);
            case CXTypeKind.Enum:
                {
                    CXCursor declaration = type.Declaration();
                    return Make(NativeTypeKind.Enum, spelling, type, isConst, isVolatile) with
                    {
                        Name = DeclarationName(declaration),
                        Underlying = Describe(LibClang.clang_getEnumDeclIntegerType(declaration)),
                    };
                }

            default:
                return DescribeBuiltin(type, spelling, isConst, isVolatile);
        }
    }

    /// <summary>A type of <paramref name="kind"/> with the size and alignment clang gives it (none when incomplete).</summary>
    private static NativeType Make(NativeTypeKind kind, string spelling, CXType? layout, bool isConst, bool isVolatile) =>
        new(kind, spelling, null, null, (int)(layout?.SizeOf() ?? -1), false, isConst, false, null, null, null, null, EquatableArray<NativeField>.Empty, null)
        {
            Align = (int)(layout?.AlignOf() ?? -1),
            Volatile = isVolatile,
        };

    private static NativeType Requalify(NativeType inner, string spelling, bool isConst, bool isVolatile) =>
        inner with { Spelling = spelling, Const = inner.Const || isConst, Volatile = inner.Volatile || isVolatile };

    private NativeType DescribeFunction(CXType type, string spelling)
    {
        int count = Math.Max(0, LibClang.clang_getNumArgTypes(type));
        var parameters = new NativeType[count];
        for (uint i = 0; i < count; i++)
        {
            parameters[i] = Describe(LibClang.clang_getArgType(type, i));
        }

        return Make(NativeTypeKind.Function, spelling, null, isConst: false, isVolatile: false) with
        {
            Signature = new NativeSignature(
                Describe(LibClang.clang_getResultType(type)),
                parameters,
                IsVariadic(type),
                CallingConventionName(LibClang.clang_getFunctionTypeCallingConv(type))),
        };
    }

    /// <summary>
    /// Whether a function type ends in <c>...</c>. <c>T f()</c> (no prototype) is not: libclang calls it
    /// variadic, but every caller passes nothing, so it is bound as taking no parameters.
    /// </summary>
    public static bool IsVariadic(CXType type) =>
        type.Kind != CXTypeKind.FunctionNoProto && LibClang.clang_isFunctionTypeVariadic(type) != 0;

    private NativeType DescribeRecord(CXType type, string spelling, bool isConst, bool isVolatile)
    {
        CXCursor declaration = type.Declaration();
        CXCursor definition = declaration.Definition();
        string? name = DeclarationName(declaration);
        bool opaque = definition.IsNull();
        bool isUnion = declaration.Kind == CXCursorKind.UnionDecl;
        if (declaration.Kind == CXCursorKind.ClassDecl)
        {
            return Unsupported(spelling, "C++ class");
        }

        if (name is not null && !opaque)
        {
            _namedDefinitions.TryAdd(name, definition);
        }

        return Make(isUnion ? NativeTypeKind.Union : NativeTypeKind.Struct, spelling, opaque ? null : type, isConst, isVolatile) with
        {
            Name = name,
            Opaque = opaque,
            Fields = name is null && !opaque ? DescribeFields(definition).ToArray() : EquatableArray<NativeField>.Empty,
        };
    }

    /// <summary>The definition of a named struct or union some described type referred to, wherever it is declared.</summary>
    public bool TryGetDefinition(string name, out CXCursor definition) => _namedDefinitions.TryGetValue(name, out definition);

    /// <summary>
    /// The fields of a record definition, in declaration order, with their layout, and their place in the
    /// header when <paramref name="locate"/> is given (records of the scanned headers, not borrowed ones).
    /// </summary>
    public List<NativeField> DescribeFields(CXCursor definition, Func<CXCursor, NativeLocation>? locate = null)
    {
        var fields = new List<NativeField>();
        foreach (CXCursor child in definition.Children())
        {
            if (child.Kind == CXCursorKind.FieldDecl)
            {
                long bitOffset = LibClang.clang_Cursor_getOffsetOfField(child);
                bool bitField = LibClang.clang_Cursor_isBitField(child) != 0;
                fields.Add(new NativeField(child.Spelling(), Describe(child.Type()), Math.Max(0, bitOffset) / 8, bitField, DocComments.Read(child))
                {
                    BitOffset = bitField ? bitOffset : null,
                    BitWidth = bitField ? LibClang.clang_getFieldDeclBitWidth(child) : null,
                    Location = locate?.Invoke(child),
                });
            }
            else if (child.Kind is CXCursorKind.StructDecl or CXCursorKind.UnionDecl
                     && LibClang.clang_Cursor_isAnonymousRecordDecl(child) != 0)
            {
                // An anonymous member (C11 "union { int a; float b; };"): libclang shows the record,
                // not the unnamed field that holds it, so the field is rebuilt here. Its offset is
                // found through one of its named members, which clang can place within the parent.
                NativeType type = Describe(child.Type());
                long offset = 0;
                if (FirstNamedMember(type.Fields) is var (name, offsetInMember))
                {
                    long parentOffsetBits = LibClang.clang_Type_getOffsetOf(definition.Type(), name);
                    offset = parentOffsetBits >= 0 ? parentOffsetBits / 8 - offsetInMember : 0;
                }

                fields.Add(new NativeField(string.Empty, type, offset, false, DocComments.Read(child)) { Location = locate?.Invoke(child) });
            }
        }

        return fields;
    }

    private static (string Name, long Offset)? FirstNamedMember(EquatableArray<NativeField> fields)
    {
        foreach (NativeField field in fields)
        {
            if (field.Name.Length > 0 && !field.BitField)
            {
                return (field.Name, field.Offset);
            }

            if (field.Name.Length == 0 && FirstNamedMember(field.Type.Fields) is var (name, offset))
            {
                return (name, field.Offset + offset);
            }
        }

        return null;
    }

    private static NativeType DescribeBuiltin(CXType type, string spelling, bool isConst, bool isVolatile)
    {
        (NativeTypeKind kind, string? name, bool? signed) = type.Kind switch
        {
            CXTypeKind.Void => (NativeTypeKind.Void, "void", (bool?)null),
            CXTypeKind.Bool => (NativeTypeKind.Bool, "_Bool", null),
            CXTypeKind.CharS => (NativeTypeKind.Int, "char", true),
            CXTypeKind.CharU => (NativeTypeKind.Int, "char", false),
            CXTypeKind.SChar => (NativeTypeKind.Int, "signed char", true),
            CXTypeKind.UChar => (NativeTypeKind.Int, "unsigned char", false),
            CXTypeKind.Short => (NativeTypeKind.Int, "short", true),
            CXTypeKind.UShort => (NativeTypeKind.Int, "unsigned short", false),
            CXTypeKind.Int => (NativeTypeKind.Int, "int", true),
            CXTypeKind.UInt => (NativeTypeKind.Int, "unsigned int", false),
            CXTypeKind.Long => (NativeTypeKind.Int, "long", true),
            CXTypeKind.ULong => (NativeTypeKind.Int, "unsigned long", false),
            CXTypeKind.LongLong => (NativeTypeKind.Int, "long long", true),
            CXTypeKind.ULongLong => (NativeTypeKind.Int, "unsigned long long", false),
            CXTypeKind.Int128 => (NativeTypeKind.Int, "__int128", true),
            CXTypeKind.UInt128 => (NativeTypeKind.Int, "unsigned __int128", false),
            CXTypeKind.WChar => (NativeTypeKind.Int, "wchar_t", IsSignedWChar(type)),
            CXTypeKind.Char16 => (NativeTypeKind.Int, "char16_t", false),
            CXTypeKind.Char32 => (NativeTypeKind.Int, "char32_t", false),
            CXTypeKind.Half => (NativeTypeKind.Float, "__fp16", null),
            CXTypeKind.Float16 => (NativeTypeKind.Float, "_Float16", null),
            CXTypeKind.BFloat16 => (NativeTypeKind.Float, "__bf16", null),
            CXTypeKind.Float => (NativeTypeKind.Float, "float", null),
            CXTypeKind.Double => (NativeTypeKind.Float, "double", null),
            CXTypeKind.LongDouble => (NativeTypeKind.Float, "long double", null),
            CXTypeKind.Float128 => (NativeTypeKind.Float, "__float128", null),
            _ => (NativeTypeKind.Unsupported, null, null),
        };

        if (kind == NativeTypeKind.Unsupported)
        {
            return Unsupported(spelling, UnsupportedReason(type.Kind));
        }

        if (kind == NativeTypeKind.Bool && spelling.Contains("bool", StringComparison.Ordinal) && !spelling.Contains("_Bool", StringComparison.Ordinal))
        {
            name = "bool";
        }

        return Make(kind, spelling, type, isConst, isVolatile) with { Name = name, Signed = signed ?? false };
    }

    // wchar_t's signedness is a target property clang does not expose directly; on every target
    // with a 4-byte wchar_t except Windows (2 bytes, unsigned) it is signed int.
    private static bool IsSignedWChar(CXType type) => LibClang.clang_Type_getSizeOf(type) == 4;

    private static string UnsupportedReason(CXTypeKind kind) => kind switch
    {
        CXTypeKind.LValueReference or CXTypeKind.RValueReference => "C++ reference",
        CXTypeKind.MemberPointer => "C++ pointer to member",
        CXTypeKind.BlockPointer => "block pointer",
        CXTypeKind.Complex => "_Complex number",
        CXTypeKind.Vector or CXTypeKind.ExtVector => "vector type",
        CXTypeKind.VariableArray or CXTypeKind.DependentSizedArray => "variable-length array",
        CXTypeKind.Atomic => "_Atomic type",
        CXTypeKind.NullPtr => "std::nullptr_t",
        CXTypeKind.Auto => "deduced type",
        CXTypeKind.Unexposed => "type clang does not expose (for example a template)",
        _ => $"type kind {kind}",
    };

    private static NativeType Unsupported(string spelling, string reason) =>
        Make(NativeTypeKind.Unsupported, spelling, null, isConst: false, isVolatile: false) with { Reason = reason };

    public static string CallingConventionName(CXCallingConv convention) => convention switch
    {
        CXCallingConv.Default or CXCallingConv.C => "c",
        CXCallingConv.X86StdCall => "stdcall",
        CXCallingConv.X86FastCall => "fastcall",
        CXCallingConv.X86ThisCall => "thiscall",
        CXCallingConv.X86VectorCall => "vectorcall",
        CXCallingConv.X86RegCall => "regcall",
        CXCallingConv.X86Pascal => "pascal",
        CXCallingConv.Win64 => "win64",
        CXCallingConv.X8664SysV => "sysv64",
        CXCallingConv.Aapcs => "aapcs",
        CXCallingConv.AapcsVfp => "aapcs-vfp",
        CXCallingConv.AArch64VectorCall => "aarch64-vectorcall",
        CXCallingConv.Swift => "swift",
        CXCallingConv.SwiftAsync => "swiftasync",
        CXCallingConv.PreserveMost => "preserve-most",
        CXCallingConv.PreserveAll => "preserve-all",
        CXCallingConv.IntelOclBicc => "intel-ocl-bicc",
        _ => "unknown",
    };

    // clang spells anonymous types with the absolute path of their header, e.g.
    // "struct (anonymous at /home/me/x.h:3:5)"; the manifest must not depend on where the header lives.
    private string CleanSpelling(string spelling)
    {
        if (!spelling.Contains(" at ", StringComparison.Ordinal))
        {
            return spelling;
        }

        return AnonymousLocation().Replace(spelling, match =>
            $"({What(spelling, match)} at {_relativePath(match.Groups["file"].Value)}:{match.Groups["line"].Value}:{match.Groups["column"].Value})");
    }

    // libclang 14 writes "struct (unnamed struct at ...)", 16 and later "struct (unnamed at ...)":
    // the manifest keeps the first, naming the kind from the keyword before the parenthesis.
    private static string What(string spelling, Match match)
    {
        string what = match.Groups["what"].Value;
        if (what != "unnamed")
        {
            return what;
        }

        string before = spelling[..match.Index].TrimEnd();
        string keyword = before[(before.LastIndexOfAny([' ', ':', '(', '*']) + 1)..];
        return keyword is "struct" or "union" or "enum" ? "unnamed " + keyword : what;
    }

    private static nint DeclarationKey(CXCursor declaration) => LibClang.clang_getCanonicalCursor(declaration).Data0;

    [GeneratedRegex(@"^(const )?(__size_t|__signed_size_t|__ptrdiff_t)$")]
    private static partial Regex PredefinedSugar();

    [GeneratedRegex(@"@[SUE]A@[^@]*$")]
    private static partial Regex TypedefNamedUsr();

    [GeneratedRegex(@"\((?<what>anonymous|unnamed[^)]*?) at (?<file>[^()]+?):(?<line>\d+):(?<column>\d+)\)")]
    private static partial Regex AnonymousLocation();
}
