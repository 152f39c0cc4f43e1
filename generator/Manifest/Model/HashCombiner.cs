namespace StretchBindings.Manifest;

/// <summary>Order-dependent hash combination (netstandard2.0 has no System.HashCode).</summary>
internal static class HashCombiner
{
    public static int Combine(int seed, int value)
    {
        unchecked
        {
            return (seed * -1521134295) + value;
        }
    }
}
