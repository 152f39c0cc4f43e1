namespace StretchCli.CommandLine;

/// <summary>A command line that cannot be run; the message says what is wrong in one line.</summary>
public sealed class UsageException : Exception
{
    /// <summary>Creates the exception with a user-facing message.</summary>
    public UsageException(string message)
        : base(message)
    {
    }
}
