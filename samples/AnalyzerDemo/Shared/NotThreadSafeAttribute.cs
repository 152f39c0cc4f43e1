namespace StretchBindings.Interop;

/// <summary>
/// Marks a type whose instances must never be used by two threads at once. The StretchBindings analyzers
/// match it by its full name, so a library can declare its own copy, as this sample does.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = true)]
public sealed class NotThreadSafeAttribute : Attribute
{
}
