using System.Reflection;
using SidecarBindings.Sqlite;
using SidecarBindings.Zstd;
using StretchBindings.Interop;

namespace StretchBindings.Samples.Tests;

/// <summary>
/// What samples/SidecarBindings' sidecars say beyond handles and buffers: status results with their
/// success values and message functions (typed exceptions carrying the library's own message), an
/// error predicate (zstd), a UTF-8 result, and renames. Each is called for real.
/// </summary>
public sealed class SidecarStatusTests
{
    [Fact]
    public void Sqlite_opening_a_bad_path_throws_its_typed_exception_with_sqlites_message()
    {
        string path = Path.Combine(Path.GetTempPath(), "no-such-folder-" + Guid.NewGuid().ToString("N"), "x.db");

        SqliteException error = Assert.Throws<SqliteException>(() => new Sqlite3(path));

        Assert.Equal(14, error.Status); // SQLITE_CANTOPEN
        Assert.Equal(14L, error.StatusCode);
        Assert.Equal("sqlite3_open", error.Function);
        Assert.Equal("unable to open database file", error.Message);
        Assert.IsAssignableFrom<NativeStatusException>(error);
    }

    [Fact]
    public unsafe void Sqlite_a_syntax_error_throws_and_a_good_statement_steps_through_its_success_values()
    {
        using var db = new Sqlite3(":memory:");

        SqliteException error = Assert.Throws<SqliteException>(() => new SqliteStatement(db.Handle.Pointer, "SELEC 1", -1, null));
        Assert.Equal(1, error.Status); // SQLITE_ERROR
        Assert.Equal("sqlite3_prepare_v2", error.Function);
        Assert.Equal("SQL logic error", error.Message);

        // Success is ROW (100) or DONE (101): both come back as the result, neither throws.
        using var statement = new SqliteStatement(db.Handle.Pointer, "SELECT 'grüß dich, 世界'", -1, null);
        Assert.Equal(100, statement.Step());
        Assert.Equal("grüß dich, 世界", statement.ColumnText(0));
        Assert.Equal(101, statement.Step());
    }

    [Fact]
    public unsafe void Sqlite_a_failing_step_throws_with_the_code_of_the_failure()
    {
        using var db = new Sqlite3(":memory:");
        using (var create = new SqliteStatement(db.Handle.Pointer, "CREATE TABLE t(x INTEGER PRIMARY KEY)", -1, null))
        {
            Assert.Equal(101, create.Step());
        }

        using (var insert = new SqliteStatement(db.Handle.Pointer, "INSERT INTO t VALUES (1)", -1, null))
        {
            Assert.Equal(101, insert.Step());
        }

        using var again = new SqliteStatement(db.Handle.Pointer, "INSERT INTO t VALUES (1)", -1, null);
        SqliteException error = Assert.Throws<SqliteException>(() => again.Step());
        Assert.Equal(19, error.Status); // SQLITE_CONSTRAINT
        Assert.Equal("sqlite3_step", error.Function);
        Assert.Equal("constraint failed", error.Message);
    }

    [Fact]
    public unsafe void Zstd_decompressing_garbage_throws_with_zstds_error_name_and_a_good_frame_returns_its_size()
    {
        byte[] garbage = "this is not a zstd frame at all"u8.ToArray();
        byte[] output = new byte[256];
        using var context = new ZSTDDCtx();

        ZstdException error = Assert.Throws<ZstdException>(() =>
        {
            fixed (byte* destination = output)
            fixed (byte* source = garbage)
            {
                context.Decompress(destination, (nuint)output.Length, source, (nuint)garbage.Length);
            }
        });
        Assert.Equal("Unknown frame descriptor", error.Message);
        Assert.Equal("ZSTD_decompressDCtx", error.Function);
        Assert.True(ZstdException.IsError(error.Status));
        Assert.Equal(1u, Zstd.ZSTD_isError(error.Status));

        // A real frame: the checked call gives the size back.
        byte[] text = "sidecar sidecar sidecar sidecar"u8.ToArray();
        byte[] frame = new byte[(int)Zstd.ZSTD_compressBound((nuint)text.Length)];
        using var compressor = new ZSTDCCtx();
        nuint written;
        nuint restored;
        fixed (byte* destination = frame)
        fixed (byte* source = text)
        {
            written = compressor.Compress(destination, (nuint)frame.Length, source, (nuint)text.Length, 3);
        }

        fixed (byte* destination = output)
        fixed (byte* source = frame)
        {
            restored = context.Decompress(destination, (nuint)output.Length, source, written);
        }

        Assert.Equal((nuint)text.Length, restored);
        Assert.Equal(text, output.AsSpan(0, (int)restored).ToArray());
    }

    [Fact]
    public void The_sidecars_status_utf8_and_renames_shape_the_generated_api()
    {
        // A single success value gives nothing back; several, or an error predicate, give the result.
        Assert.Equal(typeof(int), typeof(SqliteStatement).GetMethod("Step")!.ReturnType);
        Assert.Equal(typeof(nuint), typeof(ZSTDDCtx).GetMethod("Decompress")!.ReturnType);
        Assert.Equal(typeof(void), typeof(Sqlite3).GetMethod("PrepareV2")!.ReturnType);

        // sqlite3_column_text returns 'const unsigned char*', which only the sidecar's utf8_result makes a string.
        Assert.Equal(typeof(string), typeof(SqliteStatement).GetMethod("ColumnText")!.ReturnType);

        // Renames: the function in the raw class and the member, the type, the parameter.
        Assert.NotNull(typeof(Sqlite).GetMethod("Step"));
        Assert.Null(typeof(Sqlite).GetMethod("sqlite3_step"));
        Assert.Null(typeof(ZSTDDCtx).GetMethod("ZSTDDecompressDCtx"));
        Assert.Null(typeof(Sqlite).Assembly.GetType("SidecarBindings.Sqlite.Sqlite3Stmt"));
        ParameterInfo[] parameters = typeof(SqliteStatement).GetConstructors().Single(c => c.GetParameters().Length == 4).GetParameters();
        Assert.Equal(["db", "sql", "nByte", "pzTail"], parameters.Select(p => p.Name));
        Assert.Equal(typeof(string), parameters[1].ParameterType);

        // The exception of each library carries its status as the message function's parameter type.
        Assert.Equal(typeof(int), typeof(SqliteException).GetProperty("Status")!.PropertyType);
        Assert.Equal(typeof(nuint), typeof(ZstdException).GetProperty("Status")!.PropertyType);
        Assert.Null(typeof(SqliteException).GetMethod("IsError"));
    }
}
