namespace StretchCli;

/// <summary>A failure already described for the user in one line: what was being done and why it failed.</summary>
public sealed class CliException : Exception
{
    /// <summary>Creates the exception with a user-facing message.</summary>
    public CliException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// Runs <paramref name="action"/>; any failure becomes a <see cref="CliException"/> reading
    /// "<paramref name="what"/>: reason", so the user sees one line and never a stack trace.
    /// </summary>
    public static T Wrap<T>(string what, Func<T> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            return action();
        }
        catch (Exception e) when (e is not CliException)
        {
            throw new CliException($"{what}: {Describe(e)}", e);
        }
    }

    /// <summary>One line saying why <paramref name="exception"/> happened.</summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        string message = exception switch
        {
            // Already written for users.
            CliException or Wav.WavFormatException or IOException or UnauthorizedAccessException => exception.Message,
            StretchBindings.StretchException => $"stretching failed: {exception.Message}",
            OutOfMemoryException => "not enough memory",
            _ => $"{exception.GetType().Name}: {exception.Message}",
        };

        // Some framework messages span lines; the user gets one.
        return string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
