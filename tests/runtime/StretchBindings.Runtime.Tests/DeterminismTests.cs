namespace StretchBindings.Runtime.Tests;

/// <summary>The same input and configuration give bit-identical output, call after call, run after run.</summary>
public sealed class DeterminismTests
{
    [Theory]
    [InlineData(StretchPreset.Default, 1.25, 3.0)]
    [InlineData(StretchPreset.Cheaper, 0.8, -5.0)]
    [InlineData(StretchPreset.Default, 1.0, 0.0)]
    public void Repeated_renders_on_one_instance_are_bit_identical(StretchPreset preset, double tempo, double semitones)
    {
        float[] input = TestSignals.Music(2, 44100, 1.0);
        using var stretch = new Stretch(2, 44100, preset);
        stretch.SetTransposeSemitones(semitones);

        float[] first = stretch.Render(input, tempo);
        float[] second = stretch.Render(input, tempo);

        Assert.True(TestSignals.HasSignal(first));
        Assert.True(TestSignals.BitIdentical(first, second));
    }

    [Fact]
    public void A_new_instance_gives_the_same_bits_as_an_old_one()
    {
        float[] input = TestSignals.Music(2, 48000, 0.7);
        float[] reference;
        using (var stretch = new Stretch(2, 48000))
        {
            stretch.SetTransposeSemitones(2);
            // Some unrelated work first: Render resets, so it must not matter.
            stretch.Render(TestSignals.Music(2, 48000, 0.3, seed: 5), 0.5);
            reference = stretch.Render(input, 1.1);
        }

        float[] fresh = Stretch.Render(input, 2, 48000, tempo: 1.1, semitones: 2);

        Assert.True(TestSignals.BitIdentical(reference, fresh));
    }

    [Fact]
    public void Streaming_in_blocks_equals_one_call_when_every_block_keeps_the_ratio()
    {
        float[] input = TestSignals.Music(2, 44100, 0.6);
        int frames = input.Length / 2;
        float[] whole = new float[input.Length];
        using (var stretch = new Stretch(2, 44100))
        {
            stretch.Process(input, whole);
        }

        var blocks = new float[input.Length];
        using (var stretch = new Stretch(2, 44100))
        {
            foreach (int block in new[] { 17, 512, 4096 })
            {
                stretch.Reset();
                for (int start = 0; start < frames; start += block)
                {
                    int length = Math.Min(block, frames - start) * 2;
                    stretch.Process(input.AsSpan(start * 2, length), blocks.AsSpan(start * 2, length));
                }

                Assert.True(TestSignals.BitIdentical(whole, blocks), $"blocks of {block} frames");
            }
        }
    }
}
