namespace StretchBindings.Tests.Shared;

/// <summary>Simple measures of audio the tests compare.</summary>
internal static class SignalMeasures
{
    /// <summary>Sign changes between neighbouring samples: twice the frequency of a clean tone, per sample.</summary>
    public static int ZeroCrossings(ReadOnlySpan<float> samples)
    {
        int count = 0;
        for (int i = 1; i < samples.Length; i++)
        {
            if ((samples[i - 1] < 0) != (samples[i] < 0))
            {
                count++;
            }
        }

        return count;
    }
}
