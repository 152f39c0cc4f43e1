using System.Globalization;
using System.Text.RegularExpressions;
using StretchBindings.Manifest;
using StretchBindings.Scanner.Scanning;
using StretchBindings.Scanner.Tests.Infrastructure;

namespace StretchBindings.Scanner.Tests;

/// <summary>A real header the machine has: /usr/include/zlib.h.</summary>
public sealed partial class ZlibTests
{
    public const string ZlibHeader = "/usr/include/zlib.h";

    private static readonly Lazy<NativeManifest> Manifest = new(() =>
        HeaderScanner.Scan(new ScanOptions { HeaderPath = ZlibHeader, Library = "z" }).Manifest);

    [ClangFact]
    public void Declarations_have_the_expected_counts_and_shapes()
    {
        NativeManifest manifest = Manifest.Value;
        Assert.Equal("zlib.h", manifest.Header);
        Assert.Equal(["zlib.h"], manifest.Files);
        Assert.InRange(manifest.Functions.Count, 70, 120);
        Assert.Contains(manifest.Records, r => r.Name == "z_stream_s" && !r.Opaque);
        Assert.Contains(manifest.Records, r => r.Name == "gz_header_s" && !r.Opaque);
        Assert.True(manifest.Record("internal_state").Opaque);
        Assert.All(manifest.Functions, f => Assert.Equal("c", f.CallingConvention));
        Assert.All(manifest.Functions, f => Assert.Null(f.Unsupported));

        // deflateInit and friends are macros over deflateInit_: recorded as unsupported, not dropped.
        Assert.Contains(manifest.Unsupported, u => u.Name == "deflateInit" && u.Kind == "macro");
        Assert.Contains(manifest.Functions, f => f.Name == "deflateInit_");
    }

    [ClangTheory]
    [InlineData("compress2", "int", "dest:Bytef *", "destLen:uLongf *", "source:const Bytef *", "sourceLen:uLong", "level:int")]
    [InlineData("uncompress", "int", "dest:Bytef *", "destLen:uLongf *", "source:const Bytef *", "sourceLen:uLong")]
    [InlineData("crc32", "uLong", "crc:uLong", "buf:const Bytef *", "len:uInt")]
    [InlineData("adler32", "uLong", "adler:uLong", "buf:const Bytef *", "len:uInt")]
    [InlineData("zlibVersion", "const char *")]
    [InlineData("deflate", "int", "strm:z_streamp", "flush:int")]
    public void Functions_have_their_signatures(string name, string returnType, params string[] parameters)
    {
        NativeFunction function = Manifest.Value.Function(name);
        Assert.Equal(returnType, function.ReturnType.Spelling);
        Assert.Equal(parameters, function.Parameters.Select(p => $"{p.Name}:{p.Type.Spelling}"));
        Assert.False(function.Variadic);
    }

    [ClangFact]
    public void Typedefs_resolve_to_platform_explicit_types()
    {
        NativeFunction crc32 = Manifest.Value.Function("crc32");
        Assert.Equal(("uLong", "unsigned long", 8L, false), (crc32.ReturnType.Typedef, crc32.ReturnType.Name, crc32.ReturnType.Size, crc32.ReturnType.Signed));
        Assert.Equal(("uInt", "unsigned int", 4L), (crc32.Parameter("len").Type.Typedef, crc32.Parameter("len").Type.Name, crc32.Parameter("len").Type.Size));
        NativeType bytes = crc32.Parameter("buf").Type.Pointee!;
        Assert.Equal(("Bytef", "unsigned char", true), (bytes.Typedef, bytes.Name, bytes.Const));

        NativeType stream = Manifest.Value.Function("deflate").Parameter("strm").Type;
        Assert.Equal(NativeTypeKind.Pointer, stream.Kind);
        Assert.Equal(("z_stream", "z_stream_s"), (stream.Pointee!.Typedef, stream.Pointee.Name));

        Assert.True(Manifest.Value.Function("gzprintf").Variadic);
        Assert.Equal("gzFile_s", Manifest.Value.Typedef("gzFile").Type.Pointee!.Name);
    }

    [ClangFact]
    public void Z_stream_layout_matches_the_compiler()
    {
        NativeRecord stream = Manifest.Value.Record("z_stream_s");
        string[] fields = stream.Fields.Select(f => f.Name).ToArray();
        Assert.Equal(14, fields.Length);
        LayoutProbe.Layout measured = LayoutProbe.Measure(
            ZlibHeader, new Dictionary<string, IReadOnlyList<string>> { ["z_stream"] = fields })["z_stream"];

        Assert.Equal(measured.Size, stream.Size);
        Assert.Equal(measured.Align, stream.Align);
        Assert.All(stream.Fields, f => Assert.Equal(measured.Offsets[f.Name], f.Offset));

        NativeType allocator = stream.Field("zalloc").Type;
        Assert.Equal("alloc_func", allocator.Typedef);
        Assert.Equal(NativeTypeKind.Function, allocator.Pointee!.Kind);
        Assert.Equal(["voidpf", "uInt", "uInt"], allocator.Pointee.Signature!.Parameters.Select(p => p.Typedef));
    }

    [ClangFact]
    public void Version_constants_match_the_header_text()
    {
        string text = File.ReadAllText(ZlibHeader);
        Match vernum = VernumDefinition().Match(text);
        Assert.True(vernum.Success);
        long expected = long.Parse(vernum.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

        NativeConstant constant = Manifest.Value.Constant("ZLIB_VERNUM");
        Assert.Equal(expected, constant.Integer());
        Assert.Equal("0x" + vernum.Groups[1].Value, constant.Expression);
        Assert.Equal(NativeConstantKind.String, Manifest.Value.Constant("ZLIB_VERSION").Kind);
        Assert.Equal(-2L, Manifest.Value.Constant("Z_STREAM_ERROR").Integer());
        Assert.Equal(0L, Manifest.Value.Constant("Z_NULL").Integer());
    }

    [GeneratedRegex(@"#define ZLIB_VERNUM 0x([0-9a-fA-F]+)")]
    private static partial Regex VernumDefinition();
}
