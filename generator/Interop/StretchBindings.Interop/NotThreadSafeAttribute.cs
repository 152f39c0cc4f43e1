using System;

namespace StretchBindings.Interop;

/// <summary>
/// An instance of this type may move between threads but must never be used by two threads at once
/// (the header's <c>single_threaded</c> annotation). Analyzers read this attribute by its full name;
/// generated types also guard every call so that concurrent use throws
/// <see cref="InvalidOperationException"/> instead of corrupting native memory.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = true)]
public sealed class NotThreadSafeAttribute : Attribute
{
}
