namespace StretchBindings.Scanner.Clang;

/// <summary>
/// libclang, or the builtin headers that come with it, could not be found. The message is one line
/// that names what to install; it is meant to be shown as it is, without a stack trace.
/// </summary>
public sealed class LibClangNotFoundException : Exception
{
    public LibClangNotFoundException(string message)
        : base(message)
    {
    }

    public LibClangNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
