using System.Runtime.InteropServices;
using System.Text;
using StretchBindings.RealLibraries.Tests.Curl;
using StretchBindings.RealLibraries.Tests.Jpeg;
using StretchBindings.RealLibraries.Tests.Sodium;
using StretchBindings.RealLibraries.Tests.Sqlite3;
using StretchBindings.RealLibraries.Tests.Uuid;
using StretchBindings.RealLibraries.Tests.Xml2;
using StretchBindings.RealLibraries.Tests.Yaml;
using StretchBindings.RealLibraries.Tests.Zlib;
using StretchBindings.RealLibraries.Tests.Zstd;

namespace StretchBindings.RealLibraries.Tests;

/// <summary>
/// One real call (or a short sequence) into each library through the generated bindings, with a
/// result known in advance. Sndfile's round trip through its virtual I/O is in <see cref="SndfileTests"/>.
/// </summary>
public sealed unsafe class CallTests
{
    private static string? Utf8(byte* text) => Marshal.PtrToStringUTF8((nint)text);

    [Fact]
    public void Jpeg_compresses_a_gray_image_to_memory_and_reads_its_header_back()
    {
        const int Width = 16;
        const int Height = 8;
        byte* encoded = null;
        CULong encodedSize = default;

        JpegErrorMgr compressErrors;
        JpegCompressStruct compress;
        compress.err = JpegNative.jpeg_std_error(&compressErrors);
        Assert.True(compress.err == &compressErrors);
        // The library checks the version and the struct's size against its own: a wrong layout is refused.
        JpegNative.jpeg_CreateCompress(&compress, 62, (nuint)sizeof(JpegCompressStruct));
        JpegNative.jpeg_mem_dest(&compress, &encoded, &encodedSize);
        compress.image_width = Width;
        compress.image_height = Height;
        compress.input_components = 1;
        compress.in_color_space = JColorSpace.Grayscale;
        JpegNative.jpeg_set_defaults(&compress);
        JpegNative.jpeg_start_compress(&compress, 1);
        byte* row = stackalloc byte[Width];
        for (int y = 0; y < Height; y++)
        {
            for (int x = 0; x < Width; x++)
            {
                row[x] = (byte)(x * 16);
            }

            Assert.Equal(1u, JpegNative.jpeg_write_scanlines(&compress, &row, 1));
        }

        JpegNative.jpeg_finish_compress(&compress);
        JpegNative.jpeg_destroy_compress(&compress);
        try
        {
            Assert.True(encodedSize.Value > 100, $"{encodedSize.Value} bytes");
            Assert.Equal([0xFF, 0xD8], new ReadOnlySpan<byte>(encoded, 2).ToArray());

            JpegErrorMgr decompressErrors;
            JpegDecompressStruct decompress;
            decompress.err = JpegNative.jpeg_std_error(&decompressErrors);
            JpegNative.jpeg_CreateDecompress(&decompress, 62, (nuint)sizeof(JpegDecompressStruct));
            JpegNative.jpeg_mem_src(&decompress, encoded, encodedSize);
            Assert.Equal(1, JpegNative.jpeg_read_header(&decompress, 1));
            Assert.Equal((Width, Height, 1), ((int)decompress.image_width, (int)decompress.image_height, decompress.num_components));
            JpegNative.jpeg_destroy_decompress(&decompress);
        }
        finally
        {
            NativeMemory.Free(encoded);
        }
    }

    [Fact]
    public void Zlib_crc32_of_the_check_string()
    {
        fixed (byte* data = "123456789"u8)
        {
            Assert.Equal(0xCBF43926UL, (ulong)ZlibNative.crc32(default, data, 9).Value);
        }
    }

    [Fact]
    public void Zstd_compresses_and_decompresses_back()
    {
        byte[] source = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("zstd through generated bindings. ", 100)));
        byte[] compressed = new byte[(int)ZstdNative.ZSTD_compressBound((nuint)source.Length)];
        byte[] restored = new byte[source.Length];
        fixed (byte* input = source)
        fixed (byte* packed = compressed)
        fixed (byte* output = restored)
        {
            nuint packedLength = ZstdNative.ZSTD_compress(packed, (nuint)compressed.Length, input, (nuint)source.Length, 3);
            Assert.Equal(0u, ZstdNative.ZSTD_isError(packedLength));
            Assert.True(packedLength < (nuint)source.Length / 10, $"{packedLength} of {source.Length}");
            Assert.Equal((nuint)source.Length, ZstdNative.ZSTD_decompress(output, (nuint)restored.Length, packed, packedLength));
        }

        Assert.Equal(source, restored);
    }

    [Fact]
    public void Curl_version_info_agrees_with_its_version_number()
    {
        CurlVersionInfoData* info = CurlNative.curl_version_info(CURLversion.Tenth);
        Assert.True(info is not null);
        Assert.True(info->age >= CURLversion.Tenth, $"age {info->age}");
        uint number = info->version_num;
        Assert.StartsWith($"{number >> 16}.{(number >> 8) & 0xFF}.{number & 0xFF}", Utf8(info->version), StringComparison.Ordinal);
    }

    [Fact]
    public void Xml2_reads_a_document_from_memory_and_finds_its_root()
    {
        const string Document = "<greeting lang='en'><to>world</to></greeting>";
        XmlDoc* document = Xml2Native.xmlReadMemory(Document, Document.Length, "memory.xml", null, 0);
        Assert.True(document is not null);
        try
        {
            XmlNode* root = Xml2Native.xmlDocGetRootElement(document);
            Assert.Equal("greeting", Utf8(root->name));
            Assert.Equal("to", Utf8(root->children->name));
        }
        finally
        {
            Xml2Native.xmlFreeDoc(document);
        }
    }

    [Fact]
    public void Yaml_parser_gives_the_events_of_a_mapping()
    {
        byte[] input = "key: [1, two]\n"u8.ToArray();
        var events = new List<string>();
        YamlParser parser;
        Assert.Equal(1, YamlNative.yaml_parser_initialize(&parser));
        fixed (byte* text = input)
        {
            YamlNative.yaml_parser_set_input_string(&parser, text, (nuint)input.Length);
            YamlEventType type;
            do
            {
                YamlEvent parsed;
                Assert.Equal(1, YamlNative.yaml_parser_parse(&parser, &parsed));
                type = parsed.type;
                events.Add(type == YamlEventType.ScalarEvent ? "=" + Utf8(parsed.data.scalar.@value) : type.ToString());
                YamlNative.yaml_event_delete(&parsed);
            }
            while (type != YamlEventType.StreamEndEvent);
        }

        YamlNative.yaml_parser_delete(&parser);
        Assert.Equal(
            ["StreamStartEvent", "DocumentStartEvent", "MappingStartEvent", "=key", "SequenceStartEvent", "=1", "=two", "SequenceEndEvent", "MappingEndEvent", "DocumentEndEvent", "StreamEndEvent"],
            events);
    }

    [Fact]
    public void Sodium_generichash_of_the_empty_message()
    {
        Assert.True(SodiumNative.sodium_init() >= 0);
        byte* hash = stackalloc byte[32];
        Assert.Equal(0, SodiumNative.crypto_generichash(hash, 32, null, 0, null, 0));

        // BLAKE2b-256 of no bytes.
        Assert.Equal("0E5751C026E543B2E8AB2EB06099DAA1D1E5DF47778F7787FAAB45CDF12FE3A8", Convert.ToHexString(new ReadOnlySpan<byte>(hash, 32)));
    }

    [Fact]
    public void Sqlite3_answers_a_query_in_memory()
    {
        Sqlite3.Sqlite3* database;
        Assert.Equal(Sqlite3Native.SQLITE_OK, Sqlite3Native.sqlite3_open(":memory:", &database));
        try
        {
            Sqlite3Stmt* statement;
            Assert.Equal(Sqlite3Native.SQLITE_OK, Sqlite3Native.sqlite3_prepare_v2(database, "SELECT 6 * 7", -1, &statement, null));
            Assert.Equal(Sqlite3Native.SQLITE_ROW, Sqlite3Native.sqlite3_step(statement));
            Assert.Equal(42, Sqlite3Native.sqlite3_column_int(statement, 0));
            Assert.Equal(Sqlite3Native.SQLITE_OK, Sqlite3Native.sqlite3_finalize(statement));
        }
        finally
        {
            Assert.Equal(Sqlite3Native.SQLITE_OK, Sqlite3Native.sqlite3_close(database));
        }
    }

    [Fact]
    public void Uuid_parses_and_unparses_the_same_text()
    {
        const string Text = "f81d4fae-7dec-11d0-a765-00a0c91e6bf6";
        byte* uuid = stackalloc byte[16];
        byte* text = stackalloc byte[37];
        Assert.Equal(0, UuidNative.uuid_parse(Text, uuid));
        Assert.Equal(0xF8, uuid[0]);
        Assert.Equal(0xF6, uuid[15]);
        UuidNative.uuid_unparse_lower(uuid, text);
        Assert.Equal(Text, Utf8(text));
    }
}
