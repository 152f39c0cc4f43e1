using System.Collections.Immutable;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace StretchBindings.Tests.Shared;

/// <summary>
/// The testing framework's checks as xunit assertions, so that a failure reads as one (with the
/// framework's context lines, such as "Diagnostics of fixed state", in front of the message).
/// </summary>
public sealed class XunitVerifier : DefaultVerifier
{
    public XunitVerifier()
    {
    }

    private XunitVerifier(ImmutableStack<string> context)
        : base(context)
    {
    }

    public override IVerifier PushContext(string context) => new XunitVerifier(Context.Push(context));

    public override void Empty<T>(string collectionName, IEnumerable<T> collection) =>
        Assert.True(!collection.Any(), CreateMessage($"'{collectionName}' is not empty"));

    public override void NotEmpty<T>(string collectionName, IEnumerable<T> collection) =>
        Assert.True(collection.Any(), CreateMessage($"'{collectionName}' is empty"));

    public override void Equal<T>(T expected, T actual, string? message = null)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            Assert.Fail(CreateMessage(message ?? $"expected '{expected}', actual '{actual}'"));
        }
    }

    public override void True([DoesNotReturnIf(false)] bool assert, string? message = null) =>
        Assert.True(assert, CreateMessage(message ?? "expected true"));

    public override void False([DoesNotReturnIf(true)] bool assert, string? message = null) =>
        Assert.False(assert, CreateMessage(message ?? "expected false"));

    [DoesNotReturn]
    public override void Fail(string? message = null)
    {
        Assert.Fail(CreateMessage(message ?? "verification failed"));
        throw new UnreachableException();
    }

    public override void SequenceEqual<T>(IEnumerable<T> expected, IEnumerable<T> actual, IEqualityComparer<T>? equalityComparer = null, string? message = null)
    {
        if (!expected.SequenceEqual(actual, equalityComparer ?? EqualityComparer<T>.Default))
        {
            Assert.Fail(CreateMessage(message ?? "the sequences differ"));
        }
    }
}
