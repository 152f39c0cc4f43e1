using System.Text.RegularExpressions;

namespace StretchBindings.Native.Tests;

public class LifetimeTests
{
    [Fact]
    public void Version_is_major_minor_patch()
    {
        Assert.Matches(new Regex(@"^\d+\.\d+\.\d+$"), NativeMethods.Version());
    }

    [Fact]
    public void Version_is_a_static_string()
    {
        Assert.Equal(NativeMethods.VersionPtr(), NativeMethods.VersionPtr());
    }

    [Fact]
    public void Every_status_has_its_own_message()
    {
        StretchStatus[] all = Enum.GetValues<StretchStatus>();
        string[] messages = all.Select(NativeMethods.StatusMessage).ToArray();

        Assert.All(messages, message => Assert.False(string.IsNullOrWhiteSpace(message)));
        Assert.Equal(all.Length, messages.Distinct().Count());
        Assert.DoesNotContain("unknown status", messages);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(-7)]
    [InlineData(-1000)]
    [InlineData(int.MinValue)]
    [InlineData(int.MaxValue)]
    public void Unknown_status_gives_unknown_status(int code)
    {
        Assert.Equal("unknown status", NativeMethods.StatusMessage((StretchStatus)code));
    }

    [Theory]
    [InlineData(1, 8000.0, StretchPreset.Default)]
    [InlineData(2, 44100.0, StretchPreset.Default)]
    [InlineData(2, 48000.0, StretchPreset.Cheaper)]
    [InlineData(NativeMethods.MaxChannels, 192000.0, StretchPreset.Cheaper)]
    public void Create_reports_its_configuration_and_destroys(int channels, double sampleRate, StretchPreset preset)
    {
        using var instance = new Instance(channels, sampleRate, preset);

        Assert.Equal(channels, NativeMethods.Channels(instance.Handle));
        Assert.True(NativeMethods.InputLatency(instance.Handle) >= 0);
        Assert.True(NativeMethods.OutputLatency(instance.Handle) >= 0);
    }

    [Fact]
    public void Destroy_accepts_null()
    {
        NativeMethods.Destroy(IntPtr.Zero);
    }

    [Fact]
    public void Instances_are_independent()
    {
        using var mono = new Instance(1);
        using var stereo = new Instance(2);

        Assert.NotEqual(mono.Handle, stereo.Handle);
        Assert.Equal(1, NativeMethods.Channels(mono.Handle));
        Assert.Equal(2, NativeMethods.Channels(stereo.Handle));
    }

    [Fact]
    public void Configuration_calls_succeed_on_a_live_instance()
    {
        using var instance = new Instance();

        Assert.Equal(StretchStatus.Ok, NativeMethods.SetTransposeSemitones(instance.Handle, 0));
        Assert.Equal(StretchStatus.Ok, NativeMethods.SetTransposeSemitones(instance.Handle, NativeMethods.MaxSemitones));
        Assert.Equal(StretchStatus.Ok, NativeMethods.SetTransposeSemitones(instance.Handle, -NativeMethods.MaxSemitones));
        Assert.Equal(StretchStatus.Ok, NativeMethods.SetTransposeFactor(instance.Handle, 0.25));
        Assert.Equal(StretchStatus.Ok, NativeMethods.SetTransposeFactor(instance.Handle, 4.0));
        Assert.Equal(StretchStatus.Ok, NativeMethods.SetTransposeFactor(instance.Handle, 1.0));
        Assert.Equal(StretchStatus.Ok, NativeMethods.SetFormantPreservation(instance.Handle, 1));
        Assert.Equal(StretchStatus.Ok, NativeMethods.SetFormantPreservation(instance.Handle, 0));
        Assert.Equal(StretchStatus.Ok, NativeMethods.Reset(instance.Handle));
    }
}
