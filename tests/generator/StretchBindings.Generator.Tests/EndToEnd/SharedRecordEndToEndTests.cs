using StretchBindings.Generator.Tests.Native.Shared;

namespace StretchBindings.Generator.Tests.EndToEnd;

/// <summary>
/// Manifests/alarms.h and meters.h, scanned while this assembly builds into one namespace, both hold
/// <c>struct timeval</c> and <c>struct tm</c> by value: the assembly compiles (a second declaration would
/// be CS0101), both structs use the one declaration, and the layout check that ran at load agreed with C.
/// </summary>
public sealed unsafe class SharedRecordEndToEndTests
{
    [Fact]
    public void Both_bindings_hold_the_one_declaration_of_each_system_struct()
    {
        Assert.Equal(typeof(Timeval), typeof(AlarmEntry).GetField("due")!.FieldType);
        Assert.Equal(typeof(Timeval), typeof(MeterReading).GetField("taken")!.FieldType);
        Assert.Equal(typeof(Tm), typeof(AlarmEntry).GetField("calendar")!.FieldType);
        Assert.Equal(typeof(Tm), typeof(MeterReading).GetField("local")!.FieldType);
        Assert.Single(typeof(Timeval).Assembly.GetTypes(), t => t.Name == nameof(Timeval) && t.Namespace == typeof(AlarmEntry).Namespace);
    }

    [Fact]
    public void The_shared_structs_have_the_C_layout()
    {
        // glibc x86-64 and arm64: two 8-byte fields; nine ints, a long and a pointer.
        Assert.Equal(16, sizeof(Timeval));
        Assert.Equal(56, sizeof(Tm));
        Alarms.LayoutCheck.Verify();
        Meters.LayoutCheck.Verify();
    }

    [Fact]
    public void Each_library_call_takes_the_shared_structs()
    {
        var entry = new AlarmEntry { calendar = new Tm { tm_year = 100, tm_mday = 1 } };
        Assert.Equal(946684800L, (long)Alarms.timegm(&entry.calendar).Value);

        var reading = new MeterReading();
        Assert.Equal(0, Meters.gettimeofday(&reading.taken, null));
        Assert.True(reading.taken.tv_sec.Value > 1_600_000_000, $"tv_sec {reading.taken.tv_sec.Value}");
        Assert.InRange((long)reading.taken.tv_usec.Value, 0, 999_999);
    }
}
