namespace StretchCli.Wav;

/// <summary>
/// A WAV file that is malformed, truncated or in a format this program does not handle. The message is a
/// single line meant for the user.
/// </summary>
public sealed class WavFormatException : Exception
{
    /// <summary>Creates the exception with a user-facing message.</summary>
    public WavFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a user-facing message and its cause.</summary>
    public WavFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
