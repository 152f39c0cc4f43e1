using System;
using System.Diagnostics.CodeAnalysis;

namespace StretchBindings.Interop;

/// <summary>
/// Thrown by generated <see cref="NotThreadSafeAttribute"/> types when a second thread calls an
/// instance that is already in use. Kept out of line so the guard in each call stays small.
/// </summary>
public static class ConcurrentUse
{
    /// <summary>Throws the <see cref="InvalidOperationException"/> for concurrent use of <paramref name="typeName"/>.</summary>
    [DoesNotReturn]
    public static void Throw(string typeName) =>
        throw new InvalidOperationException(
            $"This {typeName} is being used by another thread. An instance may move between threads but must not be used by two at once.");
}
