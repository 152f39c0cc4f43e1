using System;

namespace StretchBindings.Interop;

/// <summary>
/// A native call returned an error status. Generated bindings derive one exception type per status
/// enum, which carries the typed status; this base type lets callers handle every library alike.
/// </summary>
public abstract class NativeStatusException : Exception
{
    /// <summary>Creates the exception from the status code and the library's message for it.</summary>
    /// <param name="statusCode">The status, as its integer value.</param>
    /// <param name="message">The library's description of the status.</param>
    /// <param name="function">The native function that returned the status.</param>
    protected NativeStatusException(long statusCode, string message, string function)
        : base(message)
    {
        StatusCode = statusCode;
        Function = function;
    }

    /// <summary>The status, as its integer value.</summary>
    public long StatusCode { get; }

    /// <summary>The native function that returned the status.</summary>
    public string Function { get; }
}
